# e-Kinerja: the two commands.
#   make run    set up, build the SPA and the server, serve on 127.0.0.1:8080 (PORT changes it)
#   make test   set up and run every check and test
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
CARGO_TARGET_DIR ?= $(CURDIR)/target
export CARGO_TARGET_DIR
PORT ?= 8080
SERVER := $(CARGO_TARGET_DIR)/release/ekinerja

.PHONY: help run test tools tools-browser tools-contract tools-smtp spa server fmt-check layers clippy test-native test-wasm-check size \
	test-browser test-contract test-offline-soak \
	bench bench-domain bench-import bench-api bench-upload bench-keystroke bench-offline bench-unit bench-pdf

help:
	@echo "make run   — start e-Kinerja with the embedded SQLite and demo data"
	@echo "make test  — every check and test (PostgreSQL too when it answers; required with CI=true)"
	@echo "make bench — every benchmark (figures, never pass/fail); or bench-domain, bench-import, bench-api, bench-upload, bench-keystroke, bench-offline, bench-unit, bench-pdf"

tools:
	@scripts/tools.sh build

tools-browser:
	@scripts/tools.sh browser

tools-contract:
	@scripts/tools.sh contract

tools-smtp:
	@scripts/tools.sh smtp

# Four wasm builds (app/src/page.rs `Bundle`), so that no first load carries
# a page it does not show: the home build at the root (sign-in, dashboard,
# account), the SKP editor under /skp/, the penilai's under /penilai/, the
# admin console under /admin/ (see scripts/build-spa.sh).
spa: tools
	scripts/build-spa.sh

server:
	cargo build --release -p server --locked

# DEMO_TAHAP=penilaian (the year ended: rate the unit) or tanda-tangan (rated
# and finalised: sign the documents) starts the demo's year at that stage,
# the server's clock on 5 January of the next year (a new database: data/ is
# seeded only when empty; DATABASE_URL picks another file).
DEMO_TAHAP ?= berjalan
run: spa server
	PORT=$(PORT) $(SERVER) serve --dist dist --demo-kegiatan --demo-tahap $(DEMO_TAHAP)

fmt-check:
	cargo fmt --all --check

# The server's modules point one way (routes → auth / idempotency → db → domain): no cycle, no HTTP in db.
layers:
	scripts/module-deps.sh >/dev/null

clippy:
	cargo clippy --workspace --all-targets --locked -- -D warnings

# The e-mail test reads what a real SMTP server (aiosmtpd) received.
test-native: tools-smtp
	scripts/test-native.sh

test-wasm-check:
	cargo check -p domain --target wasm32-unknown-unknown --locked

size: spa
	node scripts/bundle-size.mjs dist

test-browser: tools-browser spa server
	EKINERJA_SERVER=$(SERVER) node --test --test-concurrency=1 tests/browser/

# The offline soak at full length (make test runs 50 of its cycles): 1,000
# seeded cycles of going offline, lost sync answers, killed browsers and
# servers, two tabs; prints what was lost or applied twice (must be none).
test-offline-soak: tools-browser spa server
	EKINERJA_SERVER=$(SERVER) SOAK_CYCLES=$${SOAK_CYCLES:-1000} node --test tests/browser/soak.test.mjs

# The API fuzzed against its own OpenAPI document (schemathesis), bounded: about a minute.
test-contract: tools-contract server
	EKINERJA_SERVER=$(SERVER) scripts/contract-test.sh

test: tools fmt-check layers clippy test-native test-wasm-check size test-contract test-browser
	@echo "make test: semua pemeriksaan lulus / every check passed"

# Benchmarks print figures; none is a pass/fail gate.
bench: bench-domain bench-import bench-api bench-upload bench-keystroke bench-offline bench-unit bench-pdf size

bench-domain:
	cargo bench -p domain --bench rules

bench-import:
	scripts/bench-import.sh

bench-api:
	scripts/bench-api.sh

bench-upload:
	scripts/bench-upload.sh

bench-pdf:
	scripts/bench-pdf.sh

bench-keystroke: tools-browser spa server
	EKINERJA_SERVER=$(SERVER) node scripts/bench-keystroke.mjs

# The penilai's unit screen with 40 subordinates: a rating changed → predikat and distribution (budget p95 ≤ 16 ms at 4×).
bench-unit: tools-browser spa server
	EKINERJA_SERVER=$(SERVER) node scripts/bench-unit.mjs

bench-offline: tools-browser spa server
	EKINERJA_SERVER=$(SERVER) node scripts/bench-offline.mjs

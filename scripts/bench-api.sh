#!/usr/bin/env bash
# The API benchmark (DESIGN.md "Budgets"): reads against a bare axum JSON
# handler, durable writes against raw inserts, on SQLite and on PostgreSQL.
# Figures, never pass/fail. Loopback only; about two minutes.
#
#   scripts/bench-api.sh                 both backends (SQLite only when no PostgreSQL answers)
#   scripts/bench-api.sh sqlite          one backend
#   BENCH_SECS=10 BENCH_WARMUP_SECS=2 BENCH_CLIENTS=64 BENCH_PG_URL=postgres://… BENCH_DIR=/path
#
# The full output (with the demo accounts the server prints at start) is
# kept in target/bench-api.log; the table is printed here.
set -euo pipefail
cd "$(dirname "$0")/.."

export BENCH_PG_URL=${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432/test}
TARGET=${CARGO_TARGET_DIR:-target}

# Builds never overlap on a shared machine: take the cargo lock when flock exists.
LOCK=()
if command -v flock >/dev/null 2>&1; then
  LOCK=(flock "${CARGO_LOCK:-/tmp/cargo.lock}")
fi
"${LOCK[@]}" cargo build --release --locked -p server --example bench_api

if [ "$#" -gt 0 ]; then
  BACKENDS=("$@")
else
  BACKENDS=(sqlite)
  hostport=${BENCH_PG_URL#*://}
  hostport=${hostport#*@}
  hostport=${hostport%%/*}
  host=${hostport%%:*}
  port=${hostport##*:}
  [ "$port" = "$hostport" ] && port=5432
  if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
    BACKENDS+=(postgres)
  else
    echo "[bench] no PostgreSQL answers at $host:$port: SQLite only" >&2
  fi
fi

LOG=$TARGET/bench-api.log
echo "[bench] running ${BACKENDS[*]} (full output: $LOG)" >&2
status=0
"$TARGET/release/examples/bench_api" "${BACKENDS[@]}" >"$LOG" || status=$?
# Everything from the report's first line on.
awk '/^e-Kinerja API benchmark:/ { on = 1 } on' "$LOG"
if [ "$status" -ne 0 ]; then
  echo "[bench] bench_api failed (exit $status); see $LOG" >&2
fi
exit "$status"

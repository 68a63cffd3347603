#!/usr/bin/env bash
# Installs what the build needs, from the package registries only, and skips
# every step whose tool is already there at the right version.
#   scripts/tools.sh build    wasm target, trunk, wasm-bindgen-cli, npm packages
#   scripts/tools.sh browser  + Debian's Chromium and ChromeDriver
#   scripts/tools.sh contract schemathesis (PyPI) in .tools/st, for scripts/contract-test.sh
#   scripts/tools.sh smtp     aiosmtpd (PyPI) in .tools/smtp, the SMTP server the e-mail test reads
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must print exactly the version Cargo.lock pins.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3; exit}' Cargo.lock)
say() { printf '\033[1m[tools]\033[0m %s\n' "$*"; }

ensure_wasm_target() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "wasm32-unknown-unknown: present"
  else
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_cargo_tool() { # name version binary [--locked]
  local crate=$1 version=$2 bin=$3 locked=${4:-}
  if command -v "$bin" >/dev/null 2>&1 && "$bin" --version 2>/dev/null | grep -q " $version\$\| $version "; then
    say "$bin $version: present"
  else
    say "installing $crate $version from crates.io (a few minutes, once)"
    cargo install "$crate" --version "$version" $locked
  fi
}

ensure_npm() {
  if [ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/terser ] && [ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] && [ -d node_modules/workbox-build ] \
     && [ -f node_modules/.package-lock.json ] && ! [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "npm packages: present"
  else
    say "installing npm packages (binaryen's wasm-opt, terser, workbox-build, playwright-core, axe-core)"
    npm ci --no-audit --no-fund
  fi
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    say "chromium: present ($(/usr/bin/chromium --version 2>/dev/null | head -1))"
  else
    say "installing Debian's chromium and chromium-driver"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
}

make_venv() { # dir
  if ! python3 -m venv "$1" 2>/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$1"
  fi
}

SCHEMATHESIS_VERSION=4.32.5
ensure_schemathesis() {
  if [ -x .tools/st/bin/st ] && .tools/st/bin/st --version 2>/dev/null | grep -q " $SCHEMATHESIS_VERSION\$"; then
    say "schemathesis $SCHEMATHESIS_VERSION: present"
  else
    say "installing schemathesis $SCHEMATHESIS_VERSION from PyPI into .tools/st"
    make_venv .tools/st
    .tools/st/bin/pip install -q "schemathesis==$SCHEMATHESIS_VERSION"
  fi
}

# server/tests/api/email.rs runs .tools/smtp/bin/python -m aiosmtpd.
AIOSMTPD_VERSION=1.4.6
ensure_aiosmtpd() {
  if [ -x .tools/smtp/bin/python ] && .tools/smtp/bin/python -c "import aiosmtpd, sys; sys.exit(aiosmtpd.__version__ != '$AIOSMTPD_VERSION')" 2>/dev/null; then
    say "aiosmtpd $AIOSMTPD_VERSION: present"
  else
    say "installing aiosmtpd $AIOSMTPD_VERSION from PyPI into .tools/smtp"
    make_venv .tools/smtp
    .tools/smtp/bin/pip install -q "aiosmtpd==$AIOSMTPD_VERSION"
  fi
}

# server/tests/api/pdf.rs reads the PDFs' text with pdftotext (Debian's poppler-utils).
ensure_poppler() {
  if command -v pdftotext >/dev/null 2>&1; then
    say "poppler-utils: present ($(pdftotext -v 2>&1 | head -1))"
  else
    say "installing Debian's poppler-utils (pdftotext, pdftoppm)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq poppler-utils >/dev/null
  fi
}

if [ "${1:-build}" = contract ]; then
  ensure_schemathesis
  exit 0
fi
if [ "${1:-build}" = smtp ]; then
  # What the native tests run besides cargo: the SMTP sink and pdftotext.
  ensure_aiosmtpd
  ensure_poppler
  exit 0
fi

ensure_wasm_target
ensure_cargo_tool trunk "$TRUNK_VERSION" trunk --locked
# Without --locked: its own lock file pins a crate version the registry no longer serves.
ensure_cargo_tool wasm-bindgen-cli "$WASM_BINDGEN_VERSION" wasm-bindgen
ensure_npm
if [ "${1:-build}" = browser ]; then
  ensure_chromium
fi

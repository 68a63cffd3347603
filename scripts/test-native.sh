#!/usr/bin/env bash
# cargo test for the workspace on SQLite, and on PostgreSQL when a server
# answers (required, not skipped, when CI=true).
set -euo pipefail
cd "$(dirname "$0")/.."

PG_URL=${EKINERJA_TEST_PG:-postgres://postgres@127.0.0.1:5432/test}
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  export EKINERJA_TEST_PG=$PG_URL
  echo "[test] PostgreSQL answers: the server tests run on SQLite and on PostgreSQL"
elif [ "${CI:-}" = true ]; then
  echo "[test] CI=true but no PostgreSQL answers on 127.0.0.1:5432: failing" >&2
  exit 1
else
  unset EKINERJA_TEST_PG
  echo "[test] no PostgreSQL on 127.0.0.1:5432: the server tests run on SQLite only"
fi
cargo test --workspace --locked

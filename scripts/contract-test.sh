#!/usr/bin/env bash
# The API against its own OpenAPI document, fuzzed by schemathesis (PyPI):
# the release server on a fresh SQLite with the demo data, then three runs
# (no session, a pegawai's, an admin's), each bounded by --max-examples.
# Fails on any 5xx, any answer the document does not declare (status, content
# type, body schema, headers) and any request the document forbids that the
# server accepts. Reports go to artifacts/contract/.
#   EKINERJA_SERVER  the release binary (target/release/ekinerja)
#   ST_MAX_EXAMPLES  examples per operation and phase (25)
#   ST_SEED          the generator's seed (fixed by default: the same run each time)
set -euo pipefail
cd "$(dirname "$0")/.."

SERVER=${EKINERJA_SERVER:-target/release/ekinerja}
ST=.tools/st/bin/st
MAX=${ST_MAX_EXAMPLES:-25}
SEED=${ST_SEED:-20261206}
OUT=artifacts/contract
mkdir -p "$OUT"
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
# Sign-in throttling stays on, with limits a fuzzer's wrong passwords do not reach.
DATABASE_URL="sqlite://$tmp/contract.db" EKINERJA_SECRET_FILE="$tmp/secret" LOG_FORMAT=json RUST_LOG=warn \
  EKINERJA_LOGIN_MAX_FAILURES_ACCOUNT=100000 EKINERJA_LOGIN_MAX_FAILURES_ADDRESS=100000 \
  "$SERVER" serve --port "$port" --dist /nonexistent-dist > "$OUT/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  curl -fsS "$base/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "$base/api/v1/health" >/dev/null

checks=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance,negative_data_rejection
status=0
run() { # name [nip]
  local name=$1 nip=${2:-} args=()
  export EKINERJA_ST_SESI=
  if [ -n "$nip" ]; then
    local login
    login=$(curl -fsS -i -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
      -d "{\"nip\":\"$nip\",\"password\":\"demo-ekinerja\"}")
    EKINERJA_ST_SESI=$(printf '%s' "$login" | tr -d '\r' | sed -n 's/^set-cookie: ekinerja_sesi=\([^;]*\).*/\1/Ip')
    local csrf
    csrf=$(printf '%s' "$login" | tail -1 | python3 -c 'import json, sys; print(json.load(sys.stdin)["csrf_token"])')
    # Signing out would end the session the rest of the run uses.
    args=(-H "X-CSRF-Token: $csrf" --exclude-path /api/v1/auth/logout)
  fi
  echo "[contract] $name: schemathesis, $MAX examples per operation, seed $SEED"
  if "$ST" --config-file tests/contract/schemathesis.toml run "$base/api/v1/openapi.json" \
      --checks "$checks" --max-examples "$MAX" --seed "$SEED" --no-color "${args[@]}" > "$OUT/$name.txt" 2>&1; then
    grep -E "^=+ .* in [0-9.]+s =+$" "$OUT/$name.txt" | tail -1 || true
  else
    status=1
    sed -n '/FAILURES/,$p' "$OUT/$name.txt"
  fi
}
run tanpa-sesi
run pegawai 198811232014022006
run admin 199003152015032004
if [ "$status" -ne 0 ]; then
  echo "[contract] schemathesis found responses that break the document (reports in $OUT/)" >&2
  exit 1
fi
echo "[contract] no 5xx, every answer as the document says"

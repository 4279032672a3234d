#!/usr/bin/env bash
# API conformance: schemathesis (property-based tests generated from the OpenAPI document)
# against a running `corroborate serve` on a free loopback port with a fresh store.
#
#   bash scripts/schemathesis.sh target/debug/corroborate [extra `st run` options]
#
# Builds nothing: takes the binary's path. Starts the server with a random token (sent on every
# request, so writes are exercised too), runs schemathesis on /api/v1/openapi.json with a
# bounded number of examples per operation and a fixed seed, stops the server, and exits
# non-zero on any failure: a 5xx answer, or a status code, content type, header or body the
# document does not describe. The server's log is printed when it fails.
#
# Needs schemathesis for python3, pinned: pip install schemathesis==4.32.5
# ST_EXAMPLES (default 40) sets the examples per operation; ST_SEED (default 1) the seed.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${1:?usage: scripts/schemathesis.sh PATH/TO/corroborate [st run options]}
shift
[ -x "$BIN" ] || { echo "schemathesis.sh: $BIN is not an executable" >&2; exit 2; }
python3 -m schemathesis.cli --version >/dev/null 2>&1 || { echo "schemathesis.sh: schemathesis is missing (pip install schemathesis==4.32.5)" >&2; exit 2; }
command -v curl >/dev/null || { echo "schemathesis.sh: curl is missing" >&2; exit 2; }

TMP=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
BASE="http://127.0.0.1:$PORT"
# A short health lag would make /healthz answer 503 while placement catches up; both answers
# are described, and 60 s (the default) keeps the run about the API, not the machine's load.
CORROBORATE_TOKEN=$TOKEN "$BIN" serve --db "$TMP/st.db" --addr "127.0.0.1:$PORT" 2>"$TMP/server.log" &
PID=$!
cleanup() {
  kill "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break
  kill -0 "$PID" 2>/dev/null || { cat "$TMP/server.log" >&2; exit 1; }
  sleep 0.1
done

status=0
# Run from the temporary directory: schemathesis keeps failures for `st replay` in .schemathesis/.
cd "$TMP"
# The checks: no server error; status codes, content types, headers and bodies as documented;
# bad input refused with a 4xx (negative_data_rejection) and documented input accepted.
python3 -m schemathesis.cli --config-file "$HERE/schemathesis.toml" run "$BASE/api/v1/openapi.json" \
  --header "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,negative_data_rejection,positive_data_acceptance \
  --max-examples "${ST_EXAMPLES:-40}" \
  --seed "${ST_SEED:-1}" \
  --generation-database none \
  --workers 2 \
  --request-timeout 30 \
  --no-color \
  "$@" || status=$?

if ! kill -0 "$PID" 2>/dev/null; then
  echo "schemathesis.sh: the server died during the run" >&2
  status=1
fi
if [ "$status" -ne 0 ]; then
  echo "--- server log (last 50 lines)" >&2
  tail -n 50 "$TMP/server.log" >&2
fi
exit "$status"

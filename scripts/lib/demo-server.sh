# Sourced by the scripts that test or measure a running server (api-check, browser-check, bench-http).
#
# start_demo_server BINARY NAME: runs `BINARY serve` on a new SQLite store in a temporary folder and a free port,
# waits until it has printed the demo log-ins, and stops it and removes the folder when the script exits. Sets
# $work (the folder, with demo-accounts.txt), $address (http://127.0.0.1:PORT) and $base ($address/api/v1).
# NAME prefixes the failure message.
#
# demo_token USER: signs USER in with the demo password and prints the bearer token.
# demo_session USER: the same, printing the bearer token and the session's CSRF token.
start_demo_server() {
  local binary="$1" name="$2"
  work="$(mktemp -d)"
  "$binary" serve --database "$work/vanban.sqlite" --port 0 >"$work/server.log" 2>&1 &
  demo_server=$!
  trap 'kill $demo_server 2>/dev/null || true; wait $demo_server 2>/dev/null || true; rm -rf "$work"' EXIT
  for _ in $(seq 1 120); do
    grep -q "vanthu" "$work/server.log" && break
    kill -0 $demo_server 2>/dev/null || { cat "$work/server.log" >&2; echo "$name: the server did not start" >&2; exit 1; }
    sleep 0.5
  done
  grep -q "vanthu" "$work/server.log" || { echo "$name: the server did not start within 60 s" >&2; exit 1; }
  address="$(grep -o 'http://127.0.0.1:[0-9]*' "$work/server.log" | head -1)"
  base="$address/api/v1"
}

demo_token() {
  demo_session "$1" | cut -d' ' -f1
}

# demo_session USER: signs USER in and prints "TOKEN CSRF_TOKEN" (forms posted with the token need the CSRF token).
demo_session() {
  local password; password="$(awk -v u="$1" '$1 == u { print $2 }' "$work/demo-accounts.txt")"
  curl -fsS -X POST "$base/session" -H 'content-type: application/json' \
    -d "{\"user\":\"$1\",\"password\":\"$password\"}" |
    python3 -c 'import json, sys; s = json.load(sys.stdin); print(s["token"], s["csrf_token"])'
}

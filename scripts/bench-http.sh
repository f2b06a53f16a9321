#!/usr/bin/env bash
# Load on loopback with wrk against a release `vanban serve` on a new SQLite store (issue 5's targets: JSON reads
# >= 2,000 requests/s and native previews >= 500/s on 2 cores, p99 under 50 ms). Prints wrk's report per target.
# Usage: scripts/bench-http.sh [seconds] [connections]   (defaults 15 and 32; wrk uses 2 threads)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}" connections="${2:-32}"
command -v wrk >/dev/null || { echo "bench-http: wrk is missing (apt-get install wrk)" >&2; exit 1; }
swift build -c release --product vanban --scratch-path .build-bench >/dev/null 2>&1
work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
.build-bench/release/vanban serve --database "$work/vanban.sqlite" --port "$port" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do grep -q "vanthu" "$work/server.log" && break; sleep 0.5; done
base="http://127.0.0.1:$port/api/v1"
password="$(awk '$1 == "canbo" { print $2 }' "$work/demo-accounts.txt")"
token="$(curl -fsS -X POST "$base/session" -H 'content-type: application/json' \
  -d "{\"user\":\"canbo\",\"password\":\"$password\"}" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"
# The demo's sample draft is document 1 (24 members).
for target in "documents/1" "documents" "documents/1/file"; do
  echo "== GET /api/v1/$target ($seconds s, $connections connections, 2 threads)"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$base/$target" |
    grep -E "Requests/sec|Transfer/sec|50%|99%|Non-2xx|Socket errors"
done

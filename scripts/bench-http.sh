#!/usr/bin/env bash
# Load on loopback with wrk against a release `vanban serve` on a new SQLite store (issue 5's targets: JSON reads
# >= 2,000 requests/s and native previews >= 500/s on 2 cores, p99 under 50 ms). Prints wrk's report per target.
# The last target is the founding form's preview: the ODT rendered from an unsaved 40-member form on every request
# (bench/http/preview_form.py writes the body, bench/http/preview.lua posts it).
# Usage: scripts/bench-http.sh [seconds] [connections]   (defaults 15 and 32; wrk uses 2 threads)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}" connections="${2:-32}"
command -v wrk >/dev/null || { echo "bench-http: wrk is missing (apt-get install wrk)" >&2; exit 1; }
swift build -c release --product vanban --scratch-path .build-bench >/dev/null 2>&1
source scripts/lib/demo-server.sh
start_demo_server .build-bench/release/vanban bench-http
read -r token csrf < <(demo_session canbo)
# The demo's sample draft is document 1 (24 members).
for target in "documents/1" "documents" "documents/1/file"; do
  echo "== GET /api/v1/$target ($seconds s, $connections connections, 2 threads)"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$base/$target" |
    grep -E "Requests/sec|Transfer/sec|50%|99%|Non-2xx|Socket errors"
done
echo "== POST /documents/new, op=preview, 40 members ($seconds s, $connections connections, 2 threads)"
boundary="vanbanbench$RANDOM"
python3 bench/http/preview_form.py "$csrf" "$boundary" "$work/preview.body"
status="$(curl -s -o "$work/preview.odt" -w '%{http_code}' -X POST "$address/documents/new" -H "Authorization: Bearer $token" \
  -H "Content-Type: multipart/form-data; boundary=$boundary" --data-binary @"$work/preview.body")"
[ "$status" = 200 ] || { echo "bench-http: the preview answered $status" >&2; exit 1; }
PREVIEW_BODY="$work/preview.body" PREVIEW_BOUNDARY="$boundary" PREVIEW_TOKEN="$token" \
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/http/preview.lua "$address/documents/new" |
  grep -E "Requests/sec|Transfer/sec|50%|99%|Non-2xx|Socket errors"

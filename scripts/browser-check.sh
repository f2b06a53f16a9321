#!/usr/bin/env bash
# The web story in a real browser: Debian's chromium and chromium-driver, driven by selenium (PyPI), against a
# fresh `vanban serve` (Tests/Browser/story.py). Screenshots of every step go to out/browser/ (override with
# BROWSER_SHOTS); look at them. Without chromium or selenium, by hand, it skips with a reason; in CI it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
in_ci() { [ "${CI:-}" = "true" ]; }
python3 -c 'import selenium' 2>/dev/null || python3 -m pip install -q selenium >/dev/null 2>&1 || true
missing=""
[ -x /usr/bin/chromedriver ] || missing="chromium-driver"
python3 -c 'import selenium' 2>/dev/null || missing="$missing selenium"
if [ -n "$missing" ]; then
  if in_ci; then echo "browser-check: missing:$missing" >&2; exit 1; fi
  echo "browser-check: skipped, missing:$missing (scripts/install-deps.sh; python3 -m pip install selenium)" >&2
  exit 0
fi
shots="${BROWSER_SHOTS:-$PWD/out/browser}"
rm -rf "$shots"
swift build --product vanban >/dev/null
work="$(mktemp -d)"
.build/debug/vanban serve --database "$work/vanban.sqlite" --port 0 >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  grep -q "vanthu" "$work/server.log" && break
  kill -0 $server 2>/dev/null || { cat "$work/server.log" >&2; echo "browser-check: the server did not start" >&2; exit 1; }
  sleep 0.5
done
address="$(grep -o 'http://127.0.0.1:[0-9]*' "$work/server.log" | head -1)"
python3 Tests/Browser/story.py "$address" "$work/demo-accounts.txt" "$shots"

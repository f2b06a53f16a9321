#!/usr/bin/env bash
# The web story in a real browser: Debian's chromium and chromium-driver, driven by selenium (PyPI), against a
# fresh `vanban serve` (Tests/Browser/story.py). Screenshots of every step go to out/browser/ (override with
# BROWSER_SHOTS); look at them. Without chromium or selenium, by hand, it skips with a reason; in CI it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
in_ci() { [ "${CI:-}" = "true" ]; }
python3 -c 'import selenium, openpyxl' 2>/dev/null || python3 -m pip install -q selenium openpyxl >/dev/null 2>&1 || true
missing=""
[ -x /usr/bin/chromedriver ] || missing="chromium-driver"
python3 -c 'import selenium' 2>/dev/null || missing="$missing selenium"
python3 -c 'import openpyxl' 2>/dev/null || missing="$missing openpyxl"
if [ -n "$missing" ]; then
  if in_ci; then echo "browser-check: missing:$missing" >&2; exit 1; fi
  echo "browser-check: skipped, missing:$missing (scripts/install-deps.sh; python3 -m pip install selenium openpyxl)" >&2
  exit 0
fi
shots="${BROWSER_SHOTS:-$PWD/out/browser}"
rm -rf "$shots"
swift build --product vanban >/dev/null
source scripts/lib/demo-server.sh
start_demo_server .build/debug/vanban browser-check
python3 Tests/Browser/story.py "$address" "$work/demo-accounts.txt" "$shots"
# The package the archivist downloaded must verify against the demo's test authority.
if [ -f "$shots/goi-luu-tru.zip" ]; then
  .build/debug/vanban verify "$shots/goi-luu-tru.zip" --trust "$work/keys/ca.pem"
fi

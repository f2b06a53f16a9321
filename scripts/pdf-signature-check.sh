#!/usr/bin/env bash
# Checks VanBan's PAdES signatures with pyHanko (PyPI), a second independent validator beside pdfsig (which the
# Swift tests read): `vanban bench pades --out` signs the sample decision (printed by LibreOffice) twice, signer then
# body, with a test authority, and this runs `pyhanko sign validate` on each signature with the authority as trust anchor. pyHanko exits 1
# on an invalid signature. Installed in a virtualenv under .build-venv/pyhanko when missing. Without it, by hand,
# it skips with a reason; in CI (CI=true) it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
in_ci() { [ "${CI:-}" = "true" ]; }
venv=".build-venv/pyhanko"
if [ ! -x "$venv/bin/pyhanko" ]; then
  python3 -m venv "$venv" >/dev/null 2>&1 && "$venv/bin/pip" install -q pyHanko pyhanko-cli >/dev/null 2>&1 || true
fi
if [ ! -x "$venv/bin/pyhanko" ]; then
  if in_ci; then echo "pdf-signature-check: pyHanko is missing and could not be installed" >&2; exit 1; fi
  echo "pdf-signature-check: skipped, pyHanko is not installed (python3 -m venv $venv && $venv/bin/pip install pyHanko pyhanko-cli)" >&2
  exit 0
fi
swift build --product vanban >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
.build/debug/vanban bench pades --count 1 --out "$work" >/dev/null
# pyHanko validates every signature of the file and exits 1 when one is not valid.
"$venv/bin/pyhanko" sign validate --pretty-print --trust-replace --trust "$work/ca.pem" "$work/signed.pdf"
echo "pdf-signature-check: pyHanko says both signatures are valid" >&2

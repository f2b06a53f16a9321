#!/usr/bin/env bash
# Checks VanBan's PAdES signatures with pyHanko (PyPI), a second independent validator beside pdfsig (which the
# Swift tests read): makes the demo test authority, signs the handwritten test PDF twice (signer, then body) through
# `vanban`, and runs `pyhanko sign validate` on each signature with the authority as trust anchor. pyHanko exits 1
# on an invalid signature. Installed in a virtualenv under .build-venv/pyhanko when missing. Without it, by hand,
# it skips with a reason; in CI (CI=true) it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
in_ci() { [ "${CI:-}" = "true" ]; }
venv=".build-venv/pyhanko"
if [ ! -x "$venv/bin/pyhanko" ]; then
  python3 -m venv "$venv" >/dev/null 2>&1 && "$venv/bin/pip" install -q 'pyHanko[opentype]' pyhanko-cli >/dev/null 2>&1 || true
fi
if [ ! -x "$venv/bin/pyhanko" ]; then
  if in_ci; then echo "pdf-signature-check: pyHanko is missing and could not be installed" >&2; exit 1; fi
  echo "pdf-signature-check: skipped, pyHanko is not installed (python3 -m venv $venv && $venv/bin/pip install pyHanko pyhanko-cli)" >&2
  exit 0
fi
swift build --product vanban >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
.build/debug/vanban keys demo --out "$work/keys" >/dev/null
.build/debug/vanban sign-test-pdf "$work/keys" "$work/signed.pdf" >/dev/null
for field in Signature1 Signature2; do
  echo "pdf-signature-check: pyhanko sign validate --field $field" >&2
  "$venv/bin/pyhanko" sign validate --pretty-print --trust "$work/keys/ca.pem" --field "$field" "$work/signed.pdf"
done
echo "pdf-signature-check: pyHanko says both signatures are valid" >&2

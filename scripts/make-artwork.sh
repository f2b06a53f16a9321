#!/usr/bin/env bash
# Draws the demo commune's signature and seal pictures into samples/artwork/ (scripts/make-artwork.py), with
# Pillow (PyPI) installed in a virtualenv under .build-venv/artwork when missing. The PNGs are committed; run this
# again only to change them.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=".build-venv/artwork"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import PIL' >/dev/null 2>&1; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'pillow==13.0.0'
fi
"$venv/bin/python" scripts/make-artwork.py samples/gia-cat-to.json samples/artwork

#!/usr/bin/env bash
# Rebuilds templates/*.odt and templates/*.docx from their editable flat-ODT sources in templates/src/.
# Needs LibreOffice (scripts/install-deps.sh installs it).
# Usage: scripts/build-templates.sh            rebuilds every template
#        scripts/build-templates.sh NAME...    rebuilds templates/src/NAME.fodt only
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
command -v soffice >/dev/null || { echo "LibreOffice (soffice) is missing: run scripts/install-deps.sh" >&2; exit 1; }
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
export HOME="$profile"
sources=()
if [ $# -eq 0 ]; then
  sources=("$root"/templates/src/*.fodt)
else
  for name in "$@"; do
    name="$(basename "${name%.fodt}")"
    [ -f "$root/templates/src/$name.fodt" ] || { echo "no such template source: templates/src/$name.fodt" >&2; exit 1; }
    sources+=("$root/templates/src/$name.fodt")
  done
fi
for source in "${sources[@]}"; do
  for format in odt docx; do
    soffice --headless --norestore "-env:UserInstallation=file://$profile/lo" \
      --convert-to "$format" --outdir "$root/templates" "$source" >/dev/null 2>&1
    # soffice exits 0 even when it cannot load the source: check that the file really was written.
    built="$root/templates/$(basename "${source%.fodt}").$format"
    [ "$built" -nt "$source" ] || { echo "LibreOffice could not convert $source to $format" >&2; exit 1; }
  done
  echo "built $(basename "${source%.fodt}").{odt,docx}"
done

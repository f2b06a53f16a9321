#!/usr/bin/env bash
# The Sóc Trăng scale in one command: 775 founding decisions (5,045 members, 109 communes) as ODT plus DOCX.
#
#   bench/generate.sh [--skip-build] [--repeat K]
#
# Builds vanban in release mode (own scratch path .build-bench), writes the workload with bench/make_soc_trang.py,
# runs `vanban generate quyet-dinh-thanh-lap-to --format odt,docx` K times (default 5) into a fresh folder each time,
# checks that 1,550 files were written, and prints each wall time and the median. Target (issue 3): at most 3 s.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
skip_build=0 repeat=5
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) skip_build=1 ;;
    --repeat) repeat=${2:?--repeat needs a number}; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "generate.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || { echo "generate.sh: not a positive number: $repeat" >&2; exit 2; }
scratch="$repo/.build-bench"
work="${VANBAN_BENCH_WORK:-${TMPDIR:-/tmp}/vanban-bench-work}/generate"
mkdir -p "$work"
if [ "$skip_build" = 0 ]; then
  (cd "$repo" && swift build -c release --product vanban --scratch-path "$scratch") >"$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; echo "generate.sh: build failed" >&2; exit 1; }
fi
vanban="$(cd "$repo" && swift build -c release --product vanban --scratch-path "$scratch" --show-bin-path)/vanban"
python3 "$here/make_soc_trang.py" "$work/soc-trang.json"
times=()
for run in $(seq 1 "$repeat"); do
  out="$work/out-$run"
  rm -rf "$out"
  # Flush the previous run's deletion outside the timed region, so no run pays for another's cleanup.
  sync
  start=$(date +%s.%N)
  (cd "$repo" && "$vanban" generate quyet-dinh-thanh-lap-to --data "$work/soc-trang.json" --out "$out" --format odt,docx --quiet)
  end=$(date +%s.%N)
  count=$(find "$out" -type f | wc -l)
  [ "$count" = 1550 ] || { echo "generate.sh: expected 1550 files, found $count" >&2; exit 1; }
  t=$(python3 -c "print(f'{$end - $start:.3f}')")
  times+=("$t")
  echo "run $run: $t s (1550 files, $(du -sk "$out" | cut -f1) KB)" >&2
  rm -rf "$out"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | python3 -c "import sys; v=[float(x) for x in sys.stdin]; n=len(v); print(f'{(v[n//2] if n%2 else (v[n//2-1]+v[n//2])/2):.3f}')")
echo "| Sóc Trăng scale: 775 decisions, ODT + DOCX (≤ 3 s) | $median s median of $repeat (runs: ${times[*]}) | $(nproc) cores |"

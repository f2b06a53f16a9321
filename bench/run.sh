#!/usr/bin/env bash
# VanBan against the anchors (docxtpl, relatorio, py3o.template), side by side in one run.
#
#   bench/run.sh [--skip-build] [--repeat K] [--anchors-docs N] [--docs M] [--big-docs B]
#
#   --skip-build      use the vanban already built in .build-bench (release)
#   --repeat K        interleaved repeats of the anchors and of VanBan's 40-row runs (default 3); medians are reported
#   --anchors-docs N  documents per anchor engine and run (default 200, passed to the anchors' run.sh)
#   --docs M          documents per VanBan 40-row run (default 2000)
#   --big-docs B      documents per VanBan 5,000-row run (default 30)
#
# Environment: ANCHORS_VENV (default /tmp/anchors-venv), ANCHORS_WORK (default /tmp/anchors-work),
# VANBAN_BENCH_WORK (default /tmp/vanban-bench-work: workload, raw JSON, verify folder, summary.md).
# Progress goes to stderr; the summary (Markdown) goes to stdout and to $VANBAN_BENCH_WORK/summary.md.
# Exits 0 when targets are missed (this is a measurement); non-zero when a step fails.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cmdline="bench/run.sh${*:+ $*}"

skip_build=0 repeat=3 anchors_docs=200 docs=2000 big_docs=30
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) skip_build=1 ;;
    --repeat) repeat=${2:?--repeat needs a number}; shift ;;
    --anchors-docs) anchors_docs=${2:?--anchors-docs needs a number}; shift ;;
    --docs) docs=${2:?--docs needs a number}; shift ;;
    --big-docs) big_docs=${2:?--big-docs needs a number}; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
for n in "$repeat" "$anchors_docs" "$docs" "$big_docs"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: not a positive number: $n" >&2; exit 2; }
done

export ANCHORS_VENV=${ANCHORS_VENV:-${TMPDIR:-/tmp}/anchors-venv}
export ANCHORS_WORK=${ANCHORS_WORK:-${TMPDIR:-/tmp}/anchors-work}
work=${VANBAN_BENCH_WORK:-${TMPDIR:-/tmp}/vanban-bench-work}
anchors_sh="$repo/../shared/bench/anchors/run.sh"
scratch="$repo/.build-bench"
say() { echo "# $*" >&2; }

[ -f "$anchors_sh" ] || { echo "run.sh: anchors not found at $anchors_sh" >&2; exit 1; }
rm -rf "$work/raw"
mkdir -p "$work/raw"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- 1. build (release, own scratch path)
if [ "$skip_build" = 0 ]; then
  say "building vanban (release, --scratch-path $scratch)"
  for attempt in 1 2 3; do
    if (cd "$repo" && swift build -c release --product vanban --scratch-path "$scratch") >"$work/build.log" 2>&1; then
      break
    fi
    # others edit Sources/ while we build; SwiftPM then refuses the build, so try again
    if [ "$attempt" -lt 3 ] && grep -q "modified during the build" "$work/build.log"; then
      say "a source file changed during the build; retrying"; sleep 5; continue
    fi
    cat "$work/build.log" >&2; echo "run.sh: build failed" >&2; exit 1
  done
fi
vanban="$(cd "$repo" && swift build -c release --product vanban --scratch-path "$scratch" --show-bin-path)/vanban"
[ -x "$vanban" ] || { echo "run.sh: no release binary at $vanban (drop --skip-build)" >&2; exit 1; }
swift_version=$(swift --version 2>/dev/null | grep -o 'Swift version [0-9.]*' | head -1 || true)
# which sources were measured (read-only git; --no-optional-locks keeps git from touching the index)
source_rev=$(git -C "$repo" --no-optional-locks rev-parse --short HEAD 2>/dev/null || echo "unknown commit")
if [ -n "$(git -C "$repo" --no-optional-locks status --porcelain -- Sources Package.swift 2>/dev/null)" ]; then
  source_rev="$source_rev + uncommitted changes in Sources/ or Package.swift"
fi

# ---------------------------------------------------------------- tools
pin=()
if command -v taskset >/dev/null && taskset -c 0 true 2>/dev/null; then pin=(taskset -c 0); fi
if [ ! -x /usr/bin/time ]; then
  say "installing GNU time"
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q time >&2; else sudo apt-get install -y -q time >&2; fi
fi

# ---------------------------------------------------------------- 2-4. interleaved runs
run_anchors() {  # $1 = repeat number
  say "anchors run $1/$repeat ($anchors_docs docs per engine)"
  "${pin[@]}" bash "$anchors_sh" "$anchors_docs" >"$work/raw/anchors-$1.txt"
  grep '^{' "$work/raw/anchors-$1.txt" | sed "s/^{/{\"run\": $1, /" >>"$work/raw/anchors.jsonl"
  [ "$(grep -c '^{' "$work/raw/anchors-$1.txt")" = 3 ] || { echo "run.sh: anchors run $1 did not print 3 JSON lines" >&2; exit 1; }
}
vanban_bench() {  # $1 = label, $2 = format, $3 = data, $4 = count, $5 = run, rest = extra flags
  local label=$1 fmt=$2 data=$3 count=$4 run=$5; shift 5
  local line
  line=$("${pin[@]}" "$vanban" bench render --template "$work/W.$fmt" --data "$work/$data" --count "$count" "$@" --json)
  [[ "$line" == \{* ]] || { echo "run.sh: unexpected output of vanban bench render: $line" >&2; exit 1; }
  echo "{\"case\": \"$label\", \"format\": \"$fmt\", \"run\": $run, ${line#\{}" >>"$work/raw/vanban.jsonl"
}

for r in $(seq 1 "$repeat"); do
  run_anchors "$r"
  if [ "$r" = 1 ]; then
    say "building the VanBan workload from the anchors' templates and verifying VanBan's output"
    "$ANCHORS_VENV/bin/python" "$here/make_workload.py" "$ANCHORS_WORK" "$work" "$vanban" 2>&1 \
      | grep -v '^Đã tạo ' >&2   # vanban render's own "created" line
  fi
  say "VanBan 40 rows run $r/$repeat ($docs docs per format, with --floor)"
  vanban_bench rows40 docx data-40.json "$docs" "$r" --floor
  vanban_bench rows40 odt data-40.json "$docs" "$r" --floor
done

say "VanBan 5,000 rows ($big_docs docs per format)"
vanban_bench rows5000 docx data-5000.json "$big_docs" 1
vanban_bench rows5000 odt data-5000.json "$big_docs" 1

for fmt in docx odt; do
  say "peak memory of vanban render, 5,000 rows, $fmt"
  /usr/bin/time -v "${pin[@]}" "$vanban" render --template "$work/W.$fmt" --data "$work/data-5000.json" \
    --out "$work/raw/rows5000.$fmt" >/dev/null 2>"$work/raw/time-$fmt.txt" \
    || { cat "$work/raw/time-$fmt.txt" >&2; echo "run.sh: vanban render failed" >&2; exit 1; }
  kb=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$work/raw/time-$fmt.txt")
  [ -n "$kb" ] || { echo "run.sh: no maximum RSS in /usr/bin/time output" >&2; exit 1; }
  echo "{\"case\": \"rss5000\", \"format\": \"$fmt\", \"max_rss_kb\": $kb}" >>"$work/raw/vanban.jsonl"
done

# ---------------------------------------------------------------- 5. summary
cpu=$(sed -n 's/^model name[[:space:]]*: *//p' /proc/cpuinfo | head -1)
[ -n "$cpu" ] || cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
"$ANCHORS_VENV/bin/python" "$here/summarize.py" "$work/raw" \
  --command "$cmdline" --date "$(date -u +%F)" --nproc "$(nproc)" --cpu "${cpu:-unknown}" \
  --pinned "${pin[*]:-no (taskset unavailable)}" --load "$load_start → $(cut -d' ' -f1-3 /proc/loadavg)" \
  --swift "${swift_version:-unknown}" --source "$source_rev" --repeat "$repeat" --anchors-docs "$anchors_docs" --docs "$docs" --big-docs "$big_docs" \
  | tee "$work/summary.md"
say "raw results: $work/raw/, summary: $work/summary.md"

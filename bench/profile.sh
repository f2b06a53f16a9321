#!/usr/bin/env bash
# Deterministic profile of the 40-row workload with callgrind (instruction counts, not time).
#
#   bench/profile.sh [docx|odt] [COUNT] [TOP]      (defaults: docx 200 25)
#
# Needs bench/run.sh to have run once (release binary in .build-bench, workload in $VANBAN_BENCH_WORK).
# Collects only inside CompiledTemplate.render (and, in a second run, only inside the package-rewrite
# closure that --floor times), prints the instruction ratio render/floor and the TOP functions by
# inclusive cost inside render, demangled. valgrind 3.19 cannot read the DWARF 5 that Swift emits,
# so a copy of the binary without debug info is profiled (symbols stay).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
fmt=${1:-docx} count=${2:-200} top=${3:-25}
work=${VANBAN_BENCH_WORK:-${TMPDIR:-/tmp}/vanban-bench-work}
# --show-bin-path alone does not build: build first, so the profile is never of a stale binary.
(cd "$repo" && swift build -c release --product vanban --scratch-path "$repo/.build-bench" >/dev/null)
bin="$(cd "$repo" && swift build -c release --product vanban --scratch-path "$repo/.build-bench" --show-bin-path)/vanban"
[ -x "$bin" ] && [ -f "$work/W.$fmt" ] || { echo "profile.sh: run bench/run.sh first" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "profile.sh: valgrind is not installed" >&2; exit 1; }
prof="$work/prof"; mkdir -p "$prof"
cp "$bin" "$prof/vanban-nodebug"; objcopy --strip-debug "$prof/vanban-nodebug"
render_sym=$(nm "$prof/vanban-nodebug" | awk '{print $3}' | grep -E '^\$s10Templating16CompiledTemplateV6render_7optionsSays5UInt8VG' | head -1)
floor_sym=$(nm "$prof/vanban-nodebug" | awk '{print $3}' | grep -E '^\$s10Templating16CompiledTemplateV14packageRewrite.*U_TA$' | head -1)
[ -n "$render_sym" ] && [ -n "$floor_sym" ] || { echo "profile.sh: render or packageRewrite symbol not found" >&2; exit 1; }
run() {  # $1 = out file, $2 = symbol, rest = extra flags
  local out=$1 sym=$2; shift 2
  valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect="$sym" \
    "$prof/vanban-nodebug" bench render --template "$work/W.$fmt" --data "$work/data-40.json" --count "$count" "$@" \
    2>&1 | sed -n 's/.*Collected : *//p'
}
r=$(run "$prof/cg.render.$fmt.out" "$render_sym")
f=$(run "$prof/cg.floor.$fmt.out" "$floor_sym" --floor)
docs=$((count + (count < 20 ? count : 20)))   # bench render warms up with min(20, count) documents
echo "$fmt, 40 rows, $docs renders: render $((r / docs)) instructions/doc, floor $((f / docs)) instructions/doc, ratio $(awk "BEGIN{printf \"%.2f\", $r/$f}")"
echo "top $top by inclusive cost inside CompiledTemplate.render ($prof/cg.render.$fmt.out):"
demangle() { if command -v swift >/dev/null; then swift demangle --simplified; else cat; fi; }
callgrind_annotate --inclusive=yes "$prof/cg.render.$fmt.out" 2>/dev/null | demangle \
  | sed -n '/file:function/,$p' | tail -n +3 \
  | grep -v -E 'libc_start|below main|ld-linux|vanban_main|BenchRender|ParsableCommand' | head -n "$top" | cut -c1-180

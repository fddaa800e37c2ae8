#!/usr/bin/env bash
# The `storyline merge` benchmark (issue #5): one generated corpus, every tool in the same run,
# median of N runs each, output to /dev/null. Not part of `swift test`.
#
#   Benchmarks/merge/run.sh [SIZE=100M] [RUNS=5]
#
# Needs gawk and lnav (apt-get install gawk lnav); tools that are missing are skipped.
set -eo pipefail
size=${1:-100M}
runs=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=${TMPDIR:-/tmp}/storyline-corpus-$size
[ -d "$corpus" ] || python3 "$here/generate_corpus.py" --size "$size" --out "$corpus" >&2
(cd "$root" && swift build -c release --product storyline >&2)
storyline=$root/.build/release/storyline
files=("$corpus"/syslog-app0{1,2,3,4}.log "$corpus"/weblogic-ms{1,2}.log "$corpus"/access-web{1,2}.log "$corpus"/api.jsonl)
bytes=$(cat "${files[@]}" | wc -c)

# measure NAME COMMAND…: prints "NAME median-wall median-peak-RSS-KB"
measure() {
  local name=$1
  shift
  local walls=() rss=()
  for _ in $(seq "$runs"); do
    local out
    /usr/bin/time -o "$tmp" -f "%e %M" "$@" > /dev/null 2> /dev/null
    out=$(tail -1 "$tmp")
    walls+=("${out% *}")
    rss+=("${out#* }")
  done
  local w r
  w=$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p")
  r=$(printf '%s\n' "${rss[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p")
  echo "$name $w $r"
}

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
results=()
results+=("$(measure cat cat "${files[@]}")")
results+=("$(measure storyline "$storyline" merge --timezone Asia/Shanghai --date 2008-09-22 "${files[@]}")")
results+=("$(measure storyline-jsonl "$storyline" merge --timezone Asia/Shanghai --date 2008-09-22 --format jsonl "${files[@]}")")
command -v gawk > /dev/null && results+=("$(measure awk+sort bash "$here/awk_sort_merge.sh" "$corpus")")
command -v lnav > /dev/null && results+=("$(measure lnav lnav -n "${files[@]}")")
[ "${SKIP_PYTHON:-}" ] || results+=("$(measure python-heapq python3 "$here/heapq_merge.py" "$corpus")")

echo "corpus: $corpus, $((bytes / 1048576)) MiB in ${#files[@]} files; median of $runs runs on $(nproc) cores"
echo
echo "| tool | wall | throughput | peak RSS | wall ÷ storyline's |"
echo "| --- | --- | --- | --- | --- |"
sl=$(printf '%s\n' "${results[@]}" | awk '$1 == "storyline" { print $2 }')
for r in "${results[@]}"; do
  set -- $r
  awk -v n="$1" -v w="$2" -v k="$3" -v b="$bytes" -v s="$sl" 'BEGIN {
    tp = w > 0 ? sprintf("%.0f MB/s", b / 1e6 / w) : "—"
    ratio = (n == "storyline" || n == "cat" || s == 0) ? "" : sprintf("%.1fx", w / s)
    printf "| %s | %.2f s | %s | %.0f MB | %s |\n", n, w, tp, k / 1024, ratio }'
done
echo
echo "(peak RSS of awk+sort is the shell's: the pipeline's processes are not summed)"

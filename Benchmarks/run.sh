#!/usr/bin/env bash
# The build and merge benchmark (issues #5, #13): one generated corpus, every tool in the same
# run with the page cache warm, each tool's output checked complete and in order against the
# records' ids (merge/check_output.py) before any figure of it counts; a tool whose check fails
# is reported as failed, not timed. Figures: the median of RUNS runs on every core, and again
# pinned to one core (taskset -c 0). Not part of `swift test`.
#
#   Benchmarks/run.sh [SIZE=100M] [RUNS=5]
#   TOOLS="build-json merge" Benchmarks/run.sh 1G 5      # only some tools
#   ONE_CORE=0 Benchmarks/run.sh 1G 5                    # no one-core rows
#
# Tools: storyline build (the corpus's case.yml) as JSON and as HTML, storyline merge, gawk +
# sort, lnav with format definitions for every file (Benchmarks/lnav/), a Python merge written
# for speed (merge/fast_merge.py), cat as the floor of reading, and write-floor, the floor of
# writing the JSON report: dd writing as many bytes (zeros) to a file and syncing it, as the
# build does before it renames its report into place. Needs gawk, lnav, python3, taskset;
# a missing tool is reported as missing. The HTML report's size and the time headless Chromium
# takes to render it are printed after the table.
set -eo pipefail
size=${1:-100M}
runs=${2:-5}
tools=${TOOLS:-"cat build-json write-floor build-html merge awk-sort lnav python"}
one_core=${ONE_CORE:-1}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
corpus=${TMPDIR:-/tmp}/storyline-bench-$size
[ -f "$corpus/case.yml" ] || python3 "$here/merge/generate_corpus.py" --size "$size" --out "$corpus" >&2
(cd "$root" && swift build -c release --product storyline >&2)
storyline=$root/.build/release/storyline
files=("$corpus"/syslog-app0{1,2,3,4}.log "$corpus"/weblogic-ms{1,2}.log "$corpus"/access-web{1,2}.log "$corpus"/api.jsonl)
bytes=$(cat "${files[@]}" | wc -c)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# lnav reads year-less syslog times in the year of the file's modification time, and needs
# formats for the WebLogic and JSON files (without them it skips those records silently).
touch -d "2008-09-22 23:59" "${files[@]}"
export LNAV_HOME=$work/lnav-home
mkdir -p "$LNAV_HOME"
if command -v lnav > /dev/null; then
  for f in "$here"/lnav/*.json; do HOME=$LNAV_HOME lnav -i "$f" > /dev/null 2>&1; done
fi

# command NAME: the command line of a tool; its output goes to $work/NAME.out.
command_of() {
  case $1 in
    cat) echo "cat ${files[*]}" ;;
    build-json) echo "$storyline build $corpus --format json -o $work/build-json.out" ;;
    build-html) echo "$storyline build $corpus --format html -o $work/build-html.out" ;;
    write-floor) echo "dd if=/dev/zero of=$work/write-floor.out bs=1M count=$(json_mib) conv=fsync status=none" ;;
    merge) echo "$storyline merge --timezone Asia/Shanghai --date 2008-09-22 ${files[*]}" ;;
    awk-sort) echo "bash $here/merge/awk_sort_merge.sh $corpus" ;;
    lnav) echo "env HOME=$LNAV_HOME TZ=Asia/Shanghai lnav -n ${files[*]}" ;;
    python) echo "python3 $here/merge/fast_merge.py $corpus" ;;
  esac
}

needs() {
  case $1 in
    awk-sort) command -v gawk ;;
    lnav) command -v lnav ;;
    python) command -v python3 ;;
    *) echo ok ;;
  esac > /dev/null
}

# json_mib: the JSON report's size in MiB (from build-json's last run, else from one made now).
json_mib() {
  [ -s "$work/build-json.out" ] || $storyline build "$corpus" --format json -o "$work/build-json.out" 2> /dev/null
  echo $((($(wc -c < "$work/build-json.out") + 1048575) / 1048576))
}

# run NAME PREFIX…: one run; stdout to the tool's output file; prints "wall peak-RSS-KB".
run() {
  local name=$1
  shift
  local cmd
  cmd=$(command_of "$name")
  # The last run's output goes first, untimed, as the shell's `>` truncates the stdout files
  # before the timer starts: replacing a 700 MB report costs its rename the old file's pages.
  rm -f "$work/$name.out"
  # shellcheck disable=SC2086
  /usr/bin/time -o "$work/time" -f "%e %M" "$@" $cmd > "$work/$name.stdout" 2> /dev/null || return 1
  tail -1 "$work/time"
}

# check NAME: the output complete and in order (cat and the HTML report are not merges).
check() {
  case $1 in
    cat) echo "(read floor)" ;;
    write-floor) echo "(write floor: $(json_mib) MiB, the JSON report's size)" ;;
    build-html)
      local s
      s=$(wc -c < "$work/build-html.out")
      [ "$s" -lt 20000000 ] && echo "ok: $((s / 1024)) KiB (< 20 MB)" || echo "FAIL: $s bytes"
      ;;
    build-json) python3 "$here/merge/check_output.py" "$corpus" "$work/build-json.out" --json ;;
    *) python3 "$here/merge/check_output.py" "$corpus" "$work/$1.stdout" ;;
  esac
}

median() { sort -g | sed -n "$(((runs + 1) / 2))p"; }

echo "corpus: $corpus, $((bytes / 1048576)) MiB in ${#files[@]} files; $(nproc) cores; median of $runs runs" >&2
rows=()
for name in $tools; do
  if ! needs "$name"; then
    rows+=("$name - missing - not_installed")
    continue
  fi
  if ! run "$name" > /dev/null; then
    rows+=("$name - failed - exit_status_not_0")
    continue
  fi
  verdict=$(check "$name" || true)
  if [[ $verdict != ok* && $verdict != "("* ]]; then
    rows+=("$name - failed - ${verdict// /_}")
    continue
  fi
  for cores in all one; do
    [ "$cores" = one ] && [ "$one_core" = 0 ] && continue
    prefix=()
    [ "$cores" = one ] && prefix=(taskset -c 0)
    walls=()
    rss=()
    for _ in $(seq "$runs"); do
      out=$(run "$name" "${prefix[@]}") || { walls=(); break; }
      walls+=("${out% *}")
      rss+=("${out#* }")
    done
    if [ ${#walls[@]} -eq 0 ]; then
      rows+=("$name $cores failed - exit_status_not_0")
      continue
    fi
    rows+=("$name $cores $(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${rss[@]}" | median) ${verdict// /_}")
  done
done

echo "| tool | cores | wall | throughput | peak RSS | wall ÷ storyline merge's | output |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for r in "${rows[@]}"; do
  set -- $r
  base=$(printf '%s\n' "${rows[@]}" | awk -v c="$2" '$1 == "merge" && $2 == c { print $3 }')
  awk -v n="$1" -v c="$2" -v w="$3" -v k="$4" -v v="$5" -v b="$bytes" -v s="${base:-0}" 'BEGIN {
    gsub(/_/, " ", v)
    if (w == "failed" || w == "missing") { printf "| %s | %s | %s | — | — | — | %s |\n", n, c, w, v; exit }
    tp = w > 0 ? sprintf("%.0f MB/s", b / 1e6 / w) : "—"
    ratio = (n == "merge" || s == 0) ? "" : sprintf("%.1f×", w / s)
    printf "| %s | %s | %.2f s | %s | %.0f MB | %s | %s |\n", n, c == "all" ? "all" : "1", w, tp, k / 1024, ratio, v }'
done
echo
echo "(awk-sort's peak RSS is its largest process's; python's and lnav's include their runtimes)"
if [[ " $tools " == *" build-html "* ]] && [ -f "$work/build-html.out" ]; then
  browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
  if [ -n "$browser" ]; then
    times=()
    for _ in $(seq "$runs"); do
      start=$(date +%s.%N)
      "$browser" --headless --no-sandbox --disable-gpu --dump-dom "file://$work/build-html.out" > "$work/dom" 2> /dev/null
      times+=("$(echo "$(date +%s.%N) - $start" | bc)")
    done
    echo "HTML report: $(($(wc -c < "$work/build-html.out") / 1024)) KiB; headless Chromium loads and renders it in $(printf '%s\n' "${times[@]}" | median) s (median), DOM $(($(wc -c < "$work/dom") / 1024)) KiB"
  else
    echo "HTML report: $(($(wc -c < "$work/build-html.out") / 1024)) KiB; no Chromium to time its rendering"
  fi
fi

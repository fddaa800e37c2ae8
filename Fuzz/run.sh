#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for a while. Not part of CI.
#   Fuzz/run.sh [seconds per target, default 60] [target …]
# Crashes are written to Fuzz/crashes/<target>/; turn each into a regression fixture.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(normalizer notes weblogic syslog access-log whatsapp qq email call-csv sms-backup-xml google-voice \
  java json-lines journald logcat apache-error timestamped w3c-extended \
  merge:weblogic merge:syslog merge:access-log merge:json-lines merge:java merge:logcat merge:timestamped \
  report-html archive-manifest key-file timestamp-token envelope)
swift build --scratch-path .build-fuzz --product storyline-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING -Xlinker --export-dynamic
binary=".build-fuzz/debug/storyline-fuzz"
for t in "${targets[@]}"; do
  mkdir -p "Fuzz/crashes/${t/:/-}" "Fuzz/corpus/${t/:/-}"
  echo "== $t ($seconds s)"
  STORYLINE_FUZZ_TARGET="$t" "$binary" "Fuzz/corpus/${t/:/-}" "Fuzz/seeds" -max_total_time="$seconds" -max_len=65536 \
    -artifact_prefix="Fuzz/crashes/${t/:/-}/" -print_final_stats=1 2>&1 | grep -E "^stat::number_of_executed_units|^stat::peak_rss|ERROR|SUMMARY|Done" || true
done

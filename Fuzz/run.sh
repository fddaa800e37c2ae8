#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for a while; exits 1 when any target crashed, leaked,
# timed out, ran out of memory or broke an invariant (the target's preconditions). Not part of CI.
#   Fuzz/run.sh [seconds per target, default 60] [target …]
# Each target's corpus, Fuzz/corpus/<target>/, is seeded from the fixtures (and ../shared/real-data
# when present) on first use; findings go to Fuzz/crashes/<target>/ — turn each into a regression
# fixture. A summary line per target: executions, peak RSS, result.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(normalizer notes weblogic syslog access-log whatsapp whatsapp-zip qq email call-csv \
  sms-backup-xml google-voice slack alertmanager pagerduty opsgenie android-mmssms android-calllog ios-messages ios-callhistory \
  java json-lines journald logcat apache-error timestamped w3c-extended \
  merge:weblogic merge:syslog merge:access-log merge:json-lines merge:java merge:logcat merge:timestamped \
  report-html narrative case-file verify archive-manifest key-file timestamp-token envelope)
# FUZZ_NO_BUILD=1 runs what is built (several runs side by side share one build); FUZZ_SCRATCH
# names another build folder (a new build beside runs that still use the old one).
scratch="${FUZZ_SCRATCH:-.build-fuzz}"
[ "${FUZZ_NO_BUILD:-0}" = 1 ] || swift build --scratch-path "$scratch" --product storyline-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING -Xlinker --export-dynamic \
  || { echo "Fuzz: build failed" >&2; exit 1; }
binary="$scratch/debug/storyline-fuzz"
real=../shared/real-data

# The fixtures each target starts from.
seeds() {
  case "$1" in
    normalizer) echo Fuzz/seeds/times.txt Fuzz/seeds/hostile-times.md fixtures/hostile/hostile-times.md ;;
    notes) echo fixtures/system-e/notes/* fixtures/hostile/*.md ;;
    weblogic | merge:weblogic) echo fixtures/system-e/logs/sysE_ms1.log fixtures/logs/sysE_ms1.out fixtures/logs/server.log00001 ;;
    syslog | merge:syslog) echo Fuzz/seeds/syslog.txt $real/plaso/syslog_syslog* ;;
    access-log | merge:access-log) echo fixtures/system-e/logs/sysE_ms1-access.log $real/plaso/apache_access.log ;;
    whatsapp) echo fixtures/system-e/chat/* Fuzz/seeds/whatsapp.txt $real/whatsapp/* ;;
    whatsapp-zip) echo fixtures/whatsapp/ios-export.zip ;;
    qq) echo fixtures/system-e/chat/qq-support-group.txt ;;
    email) echo fixtures/email/* fixtures/system-e/mail/* ;;
    call-csv) echo fixtures/cdr/* ;;
    sms-backup-xml) echo fixtures/system-e/phones/*/* fixtures/hostile/*.xml ;;
    google-voice) echo "fixtures/hostile/Mallory - Text - 2023-10-22T17_28_34Z.html" Fuzz/seeds/voice.html ;;
    slack) echo fixtures/slack/ops-export.zip ;;
    alertmanager) echo fixtures/alertmanager/* ;;
    pagerduty) echo fixtures/pagerduty/* ;;
    opsgenie) echo fixtures/opsgenie/* ;;
    android-mmssms) echo $real/plaso/android_mmssms.db ;;
    android-calllog) echo $real/plaso/android_contacts2.db ;;
    ios-messages) echo $real/plaso/sqlite_imessage_chat.db ;;
    ios-callhistory) echo "$work/callhistory.storedata" ;;
    java | merge:java) echo fixtures/logs/log4j.log fixtures/logs/logback.log fixtures/logs/jul.log fixtures/logs/spring-boot.log ;;
    json-lines | merge:json-lines) echo fixtures/logs/app.jsonl ;;
    journald) echo fixtures/logs/journal.json ;;
    logcat | merge:logcat) echo fixtures/logs/logcat-*.txt ;;
    apache-error) echo fixtures/logs/apache-error.log ;;
    timestamped | merge:timestamped) echo fixtures/logs/mysqld.err fixtures/logs/spring-boot.log ;;
    w3c-extended) echo fixtures/logs/access-extended.log ;;
    report-html) echo fixtures/hostile/report-injection.md ;;
    narrative) echo fixtures/system-e/case.yml fixtures/hostile/report-injection.md ;;
    case-file) echo fixtures/system-e/case.yml "$work/tiny/case.yml" ;;
    verify) echo "$work/tiny.zip" ;;
    archive-manifest) echo "$work/tiny-manifest.json" ;;
    key-file) echo "$work/keys.pub" "$work/keys.key" fixtures/archive/openssl-ed25519.pem ;;
    timestamp-token) echo fixtures/archive/token.tsr fixtures/archive/token-only.tst ;;
    envelope) echo "$work/tiny.enc" ;;
  esac
}

# Seeds that are made, not copied: a tiny case's archive and its manifest, keys, an envelope,
# an iOS call history database.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tiny/notes"
printf '## 2024-01-01\n\n10:00 me: the server is down\n10:20 me: restarted, back up\n' > "$work/tiny/notes/a.md"
printf 'title: Fuzz seed\ntimezone: UTC\ndate: 2024-01-01\nsources:\n  - path: notes/a.md\n' > "$work/tiny/case.yml"
storyline="$scratch/debug/storyline"
[ "${FUZZ_NO_BUILD:-0}" = 1 ] || swift build --scratch-path "$scratch" --product storyline > /dev/null 2>&1 \
  || { echo "Fuzz: storyline build failed" >&2; exit 1; }
"$storyline" keys generate --name Seed -o "$work/keys" > /dev/null
"$storyline" archive "$work/tiny" -o "$work/tiny.zip" --sign "$work/keys.key" --no-pdf > /dev/null
"$storyline" archive "$work/tiny" -o "$work/tiny.enc" --encrypt-to "$work/keys.pub" --no-pdf > /dev/null
(cd "$work" && unzip -q -p tiny.zip manifest.json > tiny-manifest.json)
python3 -c "
import sqlite3, sys
d = sqlite3.connect(sys.argv[1])
d.execute('CREATE TABLE ZCALLRECORD (Z_PK INTEGER PRIMARY KEY, ZADDRESS TEXT, ZDATE REAL, ZDURATION REAL, ZORIGINATED INTEGER, ZANSWERED INTEGER, ZCALLTYPE INTEGER)')
d.execute(\"INSERT INTO ZCALLRECORD VALUES (1, '+15555550100', 700000000.0, 42.0, 1, 1, 1)\")
d.commit()" "$work/callhistory.storedata"

export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp"
failed=()
printf '%-18s %12s %8s %10s  %s\n' target executions seconds "peak MB" result
for t in "${targets[@]}"; do
  name="${t/:/-}"
  corpus="Fuzz/corpus/$name"
  mkdir -p "Fuzz/crashes/$name" "$corpus"
  if [ -z "$(ls -A "$corpus")" ]; then
    for f in $(seeds "$t"); do [ -f "$f" ] && cp "$f" "$corpus/seed-$(basename "$f" | tr ' ' '_')"; done
  fi
  max_len=65536
  case "$t" in android-* | ios-* | slack | whatsapp-zip | verify | envelope) max_len=1048576 ;; esac
  log="Fuzz/crashes/$name/last-run.log"
  STORYLINE_FUZZ_TARGET="$t" "$binary" "$corpus" -max_total_time="$seconds" -max_len="$max_len" -timeout=30 \
    -rss_limit_mb=4096 -artifact_prefix="Fuzz/crashes/$name/" -print_final_stats=1 > "$log" 2>&1
  status=$?
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
  secs="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")"
  rss="$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")"
  result="ok"
  if [ "$status" -ne 0 ]; then
    result="FAILED (exit $status): $(grep -m1 -E 'ERROR|Fatal error|Precondition failed|timeout|out-of-memory' "$log" | cut -c1-120)"
    failed+=("$t")
  fi
  printf '%-18s %12s %8s %10s  %s\n' "$t" "${runs:-0}" "$seconds" "${rss:-?}" "$result"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "Fuzz: ${#failed[@]} target(s) failed: ${failed[*]} (logs and inputs in Fuzz/crashes/)" >&2
  exit 1
fi
echo "Fuzz: every target ran $seconds s without a finding"

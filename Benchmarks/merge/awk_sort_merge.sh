#!/usr/bin/env bash
# The GNU baseline of the benchmarks: gawk rewrites each line with a sortable key built from its
# timestamp's fields (no real time parsing: months by table, 12-hour clocks by arithmetic, JSON's
# UTC shifted by mktime, milliseconds kept), then a stable `sort` orders them all (the files are
# in order only locally, so `sort -m` would not do) and `cut` drops the key. Continuation lines
# take their record's key.
# Usage: awk_sort_merge.sh CORPUS_DIR
set -euo pipefail
d=$1
key() {
  LC_ALL=C gawk -v fmt="$1" 'BEGIN { OFS = "\t"; split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", m, " ")
    for (i = 1; i <= 12; i++) mon[m[i]] = sprintf("%02d", i); k = "0" }
  fmt == "syslog" { if ($0 !~ /^[ \t]/) k = "2008" mon[$1] sprintf("%02d", $2) " " $3 ".000"; print k, $0; next }
  fmt == "weblogic" {
    if (substr($0, 1, 5) == "####<") {
      split(substr($0, 6, 40), f, /[ ,:>]+/)  # Sep 22 2008 12 00 00 AM CST
      h = f[4] % 12; if (f[7] == "PM") h += 12
      k = f[3] mon[f[1]] sprintf("%02d", f[2]) " " sprintf("%02d", h) ":" f[5] ":" f[6] ".000"
    }
    print k, $0; next }
  fmt == "access" { split(substr($0, index($0, "[") + 1, 20), f, /[\/: ]/)  # 22 Sep 2008 00 00 00
    print f[3] mon[f[2]] f[1] " " f[4] ":" f[5] ":" f[6] ".000", $0; next }
  fmt == "json" { i = index($0, "\"ts\":\"") + 6; s = substr($0, i, 19); ms = substr($0, i + 20, 3); gsub(/[-T:]/, " ", s)
    print strftime("%Y%m%d %H:%M:%S", mktime(s, 1) + 8 * 3600, 1) "." ms, $0 }' "$2"
}
LC_ALL=C sort -s -t $'\t' -k1,1 -S 25% \
  <(key syslog "$d/syslog-app01.log") <(key syslog "$d/syslog-app02.log") \
  <(key syslog "$d/syslog-app03.log") <(key syslog "$d/syslog-app04.log") \
  <(key weblogic "$d/weblogic-ms1.log") <(key weblogic "$d/weblogic-ms2.log") \
  <(key access "$d/access-web1.log") <(key access "$d/access-web2.log") \
  <(key json "$d/api.jsonl") | cut -f2-

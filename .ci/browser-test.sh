#!/usr/bin/env bash
# A real browser renders the HTML report: Debian's chromium, headless. Asserts from the rendered
# DOM that the report's script ran under its Content-Security-Policy, that the SVG timeline holds
# one mark per event and that the findings are there; saves a screenshot (and a print to PDF).
#   .ci/browser-test.sh [OUTPUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
if ! command -v chromium > /dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium > /dev/null
fi
swift run storyline build fixtures/system-e --format html -o "$out/system-e.html" 2> /dev/null
swift run storyline build fixtures/system-e --format json -o "$out/system-e.json" 2> /dev/null
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars --no-first-run --disable-extensions)
timeout 120 chromium "${flags[@]}" --enable-logging=stderr --v=0 --dump-dom "file://$out/system-e.html" \
  > "$out/dom.html" 2> "$out/chromium.log" || { cat "$out/chromium.log"; exit 1; }
timeout 120 chromium "${flags[@]}" --window-size=1400,1800 --screenshot="$out/system-e.png" \
  "file://$out/system-e.html" 2> /dev/null
timeout 120 chromium "${flags[@]}" --print-to-pdf="$out/system-e.pdf" --no-pdf-header-footer \
  "file://$out/system-e.html" 2> /dev/null
python3 - "$out" <<'PY'
import json, re, sys
out = sys.argv[1]
dom = open(f"{out}/dom.html", encoding="utf-8").read()
report = json.load(open(f"{out}/system-e.json", encoding="utf-8"))
log = open(f"{out}/chromium.log", encoding="utf-8", errors="replace").read()
events = len(report["events"])
marks = len(re.findall(r'<path class="mark[ "]', dom))
assert marks == events, f"{marks} marks in the rendered SVG for {events} events"
assert re.search(r'<html[^>]*class="js"', dom), "the report's script did not run (CSP?)"
assert "Content Security Policy" not in log and "Refused to" not in log, "CSP violation in the console"
findings = re.findall(r'<li class="finding level-([a-z-]+)">', dom)
assert len(findings) == len(report["escalation"]["findings"]) == 10, findings
assert "w was never told" in dom and "owner was never told" in dom
rows = len(re.findall(r'<tr id="s\d+-r\d+" class="ev', dom))
assert rows == events, f"{rows} event rows for {events} events"
# The screenshot is a PNG of the asked size, the print a PDF of at least one page, neither empty.
import os, struct
png = open(f"{out}/system-e.png", "rb").read()
assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (1400, 1800), "not a 1400x1800 PNG"
assert os.path.getsize(f"{out}/system-e.png") > 50_000, "the screenshot is (nearly) blank"
pdf = open(f"{out}/system-e.pdf", "rb").read()
assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-1024:], "not a whole PDF"
pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
assert pages >= 1 and len(pdf) > 20_000, f"{pages} pages, {len(pdf)} bytes"
print(f"browser: {marks} marks for {events} events, {len(findings)} findings, script ran under the CSP; "
      f"screenshot {out}/system-e.png ({len(png)} bytes), print {out}/system-e.pdf ({pages} pages)")
PY

/// The HTML report's inline style and script. The report allows exactly these two blocks by
/// their SHA-256 in its Content-Security-Policy; nothing else runs or loads.
enum HTMLAssets {
  static let css = #"""
    :root{--fg:#1d232a;--muted:#5b6570;--line:#d7dde3;--bg:#fff;--never:#b3261e;--late:#b86200;--ok:#1e7b34;--accent:#2456a6}
    *{box-sizing:border-box}
    body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei","Source Han Sans SC",sans-serif;color:var(--fg);background:var(--bg)}
    header,main,footer{max-width:1240px;margin:0 auto;padding:0 20px}
    header{padding-top:18px;border-bottom:1px solid var(--line)}
    h1{font-size:24px;margin:0 0 6px}
    h2{font-size:18px;margin:26px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}
    .summary,.kinds,.meta{color:var(--muted);margin:4px 0}
    .badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;font-weight:600;color:#fff;background:var(--muted);margin-right:6px}
    .audience{background:var(--accent)}
    ul.findings{list-style:none;padding:0;margin:0}
    ul.findings li{padding:6px 8px;border-left:4px solid var(--line);margin:4px 0;background:#f7f8fa}
    li.level-never{border-color:var(--never)}li.level-never .badge{background:var(--never)}
    li.level-late{border-color:var(--late)}li.level-late .badge{background:var(--late)}
    li.level-silence .badge{background:#6b4fa0}li.level-attempt .badge{background:#7a6a00}
    li.level-on-time{border-color:var(--ok)}li.level-on-time .badge{background:var(--ok)}
    .cite{color:var(--muted);font-size:12px;margin-left:6px}
    table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:13px}
    th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
    th{background:#f0f2f5;position:sticky;top:0}
    td.text{white-space:pre-wrap;word-break:break-word;max-width:520px}
    td.evidence,td.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
    tr.missed td.status{color:var(--never);font-weight:600}
    tr.attempt td.kind{color:var(--late)}
    tr.burst{background:#f4f1fa;cursor:pointer}
    tr.member td{color:var(--muted)}
    html.js tr.member{display:none}
    html.js tr.member.open{display:table-row}
    tr.highlight{outline:2px solid var(--accent)}
    .metrics{display:flex;flex-wrap:wrap;gap:6px 18px;margin:6px 0}
    .metrics div{background:#f7f8fa;padding:4px 8px;border-radius:3px}
    .metrics b{display:block;font-size:12px;color:var(--muted);font-weight:500}
    .js-only{display:none}
    html.js .js-only{display:flex}
    .controls{gap:8px;align-items:center;flex-wrap:wrap;margin:6px 0}
    .controls select,.controls input,.controls button{font:inherit;padding:2px 6px}
    #detail{min-height:2.8em;font-size:13px;background:#f7f8fa;border:1px solid var(--line);padding:4px 8px;margin:4px 0;white-space:pre-wrap}
    .chart{overflow-x:auto}
    svg#swimlane{width:100%;min-width:900px;height:auto;font-size:11px;user-select:none}
    svg .lane{fill:#fff}svg .lane.odd{fill:#f6f7f9}svg .lane-source{fill:#f2f6fb}svg .lane-source.odd{fill:#ebf1f8}
    svg .lane-label{fill:var(--fg);font-size:11px}
    svg .incident{fill:#fbe3e1;opacity:.55}
    svg .knew{fill:#cfe6d4;opacity:.8}svg .lane-service{fill:#fbf6ec}svg .lane-service.odd{fill:#f7efe0}
    svg .paging{fill:#b07a1e}svg .paging.unacked{fill:var(--late)}
    svg .silence{opacity:.9}svg .hatch-line{stroke:#9c8fb8;stroke-width:2}
    svg .tick{stroke:#e2e6ea}svg .tick-label{fill:var(--muted);font-size:10px;text-anchor:middle}
    svg .deadline{stroke-width:2;stroke-dasharray:4 3}svg .deadline.missed{stroke:var(--never)}svg .deadline.met{stroke:var(--ok)}
    svg .burst{fill:#c9b8e8;stroke:#7d62b3}svg .burst.error{fill:#f2b8b3;stroke:var(--never)}
    svg .burst-count{font-size:9px;fill:#4a3b6b}
    svg .comm{stroke:#7a8794;stroke-width:1}svg .comm.failed{stroke:var(--late);stroke-dasharray:2 2}
    svg .arrow-head{fill:#7a8794}
    svg .mark{fill:var(--accent);stroke:var(--accent);stroke-width:1.2;cursor:pointer}
    svg .mark.k-call{fill:#2456a6;stroke:#2456a6}svg .mark.k-sms,svg .mark.k-mms,svg .mark.k-message{fill:#0f7b8a;stroke:#0f7b8a}
    svg .mark.k-chat,svg .mark.k-attachment{fill:#8a4fb0;stroke:#8a4fb0}svg .mark.k-email{fill:#a0522d;stroke:#a0522d}
    svg .mark.k-in_person,svg .mark.k-meeting{fill:#1e7b34;stroke:#1e7b34}svg .mark.k-note{fill:#6b7280;stroke:#6b7280}
    svg .mark.k-log,svg .mark.k-alert,svg .mark.k-system{fill:#94a3b8;stroke:none}
    svg .mark.hollow{fill:#fff;stroke-width:1.6}
    svg .mark:focus,svg .mark:hover{stroke:#000;stroke-width:2;outline:none}
    svg .brush{fill:rgba(36,86,166,.15);stroke:var(--accent)}
    .legend{font-size:12px;color:var(--muted)}
    footer{color:var(--muted);font-size:12px;padding:18px 20px 30px}
    .print-only{display:none}
    @media print{
    @page{size:A4;margin:14mm}
    body{font-size:10pt}
    header,main,footer{max-width:none;padding:0}
    .js-only,.controls,#detail,html.js .js-only{display:none!important}
    section{break-before:page}
    section#findings{break-before:auto}
    tr{break-inside:avoid}
    th{position:static}
    html.js tr.member,tr.member{display:none}
    svg#swimlane{min-width:0}
    .chart{overflow:visible}
    td.text{max-width:none}
    .print-only{display:block}
    body.audience-owner section{break-before:auto}
    body.audience-owner #chart,body.audience-owner #events,body.audience-owner #sources{display:none}
    body.audience-owner #escalation,body.audience-owner .finding.level-silence,
    body.audience-owner .finding.level-attempt,body.audience-owner .cite,body.audience-owner td.evidence,
    body.audience-owner th.evidence{display:none}
    }
    """#

  static let script = #"""
    (function () {
      "use strict";
      var root = document.documentElement;
      root.classList.add("js");
      var table = document.getElementById("event-table");
      var rows = table ? Array.prototype.slice.call(table.tBodies[0].rows) : [];
      var kind = document.getElementById("f-kind"), person = document.getElementById("f-person");
      var source = document.getElementById("f-source"), search = document.getElementById("f-search");
      var count = document.getElementById("f-count");
      function filter() {
        var k = kind ? kind.value : "", p = person ? person.value : "", s = source ? source.value : "";
        var q = search ? search.value.trim().toLowerCase() : "";
        var active = k || p || s || q, shown = 0;
        rows.forEach(function (r) {
          var ok = (!k || r.getAttribute("data-kind") === k) &&
            (!p || (" " + r.getAttribute("data-people") + " ").indexOf(" " + p + " ") >= 0) &&
            (!s || r.getAttribute("data-source") === s) &&
            (!q || r.textContent.toLowerCase().indexOf(q) >= 0);
          if (active && r.classList.contains("burst")) { ok = false; }
          r.hidden = !ok;
          if (active && ok) { r.classList.add("open"); } else if (!active) { r.classList.remove("open"); }
          if (ok && (!r.classList.contains("member") || active)) { shown++; }
        });
        if (count) {
          count.textContent = (active ? count.getAttribute("data-matching") : count.getAttribute("data-rows"))
            .replace("{n}", String(active ? shown : rows.length));
        }
      }
      [kind, person, source].forEach(function (el) { if (el) { el.addEventListener("change", filter); } });
      if (search) { search.addEventListener("input", filter); }
      rows.forEach(function (r) {
        if (!r.classList.contains("burst")) { return; }
        r.addEventListener("click", function () {
          var id = r.getAttribute("data-burst");
          rows.forEach(function (m) {
            if (m.classList.contains("member") && m.getAttribute("data-burst") === id) { m.classList.toggle("open"); }
          });
        });
      });
      filter();
      var svg = document.getElementById("swimlane");
      var detail = document.getElementById("detail");
      if (!svg) { return; }
      var lo0 = +svg.getAttribute("data-lo"), hi0 = +svg.getAttribute("data-hi");
      var left = +svg.getAttribute("data-left"), plot = +svg.getAttribute("data-plot");
      var lo = lo0, hi = hi0;
      function xOf(t) { return left + (t - lo) / (hi - lo) * plot; }
      function tOf(x) { return lo + (x - left) / plot * (hi - lo); }
      var points = svg.querySelectorAll("[data-t]"), ranges = svg.querySelectorAll("[data-ta]");
      function layout() {
        Array.prototype.forEach.call(points, function (el) {
          var x = xOf(+el.getAttribute("data-t"));
          var visible = x >= left - 1 && x <= left + plot + 1;
          el.style.display = visible ? "" : "none";
          if (el.tagName === "path") { el.setAttribute("transform", "translate(" + x.toFixed(1) + " " + el.getAttribute("data-y") + ")"); }
          else if (el.tagName === "line") { el.setAttribute("x1", x.toFixed(1)); el.setAttribute("x2", x.toFixed(1)); }
          else { el.setAttribute("x", (el.classList.contains("burst-count") ? x + 2 : x).toFixed(1)); }
        });
        Array.prototype.forEach.call(ranges, function (el) {
          var a = Math.max(left, xOf(+el.getAttribute("data-ta"))), b = Math.min(left + plot, xOf(+el.getAttribute("data-tb")));
          el.style.display = b < a ? "none" : "";
          el.setAttribute("x", a.toFixed(1));
          el.setAttribute("width", Math.max(1, b - a).toFixed(1));
        });
      }
      function svgX(evt) {
        var pt = svg.createSVGPoint(); pt.x = evt.clientX; pt.y = evt.clientY;
        return pt.matrixTransform(svg.getScreenCTM().inverse()).x;
      }
      var brush = document.getElementById("brush"), start = null;
      svg.addEventListener("mousedown", function (evt) { start = svgX(evt); brush.setAttribute("x", start); brush.setAttribute("width", 0); });
      svg.addEventListener("mousemove", function (evt) {
        if (start === null) { return; }
        var x = svgX(evt); brush.setAttribute("x", Math.min(start, x)); brush.setAttribute("width", Math.abs(x - start));
      });
      window.addEventListener("mouseup", function (evt) {
        if (start === null) { return; }
        var x = svgX(evt), a = Math.min(start, x), b = Math.max(start, x);
        start = null; brush.setAttribute("width", 0);
        if (b - a < 4) { return; }
        var ta = tOf(Math.max(a, left)), tb = tOf(Math.min(b, left + plot));
        lo = ta; hi = tb; layout();
      });
      var reset = document.getElementById("zoom-reset");
      if (reset) { reset.addEventListener("click", function () { lo = lo0; hi = hi0; layout(); }); }
      function show(evt) {
        var el = evt.target.closest ? evt.target.closest(".mark, .burst, .deadline, .silence, .knew, .paging, .incident") : null;
        if (!el || !detail) { return; }
        var t = el.querySelector("title");
        detail.textContent = t ? t.textContent : "";
      }
      svg.addEventListener("mouseover", show);
      svg.addEventListener("focusin", show);
      svg.addEventListener("click", function (evt) {
        var el = evt.target.closest ? evt.target.closest(".mark") : null;
        if (!el) { return; }
        var row = document.getElementById(el.getAttribute("data-id"));
        if (!row) { return; }
        rows.forEach(function (r) { r.classList.remove("highlight"); });
        row.hidden = false; row.classList.add("open", "highlight");
        row.scrollIntoView({ block: "center" });
      });
    })();
    """#
}

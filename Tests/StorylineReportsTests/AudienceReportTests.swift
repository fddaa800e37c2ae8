import Crypto
import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineAnalysis
@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline
@testable import StorylineReports

/// The reference incident prepared for an audience, as `storyline build` prepares it.
func systemE(_ audience: Audience, redact extra: Redaction = []) throws -> (Timeline, EscalationReport?, Redaction) {
  let c = try CaseFileLoader.load(path: TestPaths.root + "/fixtures/system-e")
  let redaction = audience.defaultRedaction.union(extra)
  let (t, r) = ReportInput.prepare(case: c, timeline: TimelineBuilder.build(c).timeline, redaction: redaction)
  return (t, r, redaction)
}

func render(_ kind: TemplateReport.Kind, _ audience: Audience, redact: Redaction = []) throws -> String {
  let (t, r, redaction) = try systemE(audience, redact: redact)
  return try TemplateReport.render(t, escalation: r, kind: kind, audience: audience, redaction: redaction)
}

@Suite("Audiences, HTML, redaction, templates, exports")
struct AudienceReportTests {
  @Test(arguments: Audience.allCases)
  func markdownAndHTMLGoldenPerAudience(_ audience: Audience) throws {
    let md = try render(.markdown, audience)
    try expectGolden(md, audience == .team ? "system-e.md" : "system-e.\(audience.rawValue).md")
    try expectGolden(try render(.html, audience), "system-e.\(audience.rawValue).html")
  }

  @Test func audiencesDifferAsDocumented() throws {
    let owner = try render(.markdown, .owner)
    let team = try render(.markdown, .team)
    let archive = try render(.markdown, .archive)
    // The owner's: no bodies, no raw log lines, numbers and addresses masked, no rejected records.
    #expect(!owner.contains("sessions now 126") && owner.contains("\\[sms body\\]"))
    #expect(!owner.contains("ExecuteThread") && owner.contains("\\[fault: stuck threads\\]"))
    #expect(!owner.contains("## Warnings") && owner.contains("Redacted for this report: numbers, emails, bodies."))
    #expect(owner.contains("+••••••••••99"))
    // The condensed timeline keeps communications and signals, not the morning's traffic.
    #expect(!owner.contains("SysEPool") && owner.contains("| 12:31:40 ≈ | call | pm-a | z |"))
    // The team's: every detail.
    #expect(team.contains("sessions now 126") && team.contains("## Warnings"))
    // The archive: full hashes, original times and corrections on every row.
    #expect(archive.contains("| Time | Kind | From | To | What | Evidence | Original time | Corrections |"))
    #expect(archive.contains("76ff7597c4a4") && archive.contains("zone\\_assumed: no zone in the source"))
    // Every source's full SHA-256, hashed here from the fixture's bytes.
    for source in ["logs/sysE_ms1.log", "notes/pm-a.txt", "chat/qq-support-group.txt"] {
      let bytes = try Data(contentsOf: URL(fileURLWithPath: TestPaths.root + "/fixtures/system-e/" + source))
      let sha = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
      #expect(archive.contains("`\(sha)`"), "\(source)")
    }
  }

  /// libxml2's HTML parser reads the report back: structure, every event, no external URL.
  @Test func htmlStructureParsedWithLibxml2() throws {
    let (t, _, _) = try systemE(.team)
    let html = try render(.html, .team)
    let path = scratchDirectory() + "report-\(UUID().uuidString).html"
    try html.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let doc = try #require(try HTMLNode.parse(path: path))
    let rows = doc.descendants { $0.name == "tr" && $0.hasClass("ev") && !$0.hasClass("burst") }
    #expect(rows.count == t.events.count)
    #expect(Set(rows.compactMap { $0.attributes["id"] }) == Set(t.events.map(\.id)))
    let marks = doc.descendants { $0.name == "path" && $0.hasClass("mark") }
    #expect(marks.count == t.events.count)
    let findings = doc.descendants { $0.name == "li" && $0.hasClass("finding") }
    #expect(findings.count == 10 && findings[0].textContent.contains("w was never told"))
    #expect(doc.descendants { $0.name == "li" && $0.hasClass("level-late") }.count == 4)
    #expect(doc.descendants { $0.name == "line" && $0.hasClass("deadline") && $0.hasClass("missed") }.count == 4)
    #expect(doc.descendants { $0.name == "rect" && $0.hasClass("silence") }.count == 3)
    // Eleven bursts, among them the eight stuck-thread reports of sysE_ms1.log:81–120, from
    // 11:56:31.295 to 11:59:20.720 (+08:00), drawn as an error burst.
    let bursts = doc.descendants { $0.name == "rect" && $0.hasClass("burst") }
    #expect(bursts.count == 11)
    let stuck = try #require(bursts.first { $0.attributes["data-ta"] == "1222055791295000" })
    #expect(stuck.hasClass("error") && stuck.attributes["data-tb"] == "1222055960720000")
    // Nothing is loaded from anywhere: no src or href except the SVG's own fragment references.
    let linked = doc.descendants {
      $0.attributes["src"] != nil || ($0.attributes["href"].map { !$0.hasPrefix("#") } ?? false)
    }
    #expect(linked.isEmpty)
    #expect(!html.contains("src=\"http") && !html.contains("href=\"http"))
    let csp = try #require(doc.first { $0.name == "meta" && $0.attributes["http-equiv"] == "Content-Security-Policy" })
    #expect(csp.attributes["content"]?.hasPrefix("default-src 'none'; style-src 'sha256-") == true)
    let style = try #require(doc.first { $0.name == "style" })
    let script = try #require(doc.first { $0.name == "script" })
    #expect(csp.attributes["content"]!.contains(HTMLParts.hash(style.textContent)))
    #expect(csp.attributes["content"]!.contains(HTMLParts.hash(script.textContent)))
  }

  @Test func hostileTextIsEscapedEverywhere() throws {
    let built = TimelineBuilder.build(
      paths: [TestPaths.root + "/fixtures/hostile/report-injection.md"], options: .init(timezone: .utc))
    let t = built.timeline
    let html = try TemplateReport.render(t, escalation: nil, kind: .html)
    #expect(!html.contains("<script>alert(1)</script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(!html.contains("<img src=x") && html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
    #expect(html.components(separatedBy: "<script>").count == 2)  // the report's own, only
    let path = scratchDirectory() + "hostile-\(UUID().uuidString).html"
    try html.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let doc = try #require(try HTMLNode.parse(path: path))
    #expect(doc.descendants { $0.name == "img" }.isEmpty)
    #expect(doc.descendants { $0.name == "script" }.count == 1)
    let row = try #require(doc.first { $0.name == "td" && $0.hasClass("text") })
    #expect(row.textContent.contains("<script>alert(1)</script> \"><img src=x onerror=alert(1)>"))
    // The ANSI colours' ESC bytes reach no part of the HTML: the values the template writes are
    // escaped as the hand-built parts are (they were once let through as they were).
    #expect(!html.contains("\u{1B}") && row.textContent.contains("| pipe | \u{FFFD}[31mred\u{FFFD}[0m ="))
    // The CSV: the text cell quoted (its quotes doubled), the ESC bytes of the ANSI colours made
    // visible; the formula is mid-cell here, so it stays (cells that start with one: below).
    let csv = CSVReport.render(t)
    #expect(!csv.contains("\u{1B}"))
    #expect(
      csv.contains(
        #","me: <script>alert(1)</script> ""><img src=x onerror=alert(1)> | pipe | \x1B[31mred\x1B[0m =HYPERLINK(""http://evil"") [link](javascript:alert(1))","#
      ))
    let md = MarkdownReport.render(t)
    #expect(!md.contains("<script>") && md.contains("&lt;script&gt;"))
  }

  /// The one HTML escaping, as a template's values and the hand-built parts get it: entities for
  /// the five markup characters, U+FFFD for control characters (not newline and tab), DEL, C1
  /// and the bidirectional overrides; everything else as it is, a grapheme's marks included.
  @Test(arguments: [
    ("plain text, 中文", "plain text, 中文"),
    ("<a href='x'>&\"</a>", "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"),
    ("esc\u{1B}[2J bell\u{07} del\u{7F} cr\r", "esc\u{FFFD}[2J bell\u{FFFD} del\u{FFFD} cr\u{FFFD}"),
    ("line\nfeed\ttab", "line\nfeed\ttab"),
    ("a\u{202E}b\u{202D}c\u{202C}d — e", "a\u{FFFD}b\u{FFFD}c\u{202C}d — e"),
    ("<\u{338} is one character", "&lt;\u{338} is one character"),
    (
      "c1 csi\u{9B}31m nel\u{85} \u{80}; nbsp\u{A0} \u{A9}", "c1 csi\u{FFFD}31m nel\u{FFFD} \u{FFFD}; nbsp\u{A0} \u{A9}"
    ),
    ("", ""),
  ])
  func htmlEscaping(raw: String, escaped: String) throws {
    #expect(HTMLText.escape(raw) == escaped)
    let t = Timeline(
      title: raw, zone: .utc, zoneGiven: true, date: nil, people: [], sources: [], events: [], warnings: [])
    #expect(
      try TemplateReport.render(t, escalation: nil, kind: .html, template: "<p>{{title}}</p>") == "<p>\(escaped)</p>")
  }

  /// A cell a spreadsheet would evaluate gets a leading `'` (OWASP's CSV injection rule), whatever
  /// its first character; quoting follows RFC 4180; control characters are made visible.
  @Test(arguments: [
    ("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\""),
    ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("\r=1", "\"'\r=1\""),
    ("a=1", "a=1"), ("plain, comma", "\"plain, comma\""), ("bell\u{07} and esc\u{1B}[2J", "bell\\x07 and esc\\x1B[2J"),
    ("\u{1B}=1", "\\x1B=1"), ("del\u{7F} c1\u{9B}", "del\\x7F c1\\x9B"), ("tab\tline\nend", "\"tab\tline\nend\""),
    // A comma or quote with a combining mark is one Character, and so is CR LF: each is still
    // quoted (a reader would split the field or the row there).
    ("forged,\u{301}column", "\"forged,\u{301}column\""), ("quote \"\u{301} here", "\"quote \"\"\u{301} here\""),
    ("crlf\r\nrow", "\"crlf\r\nrow\""),
  ])
  func csvCellsCannotBecomeFormulasOrEscapes(raw: String, cell: String) {
    #expect(CSVText.cell(raw) == cell)
  }

  /// Nothing redacted reaches any format: names, numbers, addresses and bodies of the case.
  @Test func redactionReachesEveryFormat() throws {
    let (t, r, redaction) = try systemE(.owner, redact: .names)
    let outputs = [
      try TemplateReport.render(t, escalation: r, kind: .markdown, audience: .owner, redaction: redaction),
      try TemplateReport.render(t, escalation: r, kind: .html, audience: .owner, redaction: redaction),
      JSONReport.render(t, escalation: r), CSVReport.render(t), TimesketchReport.jsonl(t), TimesketchReport.csv(t),
    ]
    let secrets = [
      "138 0000", "13800000", "+8613800", "@example.com", "Delivery director", "PM A", "CDW", "pm-a", "director",
      "sessions now 126", "Nobody had told me", "营业厅小王", "10.20.1.", "TicketSequence", "6552 7001",
    ]
    for (k, out) in outputs.enumerated() {
      for s in secrets { #expect(!out.contains(s), "format \(k) leaks \(s)") }
    }
    #expect(outputs[0].contains("senior management 1") && outputs[0].contains("project manager"))
    // The analysis still ran on the real evidence: the same findings, by role.
    #expect(r?.findings.count == 10 && r?.steps.map(\.status) == [.late, .late, .never, .never])
  }

  @Test func numbersInFileNamesAndTextAreMasked() throws {
    let dir = scratchDirectory() + "redact-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/chat with +44 7700 900123.md"
    try "# 2024-01-02\n\n10:00 called +44 7700 900123 and ops@example.org, see ticket 2024-01-02\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    let built = TimelineBuilder.build(paths: [path], options: .init(timezone: .utc))
    let (t, _) = ReportInput.prepare(case: nil, timeline: built.timeline, redaction: [.numbers, .emails])
    let json = JSONReport.render(t)
    #expect(!json.contains("7700 900123") && json.contains("chat with +•• •••• ••••23.md"))
    #expect(!json.contains("ops@example.org") && json.contains("•••@example.org"))
    #expect(json.contains("ticket 2024-01-02"))  // a date is not a phone number
    #expect(TextMask.isCompactTimestamp("20080923091244") && !TextMask.isCompactTimestamp("13800000001"))
  }

  @Test func timesketchLinesCarryTheRequiredFields() throws {
    let (t, _, _) = try systemE(.team)
    let lines = TimesketchReport.jsonl(t).split(separator: "\n")
    #expect(lines.count == t.events.count)
    for l in lines {
      let o = try #require(try JSONSerialization.jsonObject(with: Data(l.utf8)) as? [String: Any])
      let message = try #require(o["message"] as? String)
      let datetime = try #require(o["datetime"] as? String)
      let desc = try #require(o["timestamp_desc"] as? String)
      #expect(!message.isEmpty && !desc.isEmpty)
      #expect(
        datetime.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$"#, options: .regularExpression) != nil)
    }
    let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(first["kind"] as? String == "note" && first["source_file"] as? String == "notes/pm-a.txt")
    #expect(
      first["datetime"] as? String == "2008-09-21T23:00:00.000000+00:00"
        && first["timestamp"] as? Int == 1_222_038_000_000_000)
    let csv = TimesketchReport.csv(t)
    #expect(csv.hasPrefix("message,datetime,timestamp_desc,timestamp,event_id,kind,"))
  }

  @Test func csvNeutralizesFormulas() {
    #expect(CSVText.cell("=HYPERLINK(\"http://evil\")") == "\"'=HYPERLINK(\"\"http://evil\"\")\"")
    #expect(
      CSVText.cell("+1 555") == "'+1 555" && CSVText.cell("-5") == "'-5" && CSVText.cell("@SUM(A1)") == "'@SUM(A1)")
    #expect(CSVText.cell("a,b") == "\"a,b\"" && CSVText.cell("plain") == "plain")
  }

  @Test func aTeamsOwnTemplate() throws {
    let (t, r, _) = try systemE(.team)
    let custom = try String(
      contentsOfFile: TestPaths.root + "/docs/templates/sre-postmortem.md.mustache", encoding: .utf8)
    let out = try TemplateReport.render(t, escalation: r, kind: .markdown, template: custom)
    #expect(out.hasPrefix("# Postmortem: System E launch outage\n"))
    #expect(out.contains("- **started**: 11:56:31 — stuck threads (logs/sysE\\_ms1.log:81)"))
    #expect(out.contains("| 3 | director, w, f | 12:56 | — | never told: w |"))
    // The narrative fills the post-mortem's own sections.
    #expect(out.contains("## Root causes\n\nThe server: every stuck thread waited on the `TicketSequence.next`"))
    #expect(
      out.contains(
        "| Tell the system owner about the outage and what is being done | Delivery director | 2008-09-23 | open |"))
    #expect(out.contains("\n## Lessons\n\n- A fault during lunch was luck") && !out.contains("| | mitigate | | |"))
    // A template without a content-type pragma is escaped as its kind requires.
    let plain = try TemplateReport.render(t, escalation: r, kind: .html, template: "<p>{{title}}</p>")
    #expect(plain == "<p>System E launch outage</p>")
    #expect(throws: TemplateReport.TemplateError.self) {
      try TemplateReport.render(t, escalation: r, kind: .html, template: "{{#unclosed}}")
    }
  }
}

import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineAnalysis
@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline
@testable import StorylineReports

/// Compares with a golden file; `STORYLINE_UPDATE_GOLDEN=1 swift test` rewrites it.
func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let path = TestPaths.golden + "/" + name
  if ProcessInfo.processInfo.environment["STORYLINE_UPDATE_GOLDEN"] == "1" {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }
  let expected = try String(contentsOfFile: path, encoding: .utf8)
  #expect(
    text == expected, "differs from \(name); rerun with STORYLINE_UPDATE_GOLDEN=1 to accept",
    sourceLocation: sourceLocation)
}

func systemE() throws -> (Timeline, EscalationReport) {
  // Source paths are cited relative to the case file, so the output does not depend on the
  // folder the tests run from.
  let c = try CaseFileLoader.load(path: TestPaths.root + "/fixtures/system-e")
  let t = TimelineBuilder.build(c).timeline
  return (t, EscalationAnalyzer.analyze(t, case: c))
}

@Suite("Reports")
struct ReportTests {
  @Test func markdownGolden() throws {
    let (t, r) = try systemE()
    try expectGolden(MarkdownReport.render(t, escalation: r), "system-e.md")
  }

  @Test func jsonGolden() throws {
    let (t, r) = try systemE()
    try expectGolden(JSONReport.render(t, escalation: r), "system-e.json")
  }

  @Test func sameInputsGiveByteIdenticalOutput() throws {
    let (a, ra) = try systemE()
    let (b, rb) = try systemE()
    #expect(JSONReport.render(a, escalation: ra) == JSONReport.render(b, escalation: rb))
    #expect(MarkdownReport.render(a, escalation: ra) == MarkdownReport.render(b, escalation: rb))
  }

  @Test func jsonCarriesTheDocumentedFields() throws {
    let (t, r) = try systemE()
    let data = Data(JSONReport.render(t, escalation: r).utf8)
    let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(doc["schema"] as? String == "storyline/1")
    let c = try #require(doc["case"] as? [String: Any])
    #expect(c["title"] as? String == "System E launch outage")
    #expect(c["timezone"] as? String == "Asia/Shanghai")
    let sources = try #require(doc["sources"] as? [[String: Any]])
    #expect(sources.count == 11)
    let escalation = try #require(doc["escalation"] as? [String: Any])
    let steps = try #require(escalation["steps"] as? [[String: Any]])
    #expect(steps.map { $0["status"] as? String } == ["late", "late", "never", "never"])
    #expect(steps[2]["missing"] as? [String] == ["w"])
    let people = try #require(escalation["people"] as? [[String: Any]])
    let director = try #require(people.first { $0["id"] as? String == "director" })
    #expect(director["knew_at"] as? String == "2008-09-22T08:00:24Z")
    #expect(
      director["from"] as? String == "pm-a" && director["via"] as? String == "call"
        && director["asked"] as? Bool == true)
    #expect(people.first { $0["id"] as? String == "w" }?["knew_at"] is NSNull)
    let silences = try #require(escalation["silences"] as? [[String: Any]])
    #expect(silences.first?["seconds"] as? Int == 7100)
    for s in sources {
      for key in ["path", "format", "sha256", "records", "events", "merged", "rejected", "warnings"] {
        #expect(s[key] != nil, "source lacks \(key)")
      }
      #expect(
        (s["records"] as? Int) == (s["events"] as? Int ?? -1) + (s["merged"] as? Int ?? -1)
          + (s["rejected"] as? Int ?? -1))
    }
    let events = try #require(doc["events"] as? [[String: Any]])
    // The log: fault and recovery as signals, the stuck threads and the morning traffic as bursts.
    let failed = try #require(events.first { ($0["text"] as? String)?.hasSuffix("changed to FAILED") == true })
    #expect((failed["signal"] as? [String: Any])?["reason"] as? String == "server state changed to FAILED")
    #expect(failed["burst"] is NSNull)
    let logs = try #require(doc["logs"] as? [String: Any])
    let bursts = try #require(logs["bursts"] as? [[String: Any]])
    let stuck = try #require(bursts.first { ($0["template"] as? String)?.hasPrefix("BEA-000337 [STUCK]") == true })
    #expect(stuck["count"] as? Int == 8 && stuck["first"] as? String == "2008-09-22T03:56:31.295Z")
    #expect(stuck["last"] as? String == "2008-09-22T03:59:20.720Z" && stuck["severity"] as? String == "error")
    #expect((stuck["first_evidence"] as? [String: Any])?["line"] as? Int == 81)
    let pool = try #require(bursts.first { ($0["template"] as? String)?.contains("SysEPool") == true })
    #expect(pool["count"] as? Int == 67)
    let first503 = try #require(events.first { ($0["text"] as? String)?.hasSuffix(" 503") == true })
    #expect(first503["time"] as? String == "2008-09-22T03:57:11Z")
    let volume = try #require(logs["volume"] as? [[String: Any]])
    let access = try #require(volume.first { $0["path"] as? String == "logs/sysE_ms1-access.log" })
    let minutes = try #require(access["minutes"] as? [[Any]])
    // 11:57 CST: two requests, one of them a 503; none while the server was down (12:01–12:19).
    #expect(
      minutes.first { $0[0] as? String == "2008-09-22T03:57:00Z" }.map { [$0[1] as? Int, $0[2] as? Int] } == [2, 2])
    #expect(
      !minutes.contains {
        ($0[0] as? String ?? "") > "2008-09-22T04:01:00Z" && ($0[0] as? String ?? "") < "2008-09-22T04:19:00Z"
      })
    let sms = try #require(events.first { ($0["text"] as? String)?.hasPrefix("sessions now 126") == true })
    #expect(sms["time"] as? String == "2008-09-22T03:01:00.233Z")
    #expect(sms["local_time"] as? String == "2008-09-22T11:01:00.233+08:00")
    #expect(sms["precision"] as? String == "millisecond")
    #expect(sms["kind"] as? String == "sms")
    #expect(sms["from"] as? String == "cdw")
    #expect(sms["from_raw"] as? String == "+8613800000003")
    #expect(sms["to"] as? [String] == ["director"])
    #expect(sms["severity"] is NSNull)
    let src = try #require(sms["source"] as? [String: Any])
    #expect(src["path"] as? String == "phones/director/sms-20080923091244.xml")
    #expect(src["format"] as? String == "sms-backup-xml")
    #expect(src["record"] as? Int == 2)
    #expect(src["line"] as? Int == 6)
    #expect(src["original_time"] as? String == "1222052460233 (readable_date Sep 22, 2008 11:01:00 AM)")
    #expect((src["corrections"] as? [Any])?.isEmpty == true)
    let missed = try #require(events.first { ($0["outcome"] as? String) == "missed" })
    #expect(missed["attempt"] as? Bool == true && missed["end"] is NSNull)
    #expect((missed["attributes"] as? [String: String])?["state"] == "missed")
    let asked = try #require(events.first { ($0["duration_s"] as? Int) == 412 })
    #expect(asked["attempt"] as? Bool == false)
    #expect(
      asked["time"] as? String == "2008-09-22T08:00:24.000Z" && asked["end"] as? String == "2008-09-22T08:07:16.000Z")
    let log = try #require(events.first { ($0["kind"] as? String) == "log" })
    #expect(log["attempt"] is NSNull)
    #expect(log["severity"] as? String == "info")
    let note = try #require(events.first { ($0["kind"] as? String) == "note" })
    let kinds = ((note["source"] as? [String: Any])?["corrections"] as? [[String: String]])?.compactMap { $0["kind"] }
    #expect(kinds == ["date_inferred", "zone_assumed"])
  }

  @Test func hostileTextCannotBreakTheMarkdownOrTheJSON() throws {
    let hostile = "a | b\n<script>alert(1)</script> **bold** [x](http://evil) \u{1B}[31mred\u{1B}[0m \u{202E}txt"
    let e = Event(
      instant: Instant(seconds: 0), precision: .second, kind: .sms, from: Party(person: nil, raw: "x|y"), text: hostile,
      source: Provenance(path: "p|q.xml", format: "t", record: 1, line: 2, originalTime: "0", corrections: []),
      sourceIndex: 0, sequence: 1)
    let t = Timeline(
      title: "T <b>", zone: .utc, zoneGiven: true, date: nil, people: [], sources: [], events: [e], warnings: [])
    let md = MarkdownReport.render(t)
    let row = try #require(md.split(separator: "\n").first { $0.contains("alert") })
    // Six cells: seven unescaped pipes, whatever the text holds.
    #expect(row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 7)
    #expect(
      row.contains(
        "a \\| b<br>&lt;script&gt;alert(1)&lt;/script&gt; \\*\\*bold\\*\\* \\[x\\](http://evil) \u{FFFD}\\[31mred"))
    #expect(!md.contains("\u{1B}") && !md.contains("\u{202E}") && !md.contains("<script>"))
    #expect(md.hasPrefix("# T &lt;b&gt;\n"))
    let json = JSONReport.render(t)
    #expect(
      json.contains(
        #""text": "a | b\n<script>alert(1)</script> **bold** [x](http://evil) \u001b[31mred\u001b[0m \#u{202E}txt""#))
    #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
  }
}

/// An event is written through a cursor into room guessed from the last event and its own
/// text, or, when that is too little (a long text of attributes after short events), into room
/// counted exactly, or, when that would be more than a megabyte, piece by piece: the JSON is the
/// same either way.
@Suite("JSON event room")
struct JSONEventRoomTests {
  @Test func anEventLargerThanTheGuessIsWrittenWhole() throws {
    func event(_ n: Int, text: String, attributes: Attributes = Attributes()) -> Event {
      var e = Event(
        instant: Instant(seconds: Int64(n)), precision: .second, kind: .log, from: nil, text: text,
        source: Provenance(path: "a.log", format: "syslog", record: n, line: n, originalTime: "\(n)", corrections: []),
        sourceIndex: 0, sequence: n)
      e.attributes = attributes
      return e
    }
    let long = String(repeating: "\u{01}\"", count: 3_000)
    // Escaped at worst, more room than is made at once: appended piece by piece.
    let huge = String(repeating: "\u{01}é\u{2028}", count: 40_000)
    let events = [
      event(1, text: "short"),
      event(2, text: "x", attributes: Attributes([("trace", long), ("more", long)])),
      event(3, text: long), event(4, text: "after"), event(5, text: huge), event(6, text: "last"),
    ]
    let t = Timeline(
      title: "T", zone: .utc, zoneGiven: true, date: nil, people: [], sources: [], events: events, warnings: [])
    let json = JSONReport.render(t)
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let written = try #require(doc["events"] as? [[String: Any]])
    #expect(written.map { $0["text"] as? String } == ["short", "x", long, "after", huge, "last"])
    #expect((written[1]["attributes"] as? [String: String]) == ["trace": long, "more": long])
    // Each event the same bytes as when it is written alone (room counted from nothing before).
    for (k, e) in events.enumerated() {
      var alone: [UInt8] = []
      JSONReport.writeEvent(e, zone: .utc, burst: nil, signal: nil, level: 4, into: &alone)
      #expect(json.contains(String(decoding: alone, as: UTF8.self)), "event \(k + 1)")
    }
  }
}

@Suite("Report injection")
struct ReportInjectionTests {
  @Test func hostileNotesStayTextInEveryReport() throws {
    let out = TimelineBuilder.build(
      paths: [TestPaths.root + "/fixtures/hostile/report-injection.md"],
      options: .init(date: CivilDate(year: 2024, month: 1, day: 1)))
    let md = MarkdownReport.render(out.timeline)
    let row = try #require(md.split(separator: "\n").first { $0.contains("alert(1)") })
    #expect(!row.contains("<script>") && !row.contains("<img") && !row.contains("\u{1B}"))
    #expect(row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 7)
    #expect(row.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    let json = JSONReport.render(out.timeline)
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let text = ((doc["events"] as? [[String: Any]])?.first?["text"] as? String) ?? ""
    #expect(text.hasPrefix("me: <script>alert(1)</script> \"><img src=x onerror=alert(1)> | pipe | \u{1B}[31mred"))
  }

  /// A comma or quote carrying a combining mark cannot add a column to a CSV row: every row of
  /// both CSV reports reads back, RFC 4180, to the header's columns, the text whole.
  @Test func aCombiningMarkCannotAddACSVColumn() throws {
    let out = TimelineBuilder.build(
      paths: [TestPaths.root + "/fixtures/hostile/report-injection.md"],
      options: .init(date: CivilDate(year: 2024, month: 1, day: 1)))
    #expect(out.timeline.events.count == 2)
    for (csv, textColumn) in [(CSVReport.render(out.timeline), 6), (TimesketchReport.csv(out.timeline), 0)] {
      let rows = Self.rows(csv)
      #expect(rows.count == 3)
      for r in rows { #expect(r.count == rows[0].count) }
      #expect(rows.last?[textColumn].hasSuffix("forged,\u{301}critical,\u{301}x and \"\u{301}quoted") == true)
    }
  }

  /// Any text, in any cell: the row reads back, RFC 4180, to as many cells as were written, each
  /// the text as shown (controls made visible, a formula neutralized), the bytes exactly.
  @Test func anyTextReadsBackAsOneCell() {
    let alphabet: [String] = [
      "a", "Z", "0", " ", ",", "\"", "\r", "\n", "\r\n", "\t", "=", "+", "-", "@", "'", "\u{301}", "\u{20DD}",
      "\u{1B}", "\u{9B}", "\u{7F}", "\u{0}", "中", "é", "👩‍💻", "\u{202E}", "|", "\\", ";",
    ]
    var g = SeededGenerator(seed: 4180)
    for _ in 0..<20_000 {
      let cells = (0..<3).map { _ in
        (0..<Int.random(in: 0...8, using: &g)).map { _ in alphabet.randomElement(using: &g)! }.joined()
      }
      var out: [UInt8] = []
      CSVText.row(cells, into: &out)
      let rows = Self.rows(String(decoding: out, as: UTF8.self))
      let shown = cells.map { Array(Self.shownCell($0).utf8) }
      #expect(rows.count == 1 && rows.first?.map { Array($0.utf8) } == shown, "\(cells)")
    }
  }

  /// A Markdown cell written from the bytes is the rule written on Unicode scalars, for any
  /// text and any limit: every special character escaped, controls and bidi overrides replaced,
  /// a tilde before a number (any script's) kept, the text cut after `limit` characters.
  @Test func markdownCellsAreTheRuleOnScalars() {
    let alphabet: [String] = [
      "a", " ", "\n", "\r", "\r\n", "\t", "|", "<", ">", "&", "\\", "`", "*", "_", "[", "]", "#", "~", "~1", "~½",
      "~٣", "~x", "\u{1B}", "\u{0}", "\u{7F}", "\u{9B}", "\u{85}", "\u{A0}", "\u{202E}", "\u{202D}", "\u{202C}",
      "中", "é", "e\u{301}", "👩‍💻", "~👩‍💻",
    ]
    var g = SeededGenerator(seed: 1_024)
    for _ in 0..<20_000 {
      let text = (0..<Int.random(in: 0...10, using: &g)).map { _ in alphabet.randomElement(using: &g)! }.joined()
      let limit = [0, 0, 1, 3, 8].randomElement(using: &g)!
      #expect(MarkdownText.cell(text, limit: limit) == Self.markdownCell(text, limit: limit), "\(text) \(limit)")
    }
  }

  /// ``MarkdownText/cell(_:limit:)``'s rule, written on Unicode scalars.
  static func markdownCell(_ s: String, limit: Int) -> String {
    var out = ""
    let scalars = Array(s.unicodeScalars)
    for (k, ch) in scalars.enumerated() {
      if limit > 0 && k >= limit {
        out += "…"
        break
      }
      switch ch {
      case "\n": out += "<br>"
      case "\r": continue
      case "\t": out += " "
      case "|": out += "\\|"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "&": out += "&amp;"
      case "\\", "`", "*", "_", "[", "]", "#": out += "\\" + String(ch)
      case "~": out += k + 1 < scalars.count && scalars[k + 1].properties.numericType != nil ? "~" : "\\~"
      default:
        let v = ch.value
        let hidden = v < 0x20 || v == 0x7F || (v >= 0x80 && v < 0xA0) || v == 0x202E || v == 0x202D
        if hidden { out += "\u{FFFD}" } else { out.unicodeScalars.append(ch) }
      }
    }
    return out
  }

  /// A cell's text as shown, the rule written on Unicode scalars (``CSVText`` works on bytes):
  /// C0 controls but tab, LF and CR, DEL and C1 as `\xHH`, then `'` before a formula's start.
  static func shownCell(_ s: String) -> String {
    var out = ""
    for u in s.unicodeScalars {
      let hidden = (u.value < 0x20 && u != "\t" && u != "\n" && u != "\r") || (u.value >= 0x7F && u.value < 0xA0)
      if hidden { out += String(format: "\\x%02X", u.value) } else { out.unicodeScalars.append(u) }
    }
    if let f = out.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(f) { out = "'" + out }
    return out
  }

  /// RFC 4180 read on the bytes: fields split at commas and rows at CR LF outside quotes.
  static func rows(_ csv: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field: [UInt8] = []
    var quoted = false
    let b = Array(csv.utf8)
    var i = 0
    while i < b.count {
      let c = b[i]
      if quoted {
        if c == 0x22 && i + 1 < b.count && b[i + 1] == 0x22 {
          field.append(0x22)
          i += 1
        } else if c == 0x22 {
          quoted = false
        } else {
          field.append(c)
        }
      } else if c == 0x22 {
        quoted = true
      } else if c == 0x2C {
        row.append(String(decoding: field, as: UTF8.self))
        field = []
      } else if c == 0x0D && i + 1 < b.count && b[i + 1] == 0x0A {
        row.append(String(decoding: field, as: UTF8.self))
        rows.append(row)
        (row, field) = ([], [])
        i += 1
      } else {
        field.append(c)
      }
      i += 1
    }
    return rows
  }
}

/// The JSON writer's integers, written without a `String` in between.
@Suite("JSON digits")
struct JSONDigitsTests {
  @Test(arguments: [0, 7, 10, 99, 1_222_055_791, -1, -10, Int.max, Int.min])
  func digits(v: Int) {
    var out: [UInt8] = []
    out.decimal(v)
    #expect(String(decoding: out, as: UTF8.self) == String(v))
  }
}

/// An event's attributes in JSON: a name the evidence repeats is written once, with its first
/// value (a JSON object's keys must be unique); any other list is written as it is.
@Suite("JSON attributes")
struct JSONAttributeTests {
  @Test func aRepeatedNameKeepsItsFirstValue() {
    #expect(!Attributes([("a", "1"), ("b", "2"), ("c", "3")]).repeatsAName)
    #expect(Attributes([("a", "1"), ("b", "2"), ("a", "3")]).repeatsAName)
    #expect(!Attributes().repeatsAName)
    let kept = JSONReport.uniqueKeys([("host", "h1"), ("pid", "7"), ("host", "h2"), ("pid", "8"), ("tag", "t")])
    #expect(kept.map(\.key) == ["host", "pid", "tag"] && kept.map(\.value) == ["h1", "7", "t"])
    let plain = JSONReport.uniqueKeys([("b", "2"), ("a", "1")])
    #expect(plain.map(\.key) == ["b", "a"])
  }
}

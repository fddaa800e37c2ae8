import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineFormats

/// The golden reports are compared with themselves byte for byte; these tests read their key
/// facts back out of the committed files — HTML through libxml2's parser, Markdown by table
/// rows — and check them against what the reference incident says happened
/// (../shared/docs/reference-incident.md) and against counts taken from the fixtures by hand.
@Suite("Golden reports: key facts read back")
struct GoldenFactsTests {
  /// What the reference incident says: who was late, by how much, and who was never told.
  static let steps = [
    ["1", "pm-a (any, 15m)", "12:11", "12:30", "pm-a", "late by 18 min"],
    ["2", "z (any, 30m)", "12:26", "12:31", "z", "late by 5 min"],
    ["3", "director, w, f (all, 1h)", "12:56", "—", "", "never told: w"],
    ["4", "owner (any, 2h)", "13:56", "—", "", "never told: owner"],
  ]
  static let findingStarts = [
    "w was never told", "owner was never told", "pm-a learned ~33 min after the start, ~18 min late (step 1)",
    "z learned 35 min after the start, 5 min late (step 2)",
    "director learned 4 h 04 min after the start, 3 h 04 min late (step 3)",
    "f learned ~3 h 53 min after the start, ~2 h 53 min late (step 3)",
  ]
  /// The badge an HTML finding starts with.
  static let badges = ["Never told", "Never told", "Late", "Late", "Late", "Late"]
  /// Records per source, counted in the fixtures: 102 `####<` records and 468 request lines in
  /// the logs, 6 `<sms` and 9 `<call` elements in the phones' backups; 8 of them are the second
  /// phone's copy of the same SMS or call (or a note of it) and are merged: 603 events.
  static let logRecords = 102 + 468
  static let events = 603

  static func golden(_ name: String) throws -> String {
    try String(contentsOfFile: TestPaths.golden + "/" + name, encoding: .utf8)
  }

  /// The rows of the Markdown table under `header`, as cells.
  static func table(_ md: String, header: String) -> [[String]] {
    let lines = md.components(separatedBy: "\n")
    guard let start = lines.firstIndex(of: header) else { return [] }
    return lines[(start + 2)...].prefix { $0.hasPrefix("| ") }.map { row in
      row.dropFirst(2).dropLast(2).components(separatedBy: " | ").map { $0.trimmingCharacters(in: .whitespaces) }
    }
  }

  static func html(_ name: String) throws -> HTMLNode {
    try #require(try HTMLNode.parse(path: TestPaths.golden + "/" + name))
  }

  @Test(arguments: ["system-e.md", "system-e.owner.md", "system-e.archive.md"])
  func markdownStepsAndFindings(name: String) throws {
    let md = try Self.golden(name)
    let steps = Self.table(md, header: "| Step | Notify | Deadline | Reached | By | Status | Evidence |")
    #expect(steps.map { Array($0.prefix(6)) } == Self.steps, "\(name)")
    for f in Self.findingStarts { #expect(md.contains(f), "\(name): \(f)") }
    let people = Self.table(md, header: "| Person | Knew at | From | Via | After the start | Evidence |")
    #expect(people.filter { $0[1] == "never" }.map { $0[0] } == ["w", "owner"], "\(name)")
  }

  @Test(arguments: ["system-e.team.html", "system-e.owner.html", "system-e.archive.html"])
  func htmlStepsFindingsAndMarks(name: String) throws {
    let doc = try Self.html(name)
    let findings = doc.descendants { $0.name == "li" && $0.hasClass("finding") }
    #expect(findings.count == 10, "\(name)")
    for (f, (badge, start)) in zip(findings, zip(Self.badges, Self.findingStarts)) {
      #expect(
        f.textContent.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix(badge + start), "\(name): \(start)")
    }
    let steps = doc.descendants { $0.name == "tr" && $0.hasClass("step") }
    #expect(steps.map { $0.descendants { $0.name == "td" }.first?.textContent } == ["1", "2", "3", "4"], "\(name)")
    #expect(steps.map { $0.hasClass("late") } == [true, true, false, false], "\(name)")
    #expect(steps.map { $0.hasClass("never") } == [false, false, true, true], "\(name)")
    // Every log record is a mark on the swimlane, whatever the audience.
    #expect(doc.descendants { $0.name == "path" && $0.hasClass("k-log") }.count == Self.logRecords, "\(name)")
  }

  /// The archive's Markdown: every event on its own row, with its original time and corrections.
  @Test func archiveMarkdownHasEveryEventWithItsProvenance() throws {
    let md = try Self.golden("system-e.archive.md")
    let rows = Self.table(md, header: "| Time | Kind | From | To | What | Evidence | Original time | Corrections |")
    #expect(rows.count == Self.events)
    #expect(rows.filter { $0[1].hasPrefix("log") }.count == Self.logRecords)
    // Every row has the source's own time text; corrections where the time needed any (a
    // WebLogic record with its zone and epoch needs none; every note line needs its date and zone).
    #expect(rows.allSatisfy { !$0[6].isEmpty })
    #expect(rows.filter { $0[5].hasPrefix("notes/") }.allSatisfy { $0[7].contains("zone\\_assumed") })
    // The first log record of the outage, with its source's own timestamp text.
    #expect(rows.contains { $0[5] == "logs/sysE\\_ms1.log:81" && $0[6].contains("Sep 22, 2008 11:56:31 AM CST") })
  }

  /// The archive's HTML: one row per event, none folded into a burst (the 11 burst rows are
  /// summaries above their records, which keep their own rows).
  @Test func archiveHTMLHasEveryEventRow() throws {
    let doc = try Self.html("system-e.archive.html")
    let rows = doc.descendants { $0.name == "tr" && $0.hasClass("ev") && !$0.hasClass("burst") }
    #expect(rows.count == Self.events)
    #expect(Set(rows.compactMap { $0.attributes["id"] }).count == Self.events)
    #expect(doc.descendants { $0.name == "tr" && $0.hasClass("burst") }.count == 11)
  }

  /// The owner's reports: bodies, numbers and raw log lines redacted; communications kept.
  @Test func ownerReportsAreRedacted() throws {
    let md = try Self.golden("system-e.owner.md")
    let html = try Self.golden("system-e.owner.html")
    for secret in ["sessions now 126", "13800000", "138 0000 000", "ExecuteThread", "director@example.com"] {
      #expect(!md.contains(secret) && !html.contains(secret), "\(secret)")
    }
    let doc = try Self.html("system-e.owner.html")
    let texts = doc.descendants { $0.name == "td" && $0.hasClass("text") }.map(\.textContent)
    #expect(texts.contains("[sms body]"))
    #expect(md.contains("Redacted for this report: numbers, emails, bodies."))
  }
}

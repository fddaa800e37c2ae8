import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineAnalysis
@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

/// Opsgenie alert activity (#15): the Alert API's list responses for an alert's logs (two
/// pages, newest first, one log in both), notes and recipients (fixtures/opsgenie, after the
/// API's documented fields and example).
@Suite("Opsgenie")
struct OpsgenieTests {
  static let folder = TestPaths.root + "/fixtures/opsgenie"

  static func caseDir() throws -> String {
    let dir = scratchDirectory() + "storyline-og-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for f in ["logs.json", "notes.json", "recipients.json"] {
      try FileManager.default.copyItem(atPath: folder + "/" + f, toPath: dir + "/" + f)
    }
    try """
    title: Replica lag
    timezone: UTC
    date: 2026-11-12
    people:
      - id: carol
        ids: {opsgenie: carol@acme.io}
      - id: erin
        emails: [erin@acme.io]
    escalation:
      - notify: [erin]
        within: 5m
      - notify: [carol]
        within: 10m
    sources:
      - path: logs.json
      - path: notes.json
      - path: recipients.json
    """.write(toFile: dir + "/case.yml", atomically: true, encoding: .utf8)
    return dir
  }

  @Test func everyFileIsSniffedAndEveryRecordRead() throws {
    for f in ["logs", "notes", "recipients"] {
      let spec = SourceSpec(path: f, resolvedPath: Self.folder + "/\(f).json")
      #expect(try SourceLoader.format(for: spec).id == .opsgenie, "\(f)")
    }
    let c = try CaseFileLoader.load(path: try Self.caseDir())
    let t = TimelineBuilder.build(c).timeline
    #expect(t.sources.map(\.records) == [4, 1, 2] && t.sources.allSatisfy { $0.rejectedCount == 0 })
    #expect(t.sources[0].warnings.map(\.message) == ["1 log or note appears in more than one page: read once"])
    let rows = t.events.map {
      "\(TimestampFormatter.utc($0.instant, digits: 3)) \($0.kind.rawValue) \($0.from?.display ?? "-") → "
        + "\($0.to.map(\.display).joined(separator: ",")) \($0.outcome?.rawValue ?? "-") \($0.source.citation): \($0.text)"
    }
    #expect(
      rows == [
        "2026-11-12T03:25:00.004Z alert System →  - logs.json:45: Alert created via API integration [Prometheus]",
        "2026-11-12T03:25:01.520Z sms Opsgenie → erin unanswered recipients.json:10: page (sms), notactive",
        "2026-11-12T03:26:01.020Z message Opsgenie → carol - recipients.json:20: page (notification), action",
        "2026-11-12T03:30:46.379Z message Opsgenie → erin completed logs.json:22: Viewed on [web]",
        "2026-11-12T03:31:02.838Z message Opsgenie → carol completed logs.json:15: Alert acknowledged via web",
        "2026-11-12T03:44:30.500Z note carol →  - notes.json:7: Replica lag back under 5 s after failover; keeping the alert open until the batch finishes",
        "2026-11-12T03:55:10.120Z alert carol →  - logs.json:8: Alert closed via web",
      ])
    #expect(t.events[0].attributes["status"] == "firing" && t.events[6].attributes["status"] == "resolved")
  }

  @Test func aViewOrAnAcknowledgementReachesThePersonAndPagesAreSummed() throws {
    let c = try CaseFileLoader.load(path: try Self.caseDir())
    let report = StreamedReport(TimelineBuilder.stream(c), case: c, redaction: [])
    let r = try #require(report.escalation)
    #expect(r.started?.reason == "alert Opsgenie alert firing")
    #expect(r.steps.map(\.status) == [.late, .onTime])
    let erin = try #require(r.people.first { $0.id == "erin" })
    #expect(erin.via == "page viewed" && erin.from == "Opsgenie")
    let carol = try #require(r.people.first { $0.id == "carol" })
    #expect(carol.via == "page acknowledged")
    let p = try #require(r.paging)
    #expect(p.people.map(\.id) == ["erin", "carol"] && p.people.map(\.channels) == [["sms"], ["notification"]])
    #expect(p.people.map(\.ttaMicros) == [Int64(344_859_000), Int64(301_818_000)])
    #expect(r.mitigated?.reason == "alert Opsgenie alert resolved")
  }
}

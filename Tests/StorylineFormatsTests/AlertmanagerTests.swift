import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineAnalysis
@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

/// Prometheus Alertmanager notifications (#15): webhook payloads (version 4) as a receiver logs
/// them, one payload per file, and the /api/v2/alerts list — fixtures follow the documented
/// shapes (fixtures/alertmanager).
@Suite("Alertmanager")
struct AlertmanagerTests {
  static func fixture(_ name: String) -> String { TestPaths.root + "/fixtures/alertmanager/" + name }

  @Test func aReceiversLogFiresRepeatsAndResolves() throws {
    let r = try readAll(Self.fixture("webhook.jsonl"), zone: "UTC", date: nil)
    #expect(r.summary.format == "alertmanager")
    // Line 1: two alerts fire; line 2 repeats the first (one event); line 3 is no payload;
    // line 4 resolves the first.
    #expect(r.events.map(\.utc) == ["2026-03-14T02:13:05.123Z", "2026-03-14T02:14:00Z", "2026-03-14T02:41:35.456Z"])
    #expect(r.events.map(\.source.line) == [1, 1, 4] && r.events.allSatisfy { $0.kind == .alert })
    #expect(
      r.events.map(\.text) == [
        "HighErrorRate firing: 5xx rate above 5% on api-1",
        "DiskFilling firing: Disk /var/lib/postgresql on db-1 will fill within 4 hours",
        "HighErrorRate resolved: 5xx rate above 5% on api-1",
      ])
    #expect(r.events.map(\.severity) == [.critical, .warning, .critical])
    #expect(r.events.map { $0.from?.raw } == ["api-1:9100", "db-1:9100", "api-1:9100"])
    let first = r.events[0].attributes
    #expect(
      first["fingerprint"] == "7f3c1b2a9d4e5f60" && first["status"] == "firing" && first["receiver"] == "oncall-webhook"
    )
    #expect(first["label.job"] == "api" && first["annotation.runbook_url"] == "https://runbooks.example.org/api-5xx")
    #expect(
      r.events[2].attributes["ends_at"] == "2026-03-14T02:41:35.456Z" && r.events[2].attributes["status"] == "resolved")
    #expect(r.summary.records == 4 && r.summary.rejected.map(\.line) == [3])
    #expect(r.summary.rejected[0].reason == "not an Alertmanager webhook payload (a JSON object with alerts)")
    #expect(
      r.summary.warnings.map(\.message) == [
        "1 notification repeats an alert already read (the same fingerprint, status and time, sent again at the "
          + "repeat interval): one event each"
      ])
    // A firing alert is a fault, its resolution a recovery: a fire and its resolve pair up by fingerprint.
    func signal(_ e: Event) -> String? { EventSignal.of(e).map { "\($0.kind.rawValue): \($0.reason)" } }
    #expect(signal(r.events[0]) == "fault: alert HighErrorRate firing")
    #expect(signal(r.events[2]) == "recovery: alert HighErrorRate resolved")
    #expect(r.events[0].attributes["fingerprint"] == r.events[2].attributes["fingerprint"])
  }

  @Test func onePayloadPerFileAndTheAPIList() throws {
    let one = try readAll(Self.fixture("payload.json"), zone: "UTC", date: nil)
    #expect(one.events.map(\.utc) == ["2026-03-14T02:08:45.828Z"])  // 10:08:45.828+08:00
    #expect(one.events[0].source.originalTime == "2026-03-14T10:08:45.828+08:00")
    #expect(one.events[0].text == "ProbeFailure firing: BlackBox Probe Failure: https://shop.example.org")
    let v2 = try readAll(Self.fixture("alerts-v2.json"), zone: "UTC", date: nil)
    #expect(v2.events.map(\.utc) == ["2026-03-14T02:13:05.123Z", "2026-03-14T02:14:00Z"])
    #expect(v2.events.map { $0.attributes["state"] } == ["active", "suppressed"])
    #expect(v2.events.allSatisfy { $0.attributes["status"] == "firing" && $0.attributes["ends_at"] != nil })
  }

  /// Alerts are the case's evidence of the start and the recovery when nothing else is.
  @Test func alertsAreMilestones() throws {
    let dir = scratchDirectory() + "storyline-alerts-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: Self.fixture("webhook.jsonl"), toPath: dir + "/webhook.jsonl")
    try "~02:30 ops: looking at the api errors\n".write(toFile: dir + "/ops.txt", atomically: true, encoding: .utf8)
    try """
    title: Alerts
    timezone: UTC
    date: 2026-03-14
    people:
      - id: ops
    sources:
      - path: webhook.jsonl
      - path: ops.txt
        format: notes
        owner: ops
    """.write(toFile: dir + "/case.yml", atomically: true, encoding: .utf8)
    let c = try CaseFileLoader.load(path: dir)
    let report = StreamedReport(TimelineBuilder.stream(c), case: c, redaction: [])
    let r = try #require(report.escalation)
    #expect(r.started?.reason == "alert HighErrorRate firing" && r.started?.citation == "webhook.jsonl:1")
    #expect(r.mitigated?.reason == "alert HighErrorRate resolved")
    #expect(r.mitigated.map { TimestampFormatter.utc($0.instant, digits: 3) } == "2026-03-14T02:41:35.456Z")
  }

  /// Read through the one file input: gzip-compressed logs too, and an empty file gives nothing
  /// (fuzzing found Foundation's whole-file read leaking on an empty file).
  @Test func gzipAndEmptyFiles() throws {
    let dir = scratchDirectory() + "storyline-amgz-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: Self.fixture("webhook.jsonl"), toPath: dir + "/webhook.jsonl")
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
    gzip.arguments = [dir + "/webhook.jsonl"]
    try gzip.run()
    gzip.waitUntilExit()
    let r = try readAll(dir + "/webhook.jsonl.gz", format: "alertmanager", zone: "UTC", date: nil)
    #expect(r.events.count == 3 && r.summary.rejected.map(\.line) == [3])
    let empty = temporaryFile("empty.json", "")
    let e = try readAll(empty, format: "alertmanager", zone: "UTC", date: nil)
    #expect(e.events.isEmpty && e.summary.records == 0)
  }

  @Test func sniffing() throws {
    #expect(
      try SourceLoader.format(for: SourceSpec(path: "a", resolvedPath: Self.fixture("payload.json"))).id
        == .alertmanager)
    // Plain JSON lines without alerts stay JSON lines.
    let lines = temporaryFile("app.jsonl", "{\"time\":\"2026-03-14T02:13:05Z\",\"msg\":\"startsAt fingerprint\"}\n")
    #expect(try SourceLoader.format(for: SourceSpec(path: "b", resolvedPath: lines)).id == .jsonLines)
  }
}

import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineAnalysis
@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

/// PagerDuty incident log entries (#15): the REST API's `LogEntry` kinds, two pages newest
/// first with one entry in both (fixtures/pagerduty, after the API reference's schemas).
@Suite("PagerDuty")
struct PagerDutyTests {
  static let fixture = TestPaths.root + "/fixtures/pagerduty/log_entries.json"

  @Test func logEntriesBecomeAlertsPagesAcknowledgementsAndNotes() throws {
    let r = try readAll(Self.fixture, zone: "UTC", date: nil)
    #expect(r.summary.format == "pagerduty" && r.summary.records == 9 && r.summary.rejectedCount == 0)
    #expect(r.summary.warnings.map(\.message) == ["1 log entry appears in more than one page: read once"])
    let byTime = r.events.sorted { ($0.instant, $0.source.record) < ($1.instant, $1.source.record) }
    #expect(
      byTime.map(\.utc) == [
        "2026-03-14T02:13:30Z", "2026-03-14T02:13:31Z", "2026-03-14T02:13:31Z", "2026-03-14T02:18:31Z",
        "2026-03-14T02:43:30Z", "2026-03-14T02:43:31Z", "2026-03-14T02:45:10Z", "2026-03-14T02:50:00Z",
        "2026-03-14T03:05:00Z",
      ])
    #expect(byTime.map(\.kind) == [.alert, .message, .sms, .call, .system, .sms, .message, .note, .alert])
    // Alice's three pages went unacknowledged; Bob's page was acknowledged after it.
    #expect(byTime.map(\.outcome) == [nil, .unanswered, .unanswered, .unanswered, nil, nil, .completed, nil, nil])
    #expect(byTime[1...3].allSatisfy { $0.to.map(\.raw) == ["Alice Ops"] && $0.from?.raw == "PagerDuty" })
    #expect(byTime[2].attributes["medium"] == "sms_notification" && byTime[2].attributes["address"] == "+15555550101")
    #expect(byTime[6].attributes["acknowledgement"] == "true" && byTime[6].to.map(\.raw) == ["Bob Lead"])
    #expect(byTime[4].text == "Escalated to Bob Lead by timeout." && byTime[4].attributes["channel"] == "timeout")
    #expect(byTime[4].attributes["assigned_user"] == "Bob Lead")
    #expect(byTime[7].text == "Rolled back deploy 2026-03-14.2" && byTime[7].from?.raw == "Bob Lead")
    func signal(_ e: Event) -> String? { EventSignal.of(e).map { "\($0.kind.rawValue): \($0.reason)" } }
    #expect(signal(byTime[0]) == "fault: alert [#4711] HighErrorRate on api-1 firing")
    #expect(signal(byTime[8]) == "recovery: alert [#4711] HighErrorRate on api-1 resolved")
  }

  /// An acknowledgement is a person reached; pages never acknowledged are attempts.
  @Test func anAcknowledgementReachesTheStepUnansweredPagesAreAttempts() throws {
    let dir = try PagerDutyCase.make()
    let c = try CaseFileLoader.load(path: dir)
    let report = StreamedReport(TimelineBuilder.stream(c), case: c, redaction: [])
    let r = try #require(report.escalation)
    #expect(r.started.map { TimestampFormatter.utc($0.instant) } == "2026-03-14T02:13:30Z")
    #expect(r.steps.map(\.status) == [.never, .onTime])
    let bob = try #require(r.people.first { $0.id == "bob" })
    #expect(bob.knewAt.map { TimestampFormatter.utc($0) } == "2026-03-14T02:45:10Z")
    #expect(bob.via == "page acknowledged" && bob.from == "PagerDuty")
    #expect(r.people.first { $0.id == "alice" }?.knewAt == nil)
    #expect(
      r.failedAttempts.map(\.kind) == [.message, .sms, .call]
        && r.failedAttempts.allSatisfy { $0.outcome == .unanswered })
    // PagerDuty resolving its incident is the resolution (and the alert stopping, a recovery).
    #expect(r.resolved.map { TimestampFormatter.utc($0.instant) } == "2026-03-14T03:05:00Z")
    #expect(r.resolved?.reason == "PagerDuty incident resolved")
    #expect(r.mitigated.map { TimestampFormatter.utc($0.instant) } == "2026-03-14T03:05:00Z")
  }

  /// Paging as the analysis reads it: who was paged how often and by which channels, who
  /// acknowledged and how fast (TTA per person, per step and overall), escalations by timeout,
  /// and a step whose person was never paged though nobody had acknowledged when it was due.
  @Test func pagesAreCountedPerPersonAndChannelWithTimeToAcknowledge() throws {
    let dir = try PagerDutyCase.make(
      people: "  - id: dave\n",
      escalation: "  - notify: [alice]\n    within: 15m\n  - notify: [bob, dave]\n    within: 45m\n")
    let c = try CaseFileLoader.load(path: dir)
    let report = StreamedReport(TimelineBuilder.stream(c), case: c, redaction: [])
    let r = try #require(report.escalation)
    let p = try #require(r.paging)
    #expect(p.people.map(\.id) == ["alice", "bob"])
    #expect(p.people[0].pages == 3 && p.people[0].channels == ["push", "sms", "phone"])
    #expect(p.people[0].acknowledgedAt == nil && p.people[0].services == ["PagerDuty"])
    #expect(p.people[1].pages == 1 && p.people[1].channels == ["sms"] && p.people[1].ttaMicros == 99_000_000)
    #expect(p.ttaMicros == Int64(1_899_000_000))
    #expect(p.escalations.count == 1 && p.escalations[0].byTimeout)
    #expect(p.steps.map(\.ttaMicros) == [nil, 99_000_000])
    #expect(p.steps.map(\.notPaged) == [[], ["dave"]])
    let texts = r.findings.map { "\($0.level.rawValue): \($0.text)" }
    #expect(
      texts.contains(
        "attempt: alice was paged 3 times by PagerDuty (push, sms, phone) from 02:13 to 02:18 and never acknowledged"))
    #expect(
      texts.contains(
        "info: bob was paged once by PagerDuty (sms) and acknowledged 2 min after the first page, at 02:45"))
    #expect(
      texts.contains(
        "late: the page was escalated by timeout at 02:43, nobody having acknowledged in time: Escalated to Bob Lead by timeout."
      ))
    #expect(
      texts.contains(
        "late: dave (step 2) was never paged, though nobody had acknowledged when the step was due at 02:28"))
    #expect(texts.contains("info: time to acknowledge: 32 min (first page at 02:13, first acknowledgement at 02:45)"))
    // The pages are summed up, not listed again one by one as attempts.
    #expect(!texts.contains { $0.hasPrefix("attempt: PagerDuty's") })
  }

  /// The policy PagerDuty ran, as the case's policy: rule k's users within the sum of the
  /// delays of rules 1…k (15 and 15 + 30 minutes), any of them; a schedule beside a user is left
  /// to the user (who was on call is not in the policy).
  @Test func thePagerDutyPolicyIsTheCasesPolicy() throws {
    let dir = scratchDirectory() + "storyline-pdp-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for f in ["log_entries.json", "escalation_policy.json"] {
      try FileManager.default.copyItem(atPath: TestPaths.root + "/fixtures/pagerduty/" + f, toPath: dir + "/" + f)
    }
    let people = "people:\n  - id: alice\n    name: Alice Ops\n  - id: bob\n    name: Bob Lead\n"
    try
      ("title: Checkout outage\ntimezone: UTC\n" + people + "escalation:\n  pagerduty: escalation_policy.json\n"
      + "sources:\n  - path: log_entries.json\n").write(toFile: dir + "/case.yml", atomically: true, encoding: .utf8)
    let c = try CaseFileLoader.load(path: dir)
    #expect(c.escalation.map(\.notify) == [["alice"], ["bob"]])
    #expect(
      c.escalation.map(\.withinText) == ["15m", "45m"]
        && c.escalation.map(\.withinMicros) == [900_000_000, 2_700_000_000])
    #expect(c.escalation.allSatisfy { $0.require == .any })
    let r = try #require(StreamedReport(TimelineBuilder.stream(c), case: c, redaction: []).escalation)
    #expect(r.steps.map(\.status) == [.never, .onTime])
    // A user the case does not know, and a rule of schedules only, are errors naming the rule.
    try
      (people.replacingOccurrences(of: "Bob Lead", with: "Robert")
      + "escalation:\n  pagerduty: escalation_policy.json\n")
      .write(toFile: dir + "/case.yml", atomically: true, encoding: .utf8)
    #expect {
      try CaseFileLoader.load(path: dir)
    } throws: { e in
      (e as? CaseFileError)?.message
        == "escalation.pagerduty: rule 2 targets 'Bob Lead', who is not a person of the case (give them `name: Bob Lead`)"
    }
    try """
    {"escalation_policy": {"escalation_rules": [{"escalation_delay_in_minutes": 10, "targets": [
      {"id": "PSCHED1", "summary": "Checkout Primary", "type": "schedule_reference"}]}]}}
    """.write(toFile: dir + "/escalation_policy.json", atomically: true, encoding: .utf8)
    try (people + "escalation:\n  pagerduty: escalation_policy.json\n").write(
      toFile: dir + "/case.yml", atomically: true, encoding: .utf8)
    #expect {
      try CaseFileLoader.load(path: dir)
    } throws: { e in
      (e as? CaseFileError)?.message
        == "escalation.pagerduty: rule 1 targets only schedules (Checkout Primary): who was on call is not in the "
        + "policy; write the case's escalation steps by hand"
    }
  }

  /// People whose names differ from PagerDuty's are mapped by their PagerDuty user id
  /// (`people[].ids.pagerduty`), in the log entries and in the policy alike.
  @Test func peopleMapByTheirPagerDutyID() throws {
    let dir = scratchDirectory() + "storyline-pdi-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for f in ["log_entries.json", "escalation_policy.json"] {
      try FileManager.default.copyItem(atPath: TestPaths.root + "/fixtures/pagerduty/" + f, toPath: dir + "/" + f)
    }
    try """
    title: Checkout outage
    timezone: UTC
    people:
      - id: alice
        name: A. Ops
        ids: {pagerduty: PALICE1}
      - id: bob
        name: Robert
        ids: {pagerduty: PBOB001}
    escalation:
      pagerduty: escalation_policy.json
    sources:
      - path: log_entries.json
    """.write(toFile: dir + "/case.yml", atomically: true, encoding: .utf8)
    let c = try CaseFileLoader.load(path: dir)
    #expect(c.people.map(\.ids) == [["pagerduty": "PALICE1"], ["pagerduty": "PBOB001"]])
    #expect(c.escalation.map(\.notify) == [["alice"], ["bob"]])
    let r = try #require(StreamedReport(TimelineBuilder.stream(c), case: c, redaction: []).escalation)
    #expect(r.steps.map(\.status) == [.never, .onTime])
    #expect(r.people.first { $0.id == "bob" }?.via == "page acknowledged")
    // Bob's note is his by his id too, though PagerDuty names him otherwise.
    let t = try TimelineBuilder.build(c).timeline
    #expect(t.events.first { $0.kind == .note }?.from?.person == "bob")
    #expect(
      (try? CaseFileLoader.parse(yaml: "people:\n  - id: a\n    ids: {slack: U1}\n", path: "case.yml", directory: dir))
        == nil)
  }
}

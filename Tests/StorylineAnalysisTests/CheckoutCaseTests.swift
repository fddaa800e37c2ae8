import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineAnalysis
@testable import StorylineCore
@testable import StorylinePipeline

/// The present-day case (fixtures/checkout-2026, see its README): Alertmanager, PagerDuty,
/// Opsgenie, Slack, a service log and two people's notes; its escalation truth, exactly.
@Suite("The checkout-2026 case: paging evidence end to end")
struct CheckoutCaseTests {
  static func build() throws -> (Timeline, EscalationReport) {
    let c = try CaseFileLoader.load(path: TestPaths.root + "/fixtures/checkout-2026")
    let out = TimelineBuilder.build(c)
    #expect(out.errors.isEmpty)
    return (out.timeline, EscalationAnalyzer.analyze(out.timeline, case: c))
  }

  @Test func everySourceReadsAndNothingIsLost() throws {
    let (t, _) = try Self.build()
    #expect(
      t.sources.map(\.format) == [
        "java", "alertmanager", "pagerduty", "opsgenie", "opsgenie", "opsgenie", "slack", "notes", "notes",
      ])
    #expect(t.sources.map(\.records) == [40, 2, 9, 4, 2, 1, 6, 4, 3])
    #expect(t.sources.allSatisfy { $0.rejectedCount == 0 && $0.records == $0.events + $0.merged })
    #expect(t.events.count == 71)
  }

  @Test func milestonesAndMetrics() throws {
    let (t, r) = try Self.build()
    func local(_ m: Milestone?) -> String? { m.map { TimestampFormatter.local($0.instant, in: t.zone) } }
    #expect(local(r.started) == "2026-11-20T15:00:12+01:00" && r.started?.citation == "logs/checkout.log:13")
    #expect(r.started!.instant.microseconds % 1_000_000 == 345_000)
    #expect(local(r.detected) == "2026-11-20T15:00:40+01:00")
    #expect(r.detected?.reason == "detected by monitoring (alert CheckoutErrorRate firing)")
    #expect(local(r.mitigated) == "2026-11-20T15:39:00+01:00" && local(r.resolved) == "2026-11-20T15:50:00+01:00")
    #expect(r.metrics.timeToDetect == Int64(27_655_000))
    #expect(r.metrics.timeToMitigate == Int64((38 * 60 + 47) * 1_000_000 + 655_000))
    #expect(r.metrics.timeToResolve == Int64((49 * 60 + 47) * 1_000_000 + 655_000))
    #expect(r.resolved?.reason == "PagerDuty incident resolved")
  }

  @Test func whoKnewWhenAndTheSteps() throws {
    let (_, r) = try Self.build()
    let rows = r.people.map {
      "\($0.id) \($0.knewAt.map { TimestampFormatter.utc($0) } ?? "-") \($0.from ?? "-") \($0.via ?? "-")"
    }
    #expect(
      rows == [
        "alice 2026-11-20T14:08:30Z bob chat", "bob 2026-11-20T14:07:40Z PagerDuty page acknowledged",
        "carol 2026-11-20T14:12:02Z Opsgenie page acknowledged", "erin 2026-11-20T14:08:30Z bob chat",
        "dave 2026-11-20T14:35:00Z bob call", "fiona - - -",
      ])
    #expect(r.steps.map(\.status) == [.late, .onTime, .onTime, .late, .never])
    #expect(r.steps.map(\.lateByMicros) == [197_655_000, nil, nil, 287_655_000, nil])
    #expect(r.steps[0].reachedBy == "alice" && r.steps[3].citation == "notes/bob.md:7")
  }

  @Test func paging() throws {
    let (_, r) = try Self.build()
    let p = try #require(r.paging)
    #expect(p.people.map(\.id) == ["alice", "erin", "bob", "carol"])
    #expect(p.people.map(\.pages) == [2, 1, 2, 1])
    #expect(p.people.map(\.channels) == [["sms", "push"], ["sms"], ["sms", "phone"], ["notification"]])
    #expect(p.people.map(\.services) == [["PagerDuty"], ["Opsgenie"], ["PagerDuty"], ["Opsgenie"]])
    #expect(p.people.map(\.ttaMicros) == [nil, 498_859_000, 94_000_000, 241_818_000])
    #expect(p.people.map(\.viewed) == [false, true, false, false])
    #expect(p.ttaMicros == Int64(394_000_000))
    #expect(p.escalations.map(\.byTimeout) == [true] && p.steps.allSatisfy { $0.notPaged.isEmpty })
    #expect(p.steps.map(\.ttaMicros) == [nil, 94_000_000, 241_818_000, nil, nil])
  }

  /// PagerDuty's policy, beside the case's: its rules measured the same way.
  @Test func thePagingPolicyBesideTheCases() throws {
    let (_, r) = try Self.build()
    let p = try #require(r.pagingPolicy)
    #expect(p.service == "PagerDuty" && p.name == "Checkout" && p.loops == 0)
    #expect(
      p.steps.map(\.notify) == [["alice"], ["bob"]] && p.steps.map(\.withinMicros) == [300_000_000, 900_000_000])
    #expect(r.pagingPolicySteps.map(\.status) == [.late, .onTime])
  }

  @Test func theFindingsExactly() throws {
    let (_, r) = try Self.build()
    #expect(
      r.findings.map { "\($0.level.rawValue): \($0.text)" } == [
        "never: fiona was never told",
        "late: alice learned 8 min after the start, 3 min late (step 1): told by bob by chat at 15:08",
        "late: dave learned 35 min after the start, 5 min late (step 4): told by bob by call at 15:35",
        "late: the page was escalated by timeout at 15:06, nobody having acknowledged in time: Escalated to Bob Martin by timeout.",
        "silence: 19 min with no communication between people of the case (15:16–15:35); alice, bob, carol, erin knew",
        "attempt: alice was paged 2 times by PagerDuty (sms, push) from 15:01 and never acknowledged",
        "on_time: bob learned 7 min after the start, on time (step 2): told by PagerDuty by page acknowledged at 15:07",
        "on_time: carol learned 12 min after the start, on time (step 3): told by Opsgenie by page acknowledged at 15:12",
        "info: by PagerDuty's policy “Checkout”, rule 1 (alice within 5 min) was late by 3 min",
        "info: erin was paged once by Opsgenie (sms) and saw it 8 min after the first page, at 15:11",
        "info: bob was paged 2 times by PagerDuty (sms, phone) and acknowledged 2 min after the first page, at 15:07",
        "info: carol was paged once by Opsgenie (notification) and acknowledged 4 min after the first page, at 15:12",
        "info: time to acknowledge: 7 min (first page at 15:01, first acknowledgement at 15:07)",
      ])
  }
}

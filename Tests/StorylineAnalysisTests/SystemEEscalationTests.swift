import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineAnalysis
@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

/// Microseconds to whole seconds, rounded.
func seconds(_ micros: Int64) -> Int64 { (micros + 500_000) / 1_000_000 }

func systemE() throws -> (Timeline, EscalationReport) {
  let c = try CaseFileLoader.load(path: TestPaths.root + "/fixtures/system-e")
  let t = TimelineBuilder.build(c).timeline
  return (t, EscalationAnalyzer.analyze(t, case: c))
}

@Suite("Escalation: the reference incident, from its evidence alone")
struct SystemEEscalationTests {
  @Test func milestones() throws {
    let (t, r) = try systemE()
    func local(_ m: Milestone?) -> String? { m.map { TimestampFormatter.local($0.instant, in: t.zone) } }
    #expect(local(r.started) == "2008-09-22T11:56:31+08:00")
    #expect(r.started?.reason == "stuck threads" && r.started?.citation == "logs/sysE_ms1.log:81")
    #expect(local(r.detected) == "2008-09-22T12:00:00+08:00")
    #expect(r.detected?.citation == "notes/pm-a.txt:8")
    #expect(local(r.mitigated) == "2008-09-22T12:19:37+08:00")
    #expect(r.mitigated?.reason == "server state changed to RUNNING")
    #expect(r.resolved == nil)  // a restart is mitigation; nobody found the cause that day
  }

  @Test func whoKnewWhen() throws {
    let (t, r) = try systemE()
    func person(_ id: String) -> PersonKnowledge { r.people.first { $0.id == id }! }
    func local(_ id: String) -> String? { person(id).knewAt.map { TimestampFormatter.local($0, in: t.zone) } }
    #expect(person("cdw").via == "detection")
    #expect(local("pm-a") == "2008-09-22T12:30:00+08:00" && person("pm-a").from == "cdw")
    #expect(local("z") == "2008-09-22T12:31:40+08:00" && person("z").from == "pm-a")
    #expect(person("z").citation == "phones/pm-a/calls-20080923184002.xml:8")
    #expect(local("dy") == "2008-09-22T14:30:00+08:00" && person("dy").from == "z")
    #expect(local("f") == "2008-09-22T15:50:00+08:00" && person("f").from == "dy" && person("f").via == "in_person")
    let director = person("director")
    #expect(local("director") == "2008-09-22T16:00:24+08:00")
    #expect(director.from == "pm-a" && director.via == "call" && director.asked)
    #expect(director.citation == "phones/director/calls-20080923091244.xml:8")
    #expect(person("w").knewAt == nil && person("owner").knewAt == nil)
    // dy was engaged about two and a half hours after the fault.
    #expect(seconds(person("dy").knewAt! - r.started!.instant) == 2 * 3600 + 33 * 60 + 29)
  }

  @Test func stepsAgainstTheSev1Policy() throws {
    let (_, r) = try systemE()
    #expect(r.steps.map(\.status) == [.late, .late, .never, .never])
    #expect(
      r.steps[0].reachedBy == "pm-a" && seconds(r.steps[0].lateByMicros!) == 18 * 60 + 29 && !r.steps[0].uncertain)
    // pm-a's call log (its clock corrected by 9 s) makes z's time exact: no longer uncertain.
    #expect(r.steps[1].reachedBy == "z" && seconds(r.steps[1].lateByMicros!) == 5 * 60 + 9 && !r.steps[1].uncertain)
    #expect(r.steps[2].missing == ["w"] && r.steps[2].require == "all")
    #expect(r.steps[3].missing == ["owner"])
    #expect(r.hasGaps)
  }

  @Test func silencesAndAttempts() throws {
    let (t, r) = try systemE()
    let spans = r.silences.map {
      "\(TimestampFormatter.wallClock($0.start, in: t.zone, seconds: false))–\(TimestampFormatter.wallClock($0.end, in: t.zone, seconds: false))"
    }
    // After 16:22 nothing passed between people of the case until the director's e-mail at 17:42.
    #expect(spans == ["12:31–14:30", "14:30–15:50", "16:22–17:42"])
    #expect(r.silences[0].citations == ["phones/pm-a/calls-20080923184002.xml:8", "notes/pm-a.txt:12"])
    #expect(r.silences[0].knew == ["pm-a", "cdw", "q1", "z"])
    let missed = try #require(r.failedAttempts.first)
    #expect(r.failedAttempts.count == 1)
    #expect(missed.from == "cdw" && missed.to == ["director"] && missed.outcome == .missed && missed.beforeStart)
    #expect(missed.citation == "phones/director/calls-20080923091244.xml:6")
  }

  @Test func findingsSayItInPlainWords() throws {
    let (_, r) = try systemE()
    let text = r.findings.map(\.text)
    #expect(text.prefix(2) == ["w was never told", "owner was never told"])
    #expect(
      text.contains(
        "director learned 4 h 04 min after the start, 3 h 04 min late (step 3), by asking: call with pm-a at 16:00"))
    #expect(
      text.contains("f learned ~3 h 53 min after the start, ~2 h 53 min late (step 3): told by dy in person at ~15:50"))
    #expect(text.contains("z learned 35 min after the start, 5 min late (step 2): told by pm-a by call at 12:31"))
    #expect(
      text.contains("pm-a learned ~33 min after the start, ~18 min late (step 1): told by cdw in person at ~12:30"))
    #expect(
      text.contains("1 h 58 min with no communication between people of the case (12:31–14:30); pm-a, cdw, q1, z knew"))
    #expect(
      text.last
        == "cdw's call to director at 11:05 did not get through (missed): before the start, context rather than escalation"
    )
    #expect(seconds(try #require(r.metrics.timeToDetect)) == 3 * 60 + 29)
    #expect(seconds(try #require(r.metrics.timeToMitigate)) == 23 * 60 + 6)
    // cdw posted in the on-site QQ group at 12:02:16: q1 knew first.
    #expect(seconds(try #require(r.metrics.timeToFirstEscalation)) == 5 * 60 + 45)
    #expect(r.metrics.timeToResolve == nil)
  }
}

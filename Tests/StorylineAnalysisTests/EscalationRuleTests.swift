import StorylineTestSupport
import Testing

@testable import StorylineAnalysis
@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

/// A small case: people a…f, a Chicago zone, and a policy.
private func makeCase(
  steps: [([String], String, CaseFile.EscalationStep.Requirement)], started: String? = nil, detected: String? = nil,
  zone: String = "America/Chicago", detectedBy: [String] = ["a"]
) -> CaseFile {
  let z = ZoneCatalog.shared.zone(named: zone)!
  func time(_ s: String) -> NormalizedTime {
    var clock = TimeNormalizer(caseZone: z).clock()
    return try! clock.normalize(s).get()
  }
  var inc = CaseFile.Incident()
  inc.detectedBy = detectedBy
  inc.started = started.map(time)
  inc.detected = detected.map(time)
  return CaseFile(
    path: "case.yml", directory: ".", title: "T", timezone: z, timezoneGiven: true, date: nil, phoneRegion: nil,
    people: ["a", "b", "c", "d", "e", "f"].map { Person(id: $0) }, incident: inc,
    escalation: steps.enumerated().map { k, s in
      CaseFile.EscalationStep(
        notify: s.0, require: s.2, withinMicros: SignedDuration.parse(s.1)!, withinText: s.1, line: k + 1)
    },
    silenceMicros: nil, sources: [])
}

/// An event at a local Chicago time.
private func ev(
  _ time: String, _ kind: EventKind, from: String?, to: [String] = [], outcome: Outcome? = .completed,
  text: String = "", severity: Severity? = nil, approximate: Bool = false, source: Int = 0
) -> Event {
  var clock = TimeNormalizer(caseZone: ZoneCatalog.shared.zone(named: "America/Chicago")!).clock()
  let t = try! clock.normalize((approximate ? "~" : "") + time).get()
  return Event(
    instant: t.instant, precision: t.precision, uncertaintyMicros: t.uncertaintyMicros, kind: kind,
    from: from.map { Party(person: $0, raw: $0) }, to: to.map { Party(person: $0, raw: $0) }, text: text,
    severity: severity, outcome: kind.isCommunication ? outcome : nil,
    source: Provenance(path: "e", format: "t", record: 0, line: 0, originalTime: time, corrections: []),
    sourceIndex: source, sequence: 0)
}

/// The events in the order given, numbered as records of one source.
private func timeline(_ given: [Event]) -> Timeline {
  let events = given.enumerated().map { k, e -> Event in
    var e = e
    e.sequence = k + 1
    e.source.record = k + 1
    e.source.line = k + 1
    e.id = "s\(e.sourceIndex + 1)-r\(k + 1)"
    return e
  }
  return Timeline(
    title: "T", zone: ZoneCatalog.shared.zone(named: "America/Chicago")!, zoneGiven: true, date: nil, people: [],
    sources: [], events: TimelineMerger.merge([events]).events, warnings: [])
}

private func analyze(_ events: [Event], _ c: CaseFile) -> EscalationReport {
  EscalationAnalyzer.analyze(timeline(events), case: c)
}

private func fault() -> Event {
  ev("2024-01-10 10:00:00", .log, from: "srv", text: "Server state changed to FAILED", severity: .notice)
}

@Suite("Escalation rules")
struct EscalationRuleTests {
  @Test func groupChatReachesEveryMember() {
    let c = makeCase(steps: [(["b", "c", "d"], "30m", .all)])
    let r = analyze(
      [
        fault(), ev("2024-01-10 10:01:00", .note, from: "a"),
        ev("2024-01-10 10:05:00", .chat, from: "a", to: ["b", "c", "d"]),
      ], c)
    #expect(r.started?.reason == "server state changed to FAILED")
    #expect(r.people.filter { $0.knewAt != nil }.map(\.id) == ["a", "b", "c", "d"])
    #expect(r.people.first { $0.id == "c" }?.via == "chat")
    #expect(r.steps.map(\.status) == [.onTime])
    // With `require: all` the step is reached by the last to know; all three knew at once, so by id.
    #expect(r.steps[0].reachedBy == "d")
  }

  @Test func messagesFromSomeoneWhoDoesNotKnowPassNothing() {
    let c = makeCase(steps: [(["c"], "30m", .any)])
    let r = analyze(
      [fault(), ev("2024-01-10 10:01:00", .note, from: "a"), ev("2024-01-10 10:05:00", .sms, from: "b", to: ["c"])], c)
    #expect(r.steps.map(\.status) == [.never])
  }

  @Test func answeredCallsPassBothWaysAndMissedCallsAreAttempts() {
    let c = makeCase(steps: [(["b"], "15m", .any), (["c"], "15m", .any)])
    let r = analyze(
      [
        fault(), ev("2024-01-10 10:01:00", .note, from: "a"),
        ev("2024-01-10 10:03:00", .call, from: "a", to: ["c"], outcome: .missed),
        ev("2024-01-10 10:04:00", .call, from: "b", to: ["a"]),  // b calls a and learns: b asked
        ev("2024-01-10 10:20:00", .call, from: "a", to: ["c"], outcome: .unanswered),
      ], c)
    let b = r.people.first { $0.id == "b" }!
    #expect(b.from == "a" && b.asked && b.via == "call")
    let cc = r.people.first { $0.id == "c" }!
    #expect(cc.knewAt == nil && cc.attempts.count == 2)
    #expect(r.steps.map(\.status) == [.onTime, .attempted])
    #expect(r.failedAttempts.map(\.outcome) == [.missed, .unanswered])
    #expect(
      r.findings.first?.text.hasPrefix(
        "c was never told: only failed attempts reached them (call from a at 10:03 (missed)") == true)
  }

  @Test func requireAllWaitsForTheLastAndNamesTheMissing() {
    let c = makeCase(steps: [(["b", "c"], "1h", .all), (["b", "c"], "1h", .any)])
    let r = analyze(
      [fault(), ev("2024-01-10 10:01:00", .note, from: "a"), ev("2024-01-10 10:10:00", .sms, from: "a", to: ["b"])], c)
    #expect(r.steps[0].status == .never && r.steps[0].missing == ["c"] && r.steps[0].reachedAt == nil)
    #expect(r.steps[1].status == .onTime && r.steps[1].reachedBy == "b" && r.steps[1].missing == ["c"])
    let late = analyze(
      [
        fault(), ev("2024-01-10 10:01:00", .note, from: "a"), ev("2024-01-10 10:10:00", .sms, from: "a", to: ["b"]),
        ev("2024-01-10 11:30:00", .email, from: "b", to: ["c"]),
      ], c)
    #expect(late.steps[0].status == .late && late.steps[0].reachedBy == "c")
    #expect(late.steps[0].lateByMicros == Int64(30 * 60_000_000))
  }

  @Test func approximateTimesStraddlingTheDeadlineAreUncertain() {
    let c = makeCase(steps: [(["b"], "30m", .any), (["c"], "1h", .any)])
    let r = analyze(
      [
        fault(), ev("2024-01-10 10:01:00", .note, from: "a"),
        ev("2024-01-10 10:35", .call, from: "a", to: ["b"], approximate: true),  // 10:20–10:50 vs 10:30
        ev("2024-01-10 10:40", .call, from: "a", to: ["c"], approximate: true),  // 10:25–10:55 vs 11:00
      ], c)
    #expect(r.steps.map(\.status) == [.late, .onTime])
    #expect(r.steps.map(\.uncertain) == [true, false])
  }

  @Test func someoneToldBeforeTheStartAlreadyKnew() {
    let c = makeCase(
      steps: [(["b"], "15m", .any)], started: "2024-01-10 10:30:00", detected: "2024-01-10 10:00:00")
    let r = analyze([ev("2024-01-10 10:05:00", .call, from: "a", to: ["b"])], c)
    let b = r.people.first { $0.id == "b" }!
    #expect(b.alreadyKnew && b.from == "a")
    #expect(r.started?.origin == .caseFile && r.detected?.origin == .caseFile)
    #expect(r.steps.map(\.status) == [.onTime])
    #expect(r.findings.contains { $0.text == "b already knew before the start: told by a by call at 10:05" })
  }

  @Test func deadlinesAreElapsedTimeAcrossADSTChange() {
    // 01:30 CST is 07:30Z; one hour later is 08:30Z, which is 03:30 CDT on the wall clock.
    let c = makeCase(steps: [(["b"], "1h", .any), (["c"], "1h", .any)], started: "2024-03-10 01:30:00")
    let r = analyze(
      [
        ev("2024-03-10 01:31:00", .note, from: "a"), ev("2024-03-10 03:20:00", .call, from: "a", to: ["b"]),
        ev("2024-03-10 03:40:00", .call, from: "a", to: ["c"]),
      ], c)
    #expect(r.steps.map(\.status) == [.onTime, .late])
    #expect(r.steps[0].deadline == Instant(seconds: 1_710_059_400))
    #expect(r.steps[1].lateByMicros == Int64(10 * 60_000_000))
  }

  @Test func silencesAreGapsBetweenCommunicationsOfThePeople() {
    var c = makeCase(steps: [(["b"], "1h", .any)])
    c.silenceMicros = 20 * 60_000_000
    let r = analyze(
      [
        fault(), ev("2024-01-10 10:01:00", .note, from: "a"), ev("2024-01-10 10:10:00", .sms, from: "a", to: ["b"]),
        ev("2024-01-10 10:50:00", .sms, from: "x", to: ["b"]),  // not a person of the case
        ev("2024-01-10 10:55:00", .call, from: "a", to: ["c"], outcome: .missed),  // did not get through
        ev("2024-01-10 11:00:00", .chat, from: "b", to: ["a"]),
        ev("2024-01-10 11:10:00", .log, from: "srv", text: "Server state changed to RUNNING"),
        ev("2024-01-10 11:15:00", .note, from: "a", text: "Root cause found and fixed."),
      ], c)
    #expect(r.mitigated?.reason == "server state changed to RUNNING")
    #expect(r.resolved?.reason == "a note says \"fixed\"")
    #expect(r.silences.count == 1)
    #expect(r.silences.first.map { ($0.end - $0.start) / 60_000_000 } == 50)
    #expect(r.silences.first?.knew == ["a", "b"])
  }

  @Test func withoutAStartThereAreNoDeadlines() {
    let c = makeCase(steps: [(["b"], "1h", .any)])
    let r = analyze([ev("2024-01-10 10:00:00", .call, from: "a", to: ["b"], outcome: .missed)], c)
    #expect(r.started == nil && r.steps.isEmpty)
    #expect(r.findings.first?.text.hasPrefix("No start found") == true)
    #expect(r.failedAttempts.count == 1)
  }

  @Test func negatedOrConditionalWordsAreNotSignals() {
    #expect(Signals.says("Not fixed yet.", ["fixed"]) == nil)
    #expect(Signals.says("call me every hour until it is fixed", ["fixed"]) == nil)
    #expect(Signals.says("still unresolved", ["resolved"]) == nil)
    #expect(Signals.says("Root cause found, fixed at 15:00", ["fixed"]) == "fixed")
  }
}

import StorylineCore
import StorylineLocale

/// Works out how the news of an incident travelled through the case's people, and measures it
/// against the escalation policy. One pass over the merged timeline: linear in its length.
///
/// Rules (README, "Escalation analysis"): at `detected`, the `detected_by` people know (default:
/// the people `on_call`). Knowledge then passes only through communication from someone who
/// knows: a message from its sender to every recipient; an answered call, a meeting or a talk in
/// person both ways; a note `A -> B (channel)` from A to B. A communication that did not get
/// through (missed, unanswered, rejected, voicemail, failed, queued) passes nothing: it is an
/// attempt, recorded against the person it tried to reach.
public enum EscalationAnalyzer {
  /// The default longest acceptable quiet period when the case gives none: 30 minutes.
  public static let defaultSilenceMicros: Int64 = 30 * 60_000_000

  /// The analysis of `t`'s events. `end`: the last event's instant, when `t` holds only the
  /// events an ``EscalationEvidence`` kept of a longer timeline.
  public static func analyze(
    _ t: Timeline, case c: CaseFile, end lastInstant: Instant? = nil, language: Language? = nil
  ) -> EscalationReport {
    let l = language ?? Language.named(t.language) ?? .english
    let started = startMilestone(t, c, l)
    let detectedBy = c.incident.detectedBy.isEmpty ? c.people.filter(\.onCall).map(\.id) : c.incident.detectedBy
    let detection = started.map { detectMilestone(t, c, after: $0.instant, people: Set(detectedBy), l) }
    let detected = detection?.milestone
    let mitigated =
      c.incident.mitigated.map { caseMilestone($0, "incident.mitigated", l) }
      ?? started.flatMap { s in firstEvent(t, from: s.instant, reason: { Signals.recovery($0)?.text(in: l) }) }
    let resolved =
      c.incident.resolved.map { caseMilestone($0, "incident.resolved", l) }
      ?? started.flatMap { s in firstEvent(t, from: s.instant, reason: { Signals.resolution($0)?.text(in: l) }) }

    var tracker = KnowledgeTracker(people: c.people.map(\.id))
    if let started {
      tracker.run(
        t.events, seedAt: detected?.instant ?? started.instant, seedEvent: detected,
        seeds: detection?.byMonitoring == true ? [] : detectedBy,
        started: started.instant)
    } else {
      tracker.recordAttemptsOnly(t.events)
    }
    let people = tracker.results(started: started?.instant)
    let steps = started.map { s in c.escalation.map { step(for: $0, started: s.instant, people: people) } } ?? []
    let end = lastInstant ?? t.events.last?.instant
    let window = (detected ?? started).map { d in (d.instant, resolved?.instant ?? end ?? d.instant) }
    let silences =
      window.map {
        findSilences(
          t.events, people: Set(c.people.map(\.id)), from: $0.0, to: $0.1,
          limit: c.silenceMicros ?? defaultSilenceMicros, knowledge: people)
      } ?? []

    var metrics = IncidentMetrics()
    if let s = started?.instant {
      metrics.timeToDetect = detected.map { $0.instant - s }
      metrics.timeToFirstEscalation = tracker.firstEscalation.map { $0 - s }
      metrics.timeToMitigate = mitigated.map { $0.instant - s }
      metrics.timeToResolve = resolved.map { $0.instant - s }
      metrics.duration = (resolved?.instant ?? end).map { $0 - s }
    }
    var report = EscalationReport(
      started: started, detected: detected, mitigated: mitigated, resolved: resolved, metrics: metrics, steps: steps,
      people: people, silences: silences, failedAttempts: tracker.failedAttempts, findings: [])
    report.paging = PagingTracker.summary(t.events, steps: c.escalation, started: started?.instant)
    if let policy = c.pagingPolicy {
      report.pagingPolicy = policy
      report.pagingPolicySteps =
        started.map { s in policy.steps.map { step(for: $0, started: s.instant, people: people) } } ?? []
    }
    report.findings = FindingWriter(report: report, policy: c, zone: t.zone, language: l).findings()
    report.narrative = c.incident.narrative
    return report
  }

  static func caseMilestone(_ t: NormalizedTime, _ key: String, _ l: Language) -> Milestone {
    Milestone(
      instant: t.instant, precision: t.precision, uncertaintyMicros: t.uncertaintyMicros, origin: .caseFile,
      eventID: nil,
      citation: nil, reason: l.text("milestone.case_file", ["key": key]))
  }

  static func eventMilestone(_ e: Event, _ reason: String) -> Milestone {
    Milestone(
      instant: e.instant, precision: e.precision, uncertaintyMicros: e.uncertaintyMicros, origin: .evidence,
      eventID: e.id,
      citation: e.source.citation, reason: reason)
  }

  /// The case's `started`, else the first fault signal on the case's day.
  static func startMilestone(_ t: Timeline, _ c: CaseFile, _ l: Language) -> Milestone? {
    if let s = c.incident.started { return caseMilestone(s, "incident.started", l) }
    for e in t.events {
      if let day = c.date, TimestampFormatter.localDate(e.instant, in: t.zone) != day { continue }
      if let reason = Signals.fault(e) { return eventMilestone(e, reason.text(in: l)) }
    }
    return nil
  }

  /// The case's `detected`; else the first event from `started` in which a detecting person
  /// takes part (a communication that got through: a page nobody answered shows nobody at work);
  /// else, when earlier, the first alert firing from `started`: monitoring detected it, and no
  /// person knew by that alone.
  static func detectMilestone(
    _ t: Timeline, _ c: CaseFile, after start: Instant, people: Set<String>, _ l: Language
  ) -> (milestone: Milestone?, byMonitoring: Bool) {
    if let d = c.incident.detected { return (caseMilestone(d, "incident.detected", l), false) }
    var person: Milestone? = nil
    for e in t.events where e.instant >= start {
      if e.kind.isCommunication && !(e.outcome ?? .completed).passesNews { continue }
      let who = ([e.from?.person] + e.to.map(\.person)).compactMap { $0 }.first { people.contains($0) }
      if let who {
        person = eventMilestone(e, l.text("milestone.takes_part", ["person": who]))
        break
      }
    }
    let alert = t.events.first { $0.instant >= start && $0.kind == .alert && Signals.fault($0) != nil }
    if let alert, person.map({ alert.instant < $0.instant }) ?? true {
      let why = Signals.fault(alert)!.text(in: l)
      return (eventMilestone(alert, l.text("milestone.monitoring", ["reason": why])), true)
    }
    return (person, false)
  }

  static func firstEvent(_ t: Timeline, from start: Instant, reason: (Event) -> String?) -> Milestone? {
    for e in t.events where e.instant >= start {
      if let r = reason(e) { return eventMilestone(e, r) }
    }
    return nil
  }

  static func step(for s: CaseFile.EscalationStep, started: Instant, people: [PersonKnowledge]) -> StepResult {
    let deadline = started + s.withinMicros
    let known = s.notify.compactMap { id in people.first { $0.id == id } }
    let knowing = known.filter { $0.knewAt != nil }.sorted { ($0.knewAt!, $0.id) < ($1.knewAt!, $1.id) }
    let missing = known.filter { $0.knewAt == nil }.map(\.id)
    let decider: PersonKnowledge? = s.require == .all ? (missing.isEmpty ? knowing.last : nil) : knowing.first
    var r = StepResult(
      notify: s.notify, require: s.require.rawValue, withinMicros: s.withinMicros, withinText: s.withinText,
      deadline: deadline, reachedAt: decider?.knewAt, reachedBy: decider?.id, status: .never, lateByMicros: nil,
      missing: missing, uncertain: false, eventID: decider?.eventID, citation: decider?.citation)
    if let d = decider, let at = d.knewAt {
      r.status = at <= deadline || d.alreadyKnew ? .onTime : .late
      if r.status == .late { r.lateByMicros = at - deadline }
      if d.uncertaintyMicros > 0 {
        let granule = max((d.precision?.granuleMicroseconds ?? 1) - 1, 0)
        let lo = at.microseconds - d.uncertaintyMicros
        let hi = at.microseconds + d.uncertaintyMicros + granule
        r.uncertain = lo <= deadline.microseconds && deadline.microseconds < hi
      }
    } else if known.contains(where: { !$0.attempts.isEmpty }) {
      r.status = .attempted
    }
    return r
  }

  /// Gaps longer than `limit` between communications that passed between people of the case.
  static func findSilences(
    _ events: [Event], people: Set<String>, from start: Instant, to end: Instant, limit: Int64,
    knowledge: [PersonKnowledge]
  ) -> [Silence] {
    var out: [Silence] = []
    var last = start
    var lastEvent: Event? = nil
    func close(at t: Instant, next: Event?) {
      if t - last > limit {
        let knew = knowledge.filter { k in k.knewAt.map { $0 <= last } ?? false }.map(\.id)
        out.append(
          Silence(
            start: last, end: t, knew: knew, afterEventID: lastEvent?.id, beforeEventID: next?.id,
            citations: [lastEvent, next].compactMap { $0?.source.citation }))
      }
    }
    for e in events where e.instant > start && e.instant <= end && e.kind.isCommunication {
      guard e.outcome == nil || e.outcome == .completed else { continue }
      guard let f = e.from?.person, people.contains(f),
        e.to.contains(where: { $0.person.map(people.contains) ?? false })
      else {
        continue
      }
      close(at: e.instant, next: e)
      last = e.instant
      lastEvent = e
    }
    close(at: end, next: nil)
    return out
  }
}

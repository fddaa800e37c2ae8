import StorylineCore

/// Writes the findings a reader needs in ten seconds, in plain words, each citing its evidence.
/// Facts, not fault: who learned when and how, measured against the policy.
struct FindingWriter {
  let report: EscalationReport
  let policy: CaseFile
  let zone: ZoneRules

  func findings() -> [Finding] {
    var out: [Finding] = []
    guard let started = report.started else {
      out.append(Finding(level: .info, text: Message.noStart, citations: []))
      return out + attemptFindings()
    }
    if report.detected == nil {
      out.append(Finding(level: .info, text: Message.noDetection, citations: []))
    }
    // Each person the policy names, once, against the first step that names them.
    var seen = Set<String>()
    for (k, step) in policy.escalation.enumerated() {
      let deadline = started.instant + step.withinMicros
      for id in step.notify where seen.insert(id).inserted {
        guard let p = report.people.first(where: { $0.id == id }) else { continue }
        out.append(personFinding(p, deadline: deadline, started: started.instant, step: k + 1))
      }
    }
    for s in report.silences {
      out.append(
        Finding(
          level: .silence, text: Message.silence(Duration.words(s.micros), clock(s.start), clock(s.end), s.knew),
          citations: s.citations))
    }
    out += pagingFindings()
    out += attemptFindings()
    return out.enumerated().sorted { ($0.element.level, $0.offset) < ($1.element.level, $1.offset) }.map(\.element)
  }

  func personFinding(_ p: PersonKnowledge, deadline: Instant, started: Instant, step: Int) -> Finding {
    guard let at = p.knewAt else {
      if !p.attempts.isEmpty {
        let tries = p.attempts.map {
          "\($0.kind.rawValue) from \($0.from) at \(clock($0.instant)) (\($0.outcome.rawValue))"
        }
        return Finding(
          level: .never, text: Message.onlyAttempts(p.id, tries), citations: p.attempts.map(\.citation))
      }
      return Finding(level: .never, text: Message.neverTold(p.id), citations: [])
    }
    let approx = p.uncertaintyMicros > 0 ? "~" : ""
    let when = "\(approx)\(clock(at))"
    let how = Message.how(p, when: when)
    let cites = [p.citation].compactMap { $0 }
    if p.alreadyKnew { return Finding(level: .onTime, text: Message.alreadyKnew(p.id, how), citations: cites) }
    let after = approx + Duration.words(at - started)
    // An approximate time whose window reaches the deadline cannot say on which side it fell.
    let uncertain = p.uncertaintyMicros > 0 && abs(at.microseconds - deadline.microseconds) <= p.uncertaintyMicros
    if at > deadline {
      let late = approx + Duration.words(at - deadline)
      return Finding(level: .late, text: Message.late(p.id, after, late, step, how, uncertain), citations: cites)
    }
    return Finding(level: .onTime, text: Message.onTime(p.id, after, step, how, uncertain), citations: cites)
  }

  /// Who the paging services paged and whether they acknowledged, escalations by timeout, steps
  /// whose people were never paged, and the incident's time to acknowledge.
  func pagingFindings() -> [Finding] {
    var out: [Finding] = []
    if let policy = report.pagingPolicy {
      for (k, s) in report.pagingPolicySteps.enumerated() where s.status != .onTime {
        let how =
          s.status == .late
          ? "late by \(Duration.words(s.lateByMicros ?? 0))"
          : s.status == .attempted ? "only attempted" : "never reached"
        out.append(
          Finding(
            level: .info,
            text: Message.policyRule(
              policy.service, policy.name, k + 1, s.notify.joined(separator: ", "), Duration.words(s.withinMicros), how),
            citations: [s.citation].compactMap { $0 }))
      }
    }
    guard let p = report.paging else { return out }
    for person in p.people {
      let how = Message.paged(person.pages, person.services, person.channels)
      if let tta = person.ttaMicros, let at = person.acknowledgedAt {
        out.append(
          Finding(
            level: .info,
            text: Message.acknowledged(
              person.id, how, person.viewed ? "saw it" : "acknowledged", Duration.words(tta), clock(at)),
            citations: person.citations))
      } else {
        out.append(
          Finding(
            level: .attempt,
            text: Message.neverAcknowledged(person.id, how, clock(person.firstPage), clock(person.lastPage)),
            citations: person.citations))
      }
    }
    for e in p.escalations where e.byTimeout {
      out.append(
        Finding(level: .late, text: Message.escalatedByTimeout(clock(e.instant), e.text), citations: [e.citation]))
    }
    for s in p.steps {
      for id in s.notPaged {
        out.append(Finding(level: .late, text: Message.notPaged(id, s.step, s.dueAt.map(clock) ?? "?"), citations: []))
      }
    }
    if let tta = p.ttaMicros, let at = p.firstAcknowledgement {
      out.append(
        Finding(level: .info, text: Message.tta(Duration.words(tta), clock(p.firstPage), clock(at)), citations: []))
    }
    return out
  }

  /// Attempts that did not get through, but for the pages ``pagingFindings()`` sums up.
  func attemptFindings() -> [Finding] {
    let services = Set(report.paging?.people.flatMap(\.services) ?? [])
    return report.failedAttempts.filter { !services.contains($0.from) }.map { a in
      Finding(
        level: .attempt,
        text: Message.attempt(
          a.from, a.kind.rawValue, a.to.joined(separator: ", "), clock(a.instant), a.outcome.rawValue, a.beforeStart),
        citations: [a.citation])
    }
  }

  func clock(_ t: Instant) -> String { TimestampFormatter.wallClock(t, in: zone, seconds: false) }
}

/// Durations in words, to the minute: `4 h 04 min`, `25 min`, `under a minute`.
enum Duration {
  static func words(_ micros: Int64) -> String {
    let minutes = (abs(micros) + 30_000_000) / 60_000_000
    if minutes == 0 { return "under a minute" }
    if minutes < 60 { return "\(minutes) min" }
    let m = minutes % 60
    return "\(minutes / 60) h " + (m < 10 ? "0\(m)" : "\(m)") + " min"
  }
}

private enum Message {
  static let noStart =
    "No start found: no fault signal in the evidence on the case's day and no incident.started in the case file; deadlines cannot be measured"
  static let noDetection =
    "No event shows the detecting people at work after the start: detection was assumed at the start"
  static func neverTold(_ p: String) -> String { "\(p) was never told" }
  static func onlyAttempts(_ p: String, _ tries: [String]) -> String {
    "\(p) was never told: only failed attempts reached them (\(tries.joined(separator: "; ")))"
  }
  /// `, by asking: call with pm-a at 16:00`, `: told by cdw in person at ~12:30`, `: detected it at ~12:00`.
  static func how(_ p: PersonKnowledge, when: String) -> String {
    guard let via = p.via, via != "detection", let from = p.from else { return ": detected it at \(when)" }
    let channel = via.replacingOccurrences(of: "_", with: " ")
    if p.asked { return ", by asking: \(channel) with \(from) at \(when)" }
    let phrase = ["in_person": "in person", "meeting": "in a meeting"][via] ?? "by \(channel)"
    return ": told by \(from) \(phrase) at \(when)"
  }
  static func late(_ p: String, _ after: String, _ late: String, _ step: Int, _ how: String, _ uncertain: Bool)
    -> String
  {
    "\(p) learned \(after) after the start, \(late) late (step \(step))\(how)" + (uncertain ? Message.uncertain : "")
  }
  static func onTime(_ p: String, _ after: String, _ step: Int, _ how: String, _ uncertain: Bool) -> String {
    "\(p) learned \(after) after the start, on time (step \(step))\(how)" + (uncertain ? Message.uncertain : "")
  }
  static let uncertain = " — uncertain: the approximate time straddles the deadline"
  static func alreadyKnew(_ p: String, _ how: String) -> String { "\(p) already knew before the start\(how)" }
  static func silence(_ length: String, _ from: String, _ to: String, _ knew: [String]) -> String {
    "\(length) with no communication between people of the case (\(from)–\(to)); "
      + "\(knew.isEmpty ? "nobody" : knew.joined(separator: ", ")) knew"
  }
  static func paged(_ n: Int, _ services: [String], _ channels: [String]) -> String {
    "paged \(n == 1 ? "once" : "\(n) times") by \(services.joined(separator: " and ")) (\(channels.joined(separator: ", ")))"
  }
  static func acknowledged(_ p: String, _ how: String, _ verb: String, _ tta: String, _ at: String) -> String {
    "\(p) was \(how) and \(verb) \(tta) after the first page, at \(at)"
  }
  static func neverAcknowledged(_ p: String, _ how: String, _ first: String, _ last: String) -> String {
    "\(p) was \(how) from \(first)" + (first == last ? "" : " to \(last)") + " and never acknowledged"
  }
  static func escalatedByTimeout(_ at: String, _ text: String) -> String {
    "the page was escalated by timeout at \(at), nobody having acknowledged in time: \(text)"
  }
  static func notPaged(_ p: String, _ step: Int, _ due: String) -> String {
    "\(p) (step \(step)) was never paged, though nobody had acknowledged when the step was due at \(due)"
  }
  static func policyRule(
    _ service: String, _ name: String, _ rule: Int, _ who: String, _ within: String, _ how: String
  ) -> String {
    "by \(service)'s policy “\(name)”, rule \(rule) (\(who) within \(within)) was \(how)"
  }
  static func tta(_ tta: String, _ first: String, _ at: String) -> String {
    "time to acknowledge: \(tta) (first page at \(first), first acknowledgement at \(at))"
  }
  static func attempt(_ from: String, _ kind: String, _ to: String, _ when: String, _ outcome: String, _ before: Bool)
    -> String
  {
    "\(from)'s \(kind) to \(to) at \(when) did not get through (\(outcome))"
      + (before ? ": before the start, context rather than escalation" : "")
  }
}

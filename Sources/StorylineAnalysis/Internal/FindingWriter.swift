import StorylineCore
import StorylineLocale

/// Writes the findings a reader needs in ten seconds, in plain words, each citing its evidence.
/// Facts, not fault: who learned when and how, measured against the policy. The words are the
/// language's catalogue's (`finding.*`); names, times and evidence are never translated.
struct FindingWriter {
  let report: EscalationReport
  let policy: CaseFile
  let zone: ZoneRules
  var language: Language = .english

  func findings() -> [Finding] {
    var out: [Finding] = []
    guard let started = report.started else {
      out.append(Finding(level: .info, text: t("finding.no_start"), citations: []))
      return out + attemptFindings()
    }
    if report.detected == nil {
      out.append(Finding(level: .info, text: t("finding.no_detection"), citations: []))
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
      let knew = s.knew.isEmpty ? t("finding.nobody") : s.knew.joined(separator: t("finding.list_separator"))
      out.append(
        Finding(
          level: .silence,
          text: t(
            "finding.silence",
            ["length": words(s.micros), "from": clock(s.start), "to": clock(s.end), "knew": knew]),
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
          t(
            "finding.try",
            [
              "channel": channel($0.kind.rawValue), "from": $0.from, "time": clock($0.instant),
              "outcome": t("outcome.\($0.outcome.rawValue)"),
            ])
        }
        return Finding(
          level: .never,
          text: t(
            "finding.only_attempts", ["person": p.id, "tries": tries.joined(separator: t("finding.try_separator"))]),
          citations: p.attempts.map(\.citation))
      }
      return Finding(level: .never, text: t("finding.never_told", ["person": p.id]), citations: [])
    }
    let approx = p.uncertaintyMicros > 0 ? "~" : ""
    let when = "\(approx)\(clock(at))"
    let how = self.how(p, when: when)
    let cites = [p.citation].compactMap { $0 }
    if p.alreadyKnew {
      return Finding(level: .onTime, text: t("finding.already_knew", ["person": p.id, "how": how]), citations: cites)
    }
    let after = approx + words(at - started)
    // An approximate time whose window reaches the deadline cannot say on which side it fell.
    let uncertain = p.uncertaintyMicros > 0 && abs(at.microseconds - deadline.microseconds) <= p.uncertaintyMicros
    let doubt = uncertain ? t("finding.uncertain") : ""
    if at > deadline {
      let late = approx + words(at - deadline)
      return Finding(
        level: .late,
        text: t("finding.late", ["person": p.id, "after": after, "late": late, "step": "\(step)", "how": how]) + doubt,
        citations: cites)
    }
    return Finding(
      level: .onTime,
      text: t("finding.on_time", ["person": p.id, "after": after, "step": "\(step)", "how": how]) + doubt,
      citations: cites)
  }

  /// `, by asking: call with pm-a at 16:00`, `: told by cdw in person at ~12:30`, `: detected it at ~12:00`.
  func how(_ p: PersonKnowledge, when: String) -> String {
    guard let via = p.via, via != "detection", let from = p.from else {
      return t("finding.how_detected", ["time": when])
    }
    let key = via.replacingOccurrences(of: " ", with: "_")
    if p.asked { return t("finding.how_asked", ["channel": channel(key), "from": from, "time": when]) }
    if via == "in_person" { return t("finding.how_told_in_person", ["from": from, "time": when]) }
    if via == "meeting" { return t("finding.how_told_in_meeting", ["from": from, "time": when]) }
    return t("finding.how_told", ["from": from, "channel": channel(key), "time": when])
  }

  /// Who the paging services paged and whether they acknowledged, escalations by timeout, steps
  /// whose people were never paged, and the incident's time to acknowledge.
  func pagingFindings() -> [Finding] {
    var out: [Finding] = []
    if let policy = report.pagingPolicy {
      for (k, s) in report.pagingPolicySteps.enumerated() where s.status != .onTime {
        let how =
          s.status == .late
          ? t("finding.rule_late", ["late": words(s.lateByMicros ?? 0)])
          : s.status == .attempted ? t("finding.rule_attempted") : t("finding.rule_never")
        out.append(
          Finding(
            level: .info,
            text: t(
              "finding.policy_rule",
              [
                "service": policy.service, "name": policy.name, "rule": "\(k + 1)",
                "who": s.notify.joined(separator: ", "), "within": words(s.withinMicros), "how": how,
              ]),
            citations: [s.citation].compactMap { $0 }))
      }
    }
    guard let p = report.paging else { return out }
    for person in p.people {
      let how = t(
        person.pages == 1 ? "finding.paged_once" : "finding.paged_times",
        [
          "n": "\(person.pages)", "services": person.services.joined(separator: t("finding.services_separator")),
          "channels": person.channels.joined(separator: ", "),
        ])
      if let tta = person.ttaMicros, let at = person.acknowledgedAt {
        out.append(
          Finding(
            level: .info,
            text: t(
              person.viewed ? "finding.saw_it" : "finding.acknowledged",
              ["person": person.id, "how": how, "tta": words(tta), "time": clock(at)]),
            citations: person.citations))
      } else {
        let (first, last) = (clock(person.firstPage), clock(person.lastPage))
        out.append(
          Finding(
            level: .attempt,
            text: t(
              first == last ? "finding.never_acknowledged" : "finding.never_acknowledged_span",
              ["person": person.id, "how": how, "first": first, "last": last]),
            citations: person.citations))
      }
    }
    for e in p.escalations where e.byTimeout {
      out.append(
        Finding(
          level: .late, text: t("finding.escalated_by_timeout", ["time": clock(e.instant), "text": e.text]),
          citations: [e.citation]))
    }
    for s in p.steps {
      for id in s.notPaged {
        out.append(
          Finding(
            level: .late,
            text: t("finding.not_paged", ["person": id, "step": "\(s.step)", "time": s.dueAt.map(clock) ?? "?"]),
            citations: []))
      }
    }
    if let tta = p.ttaMicros, let at = p.firstAcknowledgement {
      out.append(
        Finding(
          level: .info, text: t("finding.tta", ["tta": words(tta), "first": clock(p.firstPage), "time": clock(at)]),
          citations: []))
    }
    return out
  }

  /// Attempts that did not get through, but for the pages ``pagingFindings()`` sums up.
  func attemptFindings() -> [Finding] {
    let services = Set(report.paging?.people.flatMap(\.services) ?? [])
    return report.failedAttempts.filter { !services.contains($0.from) }.map { a in
      Finding(
        level: .attempt,
        text: t(
          a.beforeStart ? "finding.attempt_before_start" : "finding.attempt",
          [
            "from": a.from, "channel": channel(a.kind.rawValue), "to": a.to.joined(separator: ", "),
            "time": clock(a.instant), "outcome": t("outcome.\(a.outcome.rawValue)"),
          ]),
        citations: [a.citation])
    }
  }

  func clock(_ t: Instant) -> String { TimestampFormatter.wallClock(t, in: zone, seconds: false) }
  func t(_ key: String, _ args: [String: String] = [:]) -> String { language.text(key, args) }
  func words(_ micros: Int64) -> String { language.duration(micros) }
  /// A channel or via word (`call`, `in_person`, `page acknowledged`) in the language.
  func channel(_ key: String) -> String { t("channel.\(key.replacingOccurrences(of: " ", with: "_"))") }
}

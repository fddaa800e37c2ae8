import StorylineAnalysis
import StorylineCore

extension MarkdownReport {
  /// The escalation sections: findings first, then milestones, steps, who knew when, silences,
  /// failed attempts — each row citing its evidence.
  static func escalation(_ r: EscalationReport, _ t: Timeline) -> String {
    var s = "## Findings\n\n"
    for f in r.findings {
      let cite = f.citations.isEmpty ? "" : " — " + f.citations.map { MarkdownText.cell($0) }.joined(separator: ", ")
      s += "- **\(label(f.level))** \(MarkdownText.cell(f.text))\(cite)\n"
    }
    s += "\n## Milestones\n\n| Milestone | Time | How it was found | Evidence |\n| --- | --- | --- | --- |\n"
    for (name, m) in [
      ("started", r.started), ("detected", r.detected), ("mitigated", r.mitigated), ("resolved", r.resolved),
    ] {
      guard let m else {
        s += "| \(name) | — | not in the evidence |  |\n"
        continue
      }
      s += "| \(name) | \(stamp(m.instant, m.uncertaintyMicros, t.zone)) | \(MarkdownText.cell(m.reason)) | "
      s += "\(MarkdownText.cell(m.citation ?? "case file")) |\n"
    }
    let metrics: [(String, Int64?)] = [
      ("time to detect", r.metrics.timeToDetect), ("time to first escalation", r.metrics.timeToFirstEscalation),
      ("time to mitigate", r.metrics.timeToMitigate), ("time to resolve", r.metrics.timeToResolve),
      ("duration", r.metrics.duration),
    ]
    s += "\n" + metrics.map { "\($0.0): \($0.1.map(span) ?? "—")" }.joined(separator: " · ") + "\n"
    if let started = r.started {
      s += "\n## Escalation\n\n| Step | Notify | Deadline | Reached | By | Status | Evidence |\n"
      s += "| --- | --- | --- | --- | --- | --- | --- |\n"
      for (k, st) in r.steps.enumerated() {
        var status = st.status.rawValue.replacingOccurrences(of: "_", with: " ")
        if let late = st.lateByMicros { status += " by \(span(late))" }
        if st.status == .never {
          status = "never told: " + st.missing.joined(separator: ", ")
        } else if !st.missing.isEmpty {
          status += "; never told: " + st.missing.joined(separator: ", ")
        }
        if st.uncertain { status += " (uncertain: an approximate time straddles the deadline)" }
        let reached = st.reachedAt.map { clock($0, t.zone) } ?? "—"
        s +=
          "| \(k + 1) | \(MarkdownText.cell(st.notify.joined(separator: ", "))) (\(st.require), \(MarkdownText.cell(st.withinText))) | "
        s += "\(clock(st.deadline, t.zone)) | \(reached) | \(MarkdownText.cell(st.reachedBy ?? "")) | \(status) | "
        s += "\(MarkdownText.cell(st.citation ?? "")) |\n"
      }
      s += "\n## Who knew when\n\n| Person | Knew at | From | Via | After the start | Evidence |\n"
      s += "| --- | --- | --- | --- | --- | --- |\n"
      for p in r.people {
        guard let at = p.knewAt else {
          let tries =
            p.attempts.isEmpty ? "" : " (\(p.attempts.count) failed attempt\(p.attempts.count == 1 ? "" : "s"))"
          s += "| \(MarkdownText.cell(p.id)) | never\(tries) |  |  |  |  |\n"
          continue
        }
        var via = (p.via ?? "").replacingOccurrences(of: "_", with: " ")
        if p.asked { via += ", asked" }
        let after = p.alreadyKnew ? "already knew" : (p.uncertaintyMicros > 0 ? "~" : "") + span(at - started.instant)
        s +=
          "| \(MarkdownText.cell(p.id)) | \(stamp(at, p.uncertaintyMicros, t.zone)) | \(MarkdownText.cell(p.from ?? "")) | "
        s += "\(via) | \(after) | \(MarkdownText.cell(p.citation ?? "")) |\n"
      }
    }
    if !r.silences.isEmpty {
      s += "\n## Silences\n\n| From | To | Length | Who knew |\n| --- | --- | --- | --- |\n"
      for x in r.silences {
        s += "| \(clock(x.start, t.zone)) | \(clock(x.end, t.zone)) | \(span(x.micros)) | "
        s += "\(MarkdownText.cell(x.knew.joined(separator: ", "))) |\n"
      }
    }
    if !r.failedAttempts.isEmpty {
      s +=
        "\n## Failed attempts\n\n| Time | From | To | Kind | Outcome | Evidence |\n| --- | --- | --- | --- | --- | --- |\n"
      for a in r.failedAttempts {
        let note = a.beforeStart ? " (before the start)" : ""
        s +=
          "| \(clock(a.instant, t.zone)) | \(MarkdownText.cell(a.from)) | \(MarkdownText.cell(a.to.joined(separator: ", "))) | "
        s += "\(a.kind.rawValue) | \(a.outcome.rawValue)\(note) | \(MarkdownText.cell(a.citation)) |\n"
      }
    }
    return s
  }

  static func label(_ l: Finding.Level) -> String {
    switch l {
    case .never: "Never told"
    case .late: "Late"
    case .silence: "Silence"
    case .attempt: "Failed attempt"
    case .onTime: "On time"
    case .info: "Note"
    }
  }

  static func clock(_ i: Instant, _ z: ZoneRules) -> String { TimestampFormatter.wallClock(i, in: z, seconds: false) }

  static func stamp(_ i: Instant, _ uncertainty: Int64, _ z: ZoneRules) -> String {
    (uncertainty > 0 ? "~" : "") + TimestampFormatter.wallClock(i, in: z, seconds: uncertainty == 0)
  }

  /// `4 h 04 min`, `25 min`.
  static func span(_ micros: Int64) -> String { EscalationReport.words(micros) }
}

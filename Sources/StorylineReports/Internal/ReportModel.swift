import StorylineAnalysis
import StorylineCore
import StorylineLocale

/// The view model the Markdown and HTML templates render: every value already in words, times
/// in the case zone, nothing escaped (the template's content type escapes it). A custom
/// template (`--template`) sees the same keys; the README lists them.
struct ReportModel {
  let t: Timeline
  let r: EscalationReport?
  let audience: Audience
  let redaction: Redaction
  /// The whole timeline's counts, bursts and volume, and the events shown (`t.events`).
  let digest: TimelineDigest
  /// The language the report is written in (``Timeline/language``).
  let language: Language

  /// `t`: the case's settings and sources (its events are not read: the digest's shown events
  /// are the ones listed).
  init(_ t: Timeline, digest: TimelineDigest, escalation r: EscalationReport?, audience: Audience, redaction: Redaction)
  {
    var shown = t
    shown.events = digest.shown
    self.t = shown
    self.digest = digest
    self.r = r
    self.audience = audience
    self.redaction = redaction
    language = Language.named(t.language) ?? .english
  }

  /// Why a clock estimate was or was not applied, in the report's language (English words when
  /// the catalogue lacks a part).
  func clockReason(_ e: ClockEstimate) -> String { language.text(reasons: e.why, english: e.reason) }

  /// A correction's detail in the report's language (its English words when the catalogue lacks it).
  func correction(_ c: Correction) -> String {
    language.has("correction." + c.key) ? language.text("correction." + c.key, c.args) : c.detail
  }

  /// A fixed text of the model's (`model.*` in the catalogue).
  func tr(_ key: String, _ args: [String: String] = [:]) -> String { language.text("model." + key, args) }

  /// A day's heading: `Monday 22 September 2008`, `2008年9月22日 星期一`.
  func heading(_ d: CivilDate) -> String { language.date(d) }

  var context: [String: Any] {
    var c: [String: Any] = [
      "title": t.title,
      "generator": "storyline \(StorylineVersion.current)",
      "audience": audience.rawValue,
      "audience_label": tr("audience.\(audience.rawValue)"),
      "lang": language.id,
      "t": language.texts(under: "report"),
      "is_owner": audience == .owner,
      "is_team": audience == .team,
      "is_archive": audience == .archive,
      "not_owner": audience != .owner,
      "redacted": redaction.words.map { tr("redaction.\($0)") }.joined(separator: ", "),
      "has_redaction": !redaction.isEmpty,
      "zone_label": zoneLabel,
      "summary": summaryLine,
      "no_zone": !t.zoneGiven,
      "kinds": kindsLine,
      "has_escalation": r != nil,
      "sources": sources,
      "days": days,
      "has_clocks": t.clocks?.hasPairs ?? false,
      "clock_mode": t.clocks?.auto == false ? "none" : "auto",
      "clocks": clocks,
      "clock_pairs": clockPairs,
      "rows": rows,
      "event_count": digest.eventCount,
      "order_uncertain": digest.orderUncertain,
      "omitted": omittedLine,
      "has_omitted": digest.omitted > 0 || digest.omittedOther > 0,
      "rejections": rejections,
      "has_rejections": !rejections.isEmpty,
      "warnings": warnings,
      "has_warnings": !warnings.isEmpty,
    ]
    if let r { c.merge(escalation(r)) { $1 } }
    c.merge(narrative(r?.narrative ?? Narrative())) { $1 }
    return c
  }

  // MARK: - Narrative

  /// The case author's narrative as the redaction left it (the owner's has no root cause or
  /// sections: ``ContentRedaction``). Texts come rendered (Markdown and HTML) from a safe subset
  /// of Markdown, escaped like evidence.
  func narrative(_ n: Narrative) -> [String: Any] {
    func both(_ key: String, _ text: String?) -> [String: Any] {
      guard let text else { return ["has_\(key)": false] }
      return ["has_\(key)": true, key: NarrativeText.markdown(text), "\(key)_html": NarrativeText.html(text)]
    }
    var c: [String: Any] = [
      "has_narrative": !n.isEmpty,
      "has_impact": n.impact != nil,
      "impact_affected": n.impact?.affected ?? "", "has_impact_affected": n.impact?.affected != nil,
      "impact_duration": n.impact?.duration ?? "", "has_impact_duration": n.impact?.duration != nil,
      "has_actions": !n.actions.isEmpty,
      "actions": n.actions.map { a -> [String: Any] in
        [
          "action": a.text, "owner": a.owner.map(personName) ?? "", "due": a.due?.description ?? "",
          "status": tr("action_status.\(a.status.rawValue)"), "status_id": a.status.rawValue,
        ]
      },
      "has_sections": !n.sections.isEmpty,
      "sections": n.sections.map { s -> [String: Any] in
        ["title": s.title, "body": NarrativeText.markdown(s.body), "body_html": NarrativeText.html(s.body)]
      },
    ]
    c.merge(both("narrative_summary", n.summary)) { $1 }
    c.merge(both("impact_description", n.impact?.description)) { $1 }
    c.merge(both("root_cause", n.rootCause)) { $1 }
    return c
  }

  /// A person of the case by their name (else their id); any other owner as written.
  func personName(_ s: String) -> String {
    guard let p = t.people.first(where: { $0.id == s }) else { return s }
    return p.name ?? p.id
  }

  // MARK: - Times

  var zoneLabel: String {
    let offsets = digest.zoneOffsets
    if t.zone.isFixed || offsets.count <= 1 {
      let o = offsets.first ?? t.zone.offset(at: digest.first?.instant ?? Instant(microseconds: 0))
      return "\(t.zone.identifier), UTC\(TimestampFormatter.offset(o))"
    }
    return t.zone.identifier
  }

  func local(_ i: Instant) -> String {
    "\(TimestampFormatter.localDate(i, in: t.zone)) \(TimestampFormatter.wallClock(i, in: t.zone, seconds: false))"
  }

  func clock(_ i: Instant) -> String { TimestampFormatter.wallClock(i, in: t.zone, seconds: false) }

  func stamp(_ i: Instant, _ uncertainty: Int64) -> String {
    (uncertainty > 0 ? "~" : "") + TimestampFormatter.wallClock(i, in: t.zone, seconds: uncertainty == 0)
  }

  /// The time column: `11:01:33`, `11:05`, `~12:00`, or `(date)` for date-only events.
  func timeCell(_ e: Event) -> String {
    var s: String
    switch e.precision {
    case .day: s = tr("date_only")
    case .minute: s = TimestampFormatter.wallClock(e.instant, in: t.zone, seconds: false)
    case .approximate: s = "~" + TimestampFormatter.wallClock(e.instant, in: t.zone, seconds: false)
    default: s = TimestampFormatter.wallClock(e.instant, in: t.zone, seconds: true)
    }
    if e.orderUncertain { s += " ≈" }
    return s
  }

  /// A duration in the report's language: `4 h 04 min`, `4 小时 4 分钟`.
  func span(_ micros: Int64) -> String { language.duration(micros) }

  /// The first `limit` characters (Unicode scalars), then `…`.
  static func short(_ s: String, _ limit: Int) -> String {
    let scalars = s.unicodeScalars
    guard scalars.count > limit else { return s }
    var out = ""
    out.unicodeScalars.append(contentsOf: scalars.prefix(limit))
    return out + "…"
  }

  // MARK: - Summary

  var summaryLine: String {
    let records = t.sources.reduce(0) { $0 + $1.records }
    let merged = t.sources.reduce(0) { $0 + $1.merged }
    let rejected = t.sources.reduce(0) { $0 + $1.rejectedCount }
    var s = tr(
      t.sources.count == 1 ? "summary.events_one_source" : "summary.events",
      ["events": "\(digest.eventCount)", "sources": "\(t.sources.count)"])
    if let first = digest.first, let last = digest.lastMoment {
      s += tr("summary.span", ["first": local(first.instant), "last": local(last.instant), "zone": zoneLabel])
    }
    s += tr("summary.records", ["records": "\(records)", "events": "\(records - merged - rejected)"])
    s += merged > 0 ? tr("summary.merged", ["merged": "\(merged)"]) : ""
    s += tr("summary.rejected", ["rejected": "\(rejected)"])
    return s
  }

  /// Says how many log records the timeline table leaves out, and where they all are.
  var omittedLine: String {
    let n = digest.omitted
    var values = ["shown": "\(digest.shown.count)", "events": "\(digest.eventCount)", "n": "\(n)"]
    guard digest.omittedOther > 0 else { return tr(n == 1 ? "omitted_one" : "omitted", values) }
    // A message history of thousands: the table keeps some of the communications too.
    values["kept"] = "\(digest.shownOther)"
    values["others"] = "\(digest.shownOther + digest.omittedOther)"
    return tr(n == 0 ? "omitted_others" : n == 1 ? "omitted_both_one" : "omitted_both", values)
  }

  var kindsLine: String {
    digest.kinds.sorted { $0.key < $1.key }.map {
      "\($0.value) \(tr("kind.\($0.key.rawValue)"))"
    }
    .joined(separator: " · ")
  }

  // MARK: - Escalation

  func label(_ l: Finding.Level) -> String { tr("level.\(l.rawValue)") }

  func escalation(_ r: EscalationReport) -> [String: Any] {
    var c: [String: Any] = [:]
    c["findings"] = r.findings.map { f -> [String: Any] in
      [
        "label": label(f.level), "level": f.level.rawValue.replacingOccurrences(of: "_", with: "-"),
        "text": f.text, "citations": f.citations.joined(separator: ", "), "has_citations": !f.citations.isEmpty,
      ]
    }
    c["milestones"] = [
      ("started", r.started), ("detected", r.detected), ("mitigated", r.mitigated), ("resolved", r.resolved),
    ]
    .map { (id, m) -> [String: Any] in
      let name = tr("milestone.\(id)")
      guard let m else {
        return ["name": name, "found": false, "time": "—", "reason": tr("not_in_evidence"), "evidence": ""]
      }
      return [
        "name": name, "found": true, "time": stamp(m.instant, m.uncertaintyMicros), "reason": m.reason,
        "evidence": m.citation ?? tr("case_file"), "event": m.eventID ?? "",
      ]
    }
    let metrics: [(String, Int64?)] = [
      (tr("metric.time_to_detect"), r.metrics.timeToDetect),
      (tr("metric.time_to_first_escalation"), r.metrics.timeToFirstEscalation),
      (tr("metric.time_to_mitigate"), r.metrics.timeToMitigate),
      (tr("metric.time_to_resolve"), r.metrics.timeToResolve),
      (tr("metric.duration"), r.metrics.duration),
    ]
    c["metrics"] = metrics.map { ["name": $0.0, "value": $0.1.map(span) ?? "—"] }
    c["metrics_line"] = metrics.map { "\($0.0): \($0.1.map(span) ?? "—")" }.joined(separator: " · ")
    guard let started = r.started else {
      c["has_steps"] = false
      return c
    }
    c["has_steps"] = true
    c["steps"] = r.steps.enumerated().map { stepRow($0, $1) }
    c["has_paging_policy"] = r.pagingPolicy != nil && !r.pagingPolicySteps.isEmpty
    if let p = r.pagingPolicy {
      c["paging_policy_title"] = tr("policy_title", ["service": p.service, "name": p.name])
      c["paging_policy_loops"] = p.loops
      c["paging_policy_steps"] = r.pagingPolicySteps.enumerated().map { stepRow($0, $1) }
    }
    c["knowledge"] = r.people.map { p -> [String: Any] in
      guard let at = p.knewAt else {
        let tries =
          p.attempts.isEmpty
          ? "" : tr(p.attempts.count == 1 ? "failed_attempt" : "failed_attempts", ["n": "\(p.attempts.count)"])
        return [
          "person": p.id, "never": true, "knew_at": tr("never") + tries, "from": "", "via": "", "after": "",
          "evidence": "",
        ]
      }
      var via = p.via.map { language.text("channel.\($0.replacingOccurrences(of: " ", with: "_"))") } ?? ""
      if p.via == "detection" { via = tr("detection") }
      if p.asked { via += tr("asked") }
      let after =
        p.alreadyKnew ? tr("already_knew") : (p.uncertaintyMicros > 0 ? "~" : "") + span(at - started.instant)
      return [
        "person": p.id, "never": false, "knew_at": stamp(at, p.uncertaintyMicros), "from": p.from ?? "", "via": via,
        "after": after, "evidence": p.citation ?? "",
      ]
    }
    c["silences"] = r.silences.map { x -> [String: Any] in
      [
        "from": clock(x.start), "to": clock(x.end), "length": span(x.micros),
        "knew": x.knew.joined(separator: ", "),
      ]
    }
    c["has_silences"] = !r.silences.isEmpty
    c["attempts"] = r.failedAttempts.map { a -> [String: Any] in
      [
        "time": clock(a.instant), "from": a.from, "to": a.to.joined(separator: ", "),
        "kind": language.text("channel.\(a.kind.rawValue)"),
        "outcome": language.text("outcome.\(a.outcome.rawValue)") + (a.beforeStart ? tr("before_start") : ""),
        "evidence": a.citation,
      ]
    }
    c["has_attempts"] = !r.failedAttempts.isEmpty
    c["has_paging"] = r.paging != nil
    if let p = r.paging {
      c["paging_tta"] = p.ttaMicros.map { span($0) } ?? tr("never_acknowledged")
      c["paging_people"] = p.people.map { x -> [String: Any] in
        [
          "person": x.id, "services": x.services.joined(separator: ", "), "pages": x.pages,
          "channels": x.channels.joined(separator: ", "), "first": clock(x.firstPage),
          "acknowledged": x.acknowledgedAt.map(clock) ?? tr("never"),
          "tta": x.ttaMicros.map { span($0) } ?? "—",
          "evidence": x.citations.joined(separator: ", "),
        ]
      }
      c["paging_escalations"] = p.escalations.map { x -> [String: Any] in
        [
          "time": clock(x.instant), "text": x.text, "by": tr(x.byTimeout ? "by_timeout" : "by_hand"),
          "evidence": x.citation,
        ]
      }
      c["has_paging_escalations"] = !p.escalations.isEmpty
    }
    return c
  }

  /// One escalation step as a row (the case's policy, or the paging service's beside it).
  func stepRow(_ k: Int, _ st: StepResult) -> [String: Any] {
    var status = tr("step_status.\(st.status.rawValue)")
    if let late = st.lateByMicros { status += tr("late_by", ["late": span(late)]) }
    if st.status == .never {
      status = tr("never_told", ["people": st.missing.joined(separator: ", ")])
    } else if !st.missing.isEmpty {
      status += tr("also_never_told", ["people": st.missing.joined(separator: ", ")])
    }
    if st.uncertain { status += tr("step_uncertain") }
    return [
      "number": k + 1, "notify": st.notify.joined(separator: ", "), "require": tr("require.\(st.require)"),
      "within": st.withinText,
      "deadline": clock(st.deadline), "reached": st.reachedAt.map(clock) ?? "—", "by": st.reachedBy ?? "",
      "status": status, "evidence": st.citation ?? "", "missed": st.status != .onTime,
      "status_class": st.status == .onTime ? "on-time" : (st.status == .late ? "late" : "never"),
    ]
  }

  // MARK: - Sources

  var sources: [[String: Any]] {
    t.sources.enumerated().map { (i, src) in
      var zone = src.timezone
      if src.clockOffsetMicros != 0 {
        zone += tr("zone_clock", ["offset": SignedDuration.describe(microseconds: src.clockOffsetMicros)])
      }
      return [
        "number": i + 1, "path": src.path, "format": src.format, "owner": src.owner ?? "", "zone": zone,
        "records": src.records, "events": src.events, "merged": src.merged, "rejected": src.rejectedCount,
        "sha256": src.sha256, "sha_short": String(src.sha256.prefix(12)), "bytes": src.bytes,
      ]
    }
  }

  // MARK: - Clocks

  /// The clock table's rows (``ClockTable``): every source's estimate and why it was applied or not.
  var clocks: [[String: Any]] {
    guard let table = t.clocks else { return [] }
    return table.estimates.map { e in
      [
        "path": e.path, "status": tr("clock_status.\(e.status.rawValue)"),
        "estimate": e.offsetMicros.map { SignedDuration.describe(microseconds: $0) } ?? "—",
        "uncertainty": e.offsetMicros == nil || e.status == .anchor
          ? "" : "±" + SignedDuration.describe(microseconds: e.uncertaintyMicros, signed: false),
        "pairs": e.status == .anchor || e.offsetMicros == nil
          ? "" : tr("pairs_of", ["agree": "\(e.consistent)", "pairs": "\(e.pairs)"]),
        "via": e.via.map { table.estimates[$0].path } ?? "", "reason": clockReason(e),
        "confidence": e.status == .anchor || e.offsetMicros == nil ? "" : tr("confidence.\(e.confidence.rawValue)"),
      ]
    }
  }

  /// The pairs of evidence behind the clock table.
  var clockPairs: [[String: Any]] {
    guard let table = t.clocks else { return [] }
    return table.pairs.map { p in
      [
        "kind": tr("pair.\(p.kind.rawValue)"),
        "difference": SignedDuration.describe(microseconds: p.differenceMicros),
        "bound": p.kind.isExact
          ? tr("exact")
          : tr("bound", ["delay": SignedDuration.describe(microseconds: p.maxDelayMicros, signed: false)]),
        "source_record": p.sourceCitation, "reference_record": p.referenceCitation,
        "detail": language.has("pair.\(p.why.key)") ? language.text("pair.\(p.why.key)", p.why.args) : p.detail,
      ]
    }
  }

  // MARK: - Timeline

  func kindCell(_ e: Event) -> String {
    var s = tr("kind.\(e.kind.rawValue)")
    if let o = e.outcome, o != .completed { s += " (\(language.text("outcome.\(o.rawValue)")))" }
    if let sev = e.severity { s += " \(sev.rawValue)" }
    return s
  }

  /// One event as a row.
  func row(_ e: Event) -> [String: Any] {
    var evidence = e.source.citation
    if !e.alsoIn.isEmpty { evidence += " (+ " + e.alsoIn.map(\.citation).joined(separator: ", ") + ")" }
    let people = ([e.from] + e.to.map { Optional($0) }).compactMap { $0?.person }
    let signal = EventSignal.of(e)
    return [
      "id": e.id, "time": timeCell(e),
      "local_time": TimestampFormatter.local(e.instant, in: t.zone, digits: JSONReport.digits(e.precision)),
      "kind": kindCell(e), "kind_id": e.kind.rawValue, "from": e.from?.display ?? "",
      "to": e.to.map(\.display).joined(separator: ", "), "text": e.text, "text_short": ReportModel.short(e.text, 240),
      "evidence": evidence,
      "source": e.sourceIndex + 1, "people": people.joined(separator: " "),
      "attempt": e.kind.isCommunication && !(e.outcome ?? .completed).passesNews,
      "severity": e.severity?.rawValue ?? "",
      "signal": signal.map { "\(tr("signal.\($0.kind.rawValue)")): \($0.reason(in: language))" } ?? "",
      "signal_kind": signal?.kind.rawValue ?? "", "burst": digest.burstOf[e.id] ?? "",
      "original_time": e.source.originalTime, "format": e.source.format,
      "corrections": e.source.corrections.map { "\($0.kind): \(correction($0))" }.joined(separator: "; "),
      "has_corrections": !e.source.corrections.isEmpty, "is_burst": false,
    ]
  }

  func burstRow(_ b: LogBurst) -> [String: Any] {
    let lastLine = b.last.source.line > 0 ? String(b.last.source.line) : "#\(b.last.source.record)"
    return [
      "id": b.id, "time": "\(timeCell(b.first))–\(timeCell(b.last))",
      "kind": tr("burst_kind", ["n": "\(b.count)"]) + (b.severity.map { " \($0.rawValue)" } ?? ""), "kind_id": "log",
      "from": b.from?.display ?? "", "to": "", "text": tr("burst_text", ["n": "\(b.count)"]) + b.first.text,
      "text_short": tr("burst_text", ["n": "\(b.count)"]) + ReportModel.short(b.first.text, 160),
      "evidence": "\(b.first.source.citation)–\(lastLine)", "source": b.sourceIndex + 1, "people": "",
      "is_burst": true, "count": b.count, "template": b.template, "severity": b.severity?.rawValue ?? "",
      "original_time": b.first.source.originalTime, "corrections": "", "has_corrections": false, "signal": "",
      "burst": b.id,
    ]
  }

  /// What the owner's condensed timeline keeps: communications, signals, milestone events and
  /// bursts of errors.
  func ownerKeeps(_ entry: TimelineEntry) -> Bool {
    switch entry {
    case .burst(let b): return (b.severity ?? .info) >= .error
    case .event(let e):
      if e.kind.isCommunication { return true }
      if EventSignal.of(e) != nil && e.kind == .log { return true }
      let milestoneEvents = [r?.started, r?.detected, r?.mitigated, r?.resolved].compactMap { $0?.eventID }
      return milestoneEvents.contains(e.id)
    }
  }

  /// The timeline by local day: every event for the archive, log bursts condensed for the team,
  /// and for the owner only what matters to them.
  var days: [[String: Any]] {
    var out: [[String: Any]] = []
    var current: CivilDate? = nil
    var rows: [[String: Any]] = []
    func close() {
      guard let d = current else { return }
      out.append(["heading": heading(d), "date": d.description, "entries": rows])
    }
    // The archive lists every event; the team's and the owner's condense log bursts.
    let entries = audience == .archive ? t.events.map { TimelineEntry.event($0) } : digest.entries
    for entry in entries where audience != .owner || ownerKeeps(entry) {
      let day = TimestampFormatter.localDate(entry.instant, in: t.zone)
      if day != current {
        close()
        current = day
        rows = []
      }
      switch entry {
      case .event(let e): rows.append(row(e))
      case .burst(let b): rows.append(burstRow(b))
      }
    }
    close()
    return out
  }

  /// The HTML event table: every event, each burst's row followed by its records' rows (the
  /// owner's: the condensed selection only).
  var rows: [[String: Any]] {
    var out: [[String: Any]] = []
    var members: [String: [Event]] = [:]
    for e in t.events { if let b = digest.burstOf[e.id] { members[b, default: []].append(e) } }
    for entry in digest.entries {
      if audience == .owner && !ownerKeeps(entry) { continue }
      switch entry {
      case .event(let e): out.append(row(e))
      case .burst(let b):
        out.append(burstRow(b))
        if audience == .owner { continue }
        for e in members[b.id] ?? [] {
          var r = row(e)
          r["member"] = true
          out.append(r)
        }
      }
    }
    return out
  }

  var rejections: [[String: Any]] {
    t.sources.flatMap(\.rejected).map {
      [
        "evidence": "\($0.path):\($0.line)", "reason": $0.phrase.map(language.text) ?? $0.reason, "text": $0.excerpt,
        "text_short": ReportModel.short($0.excerpt, 80),
      ]
    }
  }

  var warnings: [[String: Any]] {
    (t.warnings + t.sources.flatMap(\.warnings)).map { ["text": language.text($0)] }
  }
}

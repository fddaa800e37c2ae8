import StorylineAnalysis
import StorylineCore

/// Renders a timeline as Markdown: title, summary, sources, and the timeline in the case's local
/// time, one table per day, each row citing its evidence (`file:line`).
public enum MarkdownReport {
  /// The report; with an escalation analysis (a case file), its findings come first.
  public static func render(_ t: Timeline, escalation: EscalationReport? = nil) -> String {
    var out = "# \(MarkdownText.cell(t.title))\n\n"
    out += summary(t) + "\n"
    if let escalation { out += self.escalation(escalation, t) + "\n" }
    out += sources(t) + "\n"
    out += timeline(t)
    let warnings = t.warnings + t.sources.flatMap(\.warnings)
    let rejections = t.sources.flatMap(\.rejected)
    if !rejections.isEmpty {
      out += "\n## Rejected records\n\n| Evidence | Reason | Text |\n| --- | --- | --- |\n"
      for r in rejections {
        out +=
          "| \(MarkdownText.cell("\(r.path):\(r.line)")) | \(MarkdownText.cell(r.reason)) | \(MarkdownText.cell(r.excerpt, limit: 80)) |\n"
      }
    }
    if !warnings.isEmpty {
      out += "\n## Warnings\n\n"
      for w in warnings { out += "- \(MarkdownText.cell(w.description))\n" }
    }
    return out
  }

  static func zoneLabel(_ t: Timeline) -> String {
    let offsets = Set(t.events.map { t.zone.offset(at: $0.instant) })
    if t.zone.isFixed || offsets.count <= 1 {
      let o = offsets.first ?? t.zone.offset(at: t.events.first?.instant ?? Instant(microseconds: 0))
      return "\(t.zone.identifier), UTC\(TimestampFormatter.offset(o))"
    }
    return t.zone.identifier
  }

  static func summary(_ t: Timeline) -> String {
    let records = t.sources.reduce(0) { $0 + $1.records }
    let merged = t.sources.reduce(0) { $0 + $1.merged }
    let rejected = t.sources.reduce(0) { $0 + $1.rejected.count }
    var s = "\(t.events.count) events from \(t.sources.count) source\(t.sources.count == 1 ? "" : "s")"
    if let first = t.events.first, let last = t.events.last {
      s += ", \(local(first.instant, t.zone)) to \(local(last.instant, t.zone)) (\(zoneLabel(t)))"
    }
    s += ". \(records) records read: \(records - merged - rejected) became events"
    s += merged > 0 ? ", \(merged) merged into others as duplicates" : ""
    s += ", \(rejected) rejected.\n"
    if !t.zoneGiven { s += "\nNo time zone was given: local times were read as UTC.\n" }
    var kinds: [EventKind: Int] = [:]
    for e in t.events { kinds[e.kind, default: 0] += 1 }
    if !kinds.isEmpty {
      s +=
        "\n"
        + kinds.sorted { $0.key < $1.key }.map {
          "\($0.value) \($0.key.rawValue.replacingOccurrences(of: "_", with: " "))"
        }
        .joined(separator: " · ") + "\n"
    }
    return s
  }

  static func local(_ i: Instant, _ z: ZoneRules) -> String {
    let d = TimestampFormatter.localDate(i, in: z)
    return "\(d) \(TimestampFormatter.wallClock(i, in: z, seconds: false))"
  }

  static func sources(_ t: Timeline) -> String {
    var s = "## Sources\n\n| # | Source | Format | Owner | Zone | Records | Events | Merged | Rejected | SHA-256 |\n"
    s += "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
    for (i, src) in t.sources.enumerated() {
      var zone = src.timezone
      if src.clockOffsetMicros != 0 {
        zone += ", clock \(SignedDuration.describe(microseconds: src.clockOffsetMicros))"
      }
      s +=
        "| \(i + 1) | \(MarkdownText.cell(src.path)) | \(src.format) | \(MarkdownText.cell(src.owner ?? "")) | \(MarkdownText.cell(zone)) | "
      s += "\(src.records) | \(src.events) | \(src.merged) | \(src.rejected.count) | `\(src.sha256.prefix(12))` |\n"
    }
    return s
  }

  /// The time column: `11:01:33`, `11:05`, `~12:00`, or `(date)` for date-only events.
  static func timeCell(_ e: Event, _ z: ZoneRules) -> String {
    var s: String
    switch e.precision {
    case .day: s = "(date)"
    case .minute: s = TimestampFormatter.wallClock(e.instant, in: z, seconds: false)
    case .approximate: s = "~" + TimestampFormatter.wallClock(e.instant, in: z, seconds: false)
    default: s = TimestampFormatter.wallClock(e.instant, in: z, seconds: true)
    }
    if e.orderUncertain { s += " ≈" }
    return s
  }

  static func kindCell(_ e: Event) -> String {
    var s = e.kind.rawValue.replacingOccurrences(of: "_", with: " ")
    if let o = e.outcome, o != .completed { s += " (\(o.rawValue))" }
    if let sev = e.severity { s += " \(sev.rawValue)" }
    return s
  }

  static func timeline(_ t: Timeline) -> String {
    var s = "## Timeline (\(zoneLabel(t)))\n"
    if t.events.isEmpty { return s + "\nNo events.\n" }
    var currentDay: CivilDate? = nil
    let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    let months = [
      "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
      "December",
    ]
    let condensed = LogCondenser.condense(t)
    for entry in condensed.entries {
      let day = TimestampFormatter.localDate(entry.instant, in: t.zone)
      if day != currentDay {
        currentDay = day
        s += "\n### \(weekdays[day.weekday]) \(day.day) \(months[day.month - 1]) \(day.year)\n\n"
        s += "| Time | Kind | From | To | What | Evidence |\n| --- | --- | --- | --- | --- | --- |\n"
      }
      switch entry {
      case .event(let e):
        var evidence = e.source.citation
        if !e.alsoIn.isEmpty { evidence += " (+ " + e.alsoIn.map(\.citation).joined(separator: ", ") + ")" }
        s += "| \(timeCell(e, t.zone)) | \(kindCell(e)) | \(MarkdownText.cell(e.from?.display ?? "")) | "
        s +=
          "\(MarkdownText.cell(e.to.map(\.display).joined(separator: ", "))) | \(MarkdownText.cell(e.text, limit: 240)) | "
        s += "\(MarkdownText.cell(evidence)) |\n"
      case .burst(let b):
        s += "| \(timeCell(b.first, t.zone))–\(timeCell(b.last, t.zone)) | log burst ×\(b.count)"
        s += b.severity.map { " \($0.rawValue)" } ?? ""
        s += " | \(MarkdownText.cell(b.from?.display ?? "")) |  | "
        s += "\(b.count) records like: \(MarkdownText.cell(b.first.text, limit: 160)) | "
        s +=
          "\(MarkdownText.cell(b.first.source.citation))–\(b.last.source.line > 0 ? String(b.last.source.line) : "#\(b.last.source.record)") |\n"
      }
    }
    if t.events.contains(where: \.orderUncertain) {
      s += "\n≈ the order against a neighbouring event from another source is uncertain: their time windows overlap.\n"
    }
    return s
  }
}

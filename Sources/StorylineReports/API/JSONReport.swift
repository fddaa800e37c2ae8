import Foundation
import StorylineCore

/// Renders a timeline as JSON, schema `storyline/1` (docs/json-schema.md). Keys are sorted and
/// nothing depends on the clock or the machine, so equal inputs give byte-identical output.
public enum JSONReport {
  /// The schema version written in every report.
  public static let schema = "storyline/1"

  public static func render(_ t: Timeline) -> String {
    let doc = JSONDocument(
      schema: schema, generator: "storyline \(StorylineVersion.current)",
      case: .init(
        title: t.title, timezone: t.zone.identifier, timezone_given: t.zoneGiven, date: t.date?.description,
        people: t.people.map { .init(id: $0.id, name: $0.name, role: $0.role, on_call: $0.onCall) }),
      summary: summary(t),
      sources: t.sources.map(source),
      events: t.events.map { event($0, zone: t.zone) },
      warnings: t.warnings.map(warning))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try! encoder.encode(doc)
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  static func summary(_ t: Timeline) -> JSONDocument.Summary {
    var kinds: [String: Int] = [:]
    for e in t.events { kinds[e.kind.rawValue, default: 0] += 1 }
    return .init(
      sources: t.sources.count, records: t.sources.reduce(0) { $0 + $1.records }, events: t.events.count,
      merged: t.sources.reduce(0) { $0 + $1.merged }, rejected: t.sources.reduce(0) { $0 + $1.rejected.count },
      first: t.events.first.map { time($0) }, last: t.events.last.map { time($0) }, kinds: kinds)
  }

  static func source(_ s: SourceSummary) -> JSONDocument.Source {
    .init(
      path: s.path, format: s.format, sha256: s.sha256, bytes: s.bytes, owner: s.owner, timezone: s.timezone,
      clock_offset_ms: s.clockOffsetMicros / 1_000, records: s.records, events: s.events, merged: s.merged,
      rejected: s.rejected.count,
      rejections: s.rejected.map { .init(line: $0.line, record: $0.record, reason: $0.reason, excerpt: $0.excerpt) },
      warnings: s.warnings.map(warning), first: s.first.map { TimestampFormatter.utc($0) },
      last: s.last.map { TimestampFormatter.utc($0) })
  }

  static func warning(_ d: Diagnostic) -> JSONDocument.WarningOut {
    .init(path: d.path, line: d.line, level: d.level.rawValue, message: d.message)
  }

  /// Fraction digits shown for a precision.
  static func digits(_ p: TimePrecision) -> Int {
    switch p {
    case .microsecond: 6
    case .millisecond: 3
    default: 0
    }
  }

  static func time(_ e: Event) -> String { TimestampFormatter.utc(e.instant, digits: digits(e.precision)) }

  static func provenance(_ p: Provenance) -> JSONDocument.ProvenanceOut {
    .init(path: p.path, format: p.format, record: p.record, line: p.line, original_time: p.originalTime, corrections: p.corrections)
  }

  static func event(_ e: Event, zone: ZoneRules) -> JSONDocument.EventOut {
    .init(
      id: e.id, time: time(e), local_time: TimestampFormatter.local(e.instant, in: zone, digits: digits(e.precision)),
      precision: e.precision.rawValue, uncertainty_s: e.uncertaintyMicros > 0 ? Int(e.uncertaintyMicros / 1_000_000) : nil,
      order_uncertain: e.orderUncertain, kind: e.kind.rawValue, from: e.from?.display, from_raw: e.from?.raw,
      to: e.to.map(\.display), to_raw: e.to.map(\.raw), text: e.text, severity: e.severity?.rawValue,
      outcome: e.outcome?.rawValue, duration_s: e.durationSeconds,
      attributes: e.attributes.isEmpty ? nil : Dictionary(e.attributes.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }),
      source: provenance(e.source), also_in: e.alsoIn.map(provenance))
  }
}

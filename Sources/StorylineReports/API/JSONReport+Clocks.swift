import StorylineCore

extension JSONReport {
  /// The `clocks` object: every source's clock estimate and the pairs behind them (null when
  /// the build estimated none).
  static func clocks(_ t: ClockTable?) -> JSONValue {
    guard let t else { return .null }
    func ms(_ m: Int64?) -> JSONValue { m.map { .int($0 / 1_000) } ?? .null }
    let path = { (i: Int?) -> JSONValue in .optional(i.map { t.estimates[$0].path }) }
    return .object([
      ("mode", .string(t.auto ? "auto" : "none")),
      (
        "estimates",
        .array(
          t.estimates.map { e in
            .object([
              ("source", .string(e.path)), ("status", .string(e.status.rawValue)), ("estimate_ms", ms(e.offsetMicros)),
              ("uncertainty_ms", ms(e.offsetMicros == nil ? nil : e.uncertaintyMicros)),
              ("lower_ms", ms(e.lowerMicros)), ("upper_ms", ms(e.upperMicros)),
              ("written_ms", ms(e.writtenMicros)), ("applied_ms", ms(e.appliedMicros)), ("via", path(e.via)),
              ("anchor", path(e.anchor)), ("pairs", .int(Int64(e.pairs))), ("consistent", .int(Int64(e.consistent))),
              ("exact", .bool(e.exact)), ("spread_ms", ms(e.spreadMicros)),
              ("confidence", .string(e.confidence.rawValue)),
              ("drift_ppm", e.driftPPM.map { .int(Int64($0)) } ?? .null), ("reason", .string(e.reason)),
            ])
          })
      ),
      (
        "pairs",
        .array(
          t.pairs.map { p in
            .object([
              ("kind", .string(p.kind.rawValue)), ("source", .string(t.estimates[p.source].path)),
              ("reference", .string(t.estimates[p.reference].path)), ("difference_ms", ms(p.differenceMicros)),
              ("max_delay_ms", ms(p.maxDelayMicros)), ("source_record", .string(p.sourceCitation)),
              ("reference_record", .string(p.referenceCitation)), ("detail", .string(p.detail)),
            ])
          })
      ),
      ("conflicts", .strings(t.conflicts.map(\.description))),
    ])
  }
}

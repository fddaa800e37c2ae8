import StorylineCore

/// Condenses runs of same-shaped log records into bursts, and counts each log source's records
/// per minute.
///
/// A run is a sequence of log records from one source whose messages have the same template
/// (numbers, hex ids and addresses masked) and the same severity, each within `maxGap` (10
/// minutes) of the one before; records of
/// other shapes may come in between. A run of at least `minimumRun` records becomes one burst,
/// shown at its first record. State changes — a server changing state, a service stopping or
/// starting — are never condensed: they stay events of their own. (Other fault signals, such
/// as stuck threads, do condense; the escalation analysis reads the uncondensed timeline.)
public enum LogCondenser {
  /// The fewest records a burst stands for.
  public static let defaultMinimumRun = 3
  /// The longest gap between two records of one burst: 10 minutes.
  public static let defaultMaxGapMicros: Int64 = 10 * 60_000_000

  /// The timeline's entries with log bursts condensed, the bursts, and the per-minute volume:
  /// a ``TimelineDigest`` over every event of `t`, all of them shown.
  public static func condense(
    _ t: Timeline, minimumRun: Int = defaultMinimumRun, maxGapMicros: Int64 = defaultMaxGapMicros
  ) -> CondensedTimeline {
    var d = TimelineDigest(
      zone: t.zone, sourcePaths: t.sources.map(\.path), shownLogRecords: .max, shownOtherEvents: .max,
      minimumRun: minimumRun,
      maxGapMicros: maxGapMicros)
    for e in t.events { d.add(e) }
    d.finish()
    return CondensedTimeline(entries: d.entries, bursts: d.bursts, volume: d.volume, burstOf: d.burstOf)
  }
}

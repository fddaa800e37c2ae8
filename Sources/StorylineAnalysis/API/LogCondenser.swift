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

  /// The timeline's entries with log bursts condensed, the bursts, and the per-minute volume.
  public static func condense(
    _ t: Timeline, minimumRun: Int = defaultMinimumRun, maxGapMicros: Int64 = defaultMaxGapMicros
  ) -> CondensedTimeline {
    // Pass 1: assign each log record to a run.
    struct Run {
      var template: String
      var members: [Int]
      var last: Int64
    }
    struct Key: Hashable {
      var source: Int
      var template: String
      var severity: Severity?
    }
    var open: [Key: Run] = [:]
    var closed: [Run] = []
    for (i, e) in t.events.enumerated() where e.kind == .log {
      if Signals.isStateChange(e) { continue }
      let key = Key(source: e.sourceIndex, template: LogTemplate.mask(e.text), severity: e.severity)
      if var r = open[key], e.instant.microseconds - r.last <= maxGapMicros {
        r.members.append(i)
        r.last = e.instant.microseconds
        open[key] = r
      } else {
        if let r = open[key] { closed.append(r) }
        open[key] = Run(template: key.template, members: [i], last: e.instant.microseconds)
      }
    }
    closed.append(contentsOf: open.values)
    let runs = closed.filter { $0.members.count >= minimumRun }.sorted { $0.members[0] < $1.members[0] }

    // Pass 2: the entries, each burst at its first record.
    var burstAt: [Int: Int] = [:]  // first member -> run number
    var member = [Bool](repeating: false, count: t.events.count)
    for (k, r) in runs.enumerated() {
      burstAt[r.members[0]] = k
      for m in r.members { member[m] = true }
    }
    var bursts: [LogBurst] = []
    var burstOf: [String: String] = [:]
    var entries: [TimelineEntry] = []
    for (i, e) in t.events.enumerated() {
      if let k = burstAt[i] {
        let r = runs[k]
        let ids = r.members.map { t.events[$0].id }
        let from = e.from.flatMap { f in r.members.allSatisfy { t.events[$0].from == f } ? f : nil }
        let b = LogBurst(
          id: "b\(bursts.count + 1)", sourceIndex: e.sourceIndex, template: r.template, count: r.members.count,
          from: from, first: e, last: t.events[r.members.last!],
          severity: r.members.compactMap { t.events[$0].severity }.max(),
          eventIDs: ids)
        for id in ids { burstOf[id] = b.id }
        bursts.append(b)
        entries.append(.burst(b))
      } else if !member[i] {
        entries.append(.event(e))
      }
    }
    return CondensedTimeline(entries: entries, bursts: bursts, volume: volume(t), burstOf: burstOf)
  }

  /// Records and errors per minute for every source that holds log records.
  static func volume(_ t: Timeline) -> [VolumeSeries] {
    var perSource: [Int: [Int64: (Int, Int)]] = [:]
    for e in t.events where e.kind == .log {
      let minute = e.instant.microseconds - ((e.instant.microseconds % 60_000_000) + 60_000_000) % 60_000_000
      var m = perSource[e.sourceIndex, default: [:]]
      var c = m[minute, default: (0, 0)]
      c.0 += 1
      if let s = e.severity, s >= .error { c.1 += 1 }
      m[minute] = c
      perSource[e.sourceIndex] = m
    }
    return perSource.keys.sorted().map { s in
      VolumeSeries(
        sourceIndex: s, path: s < t.sources.count ? t.sources[s].path : "",
        minutes: perSource[s]!.sorted { $0.key < $1.key }.map {
          VolumeSeries.Minute(start: Instant(microseconds: $0.key), records: $0.value.0, errors: $0.value.1)
        })
    }
  }
}

import StorylineCore

/// Follows runs of same-shaped log records as they pass in timeline order: which run each record
/// belongs to (``LogCondenser``'s rule). Open runs that can no longer grow are let go every few
/// thousand records, so memory holds the shapes of the last `maxGap` only. Two trackers fed the
/// same events assign the same runs: the digest finds the bursts on one pass, a later pass
/// replays the assignment to label each record with its burst.
struct LogRunTracker {
  /// A run: its source and its first record's sequence number there.
  struct RunKey: Hashable, Sendable {
    var source: Int
    var sequence: Int
  }

  private struct Key: Hashable {
    var source: Int
    var template: String
    var severity: Severity?
  }

  private struct Open {
    var run: RunKey
    var last: Int64
  }

  let maxGapMicros: Int64
  private var open: [Key: Open] = [:]
  private var assigned = 0
  /// Runs let go by the last call (replaced by a new run of their shape, or too old to grow).
  private(set) var closed: [RunKey] = []

  init(maxGapMicros: Int64) { self.maxGapMicros = maxGapMicros }

  /// The run `e` belongs to, and its template when it starts one; nil for records that are never
  /// condensed (state changes) and for events that are not log records.
  mutating func assign(_ e: Event) -> (run: RunKey, template: String?)? {
    closed.removeAll(keepingCapacity: true)
    guard e.kind == .log, !Signals.isStateChange(e) else { return nil }
    assigned += 1
    if assigned & 0xFFF == 0 { prune(before: e.instant.microseconds - maxGapMicros) }
    let key = Key(source: e.sourceIndex, template: LogTemplate.mask(e.text), severity: e.severity)
    let now = e.instant.microseconds
    if let r = open[key], now - r.last <= maxGapMicros {
      open[key]!.last = now
      return (r.run, nil)
    }
    if let r = open[key] { closed.append(r.run) }
    let run = RunKey(source: e.sourceIndex, sequence: e.sequence)
    open[key] = Open(run: run, last: now)
    return (run, key.template)
  }

  /// Lets go of runs whose last record is older than `limit`: no later record can extend them.
  private mutating func prune(before limit: Int64) {
    for (k, r) in open where r.last < limit {
      closed.append(r.run)
      open[k] = nil
    }
  }

  /// Every run still open, at the end.
  func remaining() -> [RunKey] { open.values.map(\.run) }
}

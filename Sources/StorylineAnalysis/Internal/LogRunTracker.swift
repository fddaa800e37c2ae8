import StorylineCore

/// Follows runs of same-shaped log records as they pass in timeline order: which run each record
/// belongs to (``LogCondenser``'s rule). Open runs that can no longer grow are let go every few
/// thousand records, so memory holds the shapes of the last `maxGap` only — and at most
/// ``maxOpen`` of them: when more shapes than that are open at once (logs whose every line is
/// different), the ones idle longest are closed early. Two trackers fed the same events assign
/// the same runs: the digest finds the bursts on one pass, a later pass replays the assignment
/// to label each record with its burst.
struct LogRunTracker {
  /// A run: its source and its first record's sequence number there.
  struct RunKey: Hashable, Sendable {
    var source: Int
    var sequence: Int
  }

  /// A shape: the source, the template's hash (``LogTemplate/maskHash(_:)``) and the severity.
  private struct Key: Hashable {
    var source: Int
    var template: UInt64
    var severity: Severity?
  }

  private struct Open {
    var run: RunKey
    var last: Int64

    /// Adds a record at `now`: to this run when within `maxGap` of its last (`continued`), else
    /// as the first of a `new` run that replaces it (`replaced`). A run just made for the record
    /// (its `run` is `new`) is left as it is.
    mutating func extend(
      now: Int64, maxGap: Int64, new: RunKey, continued: (RunKey) -> Void, replaced: (RunKey) -> Void
    ) {
      if run == new { return }
      if now - last <= maxGap {
        last = now
        continued(run)
      } else {
        replaced(run)
        run = new
        last = now
      }
    }
  }

  let maxGapMicros: Int64
  /// Open runs held at most.
  static let maxOpen = 8_192
  private var open: [Key: Open] = [:]
  private var assigned = 0
  /// Runs let go by the last call (replaced by a new run of their shape, or too old to grow).
  private(set) var closed: [RunKey] = []

  init(maxGapMicros: Int64) { self.maxGapMicros = maxGapMicros }

  /// The run `e` belongs to, and whether it starts it; nil for records that are never
  /// condensed (state changes) and for events that are not log records.
  mutating func assign(_ e: Event, words: SignalWords? = nil) -> (run: RunKey, starts: Bool)? {
    closed.removeAll(keepingCapacity: true)
    guard e.kind == .log, !Signals.isStateChange(e, words) else { return nil }
    assigned += 1
    if assigned & 0xFFF == 0 { prune(before: e.instant.microseconds - maxGapMicros) }
    let key = Key(source: e.sourceIndex, template: LogTemplate.maskHash(e.text), severity: e.severity)
    let now = e.instant.microseconds
    let run = RunKey(source: e.sourceIndex, sequence: e.sequence)
    var continued: RunKey? = nil
    // One lookup: extend the open run of this shape, or start a new one in its place.
    open[key, default: Open(run: run, last: now)].extend(now: now, maxGap: maxGapMicros, new: run) {
      continued = $0
    } replaced: {
      closed.append($0)
    }
    if let continued { return (continued, false) }
    if open.count > Self.maxOpen { shed(now: now) }
    return (run, true)
  }

  /// Lets go of runs whose last record is older than `limit`: no later record can extend them.
  private mutating func prune(before limit: Int64) {
    // The keys alone, not a filtered copy of the dictionary: most runs are usually still open.
    var old: [Key] = []
    for (k, r) in open where r.last < limit {
      old.append(k)
      closed.append(r.run)
    }
    for k in old { open[k] = nil }
  }

  /// Closes the runs idle longest until a quarter of the room is free again: first those idle
  /// for half the gap, then a quarter, and so on.
  private mutating func shed(now: Int64) {
    var idle = maxGapMicros / 2
    while open.count > Self.maxOpen * 3 / 4 {
      prune(before: now - idle)
      if idle == 0 { break }
      idle /= 2
    }
  }

  /// Every run still open, at the end.
  func remaining() -> [RunKey] { open.values.map(\.run) }
}

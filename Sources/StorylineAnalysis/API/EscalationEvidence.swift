import StorylineCore

/// The events the escalation analysis reads, kept as a timeline streams past: every event that
/// is not a log record (communications, notes, alerts), and of the log records only those a
/// milestone can come from — the first fault of each local day, the first recovery at or after
/// each fault kept or the case's start, and any record naming a person. Feed it every event in
/// timeline order; ``EscalationAnalyzer/analyze(_:case:end:)`` on ``events`` then gives what it
/// gives on the whole timeline.
public struct EscalationEvidence: Sendable {
  private let zone: ZoneRules
  private var kept: [(ordinal: Int, event: Event)] = []
  private var count = 0
  private var faultDays: Set<CivilDate> = []
  /// Instants from which the first log recovery is wanted.
  private var waiting: [Instant] = []
  /// The first log recovery at the newest instant a recovery was seen (a fault of the same
  /// instant that comes after it in order still counts it as "at or after").
  private var lastRecovery: (ordinal: Int, event: Event, kept: Bool)? = nil
  /// The last event's instant.
  public private(set) var end: Instant? = nil

  /// `started`: the case file's start, when it gives one.
  public init(zone: ZoneRules, started: Instant?) {
    self.zone = zone
    if let started { waiting.append(started) }
  }

  /// The events kept, in timeline order.
  public var events: [Event] { kept.sorted { $0.ordinal < $1.ordinal }.map(\.event) }

  /// Takes the next event of the timeline.
  /// `words`: the signal words of a log record's text when already found (``SignalWords/of(_:)``).
  public mutating func add(_ e: Event, words known: SignalWords? = nil) {
    let ordinal = count
    count += 1
    end = e.instant
    guard e.kind == .log else {
      kept.append((ordinal, e))
      if Signals.fault(e) != nil { wait(from: e.instant) }
      return
    }
    let words = known ?? SignalWords.of(e.text)
    var keep = e.from?.person != nil || e.to.contains { $0.person != nil }
    if Signals.fault(e, words) != nil, faultDays.insert(TimestampFormatter.localDate(e.instant, in: zone)).inserted {
      keep = true
      wait(from: e.instant)
    }
    if Signals.logRecovery(e, words) != nil {
      if waiting.contains(where: { $0 <= e.instant }) {
        waiting.removeAll { $0 <= e.instant }
        keep = true
      }
      if lastRecovery == nil || lastRecovery!.event.instant != e.instant {
        lastRecovery = (ordinal, e, keep)
      }
    }
    if keep {
      if lastRecovery?.ordinal == ordinal { lastRecovery!.kept = true }
      kept.append((ordinal, e))
    }
  }

  /// A fault at `t`: the first recovery at or after it is wanted — perhaps one already passed
  /// at the same instant.
  private mutating func wait(from t: Instant) {
    if let r = lastRecovery, r.event.instant == t {
      if !r.kept {
        kept.append((r.ordinal, r.event))
        lastRecovery!.kept = true
      }
      return
    }
    waiting.append(t)
  }
}

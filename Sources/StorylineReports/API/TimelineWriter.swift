import StorylineAnalysis
import StorylineCore

/// A report written one event at a time, so that a timeline of any length is written without
/// being held: JSON, CSV and the Timesketch files.
public protocol TimelineWriter: SendableMetatype {
  /// What comes before the first event.
  func begin() -> String
  /// Appends one event (with its burst's id, if it is in one) to `out` as UTF-8; events come in
  /// timeline order.
  mutating func write(_ e: Event, burst: String?, into out: inout [UInt8])
  /// What comes after the last event.
  func end() -> String
  /// The writer as it is once some events are written, when each event's text depends on
  /// nothing but the event and its burst (nil otherwise): copies of it write later events on
  /// other threads at once, each as this one would.
  func continuing() -> Self?
  /// Whether the writer can put an event down before its burst is known
  /// (``writeLeavingBurst(_:signal:into:)``): a build then writes every event on its one pass over the
  /// evidence and fills the bursts in at the end, instead of reading the evidence again.
  var leavesBursts: Bool { get }
  /// Appends `e` as ``write(_:burst:into:)`` does with no burst, and returns where in `out` the
  /// text of that "no burst" (``burstText(_:)`` of nil) starts, for the burst to be put in its
  /// place later. `signal` is the event's (``EventSignal/of(_:)``), as the analysis found it.
  /// Called only when ``leavesBursts``.
  mutating func writeLeavingBurst(_ e: Event, signal: EventSignal?, into out: inout [UInt8]) -> Int
  /// A burst's text (nil: no burst) as ``write(_:burst:into:)`` puts it in an event's.
  func burstText(_ burst: String?) -> [UInt8]
}

extension TimelineWriter {
  public func continuing() -> Self? { nil }
  public var leavesBursts: Bool { false }
  public mutating func writeLeavingBurst(_ e: Event, signal: EventSignal?, into out: inout [UInt8]) -> Int {
    preconditionFailure("\(Self.self) does not leave bursts to be filled in")
  }
  public func burstText(_ burst: String?) -> [UInt8] { Array((burst ?? "").utf8) }

  /// The whole text for events held in memory, labelled with their bursts.
  mutating func render(_ events: [Event], labels: BurstLabeller) -> String {
    var labels = labels
    var out = Array(begin().utf8)
    for e in events { write(e, burst: labels.burst(of: e), into: &out) }
    out.append(contentsOf: end().utf8)
    return String(decoding: out, as: UTF8.self)
  }
}

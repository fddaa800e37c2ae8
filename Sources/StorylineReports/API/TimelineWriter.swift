import StorylineCore

/// A report written one event at a time, so that a timeline of any length is written without
/// being held: JSON, CSV and the Timesketch files.
public protocol TimelineWriter {
  /// What comes before the first event.
  func begin() -> String
  /// Appends one event (with its burst's id, if it is in one) to `out`; events come in timeline order.
  mutating func write(_ e: Event, burst: String?, into out: inout String)
  /// What comes after the last event.
  func end() -> String
}

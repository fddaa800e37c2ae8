import StorylineCore

/// A timeline for reading: log bursts condensed, per-minute volume series per log source.
public struct CondensedTimeline: Sendable {
  /// The rows in timeline order.
  public var entries: [TimelineEntry]
  public var bursts: [LogBurst]
  public var volume: [VolumeSeries]
  /// The burst each condensed event belongs to, by event id.
  public var burstOf: [String: String]
}

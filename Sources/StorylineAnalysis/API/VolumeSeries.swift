import StorylineCore

/// A log source's records per minute, and how many of them were errors (severity error or worse).
public struct VolumeSeries: Sendable {
  /// One minute with at least one record; minutes absent from the series had none.
  public struct Minute: Sendable, Equatable {
    /// The minute's start (UTC).
    public var start: Instant
    public var records: Int
    public var errors: Int
  }
  public var sourceIndex: Int
  public var path: String
  public var minutes: [Minute]
}

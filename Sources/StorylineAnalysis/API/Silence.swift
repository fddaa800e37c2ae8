import StorylineCore

/// A stretch of the incident longer than the case's `silence` in which no communication passed
/// between people of the case.
public struct Silence: Sendable {
  public var start: Instant
  public var end: Instant
  public var micros: Int64 { end - start }
  /// Who knew of the incident when the silence began.
  public var knew: [String]
  /// The communications on either side (nil at the incident's edges), and their evidence.
  public var afterEventID: String?
  public var beforeEventID: String?
  public var citations: [String]
}

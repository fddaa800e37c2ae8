import StorylineCore
import StorylineFormats

/// What reading one source produced: its events (in source order) and its accounting.
public struct SourceRead: Sendable {
  public var events: [Event]
  public var summary: SourceSummary
  /// A failure that stopped the reading (what was read before it is kept).
  public var error: Diagnostic?
  /// How many events had each kind of correction applied (`zone_assumed`: 12).
  public var correctionCounts: [String: Int]
  /// The first correction of each kind, in words.
  public var correctionExamples: [String: String] = [:]
  /// How many events had each precision.
  public var precisions: [TimePrecision: Int] = [:]
}

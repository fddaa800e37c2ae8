import StorylineAnalysis
import StorylineCore

/// What a build's one pass hands each event to once the analysis has taken it (``EventSpill``):
/// the report's writing, overlapping the pass.
public protocol TimelineSpill: AnyObject {
  /// The next event in timeline order, redacted as the report shows it, with the run of log
  /// records it belongs to (``TimelineDigest/add(_:)``).
  func add(_ e: Event, run: BurstRun?)
}

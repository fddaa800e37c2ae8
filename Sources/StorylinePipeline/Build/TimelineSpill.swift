import StorylineAnalysis
import StorylineCore

/// What a build's one pass hands each event to once the analysis has taken it (``EventSpill``):
/// the report's writing, overlapping the pass.
public protocol TimelineSpill: AnyObject {
  /// The next event in timeline order, redacted as the report shows it, with the run of log
  /// records it belongs to and its signal, as the digest found them
  /// (``TimelineDigest/add(_:words:)``).
  func add(_ e: Event, run: BurstRun?, signal: EventSignal?)
}

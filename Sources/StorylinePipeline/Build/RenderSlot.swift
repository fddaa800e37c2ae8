import StorylineAnalysis

/// What a ``RenderThread`` writes in an event's place. Not nested in the generic thread, so that
/// its batches' type needs no metadata made at run time for each writer.
enum RenderSlot {
  /// The event, with this burst.
  case burst(String?)
  /// The event with its signal (found by the analysis), its burst left open when it is in a
  /// run (``TimelineWriter/writeLeavingBurst(_:signal:into:)``).
  case open(BurstRun?, EventSignal?)
  /// Nothing yet: the event is written at the end, into the hole left here; the number is
  /// the spill's for it.
  case later(Int)
}

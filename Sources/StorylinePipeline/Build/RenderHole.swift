import StorylineAnalysis

/// A place in a ``RenderThread``'s chunk to fill in at the end.
struct RenderHole {
  enum Fill {
    /// The burst of this run, over the writer's "no burst".
    case burst(BurstRun)
    /// The event the spill numbered so.
    case event(Int)
  }
  /// From the start of the chunk.
  var offset: Int
  var fill: Fill
}

import StorylineCore

/// One row of a condensed timeline: an event, or a burst of log records standing for many.
public enum TimelineEntry: Sendable {
  case event(Event)
  case burst(LogBurst)

  /// The entry's time: the event's, or the burst's first record's.
  public var instant: Instant {
    switch self {
    case .event(let e): e.instant
    case .burst(let b): b.first.instant
    }
  }
}

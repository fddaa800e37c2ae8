/// An approximate event's time window (`~09:30` in notes), known before a ``TimelineStream`` starts.
public struct ApproximateWindow: Sendable {
  public var id: String
  public var sourceIndex: Int
  public var window: ClosedRange<Int64>

  /// The approximate events among `events` (of any order).
  public static func of(_ events: [Event]) -> [ApproximateWindow] {
    events.filter { $0.uncertaintyMicros > 0 && $0.precision != .day }.map {
      ApproximateWindow(id: $0.id, sourceIndex: $0.sourceIndex, window: $0.window)
    }
  }
}

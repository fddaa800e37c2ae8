import StorylineCore

/// Reads one source, one record at a time, in the order of the source.
///
/// Readers stream: they hold one record at a time, never the whole input.
public protocol EvidenceReader {
  /// The next event or rejected record; nil at the end of the input.
  mutating func next() throws -> ReaderItem?
  /// Warnings raised so far (zone assumptions, ambiguous abbreviations, truncated records).
  var warnings: [Diagnostic] { get }
}

/// What a reader yields for one record.
public enum ReaderItem: Sendable {
  case event(Event)
  case rejected(Rejection)
}

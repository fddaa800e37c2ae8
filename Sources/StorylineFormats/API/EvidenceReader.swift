import StorylineCore

/// Reads one source, one record at a time, in the order of the source.
///
/// Readers stream: they hold one record at a time, never the whole input. A record that cannot
/// be read is thrown as a ``RecordRejection`` — the reader goes on with the next record on the
/// next call; any other error ends the reading. ``SourceLoader`` (in the pipeline) is the one
/// loop that counts events and rejections.
public protocol EvidenceReader {
  /// The next event; nil at the end of the input. Throws ``RecordRejection`` for a record that
  /// is rejected.
  mutating func next() throws -> Event?
  /// Warnings raised so far (zone assumptions, ambiguous abbreviations, truncated records).
  var warnings: [Diagnostic] { get }
  /// Bytes of the input read so far, for progress (nil when the reader cannot tell).
  var bytesRead: Int64? { get }
  /// Lines read so far that are in no record and no rejection (a log's markers and
  /// directives), by reason.
  var skippedLines: [SkippedLines] { get }
}

extension EvidenceReader {
  public var bytesRead: Int64? { nil }
  public var skippedLines: [SkippedLines] { [] }
}

/// A record a reader rejects, with its reason and place; the reading goes on after it.
public struct RecordRejection: Error, Sendable {
  public var rejection: Rejection

  public init(_ rejection: Rejection) { self.rejection = rejection }
}

/// What reading one record gives: an event, or a rejected record.
public enum ReaderItem: Sendable {
  case event(Event)
  case rejected(Rejection)
}

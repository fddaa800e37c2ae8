import StorylineCore

/// A line-oriented log format: its one parser is a ``LogTokenizer``, which both its reader and
/// `storyline merge` use, so the two accept, time and reject every record alike.
public protocol LineLogFormat: EvidenceFormat {
  /// The format's tokenizer type.
  associatedtype Tokenizer: LogTokenizer
  /// A tokenizer reading on the source's clock.
  func tokenizer(clock: SourceClock) -> Tokenizer
  /// Streams the file's records into `sink` (given by default: see the extension).
  func streamRecords(
    path: String, displayPath: String, clock: SourceClock, into sink: any LogRecordSink
  ) throws -> LogStreamSummary
}

extension LineLogFormat {
  public var reading: ReadingMode { .lines }

  public func open(_ input: SourceInput, context: ReaderContext) throws -> any EvidenceReader {
    try LogReader(input: input, context: context, format: id.rawValue, tokenizer: tokenizer(clock: context.clock))
  }
}

/// Receives a line log's records as `streamRecords` reads them (the hot path of `merge`). A
/// class, so that the stream is generic over the format alone and specialised for each.
public protocol LogRecordSink: AnyObject {
  /// A record's first line (valid only during the call), its instant and severity; `offset`
  /// is how many bytes of the input were read so far.
  func begin(_ line: UnsafeBufferPointer<UInt8>, number: Int, instant: Instant, severity: Severity?, offset: Int64)
  /// A continuation line of the record begun last; `severity` when it gives the record one.
  func extend(_ line: UnsafeBufferPointer<UInt8>, severity: Severity?)
  /// A rejected record: its line, the reason, and its number among the records.
  func reject(_ line: UnsafeBufferPointer<UInt8>, number: Int, reason: Phrase, record: Int)
}

/// What streaming a line log's records gave besides them.
public struct LogStreamSummary: Sendable {
  /// Records begun, accepted or rejected.
  public var records: Int
  /// Records cut, the clock's warnings, a damaged gzip stream.
  public var warnings: [Diagnostic]
  /// Bytes read (decompressed).
  public var bytes: Int64
  /// Lines in no record (markers, directives, rejected records' continuations), by reason.
  public var skippedLines: [SkippedLines]
}

extension LineLogFormat {
  /// Streams the file's records through this format's splitter and tokenizer into `sink`: the
  /// very decisions the format's reader makes, without building events. A requirement with
  /// this default, so that each format's witness is specialised for its tokenizer.
  public func streamRecords(
    path: String, displayPath: String, clock: SourceClock, into sink: any LogRecordSink
  ) throws -> LogStreamSummary {
    var splitter = LogRecordSplitter(tokenizer(clock: clock))
    let lines = try LineReader(path: path)
    while lines.withNextLine({ line, number, truncated in
      switch splitter.step(line, number: number, truncated: truncated) {
      case .start:
        sink.begin(
          line, number: number, instant: splitter.head!.time.instant, severity: splitter.head!.severity,
          offset: lines.bytesConsumed)
      case .append(let severity):
        sink.extend(line, severity: severity)
      case .skip:
        break
      case .rejected(let reason):
        sink.reject(line, number: number, reason: reason, record: splitter.records)
      }
    }) {}
    var warnings = splitter.warnings(path: displayPath)
    if lines.inputDamaged {
      warnings.append(Diagnostic(.warning, path: displayPath, line: lines.lineNumber, Message.damagedGzip))
    }
    return LogStreamSummary(
      records: splitter.records, warnings: warnings, bytes: lines.bytesConsumed, skippedLines: splitter.skippedLines)
  }
}

private enum Message {
  static let damagedGzip = Phrase("gzip.damaged", "the gzip stream is damaged or truncated: read up to here")
}

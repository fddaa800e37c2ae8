import StorylineCore

/// A line-oriented log format: its one parser is a ``LogTokenizer``, which both its reader and
/// `storyline merge` use, so the two accept, time and reject every record alike.
public protocol LineLogFormat: EvidenceFormat {
  /// The format's tokenizer type.
  associatedtype Tokenizer: LogTokenizer
  /// A tokenizer reading on the source's clock.
  func tokenizer(clock: SourceClock) -> Tokenizer
}

extension LineLogFormat {
  public var reading: ReadingMode { .lines }

  public func open(_ input: SourceInput, context: ReaderContext) throws -> any EvidenceReader {
    try LogReader(input: input, context: context, format: id.rawValue, tokenizer: tokenizer(clock: context.clock))
  }
}

import StorylineCore

/// Android's call log: the `calls` table of `calllog.db` (Android 7+) or `contacts2.db` (older).
public struct AndroidCallLogFormat: EvidenceFormat {
  public init() {}
  public var id: FormatID { .androidCallLog }
  public var reading: ReadingMode { .database }
  public var name: String { "Android call log database (calllog.db, contacts2.db)" }
  public var sniffRule: String { "an SQLite database with a calls table" }

  public func sniff(_ probe: SniffProbe) -> Bool {
    guard probe.isSQLite, let path = probe.path else { return false }
    return SQLiteEvidence.tables(path: path).contains("calls")
  }

  public func open(_ input: SourceInput, context: ReaderContext) throws -> any EvidenceReader {
    try AndroidCallLogReader(input: input, context: context, format: id.rawValue)
  }
}

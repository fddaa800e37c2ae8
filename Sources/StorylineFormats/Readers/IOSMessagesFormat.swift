import StorylineCore

/// iOS `sms.db` / macOS `chat.db` (Messages: SMS, iMessage, RCS).
public struct IOSMessagesFormat: EvidenceFormat {
  public init() {}
  public var id: FormatID { .iosMessages }
  public var reading: ReadingMode { .database }
  public var name: String { "iOS/macOS Messages database (sms.db, chat.db)" }
  public var sniffRule: String { "an SQLite database with the tables message and handle" }

  public func sniff(_ probe: SniffProbe) -> Bool {
    guard probe.isSQLite, let path = probe.path else { return false }
    let tables = SQLiteEvidence.tables(path: path)
    return tables.contains("message") && tables.contains("handle")
  }

  public func open(_ input: SourceInput, context: ReaderContext) throws -> any EvidenceReader {
    try IOSMessagesReader(input: input, context: context, format: id.rawValue)
  }
}

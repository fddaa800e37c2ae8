import StorylineCore

/// iOS `CallHistory.storedata` (Core Data SQLite, table `ZCALLRECORD`).
public struct IOSCallHistoryFormat: EvidenceFormat {
  public init() {}
  public var id: FormatID { .iosCallHistory }
  public var reading: ReadingMode { .database }
  public var name: String { "iOS call history (CallHistory.storedata)" }
  public var sniffRule: String { "an SQLite database with a ZCALLRECORD table" }

  public func sniff(_ probe: SniffProbe) -> Bool {
    guard probe.isSQLite, let path = probe.path else { return false }
    return SQLiteEvidence.tables(path: path).contains("ZCALLRECORD")
  }

  public func open(_ input: SourceInput, context: ReaderContext) throws -> any EvidenceReader {
    try IOSCallHistoryReader(input: input, context: context, format: id.rawValue)
  }
}

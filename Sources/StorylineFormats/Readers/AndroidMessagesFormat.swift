import StorylineCore

/// Android's `mmssms.db` (telephony provider): SMS in `sms`, MMS in `pdu`/`addr`/`part`.
public struct AndroidMessagesFormat: EvidenceFormat {
  public init() {}
  public var id: FormatID { .androidMessages }
  public var reading: ReadingMode { .database }
  public var name: String { "Android messages database (mmssms.db)" }
  public var sniffRule: String { "an SQLite database with the tables sms and pdu" }

  public func sniff(_ probe: SniffProbe) -> Bool {
    guard probe.isSQLite, let path = probe.path else { return false }
    let tables = SQLiteEvidence.tables(path: path)
    return tables.contains("sms") && tables.contains("pdu")
  }

  public func open(_ input: SourceInput, context: ReaderContext) throws -> any EvidenceReader {
    try AndroidMessagesReader(input: input, context: context, format: id.rawValue)
  }
}

import StorylineCore

/// SMS Backup & Restore (SyncTech, Android) XML: `<smses>` with `<sms>` and `<mms>`, and `<calls>`
/// with `<call>` (formats.md §1).
public struct SMSBackupFormat: EvidenceFormat {
  public init() {}
  public var id: FormatID { .smsBackupXML }
  public var reading: ReadingMode { .records }
  public var name: String { "SMS Backup & Restore XML (messages and calls)" }
  public var sniffRule: String { "an XML file whose root element is <smses> or <calls>" }

  public func sniff(_ probe: SniffProbe) -> Bool {
    let t = probe.text
    guard t.hasPrefix("<?xml") || t.hasPrefix("<smses") || t.hasPrefix("<calls") || t.hasPrefix("<!--") else {
      return false
    }
    return t.contains("<smses") || t.contains("<calls")
  }

  public func open(_ input: SourceInput, context: ReaderContext) throws -> any EvidenceReader {
    try SMSBackupReader(input: input, context: context, format: id.rawValue)
  }
}

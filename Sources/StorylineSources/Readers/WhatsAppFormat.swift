import StorylineCore

/// WhatsApp "Export chat" text: Android (`date, time - Author: text`) and iOS
/// (`[date, time] Author: text`), as a .txt file (formats.md §5).
public struct WhatsAppFormat: EvidenceFormat {
  public init() {}
  public var id: String { "whatsapp" }
  public var name: String { "WhatsApp chat export (.txt, Android and iOS)" }
  public var sniffRule: String {
    "a .txt file whose first lines start `dd/mm/yyyy, hh:mm - ` or `[dd/mm/yyyy, hh:mm:ss] ` (any date order and separator)"
  }

  public func sniff(_ probe: SniffProbe) -> Bool {
    guard probe.fileExtension == "txt" else { return false }
    let lines = probe.text.split(whereSeparator: \.isNewline).prefix(8)
    return lines.contains { WhatsAppReader.header(String($0)) != nil }
  }

  public func open(_ input: SourceInput, context: ReaderContext) throws -> any EvidenceReader {
    try WhatsAppReader(input: input, context: context, format: id)
  }
}

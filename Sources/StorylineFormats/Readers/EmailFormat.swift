import StorylineCore

/// E-mail: mbox files (many messages, each after a `From ` line) and single `.eml` messages.
public struct EmailFormat: EvidenceFormat {
  public init() {}
  public var id: FormatID { .email }
  public var reading: ReadingMode { .records }
  public var name: String { "E-mail (mbox, .eml)" }
  public var sniffRule: String {
    "an .mbox file, or a file starting with an mbox `From ` line or with RFC 5322 headers (From:, Date:, Subject: …)"
  }

  public func sniff(_ probe: SniffProbe) -> Bool {
    if probe.fileExtension == "mbox" || probe.fileExtension == "eml" { return true }
    let t = probe.text
    if t.hasPrefix("From ") { return true }
    let head = t.prefix(2048).lowercased()
    return
      (head.hasPrefix("return-path:") || head.hasPrefix("received:") || head.hasPrefix("from:")
      || head.hasPrefix("message-id:") || head.hasPrefix("date:") || head.hasPrefix("mime-version:"))
      && head.contains("\ndate:") && (head.contains("\nfrom:") || head.hasPrefix("from:"))
  }

  public func open(_ input: SourceInput, context: ReaderContext) throws -> any EvidenceReader {
    try EmailReader(input: input, context: context, format: id.rawValue)
  }
}

import StorylineCore

/// QQ's message manager export (.txt, PC): a header block per conversation, then messages of a
/// `YYYY-MM-DD H:MM:SS nickname(QQ number)` line and their text (formats.md §6.1). UTF-8,
/// UTF-16 with a byte-order mark, or GB18030/GBK.
public struct QQFormat: EvidenceFormat {
  public init() {}
  public var id: FormatID { .qq }
  public var reading: ReadingMode { .wholeFile }
  public var name: String { "QQ message manager export (.txt; UTF-8, UTF-16 or GB18030)" }
  public var sniffRule: String { "a .txt file whose first lines, decoded, hold 消息记录 or 消息对象: or a QQ message header" }

  public func sniff(_ probe: SniffProbe) -> Bool {
    guard probe.fileExtension == "txt" else { return false }
    let text = QQReader.decode(probe.head)
    if text.contains("消息记录") || text.contains("消息对象:") || text.contains("消息分组:") { return true }
    return text.split(whereSeparator: \.isNewline).prefix(10).contains { QQReader.header(String($0)) != nil }
  }

  public func open(_ input: SourceInput, context: ReaderContext) throws -> any EvidenceReader {
    try QQReader(input: input, context: context, format: id.rawValue)
  }
}

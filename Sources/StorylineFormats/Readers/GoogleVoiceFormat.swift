import StorylineCore

/// Google Voice in Google Takeout: `Voice/Calls/<contact> - <Kind> - <time>.html`, one file per
/// conversation, call or voicemail (formats.md §4).
public struct GoogleVoiceFormat: EvidenceFormat {
  public init() {}
  public var id: FormatID { .googleVoice }
  public var reading: ReadingMode { .wholeFile }
  public var name: String { "Google Voice (Google Takeout Voice/Calls HTML)" }
  public var sniffRule: String {
    "an .html file named `<contact> - <Kind> - YYYY-MM-DDTHH_MM_SSZ.html` holding an hChatLog or haudio block"
  }

  public func sniff(_ probe: SniffProbe) -> Bool {
    guard probe.fileExtension == "html", GoogleVoiceFormat.fileName(probe.fileName) != nil else { return false }
    let t = probe.text
    return t.contains("hChatLog") || t.contains("haudio")
  }

  /// The contact and kind in a Takeout file name (`Alan A Milne - Text - 2023-09-29T23_40_59Z.html`).
  static func fileName(_ name: String) -> (contact: String, kind: String?)? {
    guard name.hasSuffix(".html") else { return nil }
    let parts = name.dropLast(5).components(separatedBy: " - ")
    guard parts.count >= 2, let stamp = parts.last, stamp.count >= 20, stamp.dropFirst(10).hasPrefix("T"),
      stamp.prefix(20).last == "Z" || stamp.contains("Z-")
    else { return nil }
    if parts.count >= 3 { return (parts.dropLast(2).joined(separator: " - "), parts[parts.count - 2]) }
    return (parts[0], nil)
  }

  public func open(_ input: SourceInput, context: ReaderContext) throws -> any EvidenceReader {
    try GoogleVoiceReader(input: input, context: context, format: id.rawValue)
  }
}

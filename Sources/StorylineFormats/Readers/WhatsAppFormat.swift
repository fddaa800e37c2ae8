import Foundation
import StorylineCore

/// WhatsApp "Export chat" text: Android (`date, time - Author: text`) and iOS
/// (`[date, time] Author: text`), as a .txt file (formats.md §5).
public struct WhatsAppFormat: EvidenceFormat {
  public init() {}
  public var id: FormatID { .whatsapp }
  public var reading: ReadingMode { .records }
  public var name: String { "WhatsApp chat export (.txt, Android and iOS)" }
  public var sniffRule: String {
    "a .txt file whose first lines start `dd/mm/yyyy, hh:mm - ` or `[dd/mm/yyyy, hh:mm:ss] ` (any date order and separator), or a .zip holding `_chat.txt` or `WhatsApp Chat with ….txt`"
  }

  /// The chat file inside an export zip.
  static func chatEntry(_ bundle: ExportBundle) -> String? {
    bundle.paths.first { $0 == "_chat.txt" || ($0.hasPrefix("WhatsApp Chat") && $0.hasSuffix(".txt")) }
  }

  public func sniff(_ probe: SniffProbe) -> Bool {
    if probe.fileExtension == "zip", let path = probe.path, let bundle = try? ExportBundle(path: path) {
      return WhatsAppFormat.chatEntry(bundle) != nil
    }
    guard probe.fileExtension == "txt" else { return false }
    let lines = probe.textLines.prefix(8)
    return lines.contains { WhatsAppReader.header(String($0)) != nil }
  }

  public func open(_ input: SourceInput, context: ReaderContext) throws -> any EvidenceReader {
    guard input.url.lowercased().hasSuffix(".zip") else {
      return try WhatsAppReader(input: input, context: context, format: id.rawValue)
    }
    // The iOS export is a zip: its chat is copied out to a temporary file, read, then removed.
    let bundle = try ExportBundle(path: input.url, displayPath: input.displayPath)
    guard let entry = WhatsAppFormat.chatEntry(bundle), let data = bundle.read(entry) else {
      throw SourceError.malformed(path: input.displayPath, line: 0, column: 0, reason: "no _chat.txt in the zip")
    }
    let temp = try TemporaryFile(data: data)
    var reader = try WhatsAppReader(
      input: SourceInput(url: temp.path, displayPath: input.displayPath + "/" + entry), context: context,
      format: id.rawValue)
    reader.keepAlive = temp
    return reader
  }
}

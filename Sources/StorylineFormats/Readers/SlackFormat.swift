import StorylineCore

/// A Slack workspace export: the .zip or its folder, with `users.json`, `channels.json` and one
/// JSON file per channel per day (formats.md §6.3).
public struct SlackFormat: EvidenceFormat {
  public init() {}
  public var id: FormatID { .slack }
  public var reading: ReadingMode { .archive }
  public var name: String { "Slack workspace export (zip or folder)" }
  public var sniffRule: String { "a folder or .zip holding users.json and channels.json" }

  public func sniff(_ probe: SniffProbe) -> Bool {
    guard probe.isDirectory || probe.fileExtension == "zip", let path = probe.path else { return false }
    return ExportBundle.holds(path, ["users.json", "channels.json"])
  }

  public func open(_ input: SourceInput, context: ReaderContext) throws -> any EvidenceReader {
    try SlackReader(input: input, context: context, format: id.rawValue)
  }
}

import StorylineCore

/// Prometheus Alertmanager notifications: webhook payloads (`"version": "4"`, `alerts[]` with
/// `status`, `labels`, `annotations`, `startsAt`, `endsAt`, `fingerprint`) as a receiver logs
/// them — one JSON object per line, or one per file — and the `GET /api/v2/alerts` list.
public struct AlertmanagerFormat: EvidenceFormat {
  public init() {}
  public var id: FormatID { .alertmanager }
  public var reading: ReadingMode { .records }
  public var name: String { "Prometheus Alertmanager notifications (webhook payloads, /api/v2/alerts)" }
  public var sniffRule: String {
    "*.json, *.jsonl, *.ndjson or *.log whose start holds an alert's \"fingerprint\" and \"startsAt\", "
      + "and \"groupKey\" (a webhook payload) or \"updatedAt\" (the /api/v2/alerts list)"
  }

  public func sniff(_ probe: SniffProbe) -> Bool {
    guard ["json", "jsonl", "ndjson", "log", "txt"].contains(probe.fileExtension) else { return false }
    let text = probe.text.drop { $0.isWhitespace }
    guard text.hasPrefix("{") || text.hasPrefix("[") else { return false }
    return text.contains("\"fingerprint\"") && text.contains("\"startsAt\"")
      && (text.contains("\"groupKey\"") || text.contains("\"updatedAt\""))
  }

  public func open(_ input: SourceInput, context: ReaderContext) throws -> any EvidenceReader {
    try AlertmanagerReader(input: input, context: context, format: id.rawValue)
  }
}

import StorylineCore

/// Opsgenie alert activity: the JSON of `GET /v2/alerts/{id}/logs`, `…/notes` and
/// `…/recipients` (one response, or several one after another), as Opsgenie's Alert API returns
/// them (`data[]` of `log`, `type`, `owner`, `createdAt`, `offset`; of `note`, `owner`,
/// `createdAt`, `offset`; of `user` {`id`, `username`}, `state`, `method`, `createdAt`,
/// `updatedAt`).
public struct OpsgenieFormat: EvidenceFormat {
  public init() {}
  public var id: FormatID { .opsgenie }
  public var reading: ReadingMode { .records }
  public var name: String { "Opsgenie alert logs, notes and recipients (Alert API)" }
  public var sniffRule: String {
    "*.json whose start holds \"data\" and \"createdAt\" with \"offset\" (logs, notes) or \"method\" and \"state\" (recipients)"
  }

  public func sniff(_ probe: SniffProbe) -> Bool {
    guard ["json", "jsonl", "ndjson"].contains(probe.fileExtension) else { return false }
    let text = probe.text
    guard text.contains("\"data\""), text.contains("\"createdAt\"") else { return false }
    return (text.contains("\"offset\"") && (text.contains("\"log\"") || text.contains("\"note\"")))
      || (text.contains("\"method\"") && text.contains("\"state\"") && text.contains("\"username\""))
  }

  public func open(_ input: SourceInput, context: ReaderContext) throws -> any EvidenceReader {
    try OpsgenieReader(input: input, context: context, format: id.rawValue)
  }
}

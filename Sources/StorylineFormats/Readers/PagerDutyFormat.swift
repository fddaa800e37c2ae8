import StorylineCore

/// PagerDuty incident log entries: the JSON of `GET /incidents/{id}/log_entries` (one page, or
/// several one after another), as PagerDuty's REST API reference defines `LogEntry` and its
/// kinds (`trigger_log_entry`, `notify_log_entry`, `acknowledge_log_entry`, …).
public struct PagerDutyFormat: EvidenceFormat {
  public init() {}
  public var id: FormatID { .pagerduty }
  public var reading: ReadingMode { .records }
  public var name: String { "PagerDuty incident log entries (REST API)" }
  public var sniffRule: String { "*.json or *.jsonl whose start holds \"log_entries\" and a \"…_log_entry\" type" }

  public func sniff(_ probe: SniffProbe) -> Bool {
    guard ["json", "jsonl", "ndjson"].contains(probe.fileExtension) else { return false }
    let text = probe.text
    return text.contains("\"log_entries\"") && text.contains("_log_entry\"")
  }

  public func open(_ input: SourceInput, context: ReaderContext) throws -> any EvidenceReader {
    try PagerDutyReader(input: input, context: context, format: id.rawValue)
  }
}

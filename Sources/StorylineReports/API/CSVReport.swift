import StorylineAnalysis
import StorylineCore

/// The timeline as CSV for spreadsheets (`--format csv`): one row per event, RFC 4180 quoting,
/// and every cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return prefixed with
/// `'` so that no spreadsheet runs evidence text as a formula.
public enum CSVReport {
  /// The header row, in order.
  public static let columns = [
    "id", "time_utc", "local_time", "kind", "from", "to", "text", "severity", "outcome", "duration_s", "signal",
    "burst", "source", "line", "original_time", "corrections",
  ]

  /// One row per event after the header, lines ending in CRLF (RFC 4180).
  public static func render(_ t: Timeline) -> String {
    var writer = Writer(zone: t.zone)
    return writer.render(t.events, labels: TimelineDigest.of(t).burstLabeller())
  }

  /// The rows one event at a time (see ``TimelineWriter``).
  public struct Writer: TimelineWriter {
    let zone: ZoneRules

    /// A writer showing local times in `zone`.
    public init(zone: ZoneRules) { self.zone = zone }

    public func begin() -> String { CSVText.row(columns) }

    public func write(_ e: Event, burst: String?, into out: inout [UInt8]) {
      CSVText.row(cells(e, burst: burst, signal: EventSignal.of(e)), into: &out)
    }

    public var leavesBursts: Bool { true }

    public func writeLeavingBurst(_ e: Event, signal: EventSignal?, into out: inout [UInt8]) -> Int {
      CSVText.row(cells(e, burst: nil, signal: signal), into: &out, marking: burstColumn)
    }

    public func burstText(_ burst: String?) -> [UInt8] { Array(CSVText.cell(burst ?? "").utf8) }

    private let burstColumn = columns.firstIndex(of: "burst")!

    private func cells(_ e: Event, burst: String?, signal: EventSignal?) -> [String] {
      let digits = JSONReport.digits(e.precision)
      return [
        e.id, TimestampFormatter.utc(e.instant, digits: digits),
        TimestampFormatter.local(e.instant, in: zone, digits: digits), e.kind.rawValue, e.from?.display ?? "",
        e.to.map(\.display).joined(separator: ", "), e.text, e.severity?.rawValue ?? "", e.outcome?.rawValue ?? "",
        e.durationSeconds.map(String.init) ?? "", signal.map { "\($0.kind.rawValue): \($0.reason)" } ?? "",
        burst ?? "", e.source.path, String(e.source.line), e.source.originalTime,
        e.source.corrections.map { "\($0.kind): \($0.detail)" }.joined(separator: "; "),
      ]
    }

    public func end() -> String { "" }

    /// Each row depends on its event only.
    public func continuing() -> Writer? { self }
  }
}

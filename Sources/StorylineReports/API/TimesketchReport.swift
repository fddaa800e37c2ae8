import StorylineAnalysis
import StorylineCore

/// Timesketch import files: JSON lines (`--format timesketch`) or CSV (`--format timesketch-csv`),
/// one event per line with Timesketch's required `message`, `datetime` (ISO 8601 with offset) and
/// `timestamp_desc`, plus `timestamp` (µs) and the event's kind, people, source and provenance
/// as attributes. Import: `timesketch_importer -s SKETCH_ID --timeline_name NAME timeline.jsonl`
/// (or the web UI's upload).
public enum TimesketchReport {
  /// The columns, in order (CSV header and JSON key order).
  public static let columns = [
    "message", "datetime", "timestamp_desc", "timestamp", "event_id", "kind", "from", "to", "severity", "outcome",
    "duration_s", "signal", "burst", "source_file", "source_line", "source_record", "source_format",
    "original_time", "corrections", "also_in", "case",
  ]

  /// What the timestamp means for each kind of event.
  static func description(_ e: Event) -> String {
    switch e.kind {
    case .call: "Call Start"
    case .sms, .mms, .message, .chat, .email: "Message Time"
    case .meeting, .inPerson: "Conversation Time"
    case .log, .alert, .system: "Log Time"
    case .note: "Note Time"
    case .attachment: "Message Time"
    }
  }

  /// The event's cells, in ``columns`` order; `signal` is the event's (``EventSignal/of(_:)``).
  static func values(_ e: Event, signal: EventSignal?, title: String, burst: String?) -> [JSONValue] {
    var message = String(
      decoding: e.kind.rawValue.utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    if let o = e.outcome, o != .completed { message += " (\(o.rawValue))" }
    if let f = e.from?.display { message += " " + f }
    if !e.to.isEmpty { message += " → " + e.to.map(\.display).joined(separator: ", ") }
    if !e.text.isEmpty { message += ": " + e.text }
    // UTC with its offset written out (`+00:00`), as Timesketch reads it.
    let datetime = String(TimestampFormatter.utc(e.instant, digits: 6).dropLast()) + "+00:00"
    return [
      .string(message),
      .string(datetime),
      .string(description(e)),
      .int(Int(e.instant.microseconds)),
      .string(e.id),
      .string(e.kind.rawValue),
      .optional(e.from?.display),
      .string(e.to.map(\.display).joined(separator: ", ")),
      .optional(e.severity?.rawValue),
      .optional(e.outcome?.rawValue),
      .optional(e.durationSeconds),
      .optional(signal.map { "\($0.kind.rawValue): \($0.reason)" }),
      .optional(burst),
      .string(e.source.path),
      .int(e.source.line),
      .int(e.source.record),
      .string(e.source.format),
      .string(e.source.originalTime),
      .string(e.source.corrections.map { "\($0.kind): \($0.detail)" }.joined(separator: "; ")),
      .string(e.alsoIn.map(\.citation).joined(separator: ", ")),
      .string(title),
    ]
  }

  /// JSON lines, one object per event, keys in ``columns`` order.
  public static func jsonl(_ t: Timeline) -> String { render(t, Writer(title: t.title, csv: false)) }

  /// CSV with a header row; cells that a spreadsheet would run as formulas are neutralized.
  public static func csv(_ t: Timeline) -> String { render(t, Writer(title: t.title, csv: true)) }

  static func render(_ t: Timeline, _ w: Writer) -> String {
    var writer = w
    return writer.render(t.events, labels: TimelineDigest.of(t).burstLabeller())
  }

  /// The lines one event at a time (see ``TimelineWriter``): JSON lines, or CSV with a header.
  public struct Writer: TimelineWriter {
    let title: String
    let csv: Bool

    /// A writer naming the case `title` on every line; CSV with a header, else JSON lines.
    public init(title: String, csv: Bool) {
      self.title = title
      self.csv = csv
    }

    public func begin() -> String { csv ? CSVText.row(columns) : "" }

    public func write(_ e: Event, burst: String?, into out: inout [UInt8]) {
      write(e, signal: EventSignal.of(e), burst: burst, into: &out)
    }

    public var leavesBursts: Bool { true }

    public func writeLeavingBurst(_ e: Event, signal: EventSignal?, into out: inout [UInt8]) -> Int {
      write(e, signal: signal, burst: nil, into: &out)
    }

    public func burstText(_ burst: String?) -> [UInt8] {
      var out: [UInt8] = []
      if csv {
        CSVText.append(cell: burst ?? "", to: &out)
      } else {
        JSONValue.optional(burst).write(into: &out, compact: true)
      }
      return out
    }

    /// Appends the event's line; returns where its burst's text starts.
    @discardableResult
    private func write(_ e: Event, signal: EventSignal?, burst: String?, into out: inout [UInt8]) -> Int {
      let v = values(e, signal: signal, title: title, burst: burst)
      if csv { return CSVText.row(v.map(\.plainText), into: &out, marking: Writer.burstColumn) }
      // The object `JSONValue.object(zip(columns, v))` writes compact, its keys written once.
      var burstAt = out.count
      out.append(0x7B)
      for k in v.indices {
        out.append(contentsOf: Writer.keys[k])
        if k == Writer.burstColumn { burstAt = out.count }
        v[k].write(into: &out, compact: true)
      }
      out.append(0x7D)
      out.append(0x0A)
      return burstAt
    }

    private static let burstColumn = columns.firstIndex(of: "burst")!
    /// Each column's `"key":`, after a comma but for the first.
    private static let keys: [[UInt8]] = columns.enumerated().map { k, c in
      var key: [UInt8] = k == 0 ? [] : [0x2C]
      JSONText.quote(c, into: &key)
      return key + [0x3A]
    }

    public func end() -> String { "" }

    /// Each row depends on its event only.
    public func continuing() -> Writer? { self }
  }
}

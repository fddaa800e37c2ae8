import StorylineCore

/// Reads an access log in the W3C extended format, as WebLogic's HTTP access log writes it
/// when `format: extended` is set (and IIS): `#Fields:` names the columns, each line holds them
/// separated by spaces (values with spaces quoted). `date` and `time` are in UTC, as the W3C
/// draft says and WebLogic writes them; a `#Fields:` line later in the file changes the columns.
public struct W3CExtendedLogTokenizer: LogTokenizer {
  /// The line's values, quotes included.
  public typealias Fields = [Range<Int>]

  public static var multiline: Bool { false }
  public static var ignoredLines: String { "W3C directive (#Fields:, #Date:, #Software: …)" }
  public var clock: SourceClock
  /// The columns `#Fields:` names, lower case.
  private var columns: [String] = []
  private var date: Int? = nil
  private var time: Int? = nil

  init(clock: SourceClock) { self.clock = clock }

  /// A line's values: separated by spaces and tabs, a quoted value kept whole.
  static func split(_ p: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    var out: [Range<Int>] = []
    var i = 0
    while i < p.count {
      while i < p.count && (p[i] == 0x20 || p[i] == 0x09) { i += 1 }
      guard i < p.count else { break }
      let s = i
      var quoted = false
      while i < p.count && (quoted || (p[i] != 0x20 && p[i] != 0x09)) {
        if p[i] == 0x22 { quoted.toggle() }
        i += 1
      }
      out.append(s..<i)
    }
    return out
  }

  /// A value without its quotes.
  private static func value(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
    var s = p.text(r)
    s.removeAll { $0 == "\"" }
    return s
  }

  public mutating func token(_ p: UnsafeBufferPointer<UInt8>, number: Int) -> LineToken<Fields> {
    if p.isBlank { return .continuation }
    if p[0] == 0x23 {
      let directive = p.text(0..<p.count)
      if directive.hasPrefix("#Fields:") {
        columns = directive.dropFirst(8).split(separator: " ").map { $0.lowercased() }
        date = columns.firstIndex(of: "date")
        time = columns.firstIndex(of: "time")
      }
      return .ignored
    }
    let values = W3CExtendedLogTokenizer.split(p)
    guard !columns.isEmpty else { return .rejected(Message.noFields) }
    guard values.count == columns.count else { return .rejected(Message.columns(values.count, columns.count)) }
    guard let d = date, let t = time else { return .rejected(Message.noDate) }
    let stamp = W3CExtendedLogTokenizer.value(p, values[d]) + " " + W3CExtendedLogTokenizer.value(p, values[t])
    var utc = stamp + "Z"
    let result = utc.withUTF8 { clock.normalize($0, line: number) }
    let status = columns.firstIndex(of: "sc-status").flatMap { Int(W3CExtendedLogTokenizer.value(p, values[$0])) }
    let severity: Severity = (status ?? 0) >= 500 ? .error : ((status ?? 0) >= 400 ? .warning : .info)
    return record(result, severity: severity, fields: values) { Message.badTime(stamp, $0) }
  }

  public mutating func event(_ head: RecordHead<Fields>, record p: UnsafeBufferPointer<UInt8>, line: Int)
    -> LogEventParts
  {
    var row: [String: String] = [:]
    var attributes: Attributes = []
    for (k, r) in zip(columns, head.fields) {
      let v = W3CExtendedLogTokenizer.value(p, r)
      row[k] = v
      if k != "date" && k != "time" { attributes.append(k, v) }
    }
    let status = row["sc-status"].flatMap { Int($0) }
    let method = row["cs-method"] ?? ""
    let uri = row["cs-uri"] ?? row["cs-uri-stem"] ?? ""
    return LogEventParts(
      originalTime: "\(row["date"] ?? "") \(row["time"] ?? "")", from: row["c-ip"],
      text: "\(method) \(uri) \(status.map(String.init) ?? "-")".trimmingSpaces, attributes: attributes)
  }
}

private enum Message {
  static let noFields = Phrase("w3c.no_fields", "no `#Fields:` directive before the first entry")
  static let noDate = Phrase("w3c.no_date", "the `#Fields:` directive names no `date` and `time` columns")
  static func columns(_ n: Int, _ m: Int) -> Phrase {
    Phrase("w3c.columns", "{values} values where `#Fields:` names {fields}", ["values": "\(n)", "fields": "\(m)"])
  }
  static func badTime(_ t: String, _ e: TimeError) -> Phrase { Phrase.badTimestamp(t, e) }
}

import StorylineCore

/// Reads an access log in the W3C extended format, as WebLogic's HTTP access log writes it
/// when `format: extended` is set (and IIS): `#Fields:` names the columns, each line holds them
/// separated by spaces (values with spaces quoted). `date` and `time` are in UTC, as the W3C
/// draft says and WebLogic writes them; a `#Fields:` line later in the file changes the columns.
struct W3CExtendedLogReader: EvidenceReader {
  private let lines: LineReader
  private var state: ReaderState
  private var fields: [String] = []

  init(input: SourceInput, context: ReaderContext, format: String) throws {
    lines = try LineReader(path: input.url)
    state = ReaderState(input: input, context: context, format: format)
  }

  var warnings: [Diagnostic] { state.warnings }

  /// Splits a line at spaces and tabs, keeping quoted values whole.
  static func split(_ line: String) -> [String] {
    var out: [String] = []
    var current = ""
    var quoted = false
    var had = false
    for c in line {
      if c == "\"" {
        quoted.toggle()
        had = true
      } else if !quoted && (c == " " || c == "\t") {
        if had || !current.isEmpty { out.append(current) }
        current = ""
        had = false
      } else {
        current.append(c)
      }
    }
    if had || !current.isEmpty { out.append(current) }
    return out
  }

  mutating func next() throws -> ReaderItem? {
    while let l = lines.next() {
      let text = String(decoding: l, as: UTF8.self)
      if text.trimmingSpaces.isEmpty { continue }
      if text.hasPrefix("#") {
        if text.hasPrefix("#Fields:") { fields = text.dropFirst(8).split(separator: " ").map { $0.lowercased() } }
        continue
      }
      state.records += 1
      let line = lines.lineNumber
      let excerpt = String(text.prefix(80))
      let values = W3CExtendedLogReader.split(text)
      guard !fields.isEmpty else { return state.reject(Message.noFields, line: line, excerpt: excerpt) }
      guard values.count == fields.count else {
        return state.reject(Message.columns(values.count, fields.count), line: line, excerpt: excerpt)
      }
      var row: [String: String] = [:]
      for (k, v) in zip(fields, values) { row[k] = v }
      guard let date = row["date"], let time = row["time"] else {
        return state.reject(Message.noDate, line: line, excerpt: excerpt)
      }
      let stamp = "\(date) \(time)"
      let result: Result<NormalizedTime, TimeError> = {
        var t = stamp + "Z"
        return t.withUTF8 { state.context.clock.normalize($0, line: line) }
      }()
      let t: NormalizedTime
      switch result {
      case .success(let v): t = v
      case .failure(let e): return state.reject(Message.badTime(stamp, e), line: line, excerpt: excerpt)
      }
      let status = row["sc-status"].flatMap { Int($0) }
      let method = row["cs-method"] ?? ""
      let uri = row["cs-uri"] ?? row["cs-uri-stem"] ?? ""
      var attributes: [(key: String, value: String)] = []
      for (k, v) in zip(fields, values) where k != "date" && k != "time" { attributes.append((k, v)) }
      let severity: Severity = (status ?? 0) >= 500 ? .error : ((status ?? 0) >= 400 ? .warning : .info)
      let client = row["c-ip"]
      return state.event(
        t, line: line, originalTime: stamp, kind: .log, from: client.map { Party(person: nil, raw: $0) },
        text: "\(method) \(uri) \(status.map(String.init) ?? "-")".trimmingSpaces, severity: severity,
        attributes: attributes)
    }
    return nil
  }
}

private enum Message {
  static let noFields = "no `#Fields:` directive before the first entry"
  static let noDate = "the `#Fields:` directive names no `date` and `time` columns"
  static func columns(_ n: Int, _ m: Int) -> String { "\(n) values where `#Fields:` names \(m)" }
  static func badTime(_ t: String, _ e: TimeError) -> String { "timestamp '\(t)': \(e)" }
}

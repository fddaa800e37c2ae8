import StorylineCore

/// Reads syslog record by record: a record starts at a line that does not start with white
/// space; indented lines continue it. Year-less RFC 3164 times take their year from the case
/// date and roll over when the months wrap around (the one clock does it). `<PRI>` gives the
/// severity; the host and the tag (program) and pid are kept as attributes.
struct SyslogReader: EvidenceReader {
  private var records: RecordSplitter
  private var state: ReaderState

  static let maxRecordBytes = 64 * 1024

  init(input: SourceInput, context: ReaderContext, format: String) throws {
    records = RecordSplitter(try LineReader(path: input.url), maxBytes: SyslogReader.maxRecordBytes) {
      guard let b = $0.first else { return false }
      return b != 32 && b != 9
    }
    state = ReaderState(input: input, context: context, format: format)
  }

  var warnings: [Diagnostic] { state.warnings }

  /// The parts of a syslog line.
  struct Line {
    var stamp: String
    var severity: Severity?
    var host: String?
    var tag: String?
    var pid: String?
    var message: String
  }

  static let severities: [Severity] = [.emergency, .alert, .critical, .error, .warning, .notice, .info, .debug]

  /// Splits a line; nil when it does not start with a syslog timestamp. With a clock, the
  /// timestamp is not checked here (the caller normalizes it).
  static func parse(_ raw: String, clock: SourceClock?) -> Line? {
    var rest = Substring(raw)
    var severity: Severity? = nil
    if rest.hasPrefix("<"), let close = rest.firstIndex(of: ">"),
      let pri = Int(rest[rest.index(after: rest.startIndex)..<close]),
      pri >= 0, pri < 192
    {
      severity = severities[pri % 8]
      rest = rest[rest.index(after: close)...]
      if rest.hasPrefix("1 ") {  // RFC 5424: VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD MSG
        let f = rest.dropFirst(2).split(separator: " ", maxSplits: 5, omittingEmptySubsequences: false)
        guard f.count >= 5 else { return nil }
        var message = f.count > 5 ? String(f[5]) : ""
        if message.hasPrefix("- ") { message = String(message.dropFirst(2)) }
        if message.hasPrefix("["), let end = message.range(of: "] ") { message = String(message[end.upperBound...]) }
        if message.hasPrefix("\u{FEFF}") { message = String(message.dropFirst()) }
        func value(_ s: Substring) -> String? { s == "-" ? nil : String(s) }
        return Line(
          stamp: String(f[0]), severity: severity, host: value(f[1]), tag: value(f[2]), pid: value(f[3]),
          message: message)
      }
    }
    // The timestamp: `Mmm dd hh:mm:ss[.fff]` or an RFC 3339 time.
    let words = rest.split(separator: " ", omittingEmptySubsequences: true)
    guard let first = words.first else { return nil }
    var stampWords = 1
    if first.count == 3, first.allSatisfy(\.isLetter) {
      guard words.count >= 3, words[1].allSatisfy(\.isNumber), words[2].contains(":") else { return nil }
      guard TimestampScannerProbe.isMonth(first) else { return nil }
      stampWords = 3
    } else if !(first.count >= 19 && first.first?.isNumber == true && first.contains("T") && first.contains(":")) {
      return nil
    }
    // Find where the stamp's words end in the original text, then host and tag.
    var index = rest.startIndex
    for _ in 0..<stampWords {
      while index < rest.endIndex && rest[index] == " " { index = rest.index(after: index) }
      while index < rest.endIndex && rest[index] != " " { index = rest.index(after: index) }
    }
    var stamp = String(rest[..<index])
    if stamp.hasSuffix(":") { stamp.removeLast() }  // "Nov 18 01:15:43: --- last message repeated ---"
    var body = rest[index...].drop { $0 == " " }
    var host: String? = nil
    if let space = body.firstIndex(of: " "), !body[..<space].hasSuffix(":"), !rest[..<index].hasSuffix(":") {
      host = String(body[..<space])
      body = body[body.index(after: space)...].drop { $0 == " " }
    }
    var tag: String? = nil
    var pid: String? = nil
    if let colon = body.range(of: ": "),
      !body[..<colon.lowerBound].contains(" ") || body[..<colon.lowerBound].hasSuffix("]")
    {
      var t = String(body[..<colon.lowerBound])
      if t.hasSuffix("]"), let open = t.lastIndex(of: "[") {
        pid = String(t[t.index(after: open)..<t.index(before: t.endIndex)])
        t = String(t[..<open])
      }
      tag = t
      body = body[colon.upperBound...]
    }
    return Line(stamp: stamp, severity: severity, host: host, tag: tag, pid: pid, message: String(body))
  }

  mutating func next() throws -> ReaderItem? {
    guard let r = records.next() else { return nil }
    state.records += 1
    let text = String(decoding: r.header, as: UTF8.self)
    guard let line = SyslogReader.parse(text, clock: nil) else {
      return state.reject(Message.notSyslog, line: r.line, excerpt: String(text.prefix(80)))
    }
    let time: NormalizedTime
    switch state.context.clock.normalize(line.stamp, line: r.line) {
    case .success(let t): time = t
    case .failure(let e):
      return state.reject(Message.badTime(line.stamp, e), line: r.line, excerpt: String(text.prefix(80)))
    }
    var message = line.message
    for l in r.body { message += "\n" + String(decoding: l, as: UTF8.self).trimmingSpaces }
    if r.truncated { state.warn(Message.truncated, line: r.line) }
    var attributes: [(key: String, value: String)] = []
    if let h = line.host { attributes.append(("host", h)) }
    if let t = line.tag { attributes.append(("program", t)) }
    if let p = line.pid { attributes.append(("pid", p)) }
    return state.event(
      time, line: r.line, originalTime: line.stamp, kind: .log, from: line.host.map { Party(person: nil, raw: $0) },
      text: (line.tag.map { $0 + ": " } ?? "") + message, severity: line.severity, attributes: attributes)
  }
}

/// Month-name checks shared with the scanner, for sniffing.
enum TimestampScannerProbe {
  static func isMonth(_ s: Substring) -> Bool {
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].contains(s.lowercased())
  }
}

private enum Message {
  static let notSyslog = "not a syslog line: no timestamp at its start"
  static let truncated = "record longer than 64 KiB: the rest was left out"
  static func badTime(_ t: String, _ e: TimeError) -> String { "timestamp '\(t)': \(e)" }
}

import StorylineCore

/// Reads a log whose records start with a timestamp on their first line, and whose other lines
/// (stack traces, wrapped messages) continue the record: Java logging, Android logcat, Apache
/// error logs and any other timestamped log (the fallback). The layout decides where the time
/// is and which fields follow it; the record, its continuation lines and its evidence are read
/// the same way for all of them.
struct TimestampedLogReader: EvidenceReader {
  /// Where a layout's time is and what follows it.
  enum Layout: Sendable {
    /// log4j, logback, java.util.logging and Spring Boot: level, `[thread]`, logger, message.
    case java
    /// Android logcat `threadtime`, `time` and `-v year`: pid, tid, level letter, tag, message.
    case logcat
    /// Apache httpd error log: `[time] [module:level] [pid …] [client …] message`.
    case apacheError
    /// Any line that starts with a date and a time: the severity word near its start, if any.
    case plain
  }

  private var records: RecordSplitter
  private var state: ReaderState
  private let layout: Layout
  private var pendingRejections: [ReaderItem] = []
  private var reportedSkipped = false

  static let maxRecordBytes = 256 * 1024

  init(input: SourceInput, context: ReaderContext, format: String, layout: Layout) throws {
    let clock = context.clock
    self.layout = layout
    records = RecordSplitter(try LineReader(path: input.url), maxBytes: TimestampedLogReader.maxRecordBytes) {
      line in line.withUnsafeBufferPointer { TimestampedLogReader.startsRecord($0, layout: layout, clock: clock) }
    }
    state = ReaderState(input: input, context: context, format: format)
  }

  var warnings: [Diagnostic] { state.warnings }

  /// Whether a line begins a record in this layout.
  static func startsRecord(_ p: UnsafeBufferPointer<UInt8>, layout: Layout, clock: SourceClock) -> Bool {
    switch layout {
    case .apacheError:
      return p.count > 5 && p[0] == 0x5B && TimestampBytes.isAlpha(p[1]) && p.firstIndex(of: 0x5D) != nil
    case .java:
      if isTimeOfDay(p) { return true }
      return LogTimePrefix.startsRecord(p, clock: clock)
    case .logcat, .plain:
      return LogTimePrefix.startsRecord(p, clock: clock)
    }
  }

  /// `HH:mm:ss` followed by a fraction or a space (logback's default `%d{HH:mm:ss.SSS}`).
  static func isTimeOfDay(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
    p.count > 9 && TimestampBytes.isDigit(p[0]) && TimestampBytes.isDigit(p[1]) && p[2] == 0x3A
      && TimestampBytes.isDigit(p[3]) && TimestampBytes.isDigit(p[4]) && p[5] == 0x3A
      && TimestampBytes.isDigit(p[6]) && TimestampBytes.isDigit(p[7]) && (p[8] == 0x2E || p[8] == 0x2C || p[8] == 0x20)
  }

  mutating func next() throws -> ReaderItem? {
    if !pendingRejections.isEmpty { return pendingRejections.removeFirst() }
    let next = records.next()
    if !reportedSkipped && !records.skippedLines.isEmpty {
      // Lines before the first record have no time: each is a rejected record.
      reportedSkipped = true
      for l in records.skippedLines {
        state.records += 1
        pendingRejections.append(state.reject(Message.noTimestamp, line: l, excerpt: ""))
      }
      if let r = next { pendingRejections.append(read(r)) }
      return pendingRejections.removeFirst()
    }
    guard let r = next else { return nil }
    return read(r)
  }

  private mutating func read(_ r: RecordSplitter.Record) -> ReaderItem {
    state.records += 1
    if r.truncated { state.warn(Message.truncated(TimestampedLogReader.maxRecordBytes), line: r.line) }
    let header = Array(r.header)
    let excerpt = String(decoding: header.prefix(120), as: UTF8.self)
    let layout = self.layout
    let parsed: Result<(NormalizedTime, String, Fields), TimeError>? = header.withUnsafeBufferPointer { p in
      var clock = state.context.clock
      defer { state.context.clock = clock }
      return TimestampedLogReader.parse(p, layout: layout, clock: &clock, line: r.line)
    }
    guard let parsed else { return state.reject(Message.noTimestamp, line: r.line, excerpt: excerpt) }
    let (time, stamp, fields): (NormalizedTime, String, Fields)
    switch parsed {
    case .success(let v): (time, stamp, fields) = v
    case .failure(let e): return state.reject(Message.badTime(e), line: r.line, excerpt: excerpt)
    }
    var f = fields
    var body = r.body.map { String(decoding: $0, as: UTF8.self) }
    // java.util.logging writes `LEVEL: message` on the line after the time and the source.
    if layout == .java, f.severity == nil, let first = body.first, let colon = first.firstIndex(of: ":"),
      let s = Severity(word: first[..<colon]), first[..<colon].allSatisfy(\.isUppercase)
    {
      f.severity = s
      f.attributes.append(("severity_text", String(first[..<colon])))
      if !f.message.isEmpty { f.attributes.append(("source", f.message)) }
      f.message = String(first[first.index(after: colon)...].drop { $0 == " " })
      body.removeFirst()
    }
    var text = f.message
    for l in body { text += "\n" + l }
    if let exception = TimestampedLogReader.exception(in: body) { f.attributes.append(("exception", exception)) }
    return state.event(
      time, line: r.line, originalTime: stamp, kind: .log, from: f.from.map { Party(person: nil, raw: $0) }, text: text,
      severity: f.severity, attributes: f.attributes)
  }

  /// What a record's first line says besides its time.
  struct Fields {
    var severity: Severity?
    var from: String?
    var message: String
    var attributes: [(key: String, value: String)] = []
  }

  /// Reads only the time of a record's first line, and the bytes it took (for `storyline merge`);
  /// nil when the line does not start a record.
  static func parseTime(
    _ p: UnsafeBufferPointer<UInt8>, layout: Layout, clock: inout SourceClock, line: Int
  ) -> (time: Result<NormalizedTime, TimeError>, consumed: Int)? {
    switch layout {
    case .apacheError:
      guard startsRecord(p, layout: .apacheError, clock: clock), let close = p.firstIndex(of: 0x5D) else { return nil }
      return (clock.normalize(UnsafeBufferPointer(rebasing: p[1..<close]), line: line), close + 1)
    case .java where isTimeOfDay(p):
      let (r, n) = clock.normalizePrefix(p, line: line)
      return (r, n)
    default:
      guard let (r, n) = LogTimePrefix.read(p, clock: &clock, lineNumber: line) else { return nil }
      return (r, n)
    }
  }

  /// logcat's level letter after the time: `pid tid L` or `L/tag`.
  static func logcatLevel(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Severity? {
    var i = start
    var words = 0
    while i < p.count && words < 3 {
      while i < p.count && p[i] == 0x20 { i += 1 }
      guard i < p.count else { return nil }
      if i + 1 < p.count && (p[i + 1] == 0x20 || p[i + 1] == 0x2F) && TimestampBytes.isAlpha(p[i]) {
        return level(Character(Unicode.Scalar(p[i])))
      }
      while i < p.count && p[i] != 0x20 { i += 1 }
      words += 1
    }
    return nil
  }

  /// Reads a record's first line: its time (nil when it has none), the time's text and its fields.
  static func parse(
    _ p: UnsafeBufferPointer<UInt8>, layout: Layout, clock: inout SourceClock, line: Int
  ) -> Result<(NormalizedTime, String, Fields), TimeError>? {
    func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: p[r]), as: UTF8.self) }
    var timeResult: Result<NormalizedTime, TimeError>
    var consumed: Int
    var stampRange: Range<Int>
    if layout == .apacheError {
      guard let close = p.firstIndex(of: 0x5D) else { return nil }
      timeResult = clock.normalize(UnsafeBufferPointer(rebasing: p[1..<close]), line: line)
      consumed = close + 1
      stampRange = 1..<close
    } else if layout == .java && isTimeOfDay(p) {
      let (r, n) = clock.normalizePrefix(p, line: line)
      (timeResult, consumed) = (r, n)
      stampRange = 0..<n
    } else {
      guard let (r, n) = LogTimePrefix.read(p, clock: &clock, lineNumber: line) else { return nil }
      (timeResult, consumed) = (r, n)
      stampRange = 0..<n
    }
    guard case .success(let time) = timeResult else {
      if case .failure(let e) = timeResult { return .failure(e) }
      return nil
    }
    var rest = consumed
    while rest < p.count && (p[rest] == 0x20 || p[rest] == 0x09) { rest += 1 }
    var f = Fields(message: "")
    switch layout {
    case .logcat: f = logcat(p, from: rest)
    case .java, .apacheError, .plain:
      var after = rest
      if let (s, r) = LogSeverityWord.find(in: p, from: rest) {
        f.severity = s
        f.attributes.append(("severity_text", text(r)))
        after = r.upperBound
        if after < p.count && (p[after] == 0x5D || p[after] == 0x3E || p[after] == 0x29) { after += 1 }
      }
      if layout == .java {
        // logback's default puts the thread first: `[main] INFO logger - message`.
        if f.severity != nil, rest < p.count, p[rest] == 0x5B,
          let close = (rest..<after).first(where: { p[$0] == 0x5D })
        {
          f.attributes.append(("thread", text((rest + 1)..<close).trimmingSpaces))
        }
        java(p, from: after, into: &f)
      } else if layout == .apacheError {
        apache(p, from: after, into: &f)
      } else {
        // plain: the text after the severity when it led the line, else after the time.
        let start = f.severity != nil && after - rest < 16 ? after : rest
        f.message = text(start..<p.count).trimmingSpaces
      }
    }
    return .success((time, text(stampRange), f))
  }

  /// `[thread] logger - message` or `[thread] logger : message`, after the level.
  static func java(_ p: UnsafeBufferPointer<UInt8>, from start: Int, into f: inout Fields) {
    func text(_ r: Range<Int>) -> String {
      String(decoding: UnsafeBufferPointer(rebasing: p[r]), as: UTF8.self).trimmingSpaces
    }
    var i = start
    // Spring Boot: `1 --- [main]` (the pid, then three dashes).
    while i < p.count && p[i] == 0x20 { i += 1 }
    var pidEnd = i
    while pidEnd < p.count && TimestampBytes.isDigit(p[pidEnd]) { pidEnd += 1 }
    if pidEnd > i, pidEnd + 5 <= p.count, p[pidEnd] == 0x20, p[pidEnd + 1] == 0x2D, p[pidEnd + 2] == 0x2D,
      p[pidEnd + 3] == 0x2D
    {
      f.attributes.append(("pid", text(i..<pidEnd)))
      i = pidEnd + 4
    }
    var searchFrom = i
    if !f.attributes.contains(where: { $0.key == "thread" }),
      let open = (i..<min(p.count, i + 8)).first(where: { p[$0] == 0x5B }),
      var close = (open..<p.count).first(where: { p[$0] == 0x5D })
    {
      var thread = text((open + 1)..<close)
      // Spring Boot 3: `[application] [thread]`.
      if close + 2 < p.count, p[close + 1] == 0x20, p[close + 2] == 0x5B,
        let second = ((close + 2)..<p.count).first(where: { p[$0] == 0x5D })
      {
        f.attributes.append(("application", thread))
        thread = text((close + 3)..<second)
        close = second
      }
      f.attributes.append(("thread", thread))
      searchFrom = close + 1
    }
    // The logger ends at ` - ` or ` : `.
    var k = searchFrom
    while k + 2 < p.count {
      if p[k] == 0x20 && (p[k + 1] == 0x2D || p[k + 1] == 0x3A) && p[k + 2] == 0x20 { break }
      k += 1
    }
    if k + 2 < p.count {
      let logger = text(searchFrom..<k)
      if !logger.isEmpty && !logger.contains(" ") {
        f.attributes.append(("logger", logger))
        f.message = text((k + 3)..<p.count)
        return
      }
    }
    f.message = text(searchFrom..<p.count)
  }

  /// After an Apache error log's level: `[pid N:tid M] [client a:p] AH01234: message`.
  static func apache(_ p: UnsafeBufferPointer<UInt8>, from start: Int, into f: inout Fields) {
    var i = start
    while true {
      while i < p.count && p[i] == 0x20 { i += 1 }
      guard i < p.count, p[i] == 0x5B, let close = (i..<p.count).first(where: { p[$0] == 0x5D }) else { break }
      let inner = String(decoding: UnsafeBufferPointer(rebasing: p[(i + 1)..<close]), as: UTF8.self)
      if inner.hasPrefix("client ") {
        f.from = String(inner.dropFirst(7))
        f.attributes.append(("client", String(inner.dropFirst(7))))
      } else if inner.hasPrefix("pid ") {
        f.attributes.append(("pid", String(inner.dropFirst(4))))
      }
      i = close + 1
    }
    f.message = String(decoding: UnsafeBufferPointer(rebasing: p[min(i, p.count)...]), as: UTF8.self).trimmingSpaces
  }

  /// logcat after the time: `  1234  5678 I Tag: message` or ` I/Tag( 1234): message`.
  static func logcat(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Fields {
    let rest = String(decoding: UnsafeBufferPointer(rebasing: p[start...]), as: UTF8.self)
    var f = Fields(message: rest)
    let words = rest.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
    if words.count >= 3, words[0].allSatisfy(\.isNumber), words[1].allSatisfy(\.isNumber), words[2].count == 1,
      let s = level(words[2].first!)
    {
      // threadtime: pid tid L tag: message
      f.severity = s
      f.attributes = [("pid", String(words[0])), ("tid", String(words[1])), ("severity_text", String(words[2]))]
      let tail = words.count > 3 ? words[3] : ""
      if let colon = tail.range(of: ": ") ?? (tail.hasSuffix(":") ? tail.range(of: ":", options: .backwards) : nil) {
        let tag = tail[..<colon.lowerBound].trimmingSpaces
        f.from = tag
        f.attributes.append(("tag", tag))
        f.message = String(tail[colon.upperBound...])
      } else {
        f.message = String(tail)
      }
    } else if rest.count > 2, let l = rest.first, let s = level(l), rest.dropFirst().first == "/" {
      // time: L/tag( pid): message
      f.severity = s
      f.attributes = [("severity_text", String(l))]
      let tail = rest.dropFirst(2)
      if let colon = tail.range(of: "): ") ?? tail.range(of: ": ") {
        var tag = tail[..<colon.lowerBound]
        if let open = tag.lastIndex(of: "(") {
          f.attributes.append(("pid", tag[tag.index(after: open)...].trimmingSpaces))
          tag = tag[..<open]
        }
        f.from = tag.trimmingSpaces
        f.attributes.append(("tag", tag.trimmingSpaces))
        f.message = String(tail[colon.upperBound...])
      }
    }
    return f
  }

  /// logcat's priority letters.
  static func level(_ c: Character) -> Severity? {
    switch c {
    case "V": .trace
    case "D": .debug
    case "I": .info
    case "W": .warning
    case "E": .error
    case "F": .critical
    case "A": .alert
    default: nil
    }
  }

  /// The exception a Java stack trace names: the last `Caused by:` else the first line that
  /// looks like `pkg.SomeException: message`.
  static func exception(in body: [String]) -> String? {
    if let caused = body.last(where: { $0.hasPrefix("Caused by: ") }) {
      return String(caused.dropFirst(11).prefix(200))
    }
    guard body.contains(where: { $0.hasPrefix("\tat ") || $0.hasPrefix("    at ") }) else { return nil }
    return body.first { l in
      let head = l.prefix { $0 != ":" && $0 != " " }
      return head.contains(".") && (head.hasSuffix("Exception") || head.hasSuffix("Error"))
    }.map { String($0.prefix(200)) }
  }
}

private enum Message {
  static let noTimestamp = "no timestamp at the start of the line, before the first record"
  static func truncated(_ n: Int) -> String { "record longer than \(n) bytes: the rest was cut" }
  static func badTime(_ e: TimeError) -> String { "timestamp: \(e)" }
}

import StorylineCore

/// Reads a log whose records start with a timestamp on their first line, and whose other lines
/// (stack traces, wrapped messages) continue the record: Java logging, Android logcat, Apache
/// error logs and any other timestamped log (the fallback). The layout decides where the time
/// is and which fields follow it; the record, its continuation lines and its evidence are read
/// the same way for all of them.
public struct TimestampedLogTokenizer: LogTokenizer {
  /// Where a layout's time is and what follows it.
  public enum Layout: Sendable {
    /// log4j, logback, java.util.logging and Spring Boot: level, `[thread]`, logger, message.
    case java
    /// Android logcat `threadtime`, `time` and `-v year`: pid, tid, level letter, tag, message.
    case logcat
    /// Apache httpd error log: `[time] [module:level] [pid …] [client …] message`.
    case apacheError
    /// Any line that starts with a date and a time: the severity word near its start, if any.
    case plain
  }

  /// Where the time is and where the rest of the first line starts.
  public struct Fields {
    var stamp: Range<Int>
    var rest: Int
    /// Whether the first line named the severity (else java.util.logging's next line may).
    var severityOnFirstLine: Bool
  }

  public static var multiline: Bool { true }
  public static var ignoredLines: String { "logcat buffer marker (--------- beginning of …)" }
  public var clock: SourceClock
  let layout: Layout
  /// The fallback layout's fields before the time, learned from the first line that has a time
  /// (0: the time starts the line).
  var skip: Int? = nil
  /// Whether this file's `nn/nn/nn` dates put a two-digit year first (`yy/MM/dd`, Spark's log4j
  /// layout), and the rule that decided it, learned from its first one (the only valid reading,
  /// else the reading nearest the case date, else the file's time): nil until then, `.some(nil)`
  /// when they are not year first.
  var yearFirst: DateOrderRule?? = nil
  /// A second, less precise time the lines carry (BGL's epoch beside its text time), checked
  /// against the one read; the first disagreement is said once.
  var second: Int? = nil
  private var disagreementSaid = false

  init(clock: SourceClock, layout: Layout) {
    self.clock = clock
    self.layout = layout
  }

  public mutating func token(_ p: UnsafeBufferPointer<UInt8>, number: Int) -> LineToken<Fields> {
    // `--------- beginning of main`: logcat marks where a buffer's lines start; not a record,
    // and not part of the record above.
    if layout == .logcat && p.starts(with: TimestampedLogTokenizer.bufferMarker) { return .ignored }
    if layout == .plain { return plainToken(p, number: number) }
    guard TimestampedLogTokenizer.startsRecord(p, layout: layout, clock: clock),
      let (result, consumed, stamp) = TimestampedLogTokenizer.readTime(p, layout: layout, clock: &clock, line: number)
    else { return .continuation }
    var rest = consumed
    while rest < p.count && (p[rest] == 0x20 || p[rest] == 0x09) { rest += 1 }
    let severity: Severity? =
      layout == .logcat
      ? TimestampedLogTokenizer.logcatHead(p, from: rest)?.level : LogSeverityWord.find(in: p, from: rest)?.0
    return record(
      result, severity: severity, fields: Fields(stamp: stamp, rest: rest, severityOnFirstLine: severity != nil)
    ) { Message.badTime($0) }
  }

  /// The fallback: the time where this file's lines carry it (learned from the first line that
  /// has one), the severity word after it.
  private mutating func plainToken(_ p: UnsafeBufferPointer<UInt8>, number: Int) -> LineToken<Fields> {
    if skip == nil {
      let times = LogTimePrefix.learnTimes(p, clock: clock)
      skip = times.first
      // A second time is a layout's (BGL) only when the line does not start with its time; a
      // line that does may quote other times in its message.
      second = skip == 0 ? nil : times.dropFirst().first
    }
    guard let k = skip, let start = LogTimePrefix.fieldStart(p, skipping: k) else { return .continuation }
    let q = UnsafeBufferPointer(rebasing: p[start...])
    if yearFirst == nil { yearFirst = Self.readsYearFirst(q, clock: clock) }
    if case .some(.some(let rule)) = yearFirst, let year = Self.yearFirstRewrite(q) {
      // `17/06/09 20:10:40` read as `2017-06-09 20:10:40`: two bytes longer.
      let read = year.withUnsafeBufferPointer { b -> (Result<NormalizedTime, TimeError>, Int)? in
        LogTimePrefix.read(b, clock: &clock, lineNumber: number).map { ($0.0, $0.consumed) }
      }
      guard var (result, n) = read, n > 2 else { return .continuation }
      if case .success(var t) = result {
        t.corrections.noteYearFirst(year: 2000 + Int(q[0] &- 48) * 10 + Int(q[1] &- 48), rule: rule)
        result = .success(t)
      }
      return finish(p, start: start, consumed: n - 2, result: result, number: number)
    }
    guard let (result, consumed) = LogTimePrefix.read(q, clock: &clock, lineNumber: number, epoch: k > 0) else {
      return .continuation
    }
    return finish(p, start: start, consumed: consumed, result: result, number: number)
  }

  /// `nn/nn/nn ` at the start of `q` as `20nn-nn-nn `, when it can be a year-first date.
  static func yearFirstRewrite(_ q: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    guard q.count >= 9, [0, 1, 3, 4, 6, 7].allSatisfy({ TimestampBytes.isDigit(q[$0]) }), q[2] == 0x2F, q[5] == 0x2F,
      q[8] == 0x20
    else { return nil }
    let month = Int(q[3] &- 48) * 10 + Int(q[4] &- 48)
    let day = Int(q[6] &- 48) * 10 + Int(q[7] &- 48)
    guard month >= 1 && month <= 12 && day >= 1 && day <= 31 else { return nil }
    return [0x32, 0x30, q[0], q[1], 0x2D, q[3], q[4], 0x2D, q[6], q[7]] + Array(q[8...])
  }

  /// Whether the file's first `nn/nn/nn` date reads better year first, and by which rule: the
  /// only reading, or the one nearer the case date (else the file's modification time); nil
  /// when it does not.
  static func readsYearFirst(_ q: UnsafeBufferPointer<UInt8>, clock: SourceClock) -> DateOrderRule? {
    guard let year = yearFirstRewrite(q) else { return nil }
    let asWritten = LogTimePrefix.peek(q, clock: clock)?.instant
    let yearFirst = year.withUnsafeBufferPointer { LogTimePrefix.peek($0, clock: clock)?.instant }
    guard let yearFirst else { return nil }
    guard let asWritten else { return .onlyReading }
    let caseDate = clock.normalizer.caseDate.map { Instant(microseconds: $0.daysSinceEpoch * 86_400_000_000) }
    guard let reference = caseDate ?? clock.fileTime else { return nil }
    let nearer =
      abs(yearFirst.microseconds - reference.microseconds) < abs(asWritten.microseconds - reference.microseconds)
    return nearer ? (caseDate != nil ? .caseDate : .fileTime) : nil
  }

  /// A fallback record: its severity after the time, its time's text.
  private mutating func finish(
    _ p: UnsafeBufferPointer<UInt8>, start: Int, consumed: Int, result: Result<NormalizedTime, TimeError>, number: Int
  ) -> LineToken<Fields> {
    if let k2 = second, !disagreementSaid, case .success(let t) = result,
      let s2 = LogTimePrefix.fieldStart(p, skipping: k2)
    {
      if let t2 = LogTimePrefix.peek(UnsafeBufferPointer(rebasing: p[s2...]), clock: clock, epoch: k2 > 0) {
        // Compared at the coarser time's precision (BGL's epoch is whole seconds).
        let g = max(t2.precision.granuleMicroseconds, 1)
        let m = t.instant.microseconds
        let d = (m - ((m % g) + g) % g) - t2.instant.microseconds
        if abs(d) >= max(g, 1_000_000) {
          disagreementSaid = true
          clock.warn(Message.twoTimes(d, line: number), line: number)
        }
      }
    }
    var rest = start + consumed
    while rest < p.count && (p[rest] == 0x20 || p[rest] == 0x09) { rest += 1 }
    let severity = LogSeverityWord.find(in: p, from: rest)?.0
    // A bracketed time's `]` is read with it but is no part of its text.
    let end = p[start + consumed - 1] == 0x5D ? start + consumed - 1 : start + consumed
    return record(
      result, severity: severity, fields: Fields(stamp: start..<end, rest: rest, severityOnFirstLine: severity != nil)
    ) { Message.badTime($0) }
  }

  /// java.util.logging's `LEVEL: message` on the line after the time and the source.
  public func severity(firstBodyLine line: UnsafeBufferPointer<UInt8>) -> Severity? {
    guard layout == .java else { return nil }
    return TimestampedLogTokenizer.julLevel(line)?.0
  }

  /// `SEVERE: message`: the level and where the message starts.
  static func julLevel(_ p: UnsafeBufferPointer<UInt8>) -> (Severity, Int)? {
    guard let colon = p.firstIndex(of: 0x3A), colon > 0,
      (0..<colon).allSatisfy({ p[$0] &- 65 < 26 }), let s = Severity(word: p.text(0..<colon))
    else { return nil }
    var m = colon + 1
    while m < p.count && p[m] == 0x20 { m += 1 }
    return (s, m)
  }

  public mutating func event(_ head: RecordHead<Fields>, record r: UnsafeBufferPointer<UInt8>, line: Int)
    -> LogEventParts
  {
    let fields = head.fields
    let headerEnd = r.firstLineEnd
    let p = UnsafeBufferPointer(rebasing: r[0..<headerEnd])
    var f = TimestampedLogTokenizer.fields(p, layout: layout, from: fields.rest)
    var body = r.bodyLines(after: headerEnd)
    // java.util.logging writes `LEVEL: message` on the line after the time and the source.
    if layout == .java, !fields.severityOnFirstLine, let first = body.first,
      let (_, m) = TimestampedLogTokenizer.julLevel(UnsafeBufferPointer(rebasing: r[first]))
    {
      let colon = r[first].firstIndex(of: 0x3A)!
      f.attributes.append("severity_text", r.text(first.lowerBound..<colon))
      if !f.message.isEmpty { f.attributes.append("source", f.message) }
      f.message = r.text((first.lowerBound + m)..<first.upperBound)
      body.removeFirst()
    }
    let bodyText = body.map { r.text($0) }
    var text = f.message
    for l in bodyText { text += "\n" + l }
    if let exception = TimestampedLogTokenizer.exception(in: bodyText) { f.attributes.append("exception", exception) }
    // The fallback's fields before the time (a node, an epoch, a file name) are kept.
    if layout == .plain, fields.stamp.lowerBound > 0 {
      var end = fields.stamp.lowerBound
      while end > 0 && (p[end - 1] == 0x20 || p[end - 1] == 0x5B) { end -= 1 }
      if end > 0 { f.attributes.insert(("before_time", p.text(0..<end)), at: 0) }
    }
    return LogEventParts(originalTime: p.text(fields.stamp), from: f.from, text: text, attributes: f.attributes)
  }

  /// What a record's first line says besides its time.
  struct LineFields {
    var severity: Severity?
    var from: String?
    var message: String
    var attributes: Attributes = []
  }

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

  /// The time at the start of a record's first line, the bytes it took and the range of its
  /// text; nil when the line does not start a record.
  static func readTime(
    _ p: UnsafeBufferPointer<UInt8>, layout: Layout, clock: inout SourceClock, line: Int
  ) -> (time: Result<NormalizedTime, TimeError>, consumed: Int, stamp: Range<Int>)? {
    switch layout {
    case .apacheError:
      guard let close = p.firstIndex(of: 0x5D) else { return nil }
      return (clock.normalize(UnsafeBufferPointer(rebasing: p[1..<close]), line: line), close + 1, 1..<close)
    case .java where isTimeOfDay(p):
      let (r, n) = clock.normalizePrefix(p, line: line)
      return (r, n, 0..<n)
    default:
      guard let (r, n) = LogTimePrefix.read(p, clock: &clock, lineNumber: line) else { return nil }
      return (r, n, 0..<n)
    }
  }

  /// A record's first line after its time: severity, source and message, by layout.
  static func fields(_ p: UnsafeBufferPointer<UInt8>, layout: Layout, from rest: Int) -> LineFields {
    var f = LineFields(message: "")
    switch layout {
    case .logcat: f = logcat(p, from: rest)
    case .java, .apacheError, .plain:
      var after = rest
      var led = false
      if let (s, r) = LogSeverityWord.find(in: p, from: rest) {
        f.severity = s
        f.attributes.append("severity_text", p.text(r))
        after = r.upperBound
        led = r.lowerBound - rest <= 1  // `ERROR …` or `[ERROR] …`, not a word inside the message
        if after < p.count && (p[after] == 0x5D || p[after] == 0x3E || p[after] == 0x29) { after += 1 }
      }
      if layout == .java {
        // logback's default puts the thread first: `[main] INFO logger - message`.
        if f.severity != nil, rest < p.count, p[rest] == 0x5B,
          let close = (rest..<after).first(where: { p[$0] == 0x5D })
        {
          f.attributes.append("thread", p.text((rest + 1)..<close).trimmingSpaces)
        }
        if led, after < p.count, p[after] == 0x20,
          let (name, pid, end) = reporter(p, from: after), pid != nil || !name.contains(".")
        {
          // ChromeOS's syslog, ISO time first: `LEVEL process[pid]: message`.
          f.from = name
          f.attributes.append(("process", name))
          if let pid { f.attributes.append(("pid", pid)) }
          f.message = p.text(end..<p.count).trimmingSpaces
        } else {
          java(p, from: after, into: &f)
        }
      } else if layout == .apacheError {
        apache(p, from: after, into: &f)
      } else {
        // plain: the text after the severity when it led the line, else after the time.
        var start = led ? after : rest
        // ChromeOS's syslog: `LEVEL process[pid]: message` (or `process: message`).
        if led, let (name, pid, end) = reporter(p, from: start) {
          f.from = name
          f.attributes.append(("process", name))
          if let pid { f.attributes.append(("pid", pid)) }
          start = end
        }
        f.message = p.text(start..<p.count).trimmingSpaces
      }
    }
    return f
  }

  /// A syslog reporter after the level: `name[pid]: ` or `name: ` (a name of letters, digits,
  /// `-`, `_`, `.`, `/`), and where the message starts.
  static func reporter(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> (String, String?, Int)? {
    var i = start
    while i < p.count && p[i] == 0x20 { i += 1 }
    let nameStart = i
    while i < p.count,
      TimestampBytes.isAlpha(p[i]) || TimestampBytes.isDigit(p[i]) || [0x2D, 0x5F, 0x2E, 0x2F].contains(p[i])
    {
      i += 1
    }
    guard i > nameStart, i < p.count else { return nil }
    let name = p.text(nameStart..<i)
    var pid: String? = nil
    if p[i] == 0x5B {
      let pidStart = i + 1
      var j = pidStart
      while j < p.count && TimestampBytes.isDigit(p[j]) { j += 1 }
      guard j > pidStart, j < p.count, p[j] == 0x5D else { return nil }
      pid = p.text(pidStart..<j)
      i = j + 1
    }
    guard i + 1 < p.count, p[i] == 0x3A, p[i + 1] == 0x20 else { return nil }
    return (name, pid, i + 2)
  }

  /// `[thread] logger - message` or `[thread] logger : message`, after the level.
  static func java(_ p: UnsafeBufferPointer<UInt8>, from start: Int, into f: inout LineFields) {
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
  static func apache(_ p: UnsafeBufferPointer<UInt8>, from start: Int, into f: inout LineFields) {
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
  /// logcat's two shapes after the time: `pid tid L` (threadtime: the three words' ranges)
  /// or `L/` (time); the level either way. Nil when neither.
  static let bufferMarker = Array("--------- beginning of".utf8)

  /// logcat's shapes after the time: `[zone] [uid] pid tid L` (threadtime, with `-v zone` and
  /// `-v uid`; a uid is a number or a name such as `u0_a123`), or `L/tag(pid):` (time).
  static func logcatHead(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> (
    level: Severity, threadtime: (uid: Range<Int>?, pid: Range<Int>, tid: Range<Int>, level: Range<Int>)?
  )? {
    func digits(_ r: Range<Int>) -> Bool { r.allSatisfy { TimestampBytes.isDigit(p[$0]) } }
    var from = start
    // `-v zone`: `+0000` after the time.
    if let z = p.word(from: from), z.count == 5, p[z.lowerBound] == 0x2B || p[z.lowerBound] == 0x2D,
      digits(z.dropFirst())
    {
      from = z.upperBound
    }
    if let w0 = p.word(from: from), let w1 = p.word(from: w0.upperBound), let w2 = p.word(from: w1.upperBound) {
      if digits(w0), digits(w1), w2.count == 1, let s = level(p[w2.lowerBound]) { return (s, (nil, w0, w1, w2)) }
      if let w3 = p.word(from: w2.upperBound), digits(w1), digits(w2), w3.count == 1, let s = level(p[w3.lowerBound]),
        w0.allSatisfy({ TimestampBytes.isDigit(p[$0]) || (p[$0] | 0x20) &- 0x61 < 26 || p[$0] == 0x5F })
      {
        return (s, (w0, w1, w2, w3))
      }
    }
    if p.count - from > 2, let s = level(p[from]), p[from + 1] == 0x2F { return (s, nil) }
    return nil
  }

  static func logcat(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> LineFields {
    func trimmed(_ r: Range<Int>) -> String { p.text(r).trimmingSpaces }
    var f = LineFields(message: p.text(start..<p.count))
    guard let head = logcatHead(p, from: start) else { return f }
    f.severity = head.level
    if let (uid, w0, w1, w2) = head.threadtime {
      // threadtime: [uid] pid tid L tag: message
      f.attributes = [("pid", p.text(w0)), ("tid", p.text(w1)), ("severity_text", p.text(w2))]
      if let uid { f.attributes.insert(("uid", p.text(uid)), at: 0) }
      var t = w2.upperBound
      while t < p.count && p[t] == 0x20 { t += 1 }
      var colon = t
      while colon + 1 < p.count && !(p[colon] == 0x3A && p[colon + 1] == 0x20) { colon += 1 }
      if colon + 1 < p.count {
        f.from = trimmed(t..<colon)
        f.attributes.append("tag", f.from!)
        f.message = p.text((colon + 2)..<p.count)
      } else if p.count > t && p[p.count - 1] == 0x3A {
        f.from = trimmed(t..<(p.count - 1))
        f.attributes.append("tag", f.from!)
        f.message = ""
      } else {
        f.message = p.text(t..<p.count)
      }
    } else {
      // time: L/tag( pid): message
      f.attributes = [("severity_text", p.text(start..<(start + 1)))]
      let t = start + 2
      func find(_ needle: [UInt8]) -> Int? {
        var k = t
        while k + needle.count <= p.count {
          if (0..<needle.count).allSatisfy({ p[k + $0] == needle[$0] }) { return k }
          k += 1
        }
        return nil
      }
      let close = find([0x29, 0x3A, 0x20])
      if let colon = close ?? find([0x3A, 0x20]) {
        var tagEnd = colon
        if let open = (t..<colon).last(where: { p[$0] == 0x28 }) {
          f.attributes.append("pid", trimmed((open + 1)..<colon))
          tagEnd = open
        }
        f.from = trimmed(t..<tagEnd)
        f.attributes.append("tag", f.from!)
        f.message = p.text((colon + (close != nil ? 3 : 2))..<p.count)
      }
    }
    return f
  }

  /// logcat's priority letters.
  static func level(_ b: UInt8) -> Severity? {
    switch b {
    case 0x56: .trace  // V
    case 0x44: .debug  // D
    case 0x49: .info  // I
    case 0x57: .warning  // W
    case 0x45: .error  // E
    case 0x46: .critical  // F
    case 0x41: .alert  // A
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
  static func badTime(_ e: TimeError) -> Phrase {
    Phrase("log.timestamp", "timestamp: {error}", ["error": .phrase(e.phrase)])
  }
  static func twoTimes(_ micros: Int64, line: Int) -> Phrase {
    Phrase(
      "log.two_times",
      "the lines carry two times that disagree (first at line {line}, by {difference}): the more precise one is read; is the other in another zone?",
      ["line": "\(line)", "difference": .text(SignedDuration.describe(microseconds: micros, signed: true))])
  }
}

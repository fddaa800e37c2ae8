import StorylineCore

/// The hot path of `storyline merge`: for a log format, whether a line starts a record, and the
/// record's time and severity, read from the line's bytes without building an event.
///
/// It reads the same fields the format's reader reads (WebLogic's raw epoch milliseconds,
/// syslog's `<PRI>`, the access log's bracketed time and status, a JSON line's time key), so
/// the merge and the timeline agree on every time.
struct RecordScanner {
  enum Layout {
    case weblogic
    case syslog
    case accessLog
    case json
    case timestamped(TimestampedLogReader.Layout)
  }

  /// What a record start says.
  struct Start {
    var time: Result<NormalizedTime, TimeError>
    var severity: Severity?
    /// Why the record is rejected although its time may read (not the format's shape).
    var problem: String? = nil
  }

  let layout: Layout
  var clock: SourceClock

  /// The scanner for a format id, or nil when the format is not a line-oriented log (its
  /// events are read by its reader instead).
  init?(format: String, clock: SourceClock) {
    switch format {
    case "weblogic": layout = .weblogic
    case "syslog": layout = .syslog
    case "access-log": layout = .accessLog
    case "json-lines", "journald": layout = .json
    case "java": layout = .timestamped(.java)
    case "logcat": layout = .timestamped(.logcat)
    case "apache-error": layout = .timestamped(.apacheError)
    case "timestamped": layout = .timestamped(.plain)
    default: return nil
    }
    self.clock = clock
  }

  /// Whether records can span lines (continuation lines attach to the record above).
  var multiline: Bool {
    switch layout {
    case .accessLog, .json: false
    default: true
    }
  }

  /// Reads a line: nil when it continues the record above; else the record's time and severity.
  mutating func start(_ p: UnsafeBufferPointer<UInt8>, line: Int) -> Start? {
    switch layout {
    case .weblogic: return weblogic(p, line: line)
    case .syslog: return syslog(p, line: line)
    case .accessLog: return accessLog(p, line: line)
    case .json: return json(p, line: line)
    case .timestamped(let l):
      guard let r = TimestampedLogReader.parseTime(p, layout: l, clock: &clock, line: line) else { return nil }
      let severity: Severity?
      if case .logcat = l {
        severity = TimestampedLogReader.logcatLevel(p, from: r.consumed)
      } else {
        severity = LogSeverityWord.find(in: p, from: r.consumed)?.0
      }
      return Start(time: r.time, severity: severity)
    }
  }

  private mutating func weblogic(_ p: UnsafeBufferPointer<UInt8>, line: Int) -> Start? {
    let marker = p.count > 5 && p[0] == 0x23 && p[1] == 0x23 && p[2] == 0x23 && p[3] == 0x23 && p[4] == 0x3C
    guard marker || WebLogicReader.isStdoutRecord(p) else { return nil }
    // Groups `<…>`: 0 time, 1 severity, …, 9 raw milliseconds, 10 message id.
    var time = 0..<0
    var severityRange = 0..<0
    var raw = 0..<0
    let count = AngleGroups.scan(p, from: marker ? 4 : 0, limit: 11) { k, r in
      switch k {
      case 0: time = r
      case 1: severityRange = r
      case 9: raw = r
      default: break
      }
    }
    guard count >= 3 else { return Start(time: .failure(.noTimestamp), severity: nil) }
    let severity = LogSeverityWord.severity(p, severityRange)
    if marker && count >= 11 && raw.count >= 12 && raw.count <= 14 && raw.allSatisfy({ TimestampBytes.isDigit(p[$0]) })
    {
      let ms = raw.reduce(Int64(0)) { $0 * 10 + Int64(p[$1] - 48) }
      return Start(time: clock.normalize(epoch: ms, unit: .milliseconds), severity: severity)
    }
    return Start(time: clock.normalize(UnsafeBufferPointer(rebasing: p[time]), line: line), severity: severity)
  }

  private mutating func syslog(_ p: UnsafeBufferPointer<UInt8>, line: Int) -> Start? {
    guard let first = p.first, first != 0x20 && first != 0x09 else { return nil }
    var i = 0
    var severity: Severity? = nil
    if first == 0x3C {
      var pri = 0
      var j = 1
      while j < p.count && j < 5 && TimestampBytes.isDigit(p[j]) {
        pri = pri * 10 + Int(p[j] - 48)
        j += 1
      }
      if j < p.count && p[j] == 0x3E && pri < 192 {
        severity = SyslogReader.severities[pri % 8]
        i = j + 1
        if i + 1 < p.count && p[i] == 0x31 && p[i + 1] == 0x20 {  // RFC 5424: the time is one field
          let s = i + 2
          var e = s
          while e < p.count && p[e] != 0x20 { e += 1 }
          return Start(time: clock.normalize(UnsafeBufferPointer(rebasing: p[s..<e]), line: line), severity: severity)
        }
      }
    }
    let (r, _) = clock.normalizePrefix(UnsafeBufferPointer(rebasing: p[i...]), line: line)
    return Start(time: r, severity: severity)
  }

  private mutating func accessLog(_ p: UnsafeBufferPointer<UInt8>, line: Int) -> Start? {
    guard !p.isEmpty else { return nil }
    guard let open = p.firstIndex(of: 0x5B), let close = p[open...].firstIndex(of: 0x5D) else {
      return Start(time: .failure(.noTimestamp), severity: nil)
    }
    let time = clock.normalize(UnsafeBufferPointer(rebasing: p[(open + 1)..<close]), line: line)
    // The status: the three digits after the request's closing quote.
    var severity: Severity? = nil
    var q = close + 1
    while q + 5 < p.count {
      if p[q] == 0x22 && p[q + 1] == 0x20 && TimestampBytes.isDigit(p[q + 2]) && TimestampBytes.isDigit(p[q + 3])
        && TimestampBytes.isDigit(p[q + 4]) && p[q + 5] == 0x20
      {
        let status = Int(p[q + 2] - 48) * 100 + Int(p[q + 3] - 48) * 10 + Int(p[q + 4] - 48)
        severity = status >= 500 ? .error : (status >= 400 ? .warning : .info)
        break
      }
      q += 1
    }
    // A whole request: a status after it, and (combined forms) the quoted fields closed. A
    // truncated line is rejected, as the reader rejects it.
    var bytesEnd = q + 6
    while bytesEnd < p.count && p[bytesEnd] != 0x20 { bytesEnd += 1 }
    var last = p.count - 1
    while last > bytesEnd && (p[last] == 0x20 || p[last] == 0x09) { last -= 1 }
    guard severity != nil, close + 1 < p.count, p[close + 1] == 0x20, bytesEnd >= last || p[last] == 0x22 else {
      return Start(
        time: time, severity: nil, problem: AccessLogReader.notARequest)
    }
    return Start(time: time, severity: severity)
  }

  private mutating func json(_ p: UnsafeBufferPointer<UInt8>, line: Int) -> Start? {
    guard !p.isEmpty, !p.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { return nil }
    guard let t = JSONLinesReader.fastFields(p) else {
      return Start(time: .failure(.noTimestamp), severity: nil, problem: JSONLinesReader.notJSON)
    }
    guard let time = t.time else {
      return Start(time: .failure(.noTimestamp), severity: t.severity, problem: JSONLinesReader.noTime)
    }
    return Start(time: JSONLinesReader.readTime(p, time, clock: &clock, line: line), severity: t.severity)
  }
}

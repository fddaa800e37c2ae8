import StorylineCore

/// Reads syslog record by record: a record starts at a line that does not start with white
/// space; indented lines continue it. RFC 3164 (`Mmm dd hh:mm:ss host tag[pid]: message`, or an
/// RFC 3339 time as rsyslog writes it) and RFC 5424 (`<PRI>1 TIME HOST APP PROCID MSGID SD MSG`).
/// Year-less RFC 3164 times take their year from the case date and roll over when the months
/// wrap around (the one clock does it). `<PRI>` gives the severity; the host and the tag
/// (program) and pid are kept as attributes.
public struct SyslogTokenizer: LogTokenizer {
  /// Where a syslog line's time is, and where what follows it starts.
  public struct Fields {
    var stamp: Range<Int>
    var rfc5424: Bool
    /// The stamp was written with a colon after it (`Nov 18 01:15:43: …`): no host follows.
    var colonAfterStamp: Bool
    var rest: Int
  }

  /// The parts after the time.
  struct Parts {
    var host: Range<Int>?
    var tag: Range<Int>?
    var pid: Range<Int>?
    var message: Range<Int>
  }

  public static var multiline: Bool { true }
  public var clock: SourceClock

  static let severities: [Severity] = [.emergency, .alert, .critical, .error, .warning, .notice, .info, .debug]

  public mutating func token(_ p: UnsafeBufferPointer<UInt8>, number: Int) -> LineToken<Fields> {
    guard let first = p.first, first != 0x20 && first != 0x09 else { return .continuation }
    guard let (fields, severity) = SyslogTokenizer.head(p) else { return .rejected(Message.notSyslog) }
    return record(
      clock.normalize(UnsafeBufferPointer(rebasing: p[fields.stamp]), line: number), severity: severity,
      fields: fields
    ) { Message.badTime(p.text(fields.stamp), $0) }
  }

  public mutating func event(_ head: RecordHead<Fields>, record r: UnsafeBufferPointer<UInt8>, line: Int)
    -> LogEventParts
  {
    let headerEnd = r.firstLineEnd
    let p = UnsafeBufferPointer(rebasing: r[0..<headerEnd])
    let f = SyslogTokenizer.parts(p, head.fields)
    var message = r.text(f.message)
    // Continuation lines, each without its indentation.
    for line in r.bodyLines(after: headerEnd) { message += "\n" + r.text(line).trimmingSpaces }
    var attributes = Attributes(capacity: 3)
    let host = f.host.map { r.text($0) }
    let tag = f.tag.map { r.text($0) }
    if let host { attributes.append("host", host) }
    if let tag { attributes.append("program", tag) }
    if let p = f.pid { attributes.append("pid", r.text(p)) }
    return LogEventParts(
      originalTime: r.text(head.fields.stamp), from: host, text: (tag.map { $0 + ": " } ?? "") + message,
      attributes: attributes)
  }

  /// The line's time and severity; nil when it does not start like a syslog line. RFC 3164:
  /// `Mmm dd hh:mm:ss[.fff]` or an RFC 3339 time; RFC 5424: `<PRI>1 TIME HOST APP PROCID MSGID`.
  static func head(_ p: UnsafeBufferPointer<UInt8>) -> (Fields, Severity?)? {
    var i = 0
    var severity: Severity? = nil
    if p.first == 0x3C {
      var j = 1
      var pri = 0
      while j < p.count && j < 5 && TimestampBytes.isDigit(p[j]) {
        pri = pri * 10 + Int(p[j] - 48)
        j += 1
      }
      if j > 1 && j < p.count && p[j] == 0x3E && pri < 192 {
        severity = severities[pri % 8]
        i = j + 1
        if i + 1 < p.count && p[i] == 0x31 && p[i + 1] == 0x20 {
          // Five fields separated by single spaces: TIME HOST APP PROCID MSGID.
          let s = i + 2
          var e = s
          var spaces = 0
          var stampEnd = -1
          while e < p.count && spaces < 4 {
            if p[e] == 0x20 {
              if stampEnd < 0 { stampEnd = e }
              spaces += 1
            }
            e += 1
          }
          guard spaces == 4 else { return nil }
          return (Fields(stamp: s..<stampEnd, rfc5424: true, colonAfterStamp: false, rest: stampEnd + 1), severity)
        }
      }
    }
    guard let w0 = p.word(from: i) else { return nil }
    let stampEnd: Int
    if w0.count == 3 && w0.allSatisfy({ TimestampBytes.isAlpha(p[$0]) }) {
      guard let w1 = p.word(from: w0.upperBound), let w2 = p.word(from: w1.upperBound),
        w1.allSatisfy({ TimestampBytes.isDigit(p[$0]) }), w2.contains(where: { p[$0] == 0x3A }),
        isMonth(p, w0)
      else { return nil }
      stampEnd = w2.upperBound
    } else if w0.count >= 19 && TimestampBytes.isDigit(p[w0.lowerBound]) && w0.contains(where: { p[$0] == 0x54 })
      && w0.contains(where: { p[$0] == 0x3A })
    {
      stampEnd = w0.upperBound
    } else {
      return nil
    }
    let colon = p[stampEnd - 1] == 0x3A
    return (
      Fields(
        stamp: w0.lowerBound..<(colon ? stampEnd - 1 : stampEnd), rfc5424: false, colonAfterStamp: colon,
        rest: stampEnd), severity
    )
  }

  /// Host, tag, pid and message after the time.
  static func parts(_ p: UnsafeBufferPointer<UInt8>, _ h: Fields) -> Parts {
    func dash(_ r: Range<Int>) -> Range<Int>? { r.count == 1 && p[r.lowerBound] == 0x2D ? nil : r }
    if h.rfc5424 {
      // HOST APP PROCID MSGID [SD] MSG
      let host = p.field(from: h.rest)
      let app = p.field(from: host.upperBound + 1)
      let pid = p.field(from: app.upperBound + 1)
      let msgid = p.field(from: pid.upperBound + 1)
      var m = min(msgid.upperBound + 1, p.count)
      func at(_ k: Int, _ b: UInt8) -> Bool { k < p.count && p[k] == b }
      if at(m, 0x2D) && at(m + 1, 0x20) { m += 2 }
      if at(m, 0x5B) {
        var k = m
        while k + 1 < p.count && !(p[k] == 0x5D && p[k + 1] == 0x20) { k += 1 }
        if k + 1 < p.count { m = k + 2 }
      }
      if at(m, 0xEF) && at(m + 1, 0xBB) && at(m + 2, 0xBF) { m += 3 }
      return Parts(host: dash(host), tag: dash(app), pid: dash(pid), message: m..<p.count)
    }
    var b = h.rest
    while b < p.count && p[b] == 0x20 { b += 1 }
    var host: Range<Int>? = nil
    if !h.colonAfterStamp, let space = (b..<p.count).first(where: { p[$0] == 0x20 }), space > b,
      p[space - 1] != 0x3A
    {
      host = b..<space
      b = space + 1
      while b < p.count && p[b] == 0x20 { b += 1 }
    }
    var tag: Range<Int>? = nil
    var pid: Range<Int>? = nil
    var colon = b
    while colon + 1 < p.count && !(p[colon] == 0x3A && p[colon + 1] == 0x20) { colon += 1 }
    if colon + 1 < p.count {
      let candidate = b..<colon
      let bracketed = colon > b && p[colon - 1] == 0x5D
      if bracketed || !candidate.contains(where: { p[$0] == 0x20 }) {
        tag = candidate
        if bracketed, let open = candidate.last(where: { p[$0] == 0x5B }) {
          pid = (open + 1)..<(colon - 1)
          tag = b..<open
        }
        b = colon + 2
      }
    }
    return Parts(host: host, tag: tag, pid: pid, message: b..<p.count)
  }

  /// Whether the three letters at `r` name a month (any case).
  static func isMonth(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
    guard r.count == 3 else { return false }
    let k = r.lowerBound
    switch (p[k] | 0x20, p[k + 1] | 0x20, p[k + 2] | 0x20) {
    case (0x6A, 0x61, 0x6E), (0x66, 0x65, 0x62), (0x6D, 0x61, 0x72), (0x61, 0x70, 0x72), (0x6D, 0x61, 0x79),
      (0x6A, 0x75, 0x6E), (0x6A, 0x75, 0x6C), (0x61, 0x75, 0x67), (0x73, 0x65, 0x70), (0x6F, 0x63, 0x74),
      (0x6E, 0x6F, 0x76), (0x64, 0x65, 0x63):
      return true  // jan feb mar apr may jun jul aug sep oct nov dec
    default:
      return false
    }
  }
}

private enum Message {
  static let notSyslog = Phrase("syslog.not_syslog", "not a syslog line: no timestamp at its start")
  static func badTime(_ t: String, _ e: TimeError) -> Phrase { Phrase.badTimestamp(t, e) }
}

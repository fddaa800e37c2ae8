import StorylineCore

/// Finds the timestamp that starts a log line, for the line-oriented log readers and for
/// `storyline merge`: every layout the clock's scanner reads (ISO 8601 with `T` or a space and
/// `,` or `.` before the fraction, `Jan 24, 2025 7:00:30 AM`, …), and two it does not: logcat's
/// year-less `MM-dd HH:mm:ss.SSS` (read like a syslog date, so the year comes from the case and
/// rolls over) and MySQL's `yyMMdd HH:mm:ss` / `yyMMdd HHmmss`.
enum LogTimePrefix {
  /// Whether the line starts with a date and a time of day: a new record, not a continuation
  /// line (a stack frame, a wrapped message).
  static func startsRecord(_ line: UnsafeBufferPointer<UInt8>, clock: SourceClock) -> Bool {
    if line.count < 12 || !TimestampBytes.isDigit(line[0]) && !TimestampBytes.isAlpha(line[0]) { return false }
    if rewritten(line) != nil { return true }
    guard let d = clock.datePrefix(line) else { return false }
    return d.hasTime
  }

  /// The time at the start of the line and the number of bytes it took; nil when the line does
  /// not start with a date and a time.
  static func read(_ line: UnsafeBufferPointer<UInt8>, clock: inout SourceClock, lineNumber: Int) -> (
    Result<NormalizedTime, TimeError>, consumed: Int
  )? {
    if let (text, consumed) = rewritten(line) {
      var t = text
      let r = t.withUnsafeBufferPointer { clock.normalize($0, line: lineNumber) }
      return (r, consumed)
    }
    guard startsRecord(line, clock: clock) else { return nil }
    let (r, n) = clock.normalizePrefix(line, line: lineNumber)
    return (r, n)
  }

  private static let monthNames = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// The logcat and MySQL forms, rewritten as text the scanner reads, with the bytes taken.
  static func rewritten(_ p: UnsafeBufferPointer<UInt8>) -> ([UInt8], Int)? {
    func digits(_ range: Range<Int>) -> Bool {
      range.upperBound <= p.count && range.allSatisfy { TimestampBytes.isDigit(p[$0]) }
    }
    func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(p[$1] &- 48) } }
    // logcat: MM-dd HH:mm:ss.SSS
    if p.count >= 18, digits(0..<2), p[2] == 0x2D, digits(3..<5), p[5] == 0x20, digits(6..<8), p[8] == 0x3A,
      digits(9..<11), p[11] == 0x3A, digits(12..<14)
    {
      let month = number(0..<2)
      guard month >= 1 && month <= 12 else { return nil }
      var end = 14
      if end < p.count && p[end] == 0x2E {
        end += 1
        while end < p.count && TimestampBytes.isDigit(p[end]) { end += 1 }
      }
      var out = Array(monthNames[month - 1].utf8)
      out.append(0x20)
      out.append(contentsOf: p[3..<5])
      out.append(0x20)
      out.append(contentsOf: p[6..<end])
      return (out, end)
    }
    // MySQL: yyMMdd HH:mm:ss or yyMMdd HHmmss (a 2-digit year: 20yy)
    if p.count >= 13, digits(0..<6), p[6] == 0x20 {
      let month = number(2..<4)
      let day = number(4..<6)
      guard month >= 1 && month <= 12, day >= 1 && day <= 31 else { return nil }
      var time: [UInt8]
      var end: Int
      if p.count >= 15, digits(7..<9), p[9] == 0x3A, digits(10..<12), p[12] == 0x3A, digits(13..<15) {
        time = Array(p[7..<15])
        end = 15
      } else if digits(7..<13), p.count == 13 || p[13] == 0x20 {
        time = Array(p[7..<9]) + [0x3A] + Array(p[9..<11]) + [0x3A] + Array(p[11..<13])
        end = 13
      } else {
        return nil
      }
      var out: [UInt8] = [0x32, 0x30] + Array(p[0..<2]) + [0x2D] + Array(p[2..<4]) + [0x2D] + Array(p[4..<6]) + [0x20]
      out += time
      return (out, end)
    }
    return nil
  }
}

/// Byte classes for the log readers' hand-written scanning.
enum TimestampBytes {
  @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }
  @inline(__always) static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) &- 97 < 26 }
}

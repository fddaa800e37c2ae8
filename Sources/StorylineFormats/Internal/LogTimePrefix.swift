import StorylineCore

/// Finds the timestamp that starts a log line, for the line-oriented log readers and for
/// `storyline merge`: every layout the clock's scanner reads (ISO 8601 with `T` or a space and
/// `,` or `.` before the fraction, `Jan 24, 2025 7:00:30 AM`, …), and two it does not: logcat's
/// year-less `MM-dd HH:mm:ss.SSS` (read like a syslog date, so the year comes from the case and
/// rolls over) and MySQL's `yyMMdd HH:mm:ss` / `yyMMdd HHmmss`.
enum LogTimePrefix {
  /// Whether the line starts with a date and a time of day: a new record, not a continuation
  /// line (a stack frame, a wrapped message).
  static func startsRecord(_ line: UnsafeBufferPointer<UInt8>, clock: SourceClock, epoch: Bool = false) -> Bool {
    if line.count < (epoch ? 10 : 12) || !TimestampBytes.isDigit(line[0]) && !TimestampBytes.isAlpha(line[0]) {
      return false
    }
    if rewritten(line, epoch: epoch) != nil { return true }
    guard let d = clock.datePrefix(line) else { return false }
    return d.hasTime
  }

  /// The time at the start of the line and the number of bytes it took; nil when the line does
  /// not start with a date and a time.
  static func read(_ line: UnsafeBufferPointer<UInt8>, clock: inout SourceClock, lineNumber: Int, epoch: Bool = false)
    -> (
      Result<NormalizedTime, TimeError>, consumed: Int
    )?
  {
    if let (text, consumed) = rewritten(line, epoch: epoch) {
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
  static func rewritten(_ p: UnsafeBufferPointer<UInt8>, epoch: Bool = false) -> ([UInt8], Int)? {
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
    // BGL: yyyy-MM-dd-HH.mm.ss.ffffff
    if p.count >= 19, digits(0..<4), p[4] == 0x2D, digits(5..<7), p[7] == 0x2D, digits(8..<10), p[10] == 0x2D,
      digits(11..<13), p[13] == 0x2E, digits(14..<16), p[16] == 0x2E, digits(17..<19)
    {
      var end = 19
      if end < p.count && p[end] == 0x2E {
        end += 1
        while end < p.count && TimestampBytes.isDigit(p[end]) { end += 1 }
      }
      var out = Array(p[0..<10]) + [0x20] + Array(p[11..<13]) + [0x3A] + Array(p[14..<16]) + [0x3A]
      out += Array(p[17..<end])
      return (out, end)
    }
    // Proxifier: [MM.dd HH:mm:ss] (the bracket opened before this field): a year-less date.
    if p.count >= 15, digits(0..<2), p[2] == 0x2E, digits(3..<5), p[5] == 0x20, digits(6..<8), p[8] == 0x3A,
      digits(9..<11), p[11] == 0x3A, digits(12..<14), p[14] == 0x5D
    {
      let month = number(0..<2)
      guard month >= 1 && month <= 12 else { return nil }
      let out = Array(monthNames[month - 1].utf8) + [0x20] + Array(p[3..<5]) + [0x20] + Array(p[6..<14])
      return (out, 15)
    }
    // Epoch seconds, ten digits alone in their field (HPC): only as a field after others (a
    // continuation line may well start with a ten-digit number).
    if epoch, p.count >= 10, digits(0..<10), p.count == 10 || p[10] == 0x20 || p[10] == 0x09 {
      return (Array(p[0..<10]), 10)
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

extension LogTimePrefix {
  /// The time that starts `q`, read on a copy of the clock (its year state untouched); nil when
  /// none reads.
  static func peek(_ q: UnsafeBufferPointer<UInt8>, clock: SourceClock, epoch: Bool = false) -> NormalizedTime? {
    var c = clock
    guard case .success(let t)? = read(q, clock: &c, lineNumber: 0, epoch: epoch)?.0 else { return nil }
    return t
  }

  /// Fields skipped at most before a line's time (BGL's fourth, HPC's fourth, OpenStack's first).
  static let maxSkippedFields = 6

  /// Where field `k` (0-based, split at spaces) starts; past an opening `[`. Nil without one.
  static func fieldStart(_ p: UnsafeBufferPointer<UInt8>, skipping k: Int) -> Int? {
    var i = 0
    for _ in 0..<k {
      while i < p.count && p[i] != 0x20 && p[i] != 0x09 { i += 1 }
      while i < p.count && (p[i] == 0x20 || p[i] == 0x09) { i += 1 }
      guard i < p.count else { return nil }
    }
    if i + 1 < p.count && p[i] == 0x5B && TimestampBytes.isDigit(p[i + 1]) { i += 1 }
    return i
  }

  /// The number of fields before the time on this line: 0 when a date and time of day start it;
  /// else, of those (1 to ``maxSkippedFields``) after which one reads, the one read most
  /// precisely (BGL's microsecond text time over its epoch seconds), the first on a tie. Nil
  /// when there is none.
  static func learnSkip(_ p: UnsafeBufferPointer<UInt8>, clock: SourceClock) -> Int? {
    learnTimes(p, clock: clock).first
  }

  /// The fields after which a time reads on this line, the most precise first (ties: the first).
  static func learnTimes(_ p: UnsafeBufferPointer<UInt8>, clock: SourceClock) -> [Int] {
    var found: [(k: Int, granule: Int64)] = []
    for k in 0...maxSkippedFields {
      guard let s = fieldStart(p, skipping: k) else { break }
      let q = UnsafeBufferPointer(rebasing: p[s...])
      // (`32/06/09` is a date only year first: Spark's `yy/MM/dd` after 2031.)
      let yearFirst = {
        TimestampedLogTokenizer.yearFirstRewrite(q)?.withUnsafeBufferPointer { peek($0, clock: clock) }
      }
      guard let t = peek(q, clock: clock, epoch: k > 0) ?? yearFirst() else { continue }
      found.append((k, t.precision.granuleMicroseconds))
    }
    // A time that starts the line is the line's time (a time quoted in the message must not
    // win for being more precise); else the most precise of those after fields.
    let order = found.enumerated().sorted { ($0.element.granule, $0.offset) < ($1.element.granule, $1.offset) }
      .map(\.element.k)
    guard order.contains(0) else { return order }
    return [0] + order.filter { $0 != 0 }
  }
}

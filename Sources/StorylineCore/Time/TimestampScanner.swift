/// What a timestamp's text says, before any zone, year, date or clock correction is applied.
struct TimestampFields {
  enum Zone: Equatable {
    case none
    /// An explicit numeric offset (`Z`, `+08:00`, `+0800`, `GMT+8`), seconds east of UTC.
    case offset(Int32)
    /// `-0000` (RFC 5322: local time, offset unknown).
    case unknownOffset
    /// An abbreviation such as `CST`; the byte range in the input.
    case abbreviation(Int, Int)
    /// A zone name (IANA, Windows or CLDR long name); the byte range in the input.
    case name(Int, Int)
  }

  var year: Int = TimestampFields.absent  // `absent` when the text has no year
  static let absent = Int.min
  var month: Int = 0  // 0 when absent (time of day only)
  var day: Int = 0
  var hour: Int = 0
  var minute: Int = 0
  var second: Int = 0
  var micros: Int = 0
  var fractionDigits: Int = 0
  var hasTime = false
  var hasSeconds = false
  var approximate = false
  var twoDigitYear = false
  /// The day/month order of an all-numeric date was not evident and came from the region.
  var dateOrderAssumed = false
  var zone: Zone = .none
  /// Set when the text is a bare number (an epoch value).
  var epochValue: Int64? = nil
  var epochDigits = 0
  var epochFractionMicros: Int64 = 0
  var epochHasFraction = false
}

/// Reads timestamp text on UTF-8 bytes: ISO 8601 / RFC 3339, RFC 5322, syslog, Apache, WebLogic
/// and Java layouts, numeric dates in either order, times of day with am/pm, approximate times,
/// and bare epoch numbers. It never allocates; zone words are returned as byte ranges.
struct TimestampScanner {
  enum Mode {
    /// The whole input must be a timestamp (surrounding white space allowed).
    case field
    /// A timestamp at the start of the input, followed by other text (notes, log lines).
    /// Only offsets and known upper-case abbreviations are taken as zones.
    case prefix
  }

  let p: UnsafeBufferPointer<UInt8>
  var i = 0
  let mode: Mode
  /// Day before month for ambiguous numeric dates.
  let dayFirst: Bool
  var f = TimestampFields()

  init(_ bytes: UnsafeBufferPointer<UInt8>, mode: Mode, dayFirst: Bool) {
    self.p = bytes
    self.mode = mode
    self.dayFirst = dayFirst
  }

  // MARK: - Byte helpers

  @inline(__always) var atEnd: Bool { i >= p.count }
  @inline(__always) func byte(_ k: Int) -> UInt8 { k < p.count ? p[k] : 0 }
  @inline(__always) var c: UInt8 { i < p.count ? p[i] : 0 }
  @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }
  @inline(__always) static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) &- 97 < 26 }
  @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b | 0x20 }

  /// Skips ASCII spaces and tabs, U+00A0 and U+202F. Returns how many bytes were skipped.
  @discardableResult @inline(__always)
  mutating func skipSpaces() -> Int {
    let start = i
    while i < p.count {
      let b = p[i]
      if b == 32 || b == 9 {
        i += 1
      } else if b == 0xC2 && byte(i + 1) == 0xA0 {
        i += 2
      } else if b == 0xE2 && byte(i + 1) == 0x80 && (byte(i + 2) == 0xAF || byte(i + 2) == 0x8E || byte(i + 2) == 0x8F)
      {
        i += 3  // U+202F narrow no-break space, U+200E/U+200F direction marks
      } else {
        break
      }
    }
    return i - start
  }

  /// Reads up to `max` digits. Returns (value, count).
  @inline(__always)
  mutating func digits(max: Int = 19) -> (Int64, Int) {
    var v: Int64 = 0
    var n = 0
    while i < p.count, n < max {
      let d = p[i] &- 48
      if d >= 10 { break }
      v = v &* 10 &+ Int64(d)
      i += 1
      n += 1
    }
    return (v, n)
  }

  /// Length of the run of ASCII letters at `k`.
  @inline(__always)
  func wordLength(at k: Int) -> Int {
    var e = k
    while e < p.count, TimestampScanner.isAlpha(p[e]) { e += 1 }
    return e - k
  }

  /// Case-insensitive match of an ASCII lower-case word at `k`, not followed by a letter.
  func matchesWord(_ w: StaticString, at k: Int) -> Bool {
    let n = w.utf8CodeUnitCount
    guard k + n <= p.count else { return false }
    let s = w.utf8Start
    for j in 0..<n where TimestampScanner.lower(p[k + j]) != s[j] { return false }
    return k + n == p.count || !TimestampScanner.isAlpha(p[k + n])
  }

  /// The month (1–12) named by the letters at `k` (`Jan`, `january`, `Sept`), with their length.
  static func month(in p: UnsafeBufferPointer<UInt8>, at k: Int, length: Int) -> Int {
    guard length >= 3 else { return 0 }
    let key = UInt32(lower(p[k])) << 16 | UInt32(lower(p[k + 1])) << 8 | UInt32(lower(p[k + 2]))
    let m: Int
    switch key {
    case 0x6A_616E: m = 1  // jan
    case 0x66_6562: m = 2  // feb
    case 0x6D_6172: m = 3  // mar
    case 0x61_7072: m = 4  // apr
    case 0x6D_6179: m = 5  // may
    case 0x6A_756E: m = 6  // jun
    case 0x6A_756C: m = 7  // jul
    case 0x61_7567: m = 8  // aug
    case 0x73_6570: m = 9  // sep
    case 0x6F_6374: m = 10  // oct
    case 0x6E_6F76: m = 11  // nov
    case 0x64_6563: m = 12  // dec
    default: return 0
    }
    if length == 3 { return m }
    // A longer word must be the month's full name (or `Sept`).
    let full: StaticString
    switch m {
    case 1: full = "january"
    case 2: full = "february"
    case 3: full = "march"
    case 4: full = "april"
    case 5: full = "may"
    case 6: full = "june"
    case 7: full = "july"
    case 8: full = "august"
    case 9: full = length == 4 ? "sept" : "september"
    case 10: full = "october"
    case 11: full = "november"
    default: full = "december"
    }
    guard length == full.utf8CodeUnitCount else { return 0 }
    for j in 3..<length where lower(p[k + j]) != full.utf8Start[j] { return 0 }
    return m
  }

  static func isWeekday(_ p: UnsafeBufferPointer<UInt8>, at k: Int, length: Int) -> Bool {
    guard length >= 3 else { return false }
    let key = UInt32(lower(p[k])) << 16 | UInt32(lower(p[k + 1])) << 8 | UInt32(lower(p[k + 2]))
    switch key {
    case 0x6D_6F6E, 0x74_7565, 0x77_6564, 0x74_6875, 0x66_7269, 0x73_6174, 0x73_756E: break
    default: return false
    }
    if length == 3 { return true }
    if length == 4 { return lower(p[k + 3]) == 0x2E || (key == 0x74_7565 || key == 0x74_6875) }  // Tues, Thur
    // Full names end in "day" (Monday … Wednesday, Thursday …).
    return length >= 6 && lower(p[k + length - 3]) == 0x64 && lower(p[k + length - 2]) == 0x61
      && lower(p[k + length - 1]) == 0x79
  }

  // MARK: - Entry point

  /// Scans a timestamp. Returns the number of bytes consumed, or nil with the reason.
  mutating func scan() -> Result<Int, TimeError> {
    skipSpaces()
    if !TimestampScanner.isDigit(c) { scanApproximatePrefix() }
    let start = i
    guard !atEnd else { return .failure(.noTimestamp) }
    let b = c
    var result: TimeError? = nil
    if TimestampScanner.isDigit(b) {
      result = scanStartingWithDigits()
    } else if TimestampScanner.isAlpha(b) {
      result = scanStartingWithWord()
    } else {
      return .failure(.noTimestamp)
    }
    if let result { return .failure(result) }
    if i == start { return .failure(.noTimestamp) }
    if f.epochValue == nil { scanTrailingYear() }
    let consumedEnd = i
    if mode == .field {
      skipSpaces()
      if !atEnd { return .failure(.trailingText) }
    }
    return .success(consumedEnd)
  }

  /// `~`, `ca.`, `circa`, `around`, `about`, `approx.`, `approximately`, `roughly`.
  mutating func scanApproximatePrefix() {
    if c == 0x7E {  // ~
      i += 1
      f.approximate = true
      skipSpaces()
      return
    }
    let first = TimestampScanner.lower(c)
    guard first == 0x61 || first == 0x63 || first == 0x72 else { return }  // a, c, r
    let n = wordLength(at: i)
    guard n >= 2 else { return }
    if matchesWord("around", at: i) || matchesWord("about", at: i) || matchesWord("circa", at: i)
      || matchesWord("approximately", at: i) || matchesWord("roughly", at: i) || matchesWord("approx", at: i)
      || matchesWord("ca", at: i)
    {
      i += n
      if c == 0x2E { i += 1 }  // "approx." "ca."
      f.approximate = true
      skipSpaces()
    }
  }

  // MARK: - Dates

  mutating func scanStartingWithDigits() -> TimeError? {
    let s = i
    let (a, na) = digits()
    let sep = c
    // A bare number: an epoch value.
    if na >= 9 && (atEnd || sep == 0x2E || sep == 32 || sep == 9 || mode == .prefix) && sep != 0x2D && sep != 0x2F
      && sep != 0x54
    {
      if na > 19 { return .epochOutOfRange }
      f.epochValue = a
      f.epochDigits = na
      if sep == 0x2E && TimestampScanner.isDigit(byte(i + 1)) {
        i += 1
        let fs = i
        let (fv, fn) = digits(max: 6)
        _ = digits()  // ignore digits past microseconds
        var micros = fv
        for _ in fn..<6 { micros *= 10 }
        f.epochFractionMicros = micros
        f.epochHasFraction = fn > 0 || i > fs
      }
      return nil
    }
    if na == 8 && (sep == 0x54 || sep == 0x74) {  // 20240102T091530
      f.year = Int(a / 10000)
      f.month = Int(a / 100 % 100)
      f.day = Int(a % 100)
      i += 1
      return scanTime(basic: true)
    }
    if na == 4 && (sep == 0x2D || sep == 0x2F || sep == 0x2E) {  // 2024-01-02, 2024/01/02
      f.year = Int(a)
      i += 1
      let wl = wordLength(at: i)
      if wl > 0 {
        f.month = TimestampScanner.month(in: p, at: i, length: wl)
        if f.month == 0 { return .invalidDate }
        i += wl
      } else {
        let (m, nm) = digits(max: 2)
        if nm == 0 { return .invalidDate }
        f.month = Int(m)
      }
      guard c == sep else { return .invalidDate }
      i += 1
      let (d, nd) = digits(max: 2)
      if nd == 0 { return .invalidDate }
      f.day = Int(d)
      return scanAfterDate()
    }
    if na <= 2 && sep == 0x3A {  // 11:01 — a time of day only
      i = s
      return scanTime(basic: false)
    }
    if na <= 2 && (sep == 0x2F || sep == 0x2E || sep == 0x2D) {
      i += 1
      if sep == 0x2E { skipSpaces() }  // "13. 6. 2018."
      let wl = wordLength(at: i)
      if wl > 0 {  // 02/Jan/2024, 02-Jan-2024
        f.day = Int(a)
        f.month = TimestampScanner.month(in: p, at: i, length: wl)
        if f.month == 0 { return .invalidDate }
        i += wl
        guard c == sep else { return .invalidDate }
        i += 1
        return scanYear()
      }
      let (b2, nb) = digits(max: 2)
      guard nb > 0, c == sep else { return .invalidDate }
      i += 1
      if sep == 0x2E { skipSpaces() }
      if let e = scanYear() { return e }
      if sep == 0x2E && c == 0x2E { i += 1 }
      // Day/month order: a component above 12 decides; otherwise the region does.
      if a > 12 {
        f.day = Int(a)
        f.month = Int(b2)
      } else if b2 > 12 {
        f.month = Int(a)
        f.day = Int(b2)
      } else {
        f.dateOrderAssumed = a != b2
        if dayFirst {
          f.day = Int(a)
          f.month = Int(b2)
        } else {
          f.month = Int(a)
          f.day = Int(b2)
        }
      }
      return nil
    }
    if na <= 2 && (sep == 32 || sep == 9) {  // 22 September 2008, 2 Jan 2024 09:15:31 +0100
      let save = i
      skipSpaces()
      let wl = wordLength(at: i)
      let m = TimestampScanner.month(in: p, at: i, length: wl)
      if m > 0 {
        f.day = Int(a)
        f.month = m
        i += wl
        if c == 0x2E { i += 1 }
        if c == 0x2C { i += 1 }
        skipSpaces()
        return scanYear()
      }
      i = save
    }
    return .noTimestamp
  }

  /// A 4- or 2-digit year, then an optional time.
  mutating func scanYear() -> TimeError? {
    let (y, ny) = digits(max: 4)
    if ny == 4 {
      f.year = Int(y)
    } else if ny == 2 {
      f.year = y < 50 ? 2000 + Int(y) : 1900 + Int(y)
      f.twoDigitYear = true
    } else {
      return .invalidDate
    }
    return scanAfterDate()
  }

  /// After a complete date: an optional separator and time of day.
  mutating func scanAfterDate() -> TimeError? {
    let save = i
    var b = c
    if b == 0x2E && !TimestampScanner.isDigit(byte(i + 1)) {  // "2018." then the time
      i += 1
      b = c
    }
    if b == 0x54 || b == 0x74 || b == 0x3A || b == 0x5F {  // T, t, ':' (Apache), '_'
      if TimestampScanner.isDigit(byte(i + 1)) {
        i += 1
        return scanTime(basic: false)
      }
      i = save
      return nil
    }
    if b == 0x2C { i += 1 }  // "May 8, 2024, 12:32:13"
    let sp = skipSpaces()
    if sp > 0 || b == 0x2C {
      // A time must follow; otherwise the timestamp was a date only.
      let k = i
      var e = k
      while e < p.count, TimestampScanner.isDigit(p[e]) { e += 1 }
      if e > k && e - k <= 2
        && (byte(e) == 0x3A || byte(e) == 0x2E && TimestampScanner.isDigit(byte(e + 1)) && e - k <= 2 && mode == .field)
      {
        return scanTime(basic: false)
      }
      if matchesWord("noon", at: i) || matchesWord("midnight", at: i) { return scanTime(basic: false) }
    }
    i = save
    return nil
  }

  mutating func scanStartingWithWord() -> TimeError? {
    var n = wordLength(at: i)
    if TimestampScanner.isWeekday(p, at: i, length: n) {
      i += n
      if c == 0x2E { i += 1 }
      if c == 0x2C { i += 1 }
      skipSpaces()
      if TimestampScanner.isDigit(c) { return scanStartingWithDigits() }
      n = wordLength(at: i)
    }
    let first = TimestampScanner.lower(c)
    if (first == 0x6E && matchesWord("noon", at: i)) || (first == 0x6D && matchesWord("midnight", at: i)) {
      return scanTime(basic: false)
    }
    let m = TimestampScanner.month(in: p, at: i, length: n)
    guard m > 0 else { return .noTimestamp }
    f.month = m
    i += n
    if c == 0x2E { i += 1 }
    skipSpaces()
    let (d, nd) = digits(max: 2)
    guard nd > 0 else { return .invalidDate }
    f.day = Int(d)
    // Ordinal suffixes: 1st, 2nd, 3rd, 22nd.
    let wl = wordLength(at: i)
    if wl == 2
      && (matchesWord("st", at: i) || matchesWord("nd", at: i) || matchesWord("rd", at: i) || matchesWord("th", at: i))
    {
      i += 2
    }
    if c == 0x2C { i += 1 }
    let save = i
    skipSpaces()
    // Either a year (then perhaps a time), or directly a time (syslog, ctime).
    var k = i
    while k < p.count, TimestampScanner.isDigit(p[k]) { k += 1 }
    if k - i == 4 && byte(k) != 0x3A {
      f.year = Int(digits(max: 4).0)
      return scanAfterDate()
    }
    if k > i && k - i <= 2 && byte(k) == 0x3A { return scanTime(basic: false) }
    i = save
    return nil
  }

  // MARK: - Times

  mutating func scanTime(basic: Bool) -> TimeError? {
    f.hasTime = true
    if TimestampScanner.isAlpha(c) && matchesWord("noon", at: i) {
      i += 4
      f.hour = 12
      f.approximate = true
      return scanZone()
    }
    if TimestampScanner.isAlpha(c) && matchesWord("midnight", at: i) {
      i += 8
      f.approximate = true
      return scanZone()
    }
    let (h, nh) = digits(max: 2)
    guard nh > 0 else { return .invalidTime }
    f.hour = Int(h)
    if !basic {
      guard c == 0x3A || c == 0x2E else { return .invalidTime }
      i += 1
    }
    let (m, nm) = digits(max: 2)
    guard nm == 2 else { return .invalidTime }
    f.minute = Int(m)
    if (!basic
      && (c == 0x3A
        || c == 0x2E && TimestampScanner.isDigit(byte(i + 1)) && TimestampScanner.isDigit(byte(i + 2))
          && !TimestampScanner.isDigit(byte(i + 3))))
      || (basic && TimestampScanner.isDigit(c))
    {
      if !basic { i += 1 }
      let (s, ns) = digits(max: 2)
      guard ns == 2 else { return .invalidTime }
      f.second = Int(s)
      f.hasSeconds = true
      if (c == 0x2E || c == 0x2C) && TimestampScanner.isDigit(byte(i + 1)) {
        i += 1
        var micros = 0
        var n = 0
        while i < p.count, TimestampScanner.isDigit(p[i]) {
          if n < 6 { micros = micros * 10 + Int(p[i] &- 48) }
          n += 1
          i += 1
        }
        var k = n
        while k < 6 {
          micros *= 10
          k += 1
        }
        f.micros = micros
        f.fractionDigits = n
      }
    }
    if let e = scanMeridiem() { return e }
    return scanZone()
  }

  /// `am`, `PM`, `a.m.`, `p. m.`, after an optional space (or U+202F / U+00A0).
  mutating func scanMeridiem() -> TimeError? {
    let save = i
    skipSpaces()
    let b = TimestampScanner.lower(c)
    guard b == 0x61 || b == 0x70 else {
      i = save
      return nil
    }
    var k = i + 1
    if byte(k) == 0x2E { k += 1 }
    if byte(k) == 32 && byte(k - 1) == 0x2E { k += 1 }  // "p. m."
    guard TimestampScanner.lower(byte(k)) == 0x6D else {
      i = save
      return nil
    }
    k += 1
    if byte(k) == 0x2E { k += 1 }
    // "pm" must stand alone: not the start of a word such as "pm-a" or "pmo".
    if k < p.count && (TimestampScanner.isAlpha(p[k]) || TimestampScanner.isDigit(p[k]) || p[k] == 0x2D || p[k] == 0x5F)
    {
      i = save
      return nil
    }
    i = k
    guard f.hour >= 1 && f.hour <= 12 else { return .invalidTime }
    if b == 0x61 {
      if f.hour == 12 { f.hour = 0 }
    } else if f.hour != 12 {
      f.hour += 12
    }
    return nil
  }

  // MARK: - Zones

  mutating func scanZone() -> TimeError? {
    let save = i
    let spaced = skipSpaces() > 0
    let b = c
    if b == 0x5A || b == 0x7A {  // Z
      if byte(i + 1) == 0 || !TimestampScanner.isAlpha(byte(i + 1)) {
        if spaced && mode == .prefix {
          i = save
          return nil
        }
        i += 1
        f.zone = .offset(0)
        return nil
      }
    }
    if b == 0x2B || b == 0x2D {  // +08:00, -0500
      guard TimestampScanner.isDigit(byte(i + 1)) else {
        i = save
        return nil
      }
      i += 1
      if let e = scanOffset(negative: b == 0x2D) { return e }
      skipComment()
      return nil
    }
    if b == 0x28 {  // "(CET)" with no offset before it
      i = save
      return nil
    }
    let n = wordLength(at: i)
    guard n > 0 else {
      i = save
      return nil
    }
    if matchesWord("gmt", at: i) || matchesWord("utc", at: i) || matchesWord("ut", at: i) {
      let k = i + n
      if (byte(k) == 0x2B || byte(k) == 0x2D) && TimestampScanner.isDigit(byte(k + 1)) {
        i = k + 1
        return scanOffset(negative: byte(k) == 0x2D)
      }
      if !(mode == .field && isLongZoneName(from: i)) {
        i += n
        f.zone = .offset(0)
        skipComment()
        return nil
      }
    }
    // An upper-case abbreviation: CST, IST, CEST.
    if n >= 1 && n <= 5 && (i + n == p.count || !TimestampScanner.isAlpha(p[i + n])) && isUpper(from: i, count: n)
      && !(mode == .field && isLongZoneName(from: i))
    {
      if ZoneAbbreviation.isKnown(p, from: i, count: n) {
        f.zone = .abbreviation(i, i + n)
        i += n
        return nil
      }
      if mode == .prefix {
        i = save
        return nil
      }
    }
    if mode == .prefix {
      i = save
      return nil
    }
    // A zone name: the rest of the field (IANA `Asia/Shanghai`, `India Standard Time`).
    var e = p.count
    while e > i && (p[e - 1] == 32 || p[e - 1] == 9) { e -= 1 }
    // A trailing 4-digit year (ctime) is not part of the name.
    if e - i > 5 && TimestampScanner.isDigit(p[e - 1]) && TimestampScanner.isDigit(p[e - 4]) && p[e - 5] == 32 {
      e -= 5
    }
    f.zone = .name(i, e)
    i = e
    return nil
  }

  func isUpper(from k: Int, count: Int) -> Bool {
    for j in k..<(k + count) where p[j] < 0x41 || p[j] > 0x5A { return false }
    return true
  }

  /// Whether more words follow (`Coordinated Universal Time`, `GMT Standard Time`).
  func isLongZoneName(from k: Int) -> Bool {
    let e = k + wordLength(at: k)
    return e < p.count && p[e] == 32 && TimestampScanner.isAlpha(byte(e + 1))
  }

  /// After the sign: `hh`, `hhmm`, `hh:mm`, `h`.
  mutating func scanOffset(negative: Bool) -> TimeError? {
    let (a, na) = digits(max: 4)
    var seconds: Int
    if na <= 2 {
      seconds = Int(a) * 3600
      if c == 0x3A && TimestampScanner.isDigit(byte(i + 1)) {
        i += 1
        let (m, nm) = digits(max: 2)
        guard nm == 2, m < 60 else { return .invalidZone }
        seconds += Int(m) * 60
      }
    } else if na == 4 {
      guard a % 100 < 60 else { return .invalidZone }
      seconds = Int(a / 100) * 3600 + Int(a % 100) * 60
    } else {
      return .invalidZone
    }
    guard seconds <= 14 * 3600 else { return .invalidZone }
    if negative && seconds == 0 {
      f.zone = .unknownOffset
    } else {
      f.zone = .offset(Int32(negative ? -seconds : seconds))
    }
    return nil
  }

  /// `(CET)` after an offset (RFC 5322 comments).
  mutating func skipComment() {
    let save = i
    skipSpaces()
    if c == 0x28 {
      var k = i + 1
      while k < p.count && p[k] != 0x29 && k - i < 64 { k += 1 }
      if k < p.count && p[k] == 0x29 {
        i = k + 1
        return
      }
    }
    i = save
  }

  /// A year after the time (`Tue Jan  2 09:15:31 2024`, `… +0000 2024`).
  mutating func scanTrailingYear() {
    guard f.year == TimestampFields.absent, f.month != 0 else { return }
    let save = i
    guard skipSpaces() > 0 else { return }
    var k = i
    while k < p.count, TimestampScanner.isDigit(p[k]) { k += 1 }
    if k - i == 4
      && (k == p.count || !TimestampScanner.isDigit(p[k]) && !TimestampScanner.isAlpha(p[k]) && p[k] != 0x3A)
    {
      f.year = Int(digits(max: 4).0)
      return
    }
    i = save
  }
}

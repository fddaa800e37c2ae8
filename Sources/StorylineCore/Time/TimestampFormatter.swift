/// Renders instants as RFC 3339 text, in UTC or at a zone's offset, without Foundation formatters.
public enum TimestampFormatter {
  /// `2008-09-22T04:00:00Z`, with `digits` fractional digits (0, 3 or 6).
  public static func utc(_ instant: Instant, digits: Int = 0) -> String {
    render(instant, offsetSeconds: 0, digits: digits, zulu: true)
  }

  /// `2008-09-22T12:00:00+08:00` in the zone's offset at that instant.
  public static func local(_ instant: Instant, in zone: ZoneRules, digits: Int = 0) -> String {
    render(instant, offsetSeconds: zone.offset(at: instant), digits: digits, zulu: false)
  }

  /// `12:00` or `12:00:05`: the wall-clock time in a zone, for tables.
  public static func wallClock(_ instant: Instant, in zone: ZoneRules, seconds: Bool) -> String {
    let local = instant.seconds + Int64(zone.offset(at: instant))
    let sod = Int(local.floorMod(86_400))
    var s = pad(sod / 3600, 2) + ":" + pad(sod / 60 % 60, 2)
    if seconds { s += ":" + pad(sod % 60, 2) }
    return s
  }

  /// The civil date of an instant in a zone.
  public static func localDate(_ instant: Instant, in zone: ZoneRules) -> CivilDate {
    CivilDate(daysSinceEpoch: (instant.seconds + Int64(zone.offset(at: instant))).floorDiv(86_400))
  }

  /// `+08:00`, `-05:00`, `+05:30`.
  public static func offset(_ seconds: Int) -> String {
    let sign = seconds < 0 ? "-" : "+"
    let a = abs(seconds)
    var s = sign + pad(a / 3600, 2) + ":" + pad(a / 60 % 60, 2)
    if a % 60 != 0 { s += ":" + pad(a % 60, 2) }
    return s
  }

  /// ``utc(_:digits:)`` appended to `out` as UTF-8, without a `String` in between.
  public static func utc(_ instant: Instant, digits: Int = 0, into out: inout [UInt8]) {
    out.append(atMost: maxLength) { utc(instant, digits: digits, to: &$0) }
  }

  /// ``local(_:in:digits:)`` appended to `out` as UTF-8, without a `String` in between.
  public static func local(_ instant: Instant, in zone: ZoneRules, digits: Int = 0, into out: inout [UInt8]) {
    out.append(atMost: maxLength) { local(instant, in: zone, digits: digits, to: &$0) }
  }

  /// ``utc(_:digits:)`` written through a cursor with ``maxLength`` of room.
  public static func utc(_ instant: Instant, digits: Int = 0, to c: inout ByteCursor) {
    write(instant, offsetSeconds: 0, digits: digits, zulu: true, to: &c)
  }

  /// ``local(_:in:digits:)`` written through a cursor with ``maxLength`` of room.
  public static func local(_ instant: Instant, in zone: ZoneRules, digits: Int = 0, to c: inout ByteCursor) {
    write(instant, offsetSeconds: zone.offset(at: instant), digits: digits, zulu: false, to: &c)
  }

  /// The most bytes a timestamp takes: a year of up to 12 digits and a sign (an `Int64` of
  /// seconds), `-MM-DDThh:mm:ss`, 6 fractional digits and an offset of up to 23 bytes (`±`,
  /// the hours of any `Int` of seconds, `:mm:ss`) come to 58.
  public static let maxLength = 64

  static func write(_ instant: Instant, offsetSeconds: Int, digits: Int, zulu: Bool, to c: inout ByteCursor) {
    var usual = true
    c.write(atMost: 40) { b in
      guard let n = Self.usual(instant, offsetSeconds: offsetSeconds, digits: digits, zulu: zulu, into: b) else {
        usual = false
        return 0
      }
      return n
    }
    if !usual { c.put(render(instant, offsetSeconds: offsetSeconds, digits: digits, zulu: zulu)) }
  }

  static func render(_ instant: Instant, offsetSeconds: Int, digits: Int, zulu: Bool) -> String {
    let fast: String? = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { b in
      guard let n = usual(instant, offsetSeconds: offsetSeconds, digits: digits, zulu: zulu, into: b) else {
        return nil
      }
      return String(decoding: UnsafeBufferPointer(rebasing: b[0..<n]), as: UTF8.self)
    }
    if let fast { return fast }
    let local = instant.seconds + Int64(offsetSeconds)
    let date = CivilDate(daysSinceEpoch: local.floorDiv(86_400))
    let sod = Int(local.floorMod(86_400))
    var s = date.description + "T" + pad(sod / 3600, 2) + ":" + pad(sod / 60 % 60, 2) + ":" + pad(sod % 60, 2)
    if digits > 0 {
      let micros = Int(instant.subsecondMicroseconds)
      let frac = pad(micros, 6)
      s += "." + frac.prefix(min(digits, 6))
    }
    s += zulu ? "Z" : offset(offsetSeconds)
    return s
  }

  /// The usual case (years 0–9999, whole-minute offsets, up to 6 digits) written into `b` (40
  /// bytes) in one go: how many bytes; nil for the rest, which the general path of
  /// ``render(_:offsetSeconds:digits:zulu:)`` writes, saying the same.
  private static func usual(
    _ instant: Instant, offsetSeconds: Int, digits: Int, zulu: Bool, into b: UnsafeMutableBufferPointer<UInt8>
  ) -> Int? {
    let local = instant.seconds + Int64(offsetSeconds)
    let date = CivilDate(daysSinceEpoch: local.floorDiv(86_400))
    guard (0...9999).contains(date.year) && offsetSeconds % 60 == 0 && (0...6).contains(digits) else { return nil }
    let sod = Int(local.floorMod(86_400))
    var n = 0
    func put(_ v: Int, _ width: Int) {
      var k = width
      var x = v
      while k > 0 {
        k -= 1
        b[n + k] = UInt8(48 + x % 10)
        x /= 10
      }
      n += width
    }
    func char(_ c: UInt8) {
      b[n] = c
      n += 1
    }
    put(date.year, 4)
    char(0x2D)
    put(date.month, 2)
    char(0x2D)
    put(date.day, 2)
    char(0x54)
    put(sod / 3600, 2)
    char(0x3A)
    put(sod / 60 % 60, 2)
    char(0x3A)
    put(sod % 60, 2)
    if digits > 0 {
      char(0x2E)
      let micros = Int(instant.subsecondMicroseconds)
      var scale = 100_000
      for _ in 0..<digits {
        char(UInt8(48 + micros / scale % 10))
        scale /= 10
      }
    }
    if zulu {
      char(0x5A)
    } else {
      let a = abs(offsetSeconds)
      char(offsetSeconds < 0 ? 0x2D : 0x2B)
      put(a / 3600, 2)
      char(0x3A)
      put(a / 60 % 60, 2)
    }
    return n
  }

  /// Zero-padded decimal.
  @inline(__always)
  public static func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(abs(value))
    let sign = value < 0 ? "-" : ""
    return digits.count >= width ? sign + digits : sign + String(repeating: "0", count: width - digits.count) + digits
  }
}

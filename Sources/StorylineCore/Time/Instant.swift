/// A point on the one true clock: microseconds since 1970-01-01T00:00:00Z.
///
/// Every reader converts its timestamps to an `Instant` through ``TimeNormalizer``; nothing
/// downstream knows about zones or source clocks.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Microseconds since the Unix epoch, UTC.
  public var microseconds: Int64

  public init(microseconds: Int64) { self.microseconds = microseconds }

  public init(seconds: Int64, microseconds: Int64 = 0) {
    self.microseconds = seconds &* 1_000_000 &+ microseconds
  }

  /// Whole seconds since the epoch, rounded toward negative infinity.
  public var seconds: Int64 { microseconds.floorDiv(1_000_000) }

  /// The sub-second part, 0..<1_000_000.
  public var subsecondMicroseconds: Int64 { microseconds.floorMod(1_000_000) }

  public static func < (a: Instant, b: Instant) -> Bool { a.microseconds < b.microseconds }

  public static func + (a: Instant, micros: Int64) -> Instant { Instant(microseconds: a.microseconds + micros) }
  public static func - (a: Instant, micros: Int64) -> Instant { Instant(microseconds: a.microseconds - micros) }
  public static func - (a: Instant, b: Instant) -> Int64 { a.microseconds - b.microseconds }

  /// RFC 3339 in UTC with `Z`, e.g. `2008-09-22T04:00:00Z`.
  public var description: String { TimestampFormatter.utc(self, digits: subsecondMicroseconds == 0 ? 0 : 6) }
}

extension Int64 {
  @inline(__always) func floorDiv(_ d: Int64) -> Int64 {
    let q = self / d
    return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
  }
  @inline(__always) func floorMod(_ d: Int64) -> Int64 {
    let r = self % d
    return r != 0 && (r < 0) != (d < 0) ? r + d : r
  }
}

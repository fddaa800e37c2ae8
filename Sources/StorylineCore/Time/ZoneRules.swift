import Foundation

/// The UTC offsets of one IANA zone over time, precomputed so that conversions are a binary search.
///
/// Built once per zone from the system's time-zone database (through Foundation's `TimeZone`,
/// never per record). Converts both ways: an instant to its offset, and a local wall-clock time
/// to an instant, reporting when the wall-clock time fell in a DST gap or overlap.
public final class ZoneRules: Sendable, Equatable, Hashable, CustomStringConvertible {
  public static func == (a: ZoneRules, b: ZoneRules) -> Bool { a === b || a.identifier == b.identifier }
  public func hash(into h: inout Hasher) { h.combine(identifier) }
  /// The IANA identifier, e.g. `Asia/Shanghai`.
  public let identifier: String
  /// Position in ``ZoneRegistry``, so that per-record values can name the zone without a reference.
  let index: Int32
  /// UTC seconds at which each offset period starts; `starts[0]` is `Int64.min`.
  let starts: [Int64]
  /// The offset (seconds east of UTC) in force from the matching start.
  let offsets: [Int32]
  /// Whether the period is daylight-saving time.
  let daylight: [Bool]
  /// Local (wall-clock) seconds at which each period starts: `starts[i] + offsets[i]`.
  let localStarts: [Int64]

  /// The fixed zone UTC.
  public static let utc = ZoneRules(fixedOffset: 0, identifier: "UTC")

  /// A zone from its IANA identifier; nil when the system does not know it.
  public convenience init?(identifier: String) {
    guard !identifier.isEmpty, let tz = TimeZone(identifier: identifier) else { return nil }
    self.init(timeZone: tz, identifier: identifier)
  }

  /// A zone that never changes offset.
  public init(fixedOffset seconds: Int, identifier: String) {
    self.identifier = identifier
    starts = [Int64.min]
    offsets = [Int32(seconds)]
    daylight = [false]
    localStarts = [Int64.min]
    index = ZoneRegistry.shared.reserve()
    ZoneRegistry.shared.store(self)
  }

  init(timeZone tz: TimeZone, identifier: String) {
    self.identifier = identifier
    // 1900-01-01 to 2100-01-01 covers any evidence this tool can accept.
    let first = Date(timeIntervalSince1970: -2_208_988_800)
    var s: [Int64] = [Int64.min]
    var o: [Int32] = [Int32(tz.secondsFromGMT(for: first))]
    var d: [Bool] = [tz.isDaylightSavingTime(for: first)]
    var cursor = first
    while let next = tz.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < 4_102_444_800 {
      let off = Int32(tz.secondsFromGMT(for: next))
      let dst = tz.isDaylightSavingTime(for: next)
      if off != o[o.count - 1] || dst != d[d.count - 1] {
        s.append(Int64(next.timeIntervalSince1970.rounded(.down)))
        o.append(off)
        d.append(dst)
      }
      cursor = next
    }
    starts = s
    offsets = o
    daylight = d
    localStarts = zip(s, o).map { $0 == Int64.min ? Int64.min : $0 + Int64($1) }
    index = ZoneRegistry.shared.reserve()
    ZoneRegistry.shared.store(self)
  }

  public var description: String { identifier }

  /// Whether the offset never changes (UTC, fixed-offset zones).
  public var isFixed: Bool { starts.count == 1 }

  @inline(__always)
  func period(atUTC seconds: Int64) -> Int {
    if starts.count == 1 { return 0 }
    var lo = 0
    var hi = starts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) >> 1
      if starts[mid] <= seconds { lo = mid } else { hi = mid - 1 }
    }
    return lo
  }

  /// Seconds east of UTC at an instant.
  public func offset(at instant: Instant) -> Int { Int(offsets[period(atUTC: instant.seconds)]) }

  /// The offset at an instant (UTC seconds) and the UTC seconds over which it holds unchanged.
  public func offsetSpan(atUTC seconds: Int64) -> (offset: Int, span: Range<Int64>) {
    let k = period(atUTC: seconds)
    let from = starts[k] == Int64.min ? Int64.min : starts[k]
    let until = k + 1 < starts.count ? starts[k + 1] : Int64.max
    return (Int(offsets[k]), from..<until)
  }

  /// Whether daylight-saving time is in force at an instant.
  public func isDaylight(at instant: Instant) -> Bool { daylight[period(atUTC: instant.seconds)] }

  /// The result of reading a wall-clock time in this zone.
  public struct LocalResolution: Sendable, Equatable {
    /// Seconds east of UTC used.
    public var offset: Int
    /// Whether that offset is daylight-saving time.
    public var daylight: Bool
    /// The wall-clock time never existed (spring-forward gap); it was moved forward by the gap.
    public var inGap: Bool
    /// The wall-clock time happened twice (fall-back overlap); the earlier occurrence was taken.
    public var inOverlap: Bool
  }

  /// The local (wall-clock) span in which `resolveLocal` gives one unambiguous answer, for
  /// callers that cache it: [lower, upper) with its offset and daylight flag.
  public func unambiguousSpan(containing local: Int64) -> (lower: Int64, upper: Int64, offset: Int, daylight: Bool)? {
    var lo = 0
    var hi = localStarts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) >> 1
      if localStarts[mid] <= local { lo = mid } else { hi = mid - 1 }
    }
    // From the end of any overlap with the previous period to the start of any gap or overlap
    // with the next one.
    let lower = lo > 0 ? max(localStarts[lo], starts[lo] + Int64(offsets[lo - 1])) : Int64.min
    let upper = lo + 1 < starts.count ? min(starts[lo + 1] + Int64(offsets[lo]), localStarts[lo + 1]) : Int64.max
    guard local >= lower && local < upper else { return nil }
    return (lower, upper, Int(offsets[lo]), daylight[lo])
  }

  /// Reads local wall-clock seconds (seconds since 1970-01-01T00:00 as if the wall clock were UTC).
  ///
  /// Rule (documented in the README): a time in a spring-forward gap is moved forward by the
  /// length of the gap (it is read with the offset in force before the gap); a time in a
  /// fall-back overlap is the earlier of its two occurrences. Both are flagged.
  @inline(__always)
  public func resolveLocal(_ local: Int64) -> LocalResolution {
    if starts.count == 1 {
      return LocalResolution(offset: Int(offsets[0]), daylight: daylight[0], inGap: false, inOverlap: false)
    }
    var lo = 0
    var hi = localStarts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) >> 1
      if localStarts[mid] <= local { lo = mid } else { hi = mid - 1 }
    }
    let i = lo
    // The previous period's wall clock runs until starts[i] + offsets[i - 1].
    if i > 0 {
      let prevEnd = starts[i] + Int64(offsets[i - 1])
      if local < prevEnd {
        // Overlap: both periods i-1 and i contain this wall-clock time. Take the earlier.
        return LocalResolution(offset: Int(offsets[i - 1]), daylight: daylight[i - 1], inGap: false, inOverlap: true)
      }
    }
    // Gap: the wall-clock time is past the end of period i but before period i+1's local start.
    if i + 1 < starts.count {
      let end = starts[i + 1] + Int64(offsets[i])
      if local >= end {
        return LocalResolution(offset: Int(offsets[i]), daylight: daylight[i], inGap: true, inOverlap: false)
      }
    }
    return LocalResolution(offset: Int(offsets[i]), daylight: daylight[i], inGap: false, inOverlap: false)
  }
}

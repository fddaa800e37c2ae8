/// A calendar date in the proleptic Gregorian calendar, with no zone.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public var day: Int

  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// The date `days` after 1970-01-01.
  public init(daysSinceEpoch days: Int64) {
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    self.year = Int(yoe + era * 400 + (m <= 2 ? 1 : 0))
    self.month = Int(m)
    self.day = Int(d)
  }

  /// Days since 1970-01-01 (negative before it).
  public var daysSinceEpoch: Int64 { CivilDate.days(year: year, month: month, day: day) }

  @inline(__always)
  static func days(year: Int, month: Int, day: Int) -> Int64 {
    // Howard Hinnant's days_from_civil.
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let m = Int64(month)
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// Whether the year is a Gregorian leap year.
  public static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

  /// The number of days in a month of a year.
  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Whether the components name a real day.
  public var isValid: Bool {
    month >= 1 && month <= 12 && day >= 1 && day <= CivilDate.daysIn(month: month, year: year)
  }

  /// Day of week, 0 = Sunday.
  public var weekday: Int { Int((daysSinceEpoch + 4).floorMod(7)) }

  public static func < (a: CivilDate, b: CivilDate) -> Bool {
    (a.year, a.month, a.day) < (b.year, b.month, b.day)
  }

  /// `YYYY-MM-DD`.
  public var description: String {
    TimestampFormatter.pad(year, 4) + "-" + TimestampFormatter.pad(month, 2) + "-" + TimestampFormatter.pad(day, 2)
  }

  /// Parses `YYYY-MM-DD` exactly; nil when it is not a valid date.
  public init?(iso text: some StringProtocol) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { return nil }
    self.init(year: y, month: m, day: d)
    guard isValid else { return nil }
  }
}

/// The unit and origin of a numeric timestamp.
public enum EpochUnit: String, Sendable, CaseIterable {
  case seconds, milliseconds, microseconds, nanoseconds
  /// Seconds since 2001-01-01T00:00:00Z (Apple/Cocoa/Core Data reference date).
  case cocoaSeconds = "cocoa-seconds"
  /// Nanoseconds since 2001-01-01T00:00:00Z (iOS 11+ `sms.db`).
  case cocoaNanoseconds = "cocoa-nanoseconds"

  /// Seconds from the Unix epoch to the Cocoa reference date.
  public static let cocoaOffsetSeconds: Int64 = 978_307_200

  /// The unit a bare integer most likely has, from its number of digits (formats.md §10.3).
  public static func guess(digits: Int) -> EpochUnit? {
    switch digits {
    case 9, 10: .seconds
    case 12, 13: .milliseconds
    case 15, 16: .microseconds
    case 18, 19: .nanoseconds
    default: nil
    }
  }

  var precision: TimePrecision {
    switch self {
    case .seconds, .cocoaSeconds: .second
    case .milliseconds: .millisecond
    case .microseconds, .nanoseconds, .cocoaNanoseconds: .microsecond
    }
  }

  /// Microseconds since the Unix epoch, or nil on overflow.
  func microseconds(_ v: Int64) -> Int64? {
    switch self {
    case .seconds: return v.multipliedReportingOverflow(by: 1_000_000).overflow ? nil : v * 1_000_000
    case .milliseconds: return v.multipliedReportingOverflow(by: 1_000).overflow ? nil : v * 1_000
    case .microseconds: return v
    case .nanoseconds: return v / 1_000
    case .cocoaSeconds:
      let (m, o) = v.multipliedReportingOverflow(by: 1_000_000)
      return o ? nil : m + EpochUnit.cocoaOffsetSeconds * 1_000_000
    case .cocoaNanoseconds: return v / 1_000 + EpochUnit.cocoaOffsetSeconds * 1_000_000
    }
  }
}

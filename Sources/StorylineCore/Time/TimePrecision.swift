/// How exactly a source states a time.
///
/// Ordered from finest to coarsest; the merge puts finer events first among equal instants.
public enum TimePrecision: String, Sendable, Comparable, CaseIterable, Codable {
  case microsecond
  case millisecond
  case second
  case minute
  /// "~12:00", "around 14:30": the time carries an uncertainty window.
  case approximate
  /// A date with no time of day.
  case day

  var rank: Int {
    switch self {
    case .microsecond: 0
    case .millisecond: 1
    case .second: 2
    case .minute: 3
    case .approximate: 4
    case .day: 5
    }
  }

  /// The span an exact reading covers: a minute-precision `11:05` is any time in [11:05, 11:06).
  public var granuleMicroseconds: Int64 {
    switch self {
    case .microsecond: 1
    case .millisecond: 1_000
    case .second: 1_000_000
    case .minute: 60_000_000
    case .approximate: 60_000_000
    case .day: 86_400_000_000
    }
  }

  public static func < (a: TimePrecision, b: TimePrecision) -> Bool { a.rank < b.rank }
}

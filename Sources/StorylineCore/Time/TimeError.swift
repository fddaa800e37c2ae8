/// Why a timestamp could not be placed on the clock.
public enum TimeError: Error, Equatable, Sendable, CustomStringConvertible {
  case noTimestamp
  case invalidDate
  case invalidTime
  case invalidZone
  case unknownZone
  case trailingText
  case yearOutOfRange(Int)
  case epochOutOfRange
  case ambiguousEpoch(digits: Int)
  case placeholderEpoch(Int64)
  case missingYear
  case missingDate

  public var description: String {
    switch self {
    case .noTimestamp: "no timestamp found"
    case .invalidDate: "not a valid calendar date"
    case .invalidTime: "not a valid time of day"
    case .invalidZone: "not a valid UTC offset"
    case .unknownZone: "unknown time zone name"
    case .trailingText: "unexpected text after the timestamp"
    case .yearOutOfRange(let y): "year \(y) is outside 1900–2199"
    case .epochOutOfRange: "epoch value is outside 1900–2199"
    case .ambiguousEpoch(let d): "a \(d)-digit number is not a recognizable epoch value"
    case .placeholderEpoch(let v): "epoch value \(v) is a placeholder, not a time"
    case .missingYear: "the timestamp has no year and the case has no date to take it from"
    case .missingDate: "the timestamp has no date and neither a date heading nor the case gives one"
    }
  }
}

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

  public var description: String { phrase.description }

  /// The error as a catalogue phrase.
  public var phrase: Phrase {
    switch self {
    case .noTimestamp: Phrase("time.no_timestamp", "no timestamp found")
    case .invalidDate: Phrase("time.invalid_date", "not a valid calendar date")
    case .invalidTime: Phrase("time.invalid_time", "not a valid time of day")
    case .invalidZone: Phrase("time.invalid_zone", "not a valid UTC offset")
    case .unknownZone: Phrase("time.unknown_zone", "unknown time zone name")
    case .trailingText: Phrase("time.trailing_text", "unexpected text after the timestamp")
    case .yearOutOfRange(let y): Phrase("time.year_out_of_range", "year {year} is outside 1900–2199", ["year": "\(y)"])
    case .epochOutOfRange: Phrase("time.epoch_out_of_range", "epoch value is outside 1900–2199")
    case .ambiguousEpoch(let d):
      Phrase("time.ambiguous_epoch", "a {digits}-digit number is not a recognizable epoch value", ["digits": "\(d)"])
    case .placeholderEpoch(let v):
      Phrase("time.placeholder_epoch", "epoch value {value} is a placeholder, not a time", ["value": "\(v)"])
    case .missingYear: Phrase("time.missing_year", "the timestamp has no year and the case has no date to take it from")
    case .missingDate:
      Phrase("time.missing_date", "the timestamp has no date and neither a date heading nor the case gives one")
    }
  }

}

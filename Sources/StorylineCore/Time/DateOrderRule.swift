/// What decided whether a source's all-numeric dates put the day or the month first.
public enum DateOrderRule: UInt8, Sendable {
  /// The case's region (`phone_region`).
  case region
  /// The order that puts the source's dates nearest the case date.
  case caseDate
  /// The only order under which the source's dates never run backwards within a year.
  case chronology
  /// The order that puts the source nearest the file's modification time (no case date).
  case fileTime
  /// The only order under which the source's first date is a valid date.
  case onlyReading

  /// The rule as a catalogue key's last part (`correction.rule.case_date`).
  public var key: String {
    switch self {
    case .region: "region"
    case .caseDate: "case_date"
    case .chronology: "chronology"
    case .fileTime: "file_time"
    case .onlyReading: "only_reading"
    }
  }

  /// The rule in words: `the order that puts the source nearest the case date`.
  public var words: String { phrase.description }

  /// The rule as a phrase.
  public var phrase: Phrase {
    switch self {
    case .region: Phrase("date_order.region", "from the case's region")
    case .caseDate: Phrase("date_order.case_date", "the order that puts the source nearest the case date")
    case .chronology:
      Phrase("date_order.chronology", "the only order under which the source's dates never run backwards")
    case .fileTime:
      Phrase("date_order.file_time", "the order that puts the source nearest the file's modification time")
    case .onlyReading:
      Phrase("date_order.only_reading", "the only order under which the source's first date is a valid date")
    }
  }
}

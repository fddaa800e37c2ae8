/// A record a reader could not turn into an event, with why and where.
public struct Rejection: Hashable, Sendable {
  public var path: String
  public var line: Int
  public var record: Int
  /// Why, in English.
  public var reason: String
  /// The same as a catalogue phrase, for a report in another language.
  public var phrase: Phrase?
  /// The start of the record's text, for the reader of the report.
  public var excerpt: String

  public init(path: String, line: Int, record: Int, reason: String, excerpt: String) {
    self.path = path
    self.line = line
    self.record = record
    self.reason = reason
    self.excerpt = excerpt
  }

  public init(path: String, line: Int, record: Int, reason: Phrase, excerpt: String) {
    self.init(path: path, line: line, record: record, reason: reason.description, excerpt: excerpt)
    phrase = reason
  }
}

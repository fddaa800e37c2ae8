/// A record a reader could not turn into an event, with why and where.
public struct Rejection: Hashable, Sendable {
  public var path: String
  public var line: Int
  public var record: Int
  public var reason: String
  /// The start of the record's text, for the reader of the report.
  public var excerpt: String

  public init(path: String, line: Int, record: Int, reason: String, excerpt: String) {
    self.path = path
    self.line = line
    self.record = record
    self.reason = reason
    self.excerpt = excerpt
  }
}

import StorylineCore

/// A run of log records of the same shape from one source, condensed into one timeline entry.
public struct LogBurst: Sendable {
  /// `b1`, `b2` … in timeline order.
  public var id: String
  public var sourceIndex: Int
  /// The message with numbers, ids and addresses masked (`<*>`).
  public var template: String
  public var count: Int
  /// Who or what every record of the run came from, when it is the same for all.
  public var from: Party?
  /// The first and last records of the run: their times and evidence.
  public var first: Event
  public var last: Event
  /// The most severe severity among the records.
  public var severity: Severity?
}

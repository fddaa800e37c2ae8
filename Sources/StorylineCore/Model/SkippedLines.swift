/// Lines of a source that are no record and belong to none, counted for one reason: a log's
/// buffer markers or directives, the lines that continue a rejected record. Nothing is lost
/// silently: every non-blank line is in a record, a rejection, or one of these counts.
public struct SkippedLines: Sendable, Equatable {
  /// Why the lines were not read: `logcat buffer marker (--------- beginning of …)`.
  public var reason: String
  public var count: Int
  public var firstLine: Int
  public var lastLine: Int

  public init(reason: String, count: Int, firstLine: Int, lastLine: Int) {
    self.reason = reason
    self.count = count
    self.firstLine = firstLine
    self.lastLine = lastLine
  }

  /// The first line of a count.
  public init(reason: String, line: Int) {
    self.init(reason: reason, count: 1, firstLine: line, lastLine: line)
  }

  /// Counts one more line.
  public mutating func add(line: Int) {
    count += 1
    firstLine = min(firstLine, line)
    lastLine = max(lastLine, line)
  }

  /// One line: `3 lines not read: logcat buffer marker (…) (lines 1–212)`.
  public var summary: String {
    let lines = firstLine == lastLine ? "line \(firstLine)" : "lines \(firstLine)–\(lastLine)"
    return "\(count) line\(count == 1 ? "" : "s") not read: \(reason) (\(lines))"
  }
}

/// A problem in a case file, with the line (and column) it is on.
public struct CaseFileError: Error, Equatable, Sendable, CustomStringConvertible {
  public var path: String
  public var line: Int
  public var column: Int
  public var message: String

  public init(path: String, line: Int, column: Int = 0, _ message: String) {
    self.path = path
    self.line = line
    self.column = column
    self.message = message
  }

  /// `case.yml:12:3: error: message`
  public var description: String {
    if line == 0 { return "\(path): error: \(message)" }
    return column > 0 ? "\(path):\(line):\(column): error: \(message)" : "\(path):\(line): error: \(message)"
  }
}

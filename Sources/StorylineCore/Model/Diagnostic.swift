/// A warning or error about the evidence, printed as `path:line: warning: message`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
  public enum Level: String, Sendable { case warning, error }

  public var level: Level
  public var path: String
  /// The line it concerns, 0 for the whole file.
  public var line: Int
  /// The column on that line, 0 when not known.
  public var column: Int
  public var message: String

  public init(_ level: Level, path: String, line: Int, column: Int = 0, _ message: String) {
    self.level = level
    self.path = path
    self.line = line
    self.column = column
    self.message = message
  }

  /// `path:line:column: level: message`, leaving out what is not known.
  public var description: String {
    var at = path
    if line > 0 { at += ":\(line)" }
    if line > 0 && column > 0 { at += ":\(column)" }
    return "\(at): \(level.rawValue): \(message)"
  }
}

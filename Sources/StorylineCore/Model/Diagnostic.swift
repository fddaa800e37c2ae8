/// A warning or error about the evidence, printed as `path:line: warning: message`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
  public enum Level: String, Sendable { case warning, error }

  public var level: Level
  public var path: String
  /// The line it concerns, 0 for the whole file.
  public var line: Int
  /// The column on that line, 0 when not known.
  public var column: Int
  /// In English.
  public var message: String
  /// The same as a catalogue phrase, for a report in another language; nil for the messages
  /// that only the terminal shows.
  public var phrase: Phrase?

  public init(_ level: Level, path: String, line: Int, column: Int = 0, _ message: String) {
    self.level = level
    self.path = path
    self.line = line
    self.column = column
    self.message = message
  }

  public init(_ level: Level, path: String, line: Int, column: Int = 0, _ phrase: Phrase) {
    self.init(level, path: path, line: line, column: column, phrase.description)
    self.phrase = phrase
  }

  /// `path:line:column: level: message`, leaving out what is not known.
  public var description: String { "\(location): \(level.rawValue): \(message)" }

  /// `path:line:column`, leaving out what is not known.
  public var location: String {
    var at = path
    if line > 0 { at += ":\(line)" }
    if line > 0 && column > 0 { at += ":\(column)" }
    return at
  }
}

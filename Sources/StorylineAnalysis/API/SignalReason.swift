import StorylineLocale

/// Why an event signals a fault, a recovery or a resolution, as a catalogue key and its values
/// (`reason.server_state`, `state: FAILED`): the words are the report's language's.
public struct SignalReason: Sendable, Equatable {
  public var key: String
  public var args: [String: String]

  init(_ key: String, _ args: [String: String] = [:]) {
    self.key = key
    self.args = args
  }

  /// In words: `server state changed to FAILED`, `服务器状态变为 FAILED`.
  public func text(in language: Language = .english) -> String { language.text(key, args) }
}

import StorylineCore

/// When one person of the case learned of the incident, from whom and how.
public struct PersonKnowledge: Sendable {
  public var id: String
  /// When they learned (nil: never, in the evidence).
  public var knewAt: Instant?
  public var precision: TimePrecision?
  public var uncertaintyMicros: Int64
  /// Who told them (nil for the people who detected it).
  public var from: String?
  /// The channel: call, sms, chat, email, in_person, meeting, message, or `detection`.
  public var via: String?
  public var eventID: String?
  public var citation: String?
  /// They initiated the communication that told them: they pulled the news, nobody pushed it.
  public var asked: Bool
  /// Attempts to reach them after detection and before they knew.
  public var attempts: [Attempt]
  /// They knew before the incident's start (possible when the case file's times say so).
  public var alreadyKnew: Bool
}

import StorylineCore

/// A communication that did not get through: a missed, rejected or unconnected call, a failed or
/// unsent message. It passes no news; it is recorded against the person it tried to reach.
public struct Attempt: Sendable {
  public var eventID: String
  public var instant: Instant
  public var kind: EventKind
  public var outcome: Outcome
  public var from: String
  public var to: [String]
  public var citation: String
  /// It happened before the incident started: context, not an escalation.
  public var beforeStart: Bool
}

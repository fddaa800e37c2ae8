import StorylineCore

/// How one escalation step of the policy went.
public struct StepResult: Sendable {
  public enum Status: String, Sendable {
    case onTime = "on_time"
    case late
    /// Only failed attempts reached the step's people before the end of the evidence.
    case attempted
    case never
  }

  public var notify: [String]
  public var require: String
  public var withinMicros: Int64
  public var withinText: String
  public var deadline: Instant
  public var reachedAt: Instant?
  /// The first person of the step to know (with `require: all`, the last).
  public var reachedBy: String?
  public var status: Status
  public var lateByMicros: Int64?
  /// People of the step never reached.
  public var missing: [String]
  /// An approximate time decides the status: its window straddles the deadline.
  public var uncertain: Bool
  public var eventID: String?
  public var citation: String?
}

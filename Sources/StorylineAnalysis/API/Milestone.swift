import StorylineCore

/// A point of the incident (started, detected, mitigated, resolved) and where it came from.
public struct Milestone: Sendable {
  public enum Origin: String, Sendable {
    /// Given by the case file's `incident:` section.
    case caseFile = "case"
    /// Found in the evidence.
    case evidence
  }

  public var instant: Instant
  public var precision: TimePrecision
  public var uncertaintyMicros: Int64
  public var origin: Origin
  /// The event it came from (nil when from the case file).
  public var eventID: String?
  public var citation: String?
  /// Why this event: "first log record of severity error", "server state RUNNING", …
  public var reason: String
}

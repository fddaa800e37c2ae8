/// Durations measured from the incident's start, in microseconds (nil when a milestone is unknown).
public struct IncidentMetrics: Sendable {
  /// `detected` − `started`.
  public var timeToDetect: Int64?
  /// First communication that passed the news beyond the detecting people − `started`.
  public var timeToFirstEscalation: Int64?
  /// `mitigated` − `started`.
  public var timeToMitigate: Int64?
  /// `resolved` − `started`.
  public var timeToResolve: Int64?
  /// (`resolved`, else the end of the evidence) − `started`.
  public var duration: Int64?
}

import StorylineCore

/// What the paging services did: who was paged how often and by which channels, who
/// acknowledged and how long it took (time to acknowledge, TTA), escalations by timeout, and the
/// policy's steps as paging saw them. Nil in a report whose evidence holds no page.
public struct PagingSummary: Sendable {
  /// One person the services paged.
  public struct Person: Sendable {
    public var id: String
    /// The paging services that paged them (`PagerDuty`).
    public var services: [String]
    public var pages: Int
    /// The channels, in the order first used (`sms`, `push`, `phone`, `email`).
    public var channels: [String]
    public var firstPage: Instant
    public var lastPage: Instant
    /// Their first acknowledgement at or after their first page, nil when they never did.
    public var acknowledgedAt: Instant?
    /// The acknowledgement was a view (Opsgenie's `Viewed on …`): they saw it.
    public var viewed = false
    /// Acknowledged minus first page.
    public var ttaMicros: Int64? { acknowledgedAt.map { $0 - firstPage } }
    /// The first page's evidence, and the acknowledgement's.
    public var citations: [String]
  }

  /// A step of the policy as paging saw it.
  public struct Step: Sendable {
    /// 1-based, as in the findings.
    public var step: Int
    /// The first page to any of the step's people, and the first acknowledgement by one of them after it.
    public var firstPage: Instant?
    public var acknowledgedAt: Instant?
    public var ttaMicros: Int64? {
      guard let p = firstPage, let a = acknowledgedAt else { return nil }
      return a - p
    }
    /// The step's people never paged, though nobody had acknowledged when the step was due.
    public var notPaged: [String]
    /// When the step's people were due to be paged (the start for the first step, the previous
    /// step's deadline for the others).
    public var dueAt: Instant?
  }

  /// An escalation by the service (`escalate_log_entry`).
  public struct Escalation: Sendable {
    public var instant: Instant
    public var text: String
    /// Escalated because nobody acknowledged in time (PagerDuty's channel `timeout`).
    public var byTimeout: Bool
    public var citation: String
  }

  public var people: [Person]
  public var steps: [Step]
  public var escalations: [Escalation]
  /// The first page of the incident, the first acknowledgement after it, and between them the
  /// incident's time to acknowledge.
  public var firstPage: Instant
  public var firstAcknowledgement: Instant?
  public var ttaMicros: Int64? { firstAcknowledgement.map { $0 - firstPage } }
}

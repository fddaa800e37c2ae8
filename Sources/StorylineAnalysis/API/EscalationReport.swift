import StorylineCore

/// Who knew what, when, from whom — measured against the case's escalation policy.
public struct EscalationReport: Sendable {
  public var started: Milestone?
  public var detected: Milestone?
  public var mitigated: Milestone?
  public var resolved: Milestone?
  public var metrics: IncidentMetrics
  public var steps: [StepResult]
  /// Every person of the case, in the case file's order.
  public var people: [PersonKnowledge]
  public var silences: [Silence]
  /// Every attempt that did not get through, before or during the incident.
  public var failedAttempts: [Attempt]
  /// The policy a paging service ran (the case's `paging_policy`), and how its rules went —
  /// measured like ``steps``, shown beside them.
  public var pagingPolicy: PagingPolicy? = nil
  public var pagingPolicySteps: [StepResult] = []
  /// What the paging services did (nil when no page is in the evidence).
  public var paging: PagingSummary? = nil
  /// The findings, most serious first.
  public var findings: [Finding]
  /// The case author's summary, impact, root cause, actions and sections.
  public var narrative = Narrative()

  /// Whether any step is late, only attempted, or never reached.
  public var hasGaps: Bool { steps.contains { $0.status != .onTime } }
}

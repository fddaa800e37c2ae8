/// The escalation policy a paging service ran (`paging_policy: {pagerduty: policy.json}`), read
/// as Storyline's steps and measured beside the case's own policy.
public struct PagingPolicy: Sendable {
  /// The service (`PagerDuty`) and the policy's name there.
  public var service: String
  public var name: String
  /// How many times the service runs the rules again after the last (`num_loops`): shown, not
  /// modelled (looping pages people the rules already named).
  public var loops: Int
  public var steps: [CaseFile.EscalationStep]

  public init(service: String, name: String, loops: Int, steps: [CaseFile.EscalationStep]) {
    self.service = service
    self.name = name
    self.loops = loops
    self.steps = steps
  }
}

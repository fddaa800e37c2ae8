/// Who a report is for: what it shows, and what is redacted by default.
public enum Audience: String, Sendable, CaseIterable {
  /// The customer or system owner: findings, milestones, metrics, the escalation table and a
  /// condensed timeline; no message bodies or raw log lines; numbers and e-mail addresses masked.
  case owner
  /// The team's blameless retrospective: every detail, stated as facts.
  case team
  /// The compliance archive: everything, with full provenance, source hashes and every
  /// correction applied to each time.
  case archive

  /// The redaction this audience always gets.
  public var defaultRedaction: Redaction {
    self == .owner ? [.numbers, .emails, .bodies] : []
  }
}

import StorylineAnalysis
import StorylineCore

/// Prepares what every renderer reads: the timeline and, with a case, its escalation analysis,
/// with the redaction applied in the one order that lets nothing through — names before the
/// analysis (its findings then name roles), numbers, e-mail addresses and bodies after it.
public enum ReportInput {
  /// The timeline and its escalation analysis (nil without a case), redacted.
  public static func prepare(
    case c: CaseFile?, timeline: Timeline, redaction: Redaction
  ) -> (timeline: Timeline, escalation: EscalationReport?) {
    var t = timeline
    var k = c
    if redaction.contains(.names) { Redactor.redactNames(case: &k, timeline: &t) }
    var escalation = k.map { EscalationAnalyzer.analyze(t, case: $0) }
    Redactor.redactContent(&t, &escalation, redaction)
    return (t, escalation)
  }
}

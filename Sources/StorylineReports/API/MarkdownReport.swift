import StorylineAnalysis
import StorylineCore

/// Renders a timeline as Markdown: title, summary, with a case file the findings, milestones,
/// escalation, who knew when, silences and failed attempts, then the sources and the timeline in
/// the case's local time, one table per day, each row citing its evidence (`file:line`), log
/// bursts condensed. Rendered from the shipped Mustache template (``TemplateReport``).
public enum MarkdownReport {
  /// The report for an audience (team by default).
  public static func render(
    _ t: Timeline, escalation: EscalationReport? = nil, audience: Audience = .team, redaction: Redaction = []
  ) -> String {
    // The shipped template parses: a failure here is a defect of the tool, not of the input.
    try! TemplateReport.render(t, escalation: escalation, kind: .markdown, audience: audience, redaction: redaction)
  }
}

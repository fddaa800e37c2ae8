import Foundation
import Mustache
import StorylineAnalysis
import StorylineCore

/// Renders the Markdown and HTML reports from Mustache templates: the ones shipped with the tool,
/// or a team's own (`--template FILE`), which see the same keys.
public enum TemplateReport {
  /// Which report a template renders.
  public enum Kind: String, Sendable, CaseIterable {
    case markdown, html
  }

  /// A template that does not parse.
  public struct TemplateError: Error, CustomStringConvertible {
    public var description: String
  }

  /// The template shipped with the tool.
  public static func defaultTemplate(_ kind: Kind) -> String {
    switch kind {
    case .markdown: MarkdownTemplate.text
    case .html: HTMLTemplate.text
    }
  }

  /// Registers the content types templates use: `MARKDOWN` (escaped for table cells) and `HTML`
  /// (``HTMLText``'s escaping, in place of Mustache's), besides Mustache's `TEXT`.
  private static let registered: Bool = {
    MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    MustacheContentTypes.register(HTMLContentType(), named: "HTML")
    return true
  }()

  /// The report. `template` is the template's text (the default when nil); a custom template
  /// without a `CONTENT_TYPE` pragma is escaped as its kind requires.
  public static func render(
    _ t: Timeline, escalation: EscalationReport?, kind: Kind, audience: Audience = .team,
    redaction: Redaction = [], template: String? = nil
  ) throws -> String {
    try render(
      t, digest: TimelineDigest.of(t), escalation: escalation, kind: kind, audience: audience, redaction: redaction,
      template: template)
  }

  /// The report of a timeline whose events were streamed into `digest` (`t`'s events are not read).
  /// `page`: the running header and footer of each printed page (for a PDF), HTML only.
  public static func render(
    _ t: Timeline, digest: TimelineDigest, escalation: EscalationReport?, kind: Kind, audience: Audience = .team,
    redaction: Redaction = [], template: String? = nil, page: PrintedPage? = nil
  ) throws -> String {
    _ = registered
    var text = template ?? defaultTemplate(kind)
    if !text.hasPrefix("{{%") {
      text = (kind == .markdown ? "{{% CONTENT_TYPE: MARKDOWN}}\n" : "{{% CONTENT_TYPE: HTML}}\n") + text
    }
    let parsed: MustacheTemplate
    do {
      parsed = try MustacheTemplate(string: text)
    } catch {
      throw TemplateError(description: "the template does not parse: \(error)")
    }
    let model = ReportModel(t, digest: digest, escalation: escalation, audience: audience, redaction: redaction)
    var context = model.context
    if kind == .html { context.merge(HTMLParts.build(model, page: page)) { $1 } }
    return parsed.render(context)
  }

  /// A shipped template (which holds its content-type pragma) rendered with `context`.
  static func render(_ shipped: String, context: [String: Any]) -> String {
    _ = registered
    // The shipped templates parse (a test renders each).
    return try! MustacheTemplate(string: shipped).render(context)
  }
}

/// Markdown table-cell escaping as a Mustache content type.
struct MarkdownContentType: MustacheContentType {
  func escapeText(_ text: String) -> String { MarkdownText.cell(text) }
}

import Crypto
import Foundation
import StorylineCore
import StorylineLocale
import StorylineReports

/// A report as a PDF: the HTML report printed with the case's title on every page and, in the
/// footer, the SHA-256 of the HTML report it prints and the evidence's last time (not the
/// clock's: the same evidence prints the same bytes).
public struct PrintedReport {
  public let pdf: Data
  /// The SHA-256 of the HTML report (as `--format html` writes it), lower-case hex.
  public let htmlSHA256: String

  /// `html`: the HTML report as rendered for `audience` (with `template`, if one was given).
  public init(
    html: String, report: StreamedReport, audience: Audience, template: String? = nil, printer: PDFPrinter
  ) throws {
    htmlSHA256 = SHA256.hash(data: Data(html.utf8)).map { String(format: "%02x", $0) }.joined()
    let t = report.timeline
    let last = report.digest.lastMoment?.instant ?? Instant(microseconds: 0)
    let l = Language.named(t.language) ?? .english
    let evidence =
      report.digest.lastMoment == nil
      ? l.text("print.no_events")
      : l.text("print.evidence_to", ["time": TimestampFormatter.local(last, in: t.zone)])
    let page = PrintedPage(
      header: t.title,
      footer: l.text(
        "print.footer",
        ["audience": l.text("model.audience.\(audience.rawValue)"), "sha": htmlSHA256, "evidence": evidence]),
      numbering: (l.text("print.page_before"), l.text("print.page_middle"), l.text("print.page_after")))
    let printable = try TemplateReport.render(
      t, digest: report.digest, escalation: report.escalation, kind: .html, audience: audience,
      redaction: report.redaction, template: template, page: page)
    pdf = try printer.print(html: printable, created: last)
  }
}

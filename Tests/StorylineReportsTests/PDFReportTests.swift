import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineCore
@testable import StorylinePipeline
@testable import StorylineReports

/// `--format pdf` (#17): the HTML report printed by a headless Chromium — A4, its title and
/// language set, the same bytes from the same evidence, a clear error without a browser.
@Suite("PDF")
struct PDFReportTests {
  @Test(.chromium) func theOwnerReportPrintsToTheSameA4PDFEveryTime() throws {
    let dir = scratchDirectory() + "storyline-pdf-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for n in [1, 2] {
      let r = try storyline(
        ["build", "fixtures/system-e", "--format", "pdf", "--audience", "owner", "-o", "\(dir)/\(n).pdf"])
      #expect(r.status == 0 && r.out.isEmpty)
    }
    let pdf = try Data(contentsOf: URL(fileURLWithPath: dir + "/1.pdf"))
    #expect(pdf == (try Data(contentsOf: URL(fileURLWithPath: dir + "/2.pdf"))))  // deterministic
    let text = String(decoding: pdf, as: UTF8.self)
    #expect(text.hasPrefix("%PDF-") && text.contains("%%EOF"))
    #expect(text.contains("/Title (System E launch outage)") && text.contains("/Lang (en)"))
    // Its dates are the evidence's last time (17:42:10 in Shanghai), not the clock's.
    #expect(text.contains("/CreationDate (D:20080922094210+00'00')") && text.contains("/ModDate (D:20080922094210"))
    // A4 pages: 210 × 297 mm = 595.28 × 841.89 points (Chromium writes 594.96 × 841.92).
    let pages = text.components(separatedBy: "/MediaBox [0 0 594.95996 841.91998]").count - 1
    #expect(text.components(separatedBy: "<</Type /Page\n").count - 1 == pages)
    // The owner's print is a formal report of one or two pages: no chart, event table, sources,
    // internal escalation tables, silences, failed attempts or evidence paths (all in the HTML it
    // prints), no page per section — 2 pages for System E.
    #expect(pages == 2, "\(pages) pages")
  }

  @Test func withoutABrowserItSaysSoAndWritesNothing() throws {
    let out = scratchDirectory() + "storyline-nopdf-\(UUID().uuidString).pdf"
    let r = try storyline(
      ["build", "fixtures/system-e", "--format", "pdf", "-o", out], environment: ["PATH": "/nonexistent"])
    #expect(r.status == 1)
    #expect(
      r.err.hasSuffix(
        "error: --format pdf needs a headless Chromium, and none was found on PATH (looked for chromium, "
          + "chromium-browser, google-chrome, google-chrome-stable): install one (Debian: apt install chromium) or give "
          + "--chromium PATH\n"))
    #expect(!FileManager.default.fileExists(atPath: out))
    let wrong = try storyline(["build", "fixtures/system-e", "--format", "json", "--chromium", "/bin/true"])
    #expect(wrong.status == 64 && wrong.err.contains("--chromium applies to --format pdf"))
  }

  /// The running header and footer are CSS strings inside the report's style element: nothing
  /// in a case title can end the string, the rule or the element.
  @Test func pageTextsCannotLeaveTheirCSSString() {
    #expect(PrintedPage.string("a\"b\\c</style><script>") == "\"a\\22 b\\5c c\\3c /style\\3e \\3c script\\3e \"")
    #expect(PrintedPage.string("line\nbreak\u{202E}") == "\"line break \"")
  }

  /// The print's own dates are set digit for digit: the file keeps its length.
  @Test func theDatesAreRewrittenInPlace() {
    var d = Data("<< /CreationDate (D:20261201084419+00'00')\n/ModDate (D:20261201084419+00'00') >>".utf8)
    let n = d.count
    PDFPrinter.setDates(&d, to: Instant(microseconds: 1_222_076_530_000_000))
    #expect(
      String(decoding: d, as: UTF8.self)
        == "<< /CreationDate (D:20080922094210+00'00')\n/ModDate (D:20080922094210+00'00') >>" && d.count == n)
  }
}

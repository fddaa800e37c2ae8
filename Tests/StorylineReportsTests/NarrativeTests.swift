import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineAnalysis
@testable import StorylineCore
@testable import StorylinePipeline
@testable import StorylineReports

/// The case author's narrative (#17): where each audience shows it, and escaped like evidence.
@Suite("Narrative")
struct NarrativeTests {
  @Test func theOwnerGetsSummaryImpactAndActionsTheTeamEverything() throws {
    let owner = try render(.markdown, .owner)
    let team = try render(.markdown, .team)
    let archive = try render(.markdown, .archive)
    for r in [owner, team, archive] {
      // The report leads with the summary, before the evidence's own summary line.
      #expect(r.hasPrefix("# System E launch outage\n\n## Summary\n\nSystem E (WebLogic) went down again"))
      #expect(r.contains("\n## Impact\n\n**Affected:** System E's ticket processing"))
      #expect(
        r.contains(
          "| Tell the system owner about the outage and what is being done | Delivery director | 2008-09-23 | open |"))
    }
    #expect(!owner.contains("## Root cause") && !owner.contains("## Lessons"))
    for r in [team, archive] {
      #expect(r.contains("## Root cause\n\nThe server: every stuck thread waited on the `TicketSequence.next`"))
      #expect(r.contains("had **no defined fault escalation process** and no path"))
      #expect(
        r.contains("## Lessons\n\n- A fault during lunch was luck, not safety: the next one may come at the peak.\n- "))
    }
    let html = try render(.html, .team)
    #expect(
      html.contains(
        "<h2>Root cause</h2>\n<p>The server: every stuck thread waited on the <code>TicketSequence.next</code>"))
    #expect(html.contains("<tr class=\"action in_progress\"><td>Define a fault escalation process"))
    #expect(html.contains("<h2>Lessons</h2>\n<ul><li>A fault during lunch was luck, not safety"))
    #expect(!(try render(.html, .owner)).contains("<h2>Root cause</h2>"))
  }

  /// Text, never markup: tags, links, images, escapes and bidi overrides come out inert.
  @Test func narrativeTextIsEscapedLikeEvidence() {
    let hostile =
      "Hi <script>alert(1)</script> [x](javascript:alert(1)) ![i](http://x/i.png) \u{1B}[31m\u{202E}evil & \"q\"\n"
      + "\n- **bold <b>** and `<code>` and *em*\n- second\n\n# Heading <i>\n\n3. third"
    let html = NarrativeText.html(hostile)
    #expect(
      html
        == "<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) ![i](http://x/i.png) \u{FFFD}[31m\u{FFFD}evil &amp; &quot;q&quot;</p>\n"
        + "<ul><li><strong>bold &lt;b&gt;</strong> and <code>&lt;code&gt;</code> and <em>em</em></li><li>second</li></ul>\n"
        + "<h4>Heading &lt;i&gt;</h4>\n<ol><li>third</li></ol>")
    let md = NarrativeText.markdown(hostile)
    #expect(
      md
        == "Hi &lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](javascript:alert(1)) !\\[i\\](http://x/i.png) \u{FFFD}\\[31m\u{FFFD}evil &amp; \"q\"\n\n"
        + "- **bold &lt;b&gt;** and `<code>` and *em*\n- second\n\n#### Heading &lt;i&gt;\n\n1. third")
    // An unclosed marker is text.
    #expect(NarrativeText.html("2 * 3 and a_b") == "<p>2 * 3 and a_b</p>")
  }
}

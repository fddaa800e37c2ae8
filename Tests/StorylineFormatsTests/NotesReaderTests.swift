import StorylineTestSupport
import Testing

@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

@Suite("Notes reader")
struct NotesReaderTests {
  @Test func headingsEntriesActorsAndContinuations() throws {
    let path = temporaryFile(
      "notes.md",
      """
      # My notes

      ## Monday, 22 September 2008

      - 11:01 cdw -> me (sms): sessions now 126
      - ~12:00 The system went down again.
        Lunch break, few users.

      - about 2:30 pm z -> dy, f (call): asked the architecture group
      **16:00** pm-a: told the director
      11:40 pm-a -> me (call, missed): no answer
      ## 23/09/2008
      noon me -> pm-a (in person): review
      09:00:05 me -> owner (carrier pigeon): hello
      """)
    let r = try readAll(path, people: referencePeople + [Person(id: "owner")], owner: "director")
    #expect(r.summary.format == "notes")
    #expect(r.summary.records == 7)
    let e = r.events
    #expect(
      e.map(\.utc) == [
        "2008-09-22T03:01:00Z", "2008-09-22T04:00:00Z", "2008-09-22T06:30:00Z", "2008-09-22T08:00:00Z",
        "2008-09-22T03:40:00Z", "2008-09-23T04:00:00Z", "2008-09-23T01:00:05Z",
      ])
    #expect(e.map(\.source.line) == [5, 6, 9, 10, 11, 13, 14])
    #expect(
      e[0].kind == .sms && e[0].from?.person == "cdw" && e[0].to.map(\.display) == ["director"]
        && e[0].text == "sessions now 126")
    #expect(e[1].kind == .note && e[1].precision == .approximate && e[1].from?.person == "director")
    #expect(e[1].text == "The system went down again.\n  Lunch break, few users.")
    #expect(e[2].kind == .call && e[2].to.map(\.display) == ["dy", "f"] && e[2].source.originalTime == "about 2:30 pm")
    #expect(e[3].kind == .note && e[3].from?.person == "pm-a" && e[3].text == "told the director")
    #expect(e[4].outcome == .missed && e[4].from?.person == "pm-a")
    #expect(e[5].kind == .inPerson && e[5].source.corrections.contains { $0.detail.contains("heading at line 12") })
    #expect(e[6].kind == .message && e[6].precision == .second)
    #expect(
      r.summary.warnings.map(\.description).contains { $0.contains(":14: warning: unknown channel 'carrier pigeon'") })
  }

  @Test(arguments: [
    "## 2008-09-22", "## Monday, 22 September 2008", "## Sep 22, 2008", "## 22/09/2008", "22 September 2008",
    "Monday 22 September 2008:", "22/09/2008 System E go-live", "**Sep 22, 2008**",
  ])
  func dateHeadingForms(heading: String) throws {
    let path = temporaryFile("n.md", "\(heading)\n\n10:00 something\n")
    let r = try readAll(path, date: "2000-01-01")
    #expect(r.events.map(\.utc) == ["2008-09-22T02:00:00Z"])
  }

  @Test func ambiguousHeadingOrderFollowsTheRegionAndIsRecorded() throws {
    let path = temporaryFile("n.md", "## 03/09/2008\n\n10:00 something\n")
    let cn = try readAll(path, region: "CN")
    #expect(cn.events.map(\.utc) == ["2008-09-03T02:00:00Z"])
    #expect(cn.summary.warnings.first?.message.contains("read day first as 2008-09-03") == true)
    let us = try readAll(path, region: "US")
    #expect(us.events.map(\.utc) == ["2008-03-09T02:00:00Z"])
  }

  @Test func meMeansTheNotebooksOwner() throws {
    let path = temporaryFile("pm.txt", "12:30 me -> z (call): reported the outage\n")
    let r = try readAll(path, people: referencePeople, owner: "pm-a")
    #expect(r.events.first?.from?.person == "pm-a")
  }

  @Test func pmIsNotAMeridiemWhenItStartsAName() throws {
    let path = temporaryFile("n.txt", "11:40 pm-a -> me (call): data collected\n")
    let r = try readAll(path, people: referencePeople, owner: "director")
    #expect(r.events.map(\.utc) == ["2008-09-22T03:40:00Z"])
  }

  @Test func badTimesAreRejectedWithTheirLine() throws {
    let path = temporaryFile("n.txt", "Intro line\n10:00 fine\n25:61 impossible\n")
    let r = try readAll(path)
    #expect(r.events.count == 1)
    #expect(r.summary.records == 2)
    #expect(r.summary.rejected.map(\.line) == [3])
    #expect(r.summary.rejected.first?.reason == "timestamp '25:61': not a valid time of day")
    #expect(
      r.summary.warnings.first?.description.hasSuffix(
        "n.txt:1: warning: 1 line of text with no time (line 1) is not on the timeline") == true)
  }

  @Test func numbersThatAreNotTimesContinueTheEntry() throws {
    let path = temporaryFile("n.txt", "10:00 counts\n126 sessions\n2 people called\n")
    let r = try readAll(path)
    #expect(r.events.map(\.text) == ["counts\n126 sessions\n2 people called"])
  }
}

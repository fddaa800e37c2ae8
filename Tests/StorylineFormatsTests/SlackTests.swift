import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

@Suite("Slack")
struct SlackTests {
  static var dir: String { TestPaths.root + "/fixtures/slack" }

  @Test(arguments: ["ops-export", "ops-export.zip"])
  func anExportWithAThreadAndAnEdit(path: String) throws {
    let people = [Person(id: "dana", name: "Dana Ops"), Person(id: "sam", name: "Sam Manager")]
    let r = try readAll(Self.dir + "/" + path, zone: "UTC", region: "US", people: people)
    #expect(r.summary.format == "slack")
    #expect(r.summary.records == 4)
    #expect(
      r.events.map(\.source.originalTime) == [
        "1704189000.000100", "1704189600.001200", "1704189660.002300", "1704189900.000400",
      ])
    #expect(r.events[1].instant == Instant(seconds: 1_704_189_600, microseconds: 1_200))
    #expect(r.events[0].kind == .system && r.events[0].from?.person == "sam")
    let failover = r.events[1]
    #expect(failover.from?.person == "dana" && failover.to.map(\.display) == ["Lee Net", "sam"])
    #expect(failover.text == "@here db1 failover started & writes paused")
    #expect(r.events[2].text == "@Dana Ops replica lag is 0, see the dashboard")
    #expect(r.events[2].attributes.contains { $0 == ("thread_ts", "1704189600.001200") })
    #expect(r.events[3].attributes.contains { $0 == ("edited", "1704189910.000000") })
  }

  @Test func aFolderGivenToBuildIsOneSource() throws {
    let out = TimelineBuilder.build(paths: [Self.dir + "/ops-export"], options: .init())
    #expect(out.timeline.sources.map(\.format) == ["slack"])
    #expect(out.timeline.sources.first?.sha256.count == 64)
    #expect(out.timeline.events.count == 4)
  }
}

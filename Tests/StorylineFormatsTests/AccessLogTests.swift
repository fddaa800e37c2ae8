import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

@Suite("Access logs")
struct AccessLogTests {
  @Test(.realData) func plasosMixedLog() throws {
    let real = try #require(TestPaths.realData)
    let r = try readAll(real + "/plaso/apache_access.log", zone: "UTC")
    #expect(r.summary.format == "access-log")
    #expect(r.events.count == 14 && r.summary.rejected.map(\.line) == [8])
    #expect(r.events[0].utc == "2016-01-13T19:31:16Z")
    // +0200: 19:31:20 local is 17:31:20Z, before entry 0.
    #expect(r.events[4].utc == "2016-01-13T17:31:20Z" && r.events[4].instant < r.events[0].instant)
    #expect(r.events[13].utc == "2019-11-16T07:46:42Z")
    #expect(r.events[13].attributes.contains { $0 == ("user", "pyllyukko@EXAMPLE.COM") })
    #expect(r.events[7].attributes.contains { $0 == ("vhost", "plaso.log2timeline.net:443") })
    // A raw quote inside the request does not end it.
    #expect(
      r.events[11].text.hasPrefix(
        "GET /aaaa.xxxx/SomeText?action=edit&template=<script>alert(\"text\")</script> HTTP/1.0 404"))
    #expect(r.events[11].severity == .warning)
  }

  @Test(.realData) func lnavsCombinedLog() throws {
    let real = try #require(TestPaths.realData)
    let r = try readAll(real + "/lnav/logfile_access_log.0", zone: "UTC")
    #expect(r.events.map(\.utc) == ["2009-07-20T22:59:26Z", "2009-07-20T22:59:29Z", "2009-07-20T22:59:29Z"])
    #expect(r.events[0].attributes.contains { $0 == ("user_agent", "gPXE/0.9.7") })
  }
}

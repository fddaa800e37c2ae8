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

/// Records whose stated time runs backwards in their file (#14): ordered by their time, each
/// moved one flagged with the line it came after.
@Suite("Out of file order")
struct OutOfFileOrderTests {
  @Test(.realData) func plasosMixedLogFlagsEveryMovedRecord() throws {
    let real = try #require(TestPaths.realData)
    let t = TimelineBuilder.build(paths: [real + "/plaso/apache_access.log"], options: .init(timezone: .utc)).timeline
    // INDEX.md: entry 4 (line 5, 17:31:20Z) sorts before entry 0; lines 6 and 7 are from 2015,
    // line 12 from 2018 before line 11's, line 15 before line 14's.
    let moved = t.events.filter { $0.source.corrections.contains { $0.kind == "out_of_file_order" } }
    #expect(moved.map(\.source.line) == [6, 7, 5, 12, 15])
    #expect(
      moved.first?.source.corrections.first { $0.kind == "out_of_file_order" }?.detail
        == "its time is before that of line 4, above it in the file: placed by its time")
    #expect(t.events.map(\.source.line) == [6, 7, 5, 1, 2, 3, 4, 12, 9, 10, 11, 15, 13, 14])
  }

  /// Fuzzing found (Fuzz/crashes/access-log, this session): a line ending `"a" "` — a referrer
  /// and one lone quote — crashed the tokenizer building the agent's range backwards. It is not a
  /// whole request: rejected with the line; the records around it stand.
  @Test func aLoneQuoteAfterTheReferrerIsRejectedNotACrash() throws {
    let good = "10.0.0.1 - - [22/Sep/2008:11:56:31 +0800] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl\"\n"
    let path = temporaryFile(
      "access.log", good + "10.0.0.1 - - [22/Sep/2008:11:56:32 +0800] \"GET / HTTP/1.1\" 200 5 \"a\" \"\n" + good)
    let r = try readAll(path, format: "access-log")
    #expect(r.events.map(\.source.line) == [1, 3] && r.summary.rejected.map(\.line) == [2])
    #expect(r.summary.rejected.first?.reason == "not an access-log line (host ident user [time] \"request\" status bytes)")
    #expect(r.events[0].attributes.first { $0.key == "user_agent" }?.value == "curl")
  }
}

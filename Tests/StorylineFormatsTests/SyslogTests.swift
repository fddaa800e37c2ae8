import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

@Suite("syslog")
struct SyslogTests {
  @Test(.realData) func plasosSyslogWithRolloverLeapDayAndABadMonth() throws {
    let real = try #require(TestPaths.realData)
    let r = try readAll(real + "/plaso/syslog_syslog", zone: "UTC", date: "2012-01-22")
    #expect(r.summary.format == "syslog")
    #expect(r.events.count == 16 && r.summary.rejected.map(\.line) == [8])
    let first = r.events[0]
    #expect(first.utc == "2012-01-22T07:52:33Z")
    #expect(first.attributes.contains { $0 == ("host", "myhostname.myhost.com") })
    #expect(
      first.attributes.contains { $0 == ("program", "client") } && first.attributes.contains { $0 == ("pid", "30840") })
    #expect(first.text == "client: INFO No new content in ímynd.dd.")
    #expect(r.events[6].utc == "2012-02-29T01:15:43Z")  // the leap day, in 2012
    let ninth = r.events[9]
    #expect(ninth.utc == "2013-03-23T23:01:18.123Z")  // after the December entry: the following year
    #expect(ninth.attributes.contains { $0 == ("program", "somrandomexe") })
    #expect(r.events[11].text == "aprocess: This is a multi-line message that screws up\nmany syslog parsers.")
  }

  @Test(.realData) func plasosSSHLog() throws {
    let real = try #require(TestPaths.realData)
    let r = try readAll(real + "/plaso/syslog_syslog_ssh.log", zone: "UTC", date: "2016-03-11")
    #expect(r.events.count == 9)
    #expect(r.events[1].utc == "2016-03-11T19:26:39Z" && r.events[1].text.contains("from 192.168.0.1"))
    #expect(r.events[3].utc == "2016-03-11T22:55:30Z")
  }

  @Test(.realData) func lnavsYearlessFiles() throws {
    let real = try #require(TestPaths.realData)
    let a = try readAll(real + "/lnav/logfile_syslog.0", zone: "UTC", date: "2007-11-03")
    #expect(
      a.events.map(\.utc) == [
        "2007-11-03T09:23:38Z", "2007-11-03T09:23:38Z", "2007-11-03T09:23:38Z", "2007-11-03T09:47:02Z",
      ])
    #expect(a.events[3].instant - a.events[2].instant == (23 * 60 + 24) * 1_000_000)
    // Dec 3 ×3 then Jan 3 (INDEX.md): the year rolls over between the third and fourth entries.
    let b = try readAll(real + "/lnav/logfile_syslog.1", zone: "UTC", date: "2006-12-03")
    #expect(
      b.events.map(\.utc) == [
        "2006-12-03T09:23:38Z", "2006-12-03T09:23:38Z", "2006-12-03T09:23:38Z", "2007-01-03T09:47:02Z",
      ])
    #expect(
      b.events.map { $0.source.corrections.map(\.kind).contains("year_rollover") } == [false, false, false, true])
    // Nov 3 ×4 then Feb 3: a Nov→Feb rollover.
    let c = try readAll(real + "/lnav/logfile_rollover.1", zone: "UTC", date: "2006-11-03")
    #expect(
      c.events.map(\.utc) == [
        "2006-11-03T09:23:38Z", "2006-11-03T09:23:38Z", "2006-11-03T09:23:38Z", "2006-11-03T09:47:02Z",
        "2007-02-03T09:23:38Z",
      ])
    #expect(c.summary.records == 5 && c.summary.rejectedCount == 0)
  }

  @Test func rfc5424AndHighPrecision() throws {
    let path = temporaryFile(
      "messages",
      "<165>1 2024-01-05T14:03:01.004Z web01 nginx 2211 ACCESS [req@32473 id=\"a1\"] upstream timeout\n"
        + "2024-01-05T14:03:01.004512+01:00 web01 sshd[2211]: Accepted publickey for ops\n"
        + "<11>Jan  5 14:03:02 web01 app: disk full\n")
    let r = try readAll(path, zone: "UTC", date: "2024-01-05")
    #expect(r.summary.format == "syslog")
    #expect(r.events.map(\.utc) == ["2024-01-05T14:03:01.004Z", "2024-01-05T13:03:01.004Z", "2024-01-05T14:03:02Z"])
    #expect(r.events[1].instant.subsecondMicroseconds == 4512 && r.events[1].precision == .microsecond)
    let nginx = try #require(r.events.first { $0.text.hasPrefix("nginx") })
    #expect(nginx.severity == .notice && nginx.text == "nginx: upstream timeout")
    #expect(r.events.last?.severity == .error && r.events.last?.text == "app: disk full")
  }
}

/// Year-less logs without a case date (#14): the year comes from the file's modification time.
@Suite("Years from the file's time")
struct FileTimeYearTests {
  /// A file written on 2024-01-02: its December record belongs to 2023, its January one to 2024;
  /// each says why, and the file says it once.
  @Test func theModificationTimeGivesTheYearAcrossNewYear() throws {
    let path = temporaryFile(
      "messages", "Dec 31 23:59:00 host app[1]: last of the year\nJan  1 00:00:10 host app[1]: first of the next\n")
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSince1970: 1_704_189_600)], ofItemAtPath: path)  // 2024-01-02T10:00Z
    let r = try readAll(path, zone: "UTC", date: nil, region: "US")
    #expect(r.events.map(\.utc) == ["2023-12-31T23:59:00Z", "2024-01-01T00:00:10Z"])
    #expect(r.summary.rejectedCount == 0)
    #expect(
      r.events.map { $0.source.corrections.map(\.kind) } == [
        ["year_from_file_time", "zone_assumed"], ["year_from_file_time", "zone_assumed"],
      ])
    #expect(
      r.summary.warnings.map(\.message) == [
        "no year in the timestamps: each takes the latest year that puts it at or before the file's modification time (2024-01-02); give --date or a case date to set it"
      ])
    // A case date still wins.
    let dated = try readAll(path, zone: "UTC", date: "2022-12-30", region: "US")
    #expect(dated.events.map(\.utc) == ["2022-12-31T23:59:00Z", "2023-01-01T00:00:10Z"])
  }

  /// lnav's logfile_syslog.0 read with `--date 2007-01-01`: its November records are nearest
  /// the case date in 2006 and did not cross a year: year_inferred, not year_rollover.
  @Test(.realData) func aRecordThatDidNotCrossAYearIsNoRollover() throws {
    let real = try #require(TestPaths.realData)
    let r = try readAll(real + "/lnav/logfile_syslog.0", zone: "UTC", date: "2007-01-01")
    #expect(r.events.map(\.utc).first == "2006-11-03T09:23:38Z")
    #expect(r.events.allSatisfy { $0.source.corrections.map(\.kind).contains("year_inferred") })
    #expect(!r.events.contains { $0.source.corrections.map(\.kind).contains("year_rollover") })
  }
}

/// Rejections grouped by reason (#14): one line per reason, exact counts and line ranges.
@Suite("Rejections by reason")
struct RejectionGroupTests {
  @Test func fiftyBadHoursAreOneGroup() throws {
    var text = ""
    for i in 1...3 { text += "Sep 22 10:00:0\(i) host app: ok \(i)\n" }
    for i in 1...50 { text += "Sep 22 25:00:00 host app: bad hour \(i)\n" }
    text += "Sep 31 10:00:00 host app: no such day\n"
    let r = try readAll(temporaryFile("bad.log", text), format: "syslog", zone: "UTC", date: "2008-09-22")
    #expect(r.summary.rejectedCount == 51 && r.events.count == 3)
    #expect(
      r.summary.rejectionGroups.map(\.summary) == [
        "50 records rejected: timestamp '…': not a valid time of day (lines 4–53)",
        "1 record rejected: timestamp 'Sep 31 10:00:00': not a valid calendar date (line 54)",
      ])
  }

  @Test func theGroupKeyLeavesOutWhatIsQuoted() {
    #expect(RejectionGroup.key("timestamp 'Sep 22 00:00:00': no year") == "timestamp '…': no year")
    #expect(RejectionGroup.key("not a JSON object") == "not a JSON object")
  }
}

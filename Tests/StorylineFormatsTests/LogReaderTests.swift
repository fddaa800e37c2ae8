import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

/// The line-oriented log readers on fixtures/logs (times in CST = China, case date 2008-09-22)
/// and on lnav's real samples.
@Suite("Java, logcat, Apache error, JSON lines, journald, W3C, fallback logs")
struct LogReaderTests {
  static func log(_ name: String) -> String { TestPaths.root + "/fixtures/logs/" + name }
  static func attr(_ e: Event, _ k: String) -> String? { e.attributes.first { $0.key == k }?.value }

  @Test func log4jRecordsKeepTheirStackTraces() throws {
    let r = try readAll(Self.log("log4j.log"))
    #expect(r.summary.format == "java")
    #expect(
      r.events.map(\.utc) == [
        "2008-09-22T03:56:31.004Z", "2008-09-22T03:56:32.118Z", "2008-09-22T03:56:40.500Z", "2008-09-22T04:00:03.001Z",
      ])
    #expect(r.events.map { $0.severity } == [.info, .error, .warning, .critical])
    let e = r.events[1]
    #expect(e.source.line == 2 && e.source.originalTime == "2008-09-22 11:56:32,118")
    #expect(Self.attr(e, "thread") == "http-8080-4" && Self.attr(e, "logger") == "com.syse.ticket.dao.TicketSequence")
    #expect(e.text.hasPrefix("sequence lock timed out after 30000 ms\njava.sql.SQLException: ORA-00054"))
    #expect(e.text.hasSuffix("\t... 12 more") && e.text.split(separator: "\n").count == 7)
    #expect(Self.attr(e, "exception") == "java.util.concurrent.TimeoutException: lock wait 30000 ms")
    #expect(r.events[2].source.line == 9)
  }

  @Test func springBootLogbackAndJavaUtilLogging() throws {
    let spring = try readAll(Self.log("spring-boot.log"))
    #expect(spring.events.count == 3 && spring.summary.format == "java")
    #expect(spring.events[0].utc == "2008-09-22T04:19:37.153Z" && Self.attr(spring.events[0], "pid") == "4242")
    #expect(Self.attr(spring.events[1], "thread") == "nio-8080-exec-1")
    #expect(Self.attr(spring.events[1], "exception") == "java.lang.IllegalStateException: ticket queue closed")
    #expect(spring.events[2].text == "Health check failed: DOWN" && spring.events[2].severity == .warning)
    let boot3 = try readAll(
      temporaryFile(
        "boot3.log",
        "2024-01-02T09:15:31.004+01:00  INFO 4242 --- [farm] [           main] c.e.Db                                   : connected\n"
      ))
    #expect(boot3.summary.format == "java" && boot3.events[0].utc == "2024-01-02T08:15:31.004Z")
    #expect(Self.attr(boot3.events[0], "application") == "farm" && Self.attr(boot3.events[0], "thread") == "main")
    #expect(Self.attr(boot3.events[0], "logger") == "c.e.Db" && boot3.events[0].text == "connected")

    let logback = try readAll(Self.log("logback.log"))  // time of day only: the case date
    #expect(logback.events.map(\.utc) == ["2008-09-22T03:56:31.004Z", "2008-09-22T03:58:04.220Z"])
    #expect(logback.events[1].severity == .error && Self.attr(logback.events[1], "thread") == "pool-1-thread-3")

    let jul = try readAll(Self.log("jul.log"))
    #expect(jul.summary.format == "java" && jul.events.count == 2)
    #expect(jul.events[0].utc == "2008-09-22T03:59:58Z" && jul.events[0].severity == .error)
    #expect(jul.events[0].text == "Server health FAILED: stuck threads 12")
    #expect(Self.attr(jul.events[0], "source") == "weblogic.health.HealthMonitor check")
    #expect(jul.events[1].utc == "2008-09-22T04:19:37Z" && jul.events[1].severity == .info)
  }

  @Test(.realData) func lnavsJavaSample() throws {
    let real = try #require(TestPaths.realData)
    let r = try readAll(real + "/lnav/logfile_java.0", zone: "UTC", date: nil)
    #expect(r.summary.format == "java" && r.events.count == 20 && r.summary.rejected.isEmpty)
    #expect(r.events[0].utc == "2025-01-24T07:00:30.139Z" && r.events[19].utc == "2025-01-24T07:05:38.884Z")
    #expect(Self.attr(r.events[0], "thread") == "background-preinit" && Self.attr(r.events[0], "logger") == "Version")
    #expect(r.events[0].text == "HV000001: Hibernate Validator 8.0.1.Final")
    #expect(r.events[6].text == "/objroot/iorroot/activators/activator-ts_one.ior")
    #expect(Set(r.events.compactMap(\.severity)) == [.info])
  }

  @Test func logcatFormsAndTheNewYear() throws {
    let tt = try readAll(Self.log("logcat-threadtime.txt"))
    #expect(tt.summary.format == "logcat")
    // `--------- beginning of main` is logcat's buffer marker: no record, not glued to one.
    #expect(tt.summary.rejected.isEmpty && tt.summary.records == 4)
    #expect(
      tt.events.map(\.utc) == [
        "2008-12-31T15:59:58.123Z", "2008-12-31T15:59:59.900Z", "2008-12-31T16:00:00.250Z", "2008-12-31T16:00:01Z",
      ])  // 01-01 00:00 CST is 2009-01-01: the year rolled over
    #expect(
      TimestampFormatter.localDate(tt.events[2].instant, in: ZoneCatalog.shared.zone(named: "Asia/Shanghai")!).year
        == 2009)
    #expect(tt.events[1].severity == .error && Self.attr(tt.events[1], "tag") == "AndroidRuntime")
    #expect(tt.events[1].from?.raw == "AndroidRuntime" && tt.events[1].text == "FATAL EXCEPTION: main")
    let time = try readAll(Self.log("logcat-time.txt"))
    #expect(time.events.map(\.utc) == ["2008-09-22T03:56:31.004Z", "2008-09-22T03:56:32.500Z"])
    #expect(Self.attr(time.events[1], "pid") == "4321" && time.events[1].text == "HTTP 503 from /submit")
    let year = try readAll(Self.log("logcat-year.txt"))
    #expect(year.summary.format == "logcat" && year.events[0].severity == .warning)
  }

  @Test func apacheErrorLog() throws {
    let r = try readAll(Self.log("apache-error.log"))
    #expect(r.summary.format == "apache-error")
    #expect(r.events.map(\.utc) == ["2008-09-22T03:56:35Z", "2008-09-22T03:59:59.123Z", "2008-09-22T04:20:01Z"])
    #expect(r.events.map { $0.severity } == [.error, .error, .notice])
    #expect(r.events[1].from?.raw == "10.20.1.98:51234")
    #expect(r.events[1].text == "AH00898: Error reading from remote server returned by /submit")
  }

  @Test func jsonLinesTimeKeysEpochUnitsAndRejections() throws {
    let r = try readAll(Self.log("app.jsonl"))
    #expect(r.summary.format == "json-lines")
    #expect(
      r.events.map(\.utc) == [
        "2008-09-22T03:56:31Z", "2008-09-22T03:56:32.123Z", "2008-09-22T03:56:33.500Z", "2008-09-22T03:56:34.250Z",
        "2008-09-22T03:56:35Z",
      ])
    #expect(r.events.map { $0.severity } == [.info, .warning, .error, .error, .critical])
    #expect(r.events[0].from?.raw == "syse-app01" && Self.attr(r.events[0], "pid") == "42")
    #expect(r.events[2].text == "db lock timeout" && r.events[2].source.originalTime == "2008-09-22T11:56:33.5+08:00")
    #expect(r.summary.rejected.map(\.line) == [6, 7, 8])
    #expect(r.summary.rejected[0].reason == "not a JSON object")
    #expect(r.summary.rejected[1].reason.hasPrefix("no time field"))
    #expect(r.summary.rejected[2].reason.hasPrefix("ts '2008-13-45T99:00:00Z'"))
  }

  @Test(.realData) func lnavsJSONSample() throws {
    let real = try #require(TestPaths.realData)
    let r = try readAll(real + "/lnav/logfile_json.json", zone: "UTC", date: nil)
    #expect(r.summary.format == "json-lines" && r.summary.records == 14 && r.events.count == 13)
    #expect(r.summary.rejected.map(\.line) == [6] && r.summary.rejected[0].reason.hasPrefix("ts 'xxx'"))
    #expect(r.events[0].utc == "2013-09-06T20:00:48.124Z" && r.events[0].instant.subsecondMicroseconds == 124_817)
    #expect(r.events[7].utc == "2013-09-06T22:01:00Z")  // a space instead of `T`
    #expect(
      r.events.map { $0.severity } == [
        .trace, .info, .info, .debug, .debug, .debug, .debug, .debug, nil, .warning, .error, .critical, .critical,
      ])
    #expect(r.events[3].text == "D\u{8}Details...\n")  // escaped newline and backspace decoded
    #expect(Self.attr(r.events[11], "extra-multi") == "a\nb\nc\nd\n")
    #expect(Self.attr(r.events[12], "obj") == "{ \"field1\" : \"hi\", \"field2\": 2 }")
    #expect(Self.attr(r.events[1], "logger") == "com.example.demoµs")
  }

  @Test func journaldExport() throws {
    let r = try readAll(Self.log("journal.json"))
    #expect(r.summary.format == "journald")
    #expect(
      r.events.map(\.utc) == ["2008-09-22T03:59:58.286Z", "2008-09-22T04:00:03.297Z", "2008-09-22T04:19:37.153Z"])
    #expect(r.events.map { $0.severity } == [.error, .warning, .info])
    #expect(r.events[0].from?.raw == "syse-app01")
    #expect(r.events[2].text == "Started syse\u{FFFD}")  // MESSAGE as a byte array, not valid UTF-8
    #expect(r.events[0].source.originalTime == "1222055998286000")
    // When the client's own time is there, it is the time (journald received the entry later).
    let source = try readAll(
      temporaryFile(
        "j.json",
        #"{"__REALTIME_TIMESTAMP":"1222055998286000","_SOURCE_REALTIME_TIMESTAMP":"1222055997001234","MESSAGE":"x","PRIORITY":"6"}"#
          + "\n"))
    #expect(source.summary.format == "journald" && source.events[0].utc == "2008-09-22T03:59:57.001Z")
    #expect(source.events[0].instant.subsecondMicroseconds == 1_234)
  }

  @Test func weblogicStdoutAndExtendedAccessLog() throws {
    let out = try readAll(Self.log("sysE_ms1.out"))
    #expect(out.summary.format == "weblogic")
    #expect(out.events.map(\.utc) == ["2008-09-22T04:00:03Z", "2008-09-22T04:19:37Z", "2008-09-22T04:19:37Z"])
    #expect(out.events[0].text == "BEA-000365 Server state changed to FORCE_SHUTTING_DOWN")
    #expect(out.events[0].from?.raw == "WebLogicServer" && out.events[0].severity == .notice)
    let access = try readAll(Self.log("access-extended.log"))
    #expect(access.summary.format == "w3c-extended")
    // date and time are UTC in this format, whatever the case zone
    #expect(access.events.map(\.utc) == ["2008-09-22T03:56:31Z", "2008-09-22T03:59:59Z"])
    #expect(access.events[1].text == "POST /syse/submit 503" && access.events[1].severity == .error)
    #expect(Self.attr(access.events[1], "time-taken") == "30.001")
    #expect(
      access.summary.rejected.map(\.line) == [6]
        && access.summary.rejected[0].reason == "4 values where `#Fields:` names 7")
    #expect(
      access.summary.skippedLines == [
        SkippedLines(reason: "W3C directive (#Fields:, #Date:, #Software: …)", count: 3, firstLine: 1, lastLine: 3)
      ])
  }

  @Test func fallbackReadsAnyTimestampedLog() throws {
    let r = try readAll(Self.log("mysqld.err"))
    #expect(r.summary.format == "timestamped")
    #expect(r.summary.rejected.map(\.line) == [1])
    #expect(r.events.map(\.utc) == ["2008-09-22T03:56:31Z", "2008-09-22T03:56:40Z", "2008-09-22T04:01:02Z"])
    #expect(r.events.map { $0.severity } == [.error, .notice, .warning])
    #expect(r.events[0].source.originalTime == "080922 11:56:31")
    #expect(r.events[2].text == "replication lag 31 s")
  }

  @Test func gzipAndRotatedFilesAreReadAsTheyAre() throws {
    let gz = try readAll(Self.log("messages.1.gz"))
    #expect(gz.summary.format == "syslog" && gz.events.count == 3)
    #expect(gz.events[0].utc == "2008-09-22T03:59:58Z" && gz.events[0].text.hasPrefix("kernel: Out of memory"))
    #expect(gz.events[2].source.line == 3)
    let rotated = try readAll(Self.log("server.log00001"))
    #expect(rotated.summary.format == "java" && rotated.events.count == 4)
    #expect(SniffProbe(fileName: "access.log.2.gz", head: []).fileExtension == "log")
    #expect(SniffProbe(fileName: "server.log00001", head: []).fileExtension == "log")
  }

  @Test func aTruncatedGzipKeepsWhatWasRead() throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: Self.log("messages.1.gz")))
    let cut = temporaryFile("messages.2.gz", "")
    try data.prefix(data.count - 12).write(to: URL(fileURLWithPath: cut))
    let r = try readAll(cut, format: "syslog")
    #expect(r.events.count == 3 && r.summary.warnings.contains { $0.message.hasPrefix("the gzip stream is damaged") })
    let whole = try readAll(Self.log("messages.1.gz"))
    #expect(!whole.summary.warnings.contains { $0.message.hasPrefix("the gzip stream") })
  }
}

/// Cloud and structured JSON (#14): the text from where each service puts it, never empty.
@Suite("Cloud JSON")
struct CloudJSONTests {
  @Test func everyServicesTextIsRead() throws {
    let r = try readAll(TestPaths.root + "/fixtures/logs/cloud.jsonl", zone: "UTC", date: nil)
    #expect(r.summary.format == "json-lines" && r.summary.records == 7 && r.summary.rejectedCount == 0)
    let byTime = r.events.sorted { $0.instant < $1.instant }
    #expect(
      byTime.map(\.text) == [
        "Health check failed for backend syse-app01",  // GCP jsonPayload.message
        "GET /syse/status 503\n",  // Docker's JSON driver: log
        "sysE_ms1 FAILED: java.lang.OutOfMemoryError",  // GCP textPayload
        "Back-off restarting failed container",  // a Kubernetes event: message, at lastTimestamp
        "instance reset by pm-a",  // GCP audit log: protoPayload.status.message
        "RUNNING: sysE_ms1 back",  // CloudWatch Logs: message, timestamp in ms
        #"{"insertId":"e1","resource":{"type":"gce_instance"},"severity":"DEFAULT","timestamp":"2008-09-22T04:20:00Z"}"#,
      ])
    #expect(byTime.map { $0.severity?.rawValue } == ["error", nil, "critical", nil, "notice", nil, nil])
    #expect(byTime[3].attributes.first { $0.key == "reason" }?.value == "BackOff")
  }
}

/// logcat's `-v uid` and `-v zone` columns, and buffer markers that belong to no record (#14).
@Suite("logcat variants")
struct LogcatVariantTests {
  @Test func uidZoneAndBufferMarkers() throws {
    let path = temporaryFile(
      "logcat.txt",
      "--------- beginning of main\n01-01 12:00:00.123 +0000  1000  1885  3066 E App     : boom\n"
        + "01-01 12:00:01.000 +0000 u0_a12  1885  3067 W Net: slow\n--------- beginning of kernel\n"
        + "01-01 12:00:02.000  1885  3068 I Kern: up\n")
    let r = try readAll(path, zone: "UTC", date: "2024-01-01")
    #expect(r.summary.format == "logcat" && r.summary.records == 3 && r.summary.rejectedCount == 0)
    #expect(r.events.map(\.text) == ["boom", "slow", "up"])  // no marker glued to a message
    #expect(r.events.map { $0.severity } == [.error, .warning, .info])
    #expect(r.events.map { $0.from?.raw } == ["App", "Net", "Kern"])
    #expect(r.events.map { $0.attributes.first { $0.key == "uid" }?.value } == ["1000", "u0_a12", nil])
    #expect(r.events.map(\.source.line) == [2, 3, 5])
    // Nothing silent: the two markers are counted, with their lines.
    #expect(
      r.summary.skippedLines == [
        SkippedLines(reason: "logcat buffer marker (--------- beginning of …)", count: 2, firstLine: 1, lastLine: 4)
      ])
  }
}

/// Lines that are in no record are counted by reason (#14): every non-blank line is in a
/// record, a rejection or one of these counts.
@Suite("Skipped lines")
struct SkippedLinesTests {
  @Test func aRejectedRecordsContinuationLinesAreCounted() throws {
    // Line 1 starts a record; line 2 is a rejected record (no valid time of day); lines 3–4 are
    // its stack trace, left out with it; line 5 starts a record again.
    let path = temporaryFile(
      "app.log",
      "2024-01-01 10:00:00,000 INFO main - ok\n2024-01-01 25:61:00,000 ERROR main - bad time\n"
        + "\tat a.B.c(B.java:1)\n\tat a.B.d(B.java:2)\n\n2024-01-01 10:00:02,000 INFO main - ok again\n")
    let r = try readAll(path, zone: "UTC", date: nil)
    #expect(r.events.map(\.source.line) == [1, 6] && r.summary.rejected.map(\.line) == [2])
    #expect(
      r.summary.skippedLines == [
        SkippedLines(reason: "continues a rejected record (left out with it)", count: 2, firstLine: 3, lastLine: 4)
      ])
    #expect(
      r.summary.skippedLines[0].summary
        == "2 lines not read: continues a rejected record (left out with it) (lines 3–4)")
  }
}

/// A file no format fits (#14): the error names the first line that fits none and the formats
/// that read some of the first lines.
@Suite("Unknown files")
struct UnknownFileTests {
  @Test func theErrorNamesTheMisfitLineAndTheClosestFormat() throws {
    let path = temporaryFile("u.log", "hello world\nanother line\n2024-01-01 10:00:00 INFO ok\n")
    let spec = SourceSpec(path: "u.log", resolvedPath: path)
    #expect(
      throws: SourceError.unknownFormat(
        path: "u.log", hint: "line 1 fits no format: «hello world»; closest: timestamped (1 of the first 3 lines)")
    ) {
      try SourceLoader.format(for: spec)
    }
  }

  /// Notes are sniffed only when the file reads as notes (#14): prose that mentions one date is
  /// not a notebook; entries, date headings and arrows are.
  @Test func proseWithADateIsNotNotesANotebookIs() throws {
    let prose =
      "Release notes\n\nThis project is great.\n2024-01-01: released version 1\nIt has features.\nMore.\nAnd more.\n"
    #expect(NotesFormat.evidence(prose) == (lines: 6, entries: 0, headings: 1, arrows: 0))
    let path = temporaryFile("README.md", prose)
    #expect(throws: SourceError.unknownFormat(path: "README.md", hint: "line 1 fits no format: «Release notes»")) {
      try SourceLoader.format(for: SourceSpec(path: "README.md", resolvedPath: path))
    }
    // A notebook: a title, a date heading, entries (one with an arrow) and a line of prose.
    let notebook =
      "# Work log\n\n## 2008-09-22\n\n- 14:30 z -> me (call): asks us to look\n  still no cause\n- 14:50 me: dumps\n"
    #expect(NotesFormat.evidence(notebook) == (lines: 5, entries: 2, headings: 1, arrows: 1))
    let spec = SourceSpec(path: "log.md", resolvedPath: temporaryFile("log.md", notebook))
    #expect(try SourceLoader.format(for: spec).id == .notes)
  }
}

/// loghub's nine 2k samples (../shared/real-data/loghub) against their structured CSVs (#14):
/// every line one event, none rejected, each event's time text the CSV's time fields and its
/// text holding the CSV's `Content`.
@Suite("loghub layouts")
struct LoghubTests {
  /// A CSV line's cells (RFC 4180 quoting).
  static func cells(_ line: Substring) -> [String] {
    var out: [String] = []
    var cell = ""
    var quoted = false
    var chars = line.makeIterator()
    while let c = chars.next() {
      if quoted {
        if c == "\"" {
          if let n = chars.next() {
            if n == "\"" {
              cell.append("\"")
            } else if n == "," {
              quoted = false
              out.append(cell)
              cell = ""
            } else {
              quoted = false
              cell.append(n)
            }
          } else {
            quoted = false
          }
        } else {
          cell.append(c)
        }
      } else if c == "," {
        out.append(cell)
        cell = ""
      } else if c == "\"" && cell.isEmpty {
        quoted = true
      } else {
        cell.append(c)
      }
    }
    out.append(cell)
    return out
  }

  /// The time text the CSV's fields spell, as the log wrote it.
  static func timeText(_ name: String, _ row: [String: String]) -> String {
    switch name {
    case "BGL", "HPC", "Proxifier": return row["Time"]!
    case "Mac": return row["Month"]! + " " + (row["Date"]!.count == 1 ? " " : "") + row["Date"]! + " " + row["Time"]!
    default: return row["Date"]! + " " + row["Time"]!
    }
  }

  @Test(
    .realData, arguments: ["BGL", "HPC", "Hadoop", "Mac", "OpenStack", "Proxifier", "Spark", "Windows", "Zookeeper"])
  func readsAsItsStructuredCSVSays(name: String) throws {
    let real = try #require(TestPaths.realData)
    let r = try readAll(real + "/loghub/\(name)_2k.log", zone: "UTC", date: nil, region: "US")
    #expect(r.summary.records == 2000 && r.events.count == 2000 && r.summary.rejectedCount == 0, "\(name)")
    let csv = try String(contentsOfFile: real + "/loghub/\(name)_2k.log_structured.csv", encoding: .utf8)
    let lines = csv.split(whereSeparator: \.isNewline)
    let header = Self.cells(lines[0])
    let rows = lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, Self.cells($0))) }
    #expect(rows.count == 2000)
    let byLine = r.events.sorted { $0.source.line < $1.source.line }
    var mismatches = 0
    for (e, row) in zip(byLine, rows) {
      let content = row["Content"]!.replacingOccurrences(of: "\\042", with: "\"")
      if e.source.originalTime != Self.timeText(name, row)
        || !(e.text.contains(row["Content"]!) || e.text.contains(content))
      {
        mismatches += 1
      }
    }
    #expect(mismatches == 0, "\(name): \(mismatches) events differ from the CSV")
    // Where the CSV has a Level column, each record's severity is the one its word names
    // (BGL's sits after a node name holding a colon and two more fields).
    if header.contains("Level") {
      let wrong = zip(byLine, rows).filter { $0.severity != Severity(word: $1["Level"]!) }
      #expect(
        wrong.isEmpty, "\(name): \(wrong.count) severities differ, first at line \(wrong.first?.0.source.line ?? 0)")
      #expect(Severity(word: "FATAL") == .critical && Severity(word: "Info") == .info)
    }
  }

  /// BGL's lines carry an epoch and a text time: the text time (microseconds) is read, and when
  /// the two disagree it is said once — read in UTC they are 7 hours apart (the text time is
  /// Pacific), read in America/Los_Angeles they agree.
  @Test(.realData) func bglsTwoTimesAreCompared() throws {
    let real = try #require(TestPaths.realData)
    let utc = try readAll(real + "/loghub/BGL_2k.log", zone: "UTC", date: nil, region: "US")
    #expect(
      utc.summary.warnings.map(\.message) == [
        "the lines carry two times that disagree (first at line 1, by -7 h): the more precise one is read; is the other in another zone?"
      ])
    #expect(utc.events.first { $0.source.line == 1 }?.source.originalTime == "2005-06-03-15.42.50.675872")
    let pacific = try readAll(real + "/loghub/BGL_2k.log", zone: "America/Los_Angeles", date: nil, region: "US")
    #expect(pacific.summary.warnings.isEmpty)
    #expect(pacific.events.first { $0.source.line == 1 }?.utc == "2005-06-03T22:42:50.675Z")
  }

  /// Spark writes `yy/MM/dd` (`17/06/09` is 2017-06-09); nothing in a line tells it from
  /// `dd/MM/yy`: the file's first such date decides, by the reading nearer the case date, else
  /// the file's modification time.
  @Test(.realData) func sparksYearFirstDates() throws {
    let real = try #require(TestPaths.realData)
    let r = try readAll(real + "/loghub/Spark_2k.log", zone: "UTC", date: "2017-06-10", region: "US")
    #expect(r.events.first { $0.source.line == 1 }?.utc == "2017-06-09T20:10:40Z")
    // The decision is recorded on every event it applied to, with what decided it.
    let orders = Set(r.events.map { e in e.source.corrections.filter { $0.kind != "zone_assumed" } })
    #expect(
      orders == [
        [
          Correction(kind: "two_digit_year", detail: "two-digit year read as 2017"),
          Correction(
            kind: "date_order",
            detail: "numeric date read year first (yy/MM/dd), the order that puts the source nearest the case date"),
        ]
      ])
    // The same text near a 2008 case date is day first.
    let path = temporaryFile("app.log", "22/09/08 11:56:31 INFO stuck\n22/09/08 11:57:00 INFO still\n")
    let d = try readAll(path, zone: "UTC", date: "2008-09-22", region: "GB")
    #expect(d.events.map(\.utc) == ["2008-09-22T11:56:31Z", "2008-09-22T11:57:00Z"])
    #expect(!d.events.contains { $0.source.corrections.contains { $0.detail.contains("year first") } })
    // `32/06/09` is a date only year first (no 32nd day or month): said so, case date or not.
    let only = temporaryFile("only.log", "32/06/09 20:10:40 INFO a\n")
    let o = try readAll(only, format: "timestamped", zone: "UTC", date: nil)
    #expect(o.events.map(\.utc) == ["2032-06-09T20:10:40Z"])
    #expect(
      o.events.first?.source.corrections.contains {
        $0.kind == "date_order"
          && $0.detail.hasSuffix("the only order under which the source's first date is a valid date")
      } == true)
  }
}

/// ChromeOS's /var/log/messages (#14): an ISO time, the level, then a syslog reporter.
@Suite("ChromeOS syslog")
struct ChromeOSSyslogTests {
  @Test func reporterAndPidAreSplitOff() throws {
    let path = temporaryFile(
      "messages.log",
      "2020-05-19T14:59:19.123456-07:00 INFO kernel: [    0.000000] Linux version 4.19\n"
        + "2020-05-19T14:59:20.000001-07:00 ERR shill[1234]: Failed to connect\n"
        + "2020-05-19T14:59:21.000001-07:00 WARNING powerd: battery low\n")
    let r = try readAll(path, zone: "UTC", date: nil)
    #expect(
      r.events.map(\.utc) == ["2020-05-19T21:59:19.123Z", "2020-05-19T21:59:20.000Z", "2020-05-19T21:59:21.000Z"])
    #expect(r.events.map { $0.from?.raw } == ["kernel", "shill", "powerd"])
    #expect(r.events.map(\.text) == ["[    0.000000] Linux version 4.19", "Failed to connect", "battery low"])
    #expect(r.events.map(\.severity) == [.info, .error, .warning])
    #expect(r.events.map { $0.attributes.first { $0.key == "pid" }?.value } == [nil, "1234", nil])
  }
}

/// The fallback's learned layout must not take a time quoted in a message for the line's.
@Suite("Fallback layout guard")
struct FallbackLayoutGuardTests {
  @Test func aLineThatStartsWithItsTimeKeepsIt() throws {
    let path = temporaryFile(
      "q.log",
      "2024-01-01 10:00:00 INFO request at 2024-01-01T10:00:00.123Z done\n"
        + "2024-01-01 10:00:01 INFO retry at 2024-01-02 00:00:00\n")
    let r = try readAll(path, zone: "UTC", date: nil)
    #expect(r.events.map(\.source.originalTime) == ["2024-01-01 10:00:00", "2024-01-01 10:00:01"])
    #expect(r.events.map(\.text) == ["request at 2024-01-01T10:00:00.123Z done", "retry at 2024-01-02 00:00:00"])
    #expect(r.summary.warnings.isEmpty)
  }
}

extension FallbackLayoutGuardTests {
  /// A ten-digit number is an epoch only as a field after others (HPC's fifth); a line that
  /// starts with one continues the record above.
  @Test func aLineStartingWithTenDigitsIsAContinuation() throws {
    let path = temporaryFile(
      "j.log",
      "2024-01-01 10:00:00,123 ERROR boom\n1234567890 bytes left in the buffer\n"
        + "2024-01-01 10:00:01,000 INFO ok\n2024-01-01 10:00:02,000 INFO ok\n")
    let r = try readAll(path, zone: "UTC", date: nil)
    #expect(r.summary.format == "timestamped" && r.events.count == 3)
    #expect(r.events.first?.text == "boom\n1234567890 bytes left in the buffer")
  }
}

@Suite("Sniffing")
struct SniffProbeTests {
  /// The probe's lines, split once on the bytes, are exactly what splitting its decoded text on
  /// `Character.isNewline` gives: random heads of text, every kind of newline (CR LF too),
  /// combining marks beside them, a byte-order mark, and bytes that are not UTF-8.
  @Test func linesSplitOnBytesAreTheCharacterSplit() {
    var rng = SeededGenerator(seed: 21)
    let pieces: [[UInt8]] = [
      Array("a".utf8), Array("Sep 22 ".utf8), Array("é".utf8), Array("\u{301}".utf8), Array("日本".utf8), [0x0A], [0x0D],
      [0x0D, 0x0A], [0x0B], [0x0C], [0xC2, 0x85], [0xE2, 0x80, 0xA8], [0xE2, 0x80, 0xA9], [0x85], [0xC2], [0xE2, 0x80],
      [0xFF], [0xEF, 0xBB, 0xBF], [0x20], [0x09], Array("####<".utf8),
    ]
    for _ in 0..<5_000 {
      var head: [UInt8] = []
      for _ in 0..<Int(rng.next() % 12) { head += pieces[Int(rng.next() % UInt64(pieces.count))] }
      let probe = SniffProbe(fileName: "x.log", head: head)
      let expected = probe.text.split(whereSeparator: \.isNewline).map(String.init)
      #expect(probe.textLines == expected, "\(head)")
    }
  }
}

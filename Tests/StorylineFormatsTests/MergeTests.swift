import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

#if canImport(Glibc)
  import Glibc
#endif

/// `storyline merge`'s engine: global order, the byte-level scanners agreeing with the readers,
/// filters, formats, rejections.
@Suite("Merge")
struct MergeTests {
  static let shanghai = ZoneCatalog.shared.zone(named: "Asia/Shanghai")!
  static func log(_ name: String) -> String { TestPaths.root + "/fixtures/logs/" + name }

  /// Runs a merge into a temporary file; returns the output and the summary.
  static func merge(
    _ paths: [String], options: MergeOptions = MergeOptions(zone: shanghai), caseZone: ZoneRules = shanghai,
    date: String = "2008-09-22"
  ) throws -> (String, MergeSummary) {
    let sink = MemorySink()
    let n = TimeNormalizer(caseZone: caseZone, caseDate: CivilDate(iso: date), region: "CN")
    let specs = paths.map { SourceSpec(path: ($0 as NSString).lastPathComponent, resolvedPath: $0) }
    let summary = try LogMerger.merge(
      specs, normalizer: n, directory: PeopleDirectory(people: [], region: "CN"), options: options, to: sink)
    return (String(decoding: sink.bytes, as: UTF8.self), summary)
  }

  @Test func recordsOfManyFormatsInOneOrder() throws {
    let (text, summary) = try Self.merge([
      Self.log("log4j.log"), Self.log("sysE_ms1.out"), Self.log("messages.1.gz"), Self.log("journal.json"),
    ])
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(
      lines.filter { $0.hasPrefix("2008") }.map { String($0.prefix(29)) } == [
        "2008-09-22T11:56:31.004+08:00", "2008-09-22T11:56:32.118+08:00", "2008-09-22T11:56:40.500+08:00",
        "2008-09-22T11:59:58.000+08:00", "2008-09-22T11:59:58.286+08:00", "2008-09-22T12:00:03.000+08:00",
        "2008-09-22T12:00:03.001+08:00", "2008-09-22T12:00:03.297+08:00", "2008-09-22T12:00:05.000+08:00",
        "2008-09-22T12:19:37.000+08:00", "2008-09-22T12:19:37.000+08:00", "2008-09-22T12:19:37.000+08:00",
        "2008-09-22T12:19:37.153+08:00",
      ])
    // Each record cites its file and line; a stack trace stays under its record.
    #expect(
      lines[1]
        == "2008-09-22T11:56:32.118+08:00 log4j.log:2 2008-09-22 11:56:32,118 ERROR [http-8080-4] com.syse.ticket.dao.TicketSequence - sequence lock timed out after 30000 ms"
    )
    #expect(lines[2] == "java.sql.SQLException: ORA-00054: resource busy and acquire with NOWAIT specified")
    #expect(lines[7] == "\t... 12 more")
    #expect(
      lines.contains(
        "2008-09-22T11:59:58.000+08:00 messages.1.gz:1 Sep 22 11:59:58 syse-app01 kernel: Out of memory: Killed process 4242 (java) total-vm:8388608kB"
      ))
    // Same time: the order of the files given, then the line.
    #expect(
      lines.filter { $0.hasPrefix("2008-09-22T12:19:37.000") }.map { $0.split(separator: " ")[1] } == [
        "sysE_ms1.out:2", "sysE_ms1.out:3", "messages.1.gz:3",
      ])
    #expect(summary.written == 13 && summary.outOfOrder == 0)
    #expect(summary.sources.map(\.records) == [4, 3, 3, 3] && summary.sources.map(\.written) == [4, 3, 3, 3])
  }

  @Test func rejectedLinesAreCountedWithTheirLines() throws {
    let (text, summary) = try Self.merge([Self.log("app.jsonl"), Self.log("mysqld.err")])
    #expect(text.split(separator: "\n").count == 8)
    #expect(summary.sources[0].rejected.map(\.line) == [6, 7, 8] && summary.sources[0].rejectedCount == 3)
    // The reader's reason, word for word: one tokenizer for both.
    #expect(summary.sources[0].rejected[2].reason == "ts '2008-13-45T99:00:00Z': not a valid calendar date")
    #expect(summary.sources[1].rejected.map(\.line) == [1])
    #expect(summary.sources[1].rejected[0].excerpt == "Server started, preparing tables")
  }

  @Test func filtersByTimeTextAndSeverity() throws {
    let files = [Self.log("log4j.log"), Self.log("sysE_ms1.out"), Self.log("journal.json")]
    var o = MergeOptions(zone: Self.shanghai)
    o.from = Instant(microseconds: 1_222_055_800 * 1_000_000)  // 11:56:40 CST
    o.to = Instant(microseconds: 1_222_057_177 * 1_000_000)  // 12:19:37 CST
    let (window, _) = try Self.merge(files, options: o)
    #expect(
      window.split(separator: "\n").map { $0.prefix(29) } == [
        "2008-09-22T11:56:40.500+08:00", "2008-09-22T11:59:58.286+08:00", "2008-09-22T12:00:03.000+08:00",
        "2008-09-22T12:00:03.001+08:00", "2008-09-22T12:00:03.297+08:00",
      ])
    o = MergeOptions(zone: Self.shanghai)
    o.minimumSeverity = .error
    let (severe, _) = try Self.merge(files, options: o)
    #expect(
      severe.split(separator: "\n").filter { $0.hasPrefix("2008") }.map { $0.split(separator: " ")[1] } == [
        "log4j.log:2", "journal.json:1", "log4j.log:10",
      ])
    o = MergeOptions(zone: Self.shanghai)
    o.grep = "ORA-00054"  // on a continuation line: the whole record is kept
    let (grep, _) = try Self.merge(files, options: o)
    #expect(grep.hasPrefix("2008-09-22T11:56:32.118+08:00 log4j.log:2 ") && grep.split(separator: "\n").count == 7)
  }

  @Test func jsonLinesOutputAndUTC() throws {
    let o = MergeOptions(zone: .utc, output: .jsonl)
    let (text, _) = try Self.merge([Self.log("log4j.log"), Self.log("journal.json")], options: o)
    let objects = try text.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    #expect(objects.count == 7)
    #expect(objects[0]["time"] as? String == "2008-09-22T03:56:31.004Z")
    #expect(objects[0]["source"] as? String == "log4j.log" && objects[0]["line"] as? Int == 1)
    #expect(objects[0]["severity"] as? String == "info")
    #expect((objects[1]["text"] as? String)?.hasSuffix("\n\t... 12 more") == true)
    #expect(objects[3]["severity"] as? String == "error" && objects[3]["source"] as? String == "journal.json")
  }

  /// A record's text in JSON lines is quoted as every report quotes it (``JSONText``): quotes,
  /// backslashes, controls, DEL and U+2028/U+2029 escaped, invalid UTF-8 replaced.
  @Test func jsonLinesQuoteTextAsTheReportsDo() throws {
    // Plain records first: the format is told from the file's first 4 KiB.
    var bytes = (0..<100).flatMap { Array("2008-09-22 09:59:59,000 INFO [main] c.e.App - started \($0)\n".utf8) }
    bytes += Array("2008-09-22 10:00:00,000 INFO [main] c.e.App - say \"hi\" \\ tab\t esc\u{1B} del\u{7F}".utf8)
    bytes += Array(" sep\u{2028}par\u{2029} 中文 bad".utf8) + [0xFF, 0xC3] + Array(" end\n".utf8)
    let path = temporaryFile("app.log", "")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let (text, _) = try Self.merge([path], options: MergeOptions(zone: .utc, output: .jsonl))
    let line = try #require(text.split(separator: "\n").last.map(String.init))
    let textField = try #require(line.range(of: #","text":"#)).upperBound
    let body =
      "2008-09-22 10:00:00,000 INFO [main] c.e.App - say \"hi\" \\ tab\t esc\u{1B} del\u{7F} sep\u{2028}par\u{2029} 中文 bad\u{FFFD}\u{FFFD} end"
    #expect(String(line[textField...]) == JSONText.quoted(body) + "}")
    #expect(line.contains(#"sep\u2028par\u2029"#) && line.contains(#"esc\u001b del\u007f"#))
  }

  /// Records that come late in their file (a slow request logged when it ends) are written in
  /// order when they are within the lookahead (about 384 KiB of the file), and counted beyond it.
  @Test func lateRecordsWithinTheLookaheadAreWrittenInOrder() throws {
    func line(_ centis: Int) -> String {
      let s = centis / 100
      return String(
        format: "2008-09-22 %02d:%02d:%02d,%03d INFO [main] c.e.App - record %06d\n", 10 + s / 3600, s / 60 % 60,
        s % 60,
        centis % 100 * 10, centis)
    }
    var text = ""
    for i in 0..<30_000 {
      // Every 2,000th record is stamped 4,000 records (40 s, ~250 KiB) earlier than its place.
      text += line(i % 2000 == 1999 && i > 4000 ? i - 4000 : i)
    }
    let (out, summary) = try Self.merge([temporaryFile("late.log", text)])
    let times = out.split(separator: "\n").map { $0.prefix(29) }
    #expect(times.count == 30_000 && summary.outOfOrder == 0)
    let sorted = zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }
    #expect(sorted)
    var far = ""
    for i in 0..<30_000 { far += line(i == 20_000 ? 100 : i) }  // 200 s late: beyond the lookahead
    let (_, beyond) = try Self.merge([temporaryFile("far.log", far)])
    #expect(beyond.outOfOrder == 1 && beyond.written == 30_000)
  }

  @Test func anOverlongRecordIsCutAndSaidSo() throws {
    var text = "2008-09-22 11:56:31,004 ERROR [main] com.syse.Boot - boom\n"
    let frame = "\tat com.syse.Frame.call(Frame.java:1) " + String(repeating: "x", count: 200) + "\n"
    for _ in 0..<2000 { text += frame }  // ~480 KB of stack trace
    text += "2008-09-22 11:56:32,000 INFO  [main] com.syse.Boot - after\n"
    let path = temporaryFile("long.log", text)
    let (out, summary) = try Self.merge([path])
    #expect(summary.written == 2)
    #expect(out.utf8.count < 300 * 1024 && out.contains("after"))
    #expect(
      summary.sources[0].warnings.map(\.message) == ["1 record longer than 256 KiB: the rest of it was left out"])
    #expect(summary.sources[0].warnings.first?.line == 1)
  }

  @Test func aTruncatedGzipIsSaid() throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: Self.log("messages.1.gz")))
    let cut = temporaryFile("messages.3.gz", "")
    try data.prefix(data.count - 12).write(to: URL(fileURLWithPath: cut))
    let (_, summary) = try Self.merge([cut])
    #expect(summary.written == 3)
    #expect(summary.sources[0].warnings.map(\.message) == ["the gzip stream is damaged or truncated: read up to here"])
  }

  @Test func theSameInputsGiveTheSameBytes() throws {
    let files = ["log4j.log", "apache-error.log", "logcat-threadtime.txt", "app.jsonl"].map(Self.log)
    let (a, _) = try Self.merge(files)
    let (b, _) = try Self.merge(files)
    #expect(a == b && !a.isEmpty)
  }

  /// The merge's byte-level scanners and the readers must agree on every record's time — on
  /// every record of the file, counted by hand (a stack trace, a continuation line and a line
  /// without a time are no records of their own).
  @Test(arguments: [
    ("log4j.log", 4), ("spring-boot.log", 3), ("logback.log", 2), ("jul.log", 2), ("logcat-threadtime.txt", 4),
    ("logcat-time.txt", 2), ("apache-error.log", 3), ("app.jsonl", 5), ("journal.json", 3), ("sysE_ms1.out", 3),
    ("mysqld.err", 3), ("messages.1.gz", 3),
  ])
  func scannerAgreesWithReader(_ name: String, records: Int) throws {
    try Self.agree(Self.log(name), records: records)
  }

  @Test func scannerAgreesWithReaderOnSystemE() throws {
    // 102 `####<` records; 468 requests (fixtures/system-e/generator).
    try Self.agree(TestPaths.systemE + "/logs/sysE_ms1.log", records: 102)
    try Self.agree(TestPaths.systemE + "/logs/sysE_ms1-access.log", records: 468)
  }

  /// Counts from ../shared/real-data/INDEX.md.
  @Test(.realData) func scannerAgreesWithReaderOnRealSamples() throws {
    let real = try #require(TestPaths.realData)
    for (f, n) in [
      ("lnav/logfile_java.0", 20), ("lnav/logfile_json.json", 13), ("lnav/logfile_access_log.0", 3),
      ("plaso/apache_access.log", 14),
    ] {
      try Self.agree(real + "/" + f, zone: .utc, date: "2016-01-13", records: n)
    }
    try Self.agree(real + "/plaso/syslog_syslog", zone: .utc, date: "2012-01-22", records: 16)
  }

  static func agree(_ path: String, zone: ZoneRules = shanghai, date: String = "2008-09-22", records: Int) throws {
    let read = try readAll(path, zone: zone.identifier, date: date)
    let o = MergeOptions(zone: .utc, output: .jsonl)
    let (text, summary) = try merge([path], options: o, caseZone: zone, date: date)
    let merged = try text.split(separator: "\n").map {
      let d = try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
      return "\(d["line"] as! Int) \(d["time"] as! String)"
    }
    let fromReader = read.events.sorted { ($0.instant, $0.source.line) < ($1.instant, $1.source.line) }.map {
      "\($0.source.line) \(TimestampFormatter.utc($0.instant, digits: $0.instant.subsecondMicroseconds % 1000 == 0 ? 3 : 6))"
    }
    #expect(merged.count == records, "\(path)")
    #expect(merged == fromReader, "\(path)")
    #expect(summary.sources[0].rejected.map(\.line) == read.summary.rejected.map(\.line), "\(path)")
  }
}

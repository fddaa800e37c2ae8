import Foundation
import StorylineCore
import StorylineTestSupport
import Testing

@testable import StorylineFormats
@testable import StorylinePipeline

/// `build` (a format's reader) and `merge` (the streaming engine) read every file alike: the
/// same records, each at the same instant with the same severity, and the same rejections with
/// the same lines and reasons. For line logs both run the format's one tokenizer; this proves it
/// on every fixture and every real export.
@Suite("One engine: reader and merge agree")
struct ParityTests {
  /// What one consumer made of a file.
  struct Reading: Equatable, CustomStringConvertible {
    var records: Int
    /// (line, UTC microseconds, severity) of every event, in line order.
    var events: [String]
    /// (line, reason) of every rejection.
    var rejections: [String]
    /// The lines in no record, by reason.
    var skipped: [SkippedLines] = []
    var description: String {
      "\(records) records; events \(events.prefix(3))…; rejections \(rejections.prefix(3))…"
    }
  }

  static let normalizer = TimeNormalizer(caseZone: .utc, caseDate: CivilDate(iso: "2008-09-22"), region: "US")

  static func spec(_ path: String, format: FormatID? = nil) -> SourceSpec {
    SourceSpec(path: (path as NSString).lastPathComponent, resolvedPath: path, format: format)
  }

  static func viaReader(_ spec: SourceSpec) throws -> Reading {
    let r = try SourceLoader.read(
      spec, index: 0, normalizer: normalizer, directory: PeopleDirectory(people: [], region: "US"))
    return Reading(
      records: r.summary.records,
      events: r.events.map { "\($0.source.line) \($0.instant.microseconds) \($0.severity?.rawValue ?? "-")" }.sorted(),
      rejections: r.summary.rejected.map { "\($0.line) \($0.reason)" }, skipped: r.summary.skippedLines)
  }

  static func viaMerge(_ spec: SourceSpec) throws -> Reading {
    var options = MergeOptions(zone: .utc, output: .jsonl)
    options.rejectionsKept = .max
    let sink = MemorySink()
    let summary = try LogMerger.merge(
      [spec], normalizer: normalizer, directory: PeopleDirectory(people: [], region: "US"), options: options, to: sink)
    let events = String(decoding: sink.bytes, as: UTF8.self).split(separator: "\n").map { line -> String in
      let o = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
      let time = o["time"] as! String
      let severity = o["severity"] as? String ?? "-"
      return "\(o["line"] as! Int) \(utcMicros(time)) \(severity)"
    }
    let s = summary.sources[0]
    #expect(s.rejectedCount == s.rejected.count)
    return Reading(
      records: s.records, events: events.sorted(), rejections: s.rejected.map { "\($0.line) \($0.reason)" },
      skipped: s.skippedLines)
  }

  /// `2008-09-22T03:56:31.004Z` (or six fraction digits) as microseconds since 1970, by hand.
  static func utcMicros(_ s: String) -> Int64 {
    let b = Array(s.utf8)
    func n(_ r: Range<Int>) -> Int64 { r.reduce(0) { $0 * 10 + Int64(b[$1] - 48) } }
    var y = n(0..<4)
    let m = n(5..<7)
    let d = n(8..<10)
    // Days from civil (Howard Hinnant's algorithm).
    y -= m <= 2 ? 1 : 0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    let days = era * 146_097 + doe - 719_468
    let fracDigits = b.count - 1 - 20
    let frac = n(20..<(20 + fracDigits)) * (fracDigits == 3 ? 1000 : 1)
    return ((days * 24 + n(11..<13)) * 60 + n(14..<16)) * 60_000_000 + n(17..<19) * 1_000_000 + frac
  }

  /// Every regular file below `folder` whose format Storyline recognises.
  static func files(below folder: String) -> [String] {
    let all = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted()
    return all.map { folder + "/" + $0 }.filter { p in
      var dir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: p, isDirectory: &dir), !dir.boolValue,
        !p.hasSuffix(".yml"), !p.hasSuffix(".py"), !p.hasSuffix("_structured.csv"), !p.hasSuffix("INDEX.md"),
        !p.hasSuffix("README.md")
      else { return false }
      return (try? SourceLoader.format(for: spec(p))) != nil
    }
  }

  /// A format streams lines exactly when it has a tokenizer: the mode `storyline formats`
  /// shows and the path `merge` takes come from the same declaration.
  @Test func readingModesFollowTheFormatsDeclarations() {
    let lines = FormatRegistry.all.filter { $0 is any LineLogFormat }.map(\.id.rawValue)
    #expect(FormatRegistry.all.filter { $0.reading == .lines }.map(\.id.rawValue) == lines)
    #expect(
      lines == [
        "weblogic", "w3c-extended", "journald", "json-lines", "logcat", "apache-error", "java", "syslog",
        "access-log", "timestamped",
      ])
    #expect(Set(FormatRegistry.all.map(\.id)).count == FormatRegistry.all.count)
  }

  @Test func theUtcParserOfThisTestIsRight() {
    #expect(Self.utcMicros("1970-01-01T00:00:00.000Z") == 0)
    #expect(Self.utcMicros("2008-09-22T03:56:31.004Z") == 1_222_055_791_004_000)
    #expect(Self.utcMicros("2016-02-29T23:59:59.123456Z") == 1_456_790_399_123_456)
  }

  @Test func everyFixtureReadsAlikeInBuildAndMerge() throws {
    let files = Self.files(below: TestPaths.root + "/fixtures") + Self.files(below: TestPaths.fixtures)
    #expect(files.count >= 40)
    var lineLogs = 0
    var (events, rejections) = (0, 0)
    for f in files {
      let spec = Self.spec(f)
      if try SourceLoader.format(for: spec) is any LineLogFormat { lineLogs += 1 }
      let (a, b) = (try Self.viaReader(spec), try Self.viaMerge(spec))
      #expect(a == b, "\(f)")
      (events, rejections) = (events + a.events.count, rejections + a.rejections.count)
    }
    // Not a comparison of empty lists: this many records were compared one by one.
    // + fixtures/alertmanager: 3 + 1 + 2; fixtures/pagerduty: 9; fixtures/clock-skew: 41 + 19;
    // fixtures/opsgenie: 4 + 1 + 2; fixtures/checkout-2026: 40 + 2 + 9 + 4 + 2 + 1 + 4 + 3;
    // fixtures/hostile/report-injection.md: its second note (a CSV column injection);
    // fixtures/hostile/comment-hides-record.xml: 2.
    #expect(events == 877)
    #expect(rejections == 12)  // + webhook.jsonl line 3
    #expect(lineLogs == 21, "line-log fixtures: \(lineLogs) of \(files.count)")
    #expect(files.count == 70, "files: \(files.count)")
  }

  @Test(.realData) func everyRealExportReadsAlikeInBuildAndMerge() throws {
    let files = Self.files(below: try #require(TestPaths.realData))
    #expect(files.count == 36, "real files: \(files.count)")  // loghub's BGL, HPC, OpenStack and Proxifier now read
    var (events, rejections) = (0, 0)
    for f in files {
      let spec = Self.spec(f)
      let (a, b) = (try Self.viaReader(spec), try Self.viaMerge(spec))
      #expect(a == b, "\(f)")
      (events, rejections) = (events + a.events.count, rejections + a.rejections.count)
    }
    #expect(events == 18141)
    #expect(rejections == 4)
  }

  /// The three one-line files a user tried: each rejected by the reader (inspect, build) and by
  /// merge, with the same reason.
  @Test(arguments: [
    (
      "####<Sep 22, 2008 11:56:31 AM CST> <Error> <WebLogicServer> <ms1> <sysE_ms1> <t> <<WLS Kernel>> <> <> <1222055791000> <no id>\n",
      FormatID.weblogic, "no message id (BEA-nnnnnn) among the record's fields"
    ),
    ("2008-09-22 11:56:31 something happened here\n", .syslog, "not a syslog line: no timestamp at its start"),
    (
      "10.0.0.1 - - 22/Sep/2008:11:56:31 +0800] \"GET / HTTP/1.1\" 200 12\n", .accessLog,
      "not an access-log line (host ident user [time] \"request\" status bytes)"
    ),
  ])
  func oneLineFilesAreRejectedAlike(text: String, format: FormatID, reason: String) throws {
    let spec = Self.spec(temporaryFile("one.log", text), format: format)
    let expected = Reading(records: 1, events: [], rejections: ["1 \(reason)"])
    #expect(try Self.viaReader(spec) == expected)
    #expect(try Self.viaMerge(spec) == expected)
  }
}

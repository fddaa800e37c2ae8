import Foundation
import StorylineAnalysis
import StorylineCore
import StorylinePipeline
import StorylineReports
import StorylineTestSupport
import Testing

@testable import storyline

/// A case with a log longer than every in-memory window of the streamed build (the reorder
/// window, the producer's batches, the digest's shown records): 6,000 records a second apart
/// from 10:00:00 (+08:00), each tenth pair swapped (local disorder the reorder window absorbs),
/// the 101st line moved 3,000 lines later in the file (too late to absorb), a note at ~10:30
/// (or `note`).
enum LargeCase {
  static let records = 6_000

  static func make(note: String = "~10:30 ops saw the errors") throws -> String {
    let dir = scratchDirectory() + "storyline-large-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    var lines: [String] = []
    for k in 0..<records {
      let t = 36_000 + k  // seconds since midnight
      let stamp = String(format: "2008-09-22T%02d:%02d:%02d.000000+08:00", t / 3600, t / 60 % 60, t % 60)
      let text = k == 4_000 ? "Server state changed to FAILED" : "request \(k) served in \(k % 97) ms"
      lines.append("\(stamp) app01 app[42]: \(text)")
    }
    for k in stride(from: 10, to: records - 1, by: 10) { lines.swapAt(k, k + 1) }
    let late = lines.remove(at: 100)
    lines.insert(late, at: 3_100)
    try (lines.joined(separator: "\n") + "\n").write(toFile: dir + "/app.log", atomically: true, encoding: .utf8)
    try (note + "\n").write(toFile: dir + "/ops.txt", atomically: true, encoding: .utf8)
    try """
    title: Large log ops paged on
    timezone: Asia/Shanghai
    date: 2008-09-22
    people:
      - id: ops
        role: operations
        on_call: true
    escalation:
      - notify: [ops]
        within: 15m
    sources:
      - path: app.log
        format: syslog
      - path: ops.txt
        format: notes
        owner: ops
    """.write(toFile: dir + "/case.yml", atomically: true, encoding: .utf8)
    return dir
  }
}

@Suite("Streamed build")
struct StreamedBuildTests {
  /// The streamed JSON of the large case, and the case.
  static func streamedJSON(_ dir: String, redaction: Redaction = []) throws -> (json: String, report: StreamedReport) {
    let c = try CaseFileLoader.load(path: dir)
    let stream = TimelineBuilder.stream(c)
    let report = StreamedReport(stream, case: c, redaction: redaction)
    var writer = JSONReport.Writer(report.timeline, digest: report.digest, escalation: report.escalation)
    var bytes: [UInt8] = []
    try report.write(stream, with: &writer, chunk: 4096) { bytes += $0 }
    return (String(decoding: bytes, as: UTF8.self), report)
  }

  /// A report of every event written during the first pass (``EventSpill``): the writer's bytes,
  /// and the files the spill's folder held while it was open.
  static func spilled<Writer: TimelineWriter>(
    _ dir: String, redaction: Redaction = [], events: (ZoneRules) -> Writer, framing: (StreamedReport) -> Writer
  ) throws -> (bytes: [UInt8], files: [String]) {
    let c = try CaseFileLoader.load(path: dir)
    let stream = TimelineBuilder.stream(c)
    let spill = try EventSpill(events(stream.header.zone), directory: dir)
    let report = StreamedReport(stream, case: c, redaction: redaction, spill: spill)
    let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    var bytes: [UInt8] = []
    try report.write(spill, with: framing(report), progress: nil) { bytes += $0 }
    return (bytes, files)
  }

  /// The JSON, CSV and Timesketch files a build writes on its one pass — each event written as it passes, its
  /// burst filled in at the end, the approximate note held and written at the end — are the
  /// bytes a second pass writes: with the note first (before every record: the first event
  /// written at the end), among the records (its order mark known only at the end) and last;
  /// redacted or not. The temporary file has no name in the folder, even while it is written.
  @Test(arguments: ["~09:00 ops saw nothing yet", "~10:30 ops saw the errors", "~12:30 ops went home"])
  func theOnePassReportIsTheSecondPasss(note: String) throws {
    let dir = try LargeCase.make(note: note)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for redaction: Redaction in [[], [.names, .numbers, .bodies]] {
      let (json, report) = try Self.streamedJSON(dir, redaction: redaction)
      let one = try Self.spilled(
        dir, redaction: redaction, events: { JSONReport.Writer(eventsIn: $0) },
        framing: { JSONReport.Writer($0.timeline, digest: $0.digest, escalation: $0.escalation) })
      #expect(String(decoding: one.bytes, as: UTF8.self) == json)
      #expect(one.files == ["app.log", "case.yml", "ops.txt"])
      #expect(report.digest.bursts.count == 2)
      var csv = CSVReport.Writer(zone: report.timeline.zone)
      var twoPass: [UInt8] = []
      try report.write(TimelineBuilder.stream(try CaseFileLoader.load(path: dir)), with: &csv) { twoPass += $0 }
      let oneCSV = try Self.spilled(
        dir, redaction: redaction, events: { CSVReport.Writer(zone: $0) },
        framing: { CSVReport.Writer(zone: $0.timeline.zone) })
      #expect(oneCSV.bytes == twoPass)
      // Timesketch's lines name the case as the report shows it: `ops` redacted in the title.
      let title = StreamedReport.shownHeader(
        try Self.stream(dir), case: try CaseFileLoader.load(path: dir), redaction: redaction
      ).title
      #expect(title == report.timeline.title)
      #expect(title == (redaction.isEmpty ? "Large log ops paged on" : "Large log operations paged on"))
      for csv in [false, true] {
        var w = TimesketchReport.Writer(title: report.timeline.title, csv: csv)
        var twoPass: [UInt8] = []
        try report.write(try Self.stream(dir), with: &w) { twoPass += $0 }
        let one = try Self.spilled(
          dir, redaction: redaction, events: { _ in TimesketchReport.Writer(title: title, csv: csv) },
          framing: { TimesketchReport.Writer(title: $0.timeline.title, csv: csv) })
        #expect(one.bytes == twoPass)
        let lines = one.bytes.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
        #expect(lines.count == LargeCase.records + 1 + (csv ? 1 : 0))
        #expect(lines.filter { $0.contains(csv ? ",b1," : "\"burst\":\"b1\"") }.count > 10)
        #expect(lines.last?.contains(title) == true)
      }
    }
    // Where the note is: first (not marked), among the records (marked), last.
    let events = try JSONSerialization.jsonObject(with: Data(try Self.streamedJSON(dir).json.utf8)) as! [String: Any]
    let list = events["events"] as! [[String: Any]]
    let at = list.firstIndex { $0["kind"] as? String == "note" }!
    let expected: (Int, Bool) =
      note.hasPrefix("~09") ? (0, false) : note.hasPrefix("~12") ? (LargeCase.records, false) : (at, true)
    #expect(at == expected.0 && list[at]["order_uncertain"] as? Bool == expected.1)
  }

  static func stream(_ dir: String) throws -> EvidenceStream {
    TimelineBuilder.stream(try CaseFileLoader.load(path: dir))
  }

  /// A spill that would outgrow its budget is given up (nothing emitted, the file emptied); the
  /// report is then the second pass's, the same bytes.
  @Test func aSpillBeyondItsBudgetGivesWayToASecondPass() throws {
    let dir = try LargeCase.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (json, _) = try Self.streamedJSON(dir)
    let c = try CaseFileLoader.load(path: dir)
    let stream = TimelineBuilder.stream(c)
    // 6,001 events of about 1.2 KB: 7 MB; a budget of 1 MB is outgrown a sixth of the way in.
    let spill = try EventSpill(
      JSONReport.Writer(eventsIn: stream.header.zone), directory: dir, budget: SpillBudget(bytes: 1 << 20))
    let report = StreamedReport(stream, case: c, redaction: [], spill: spill)
    var w = JSONReport.Writer(report.timeline, digest: report.digest, escalation: report.escalation)
    var emitted = 0
    #expect(try report.write(spill, with: w, progress: nil) { emitted += $0.count } == false)
    #expect(emitted == 0)
    var bytes: [UInt8] = []
    try report.write(stream, with: &w) { bytes += $0 }
    #expect(String(decoding: bytes, as: UTF8.self) == json)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["app.log", "case.yml", "ops.txt"])
    // With no budget, the same report from the spill.
    let kept = try Self.spilled(
      dir, events: { JSONReport.Writer(eventsIn: $0) },
      framing: { JSONReport.Writer($0.timeline, digest: $0.digest, escalation: $0.escalation) })
    #expect(String(decoding: kept.bytes, as: UTF8.self) == json)
  }

  /// The estimate before the pass: a report of about 8× the evidence, within a tenth of memory.
  @Test func theBudgetAdmitsWhatTheEstimateFits() {
    let budget = SpillBudget(bytes: 2_400_000_000)
    #expect(budget.admits(evidenceBytes: 100 << 20))  // 839 MB
    #expect(budget.admits(evidenceBytes: 300_000_000))  // 2.4 GB
    #expect(!budget.admits(evidenceBytes: 300_000_001))
    #expect(!budget.admits(evidenceBytes: 1 << 30))  // 8.6 GB
    #expect(!budget.admits(evidenceBytes: .max))  // no overflow
    #expect(SpillBudget.machine.bytes == Int64(ProcessInfo.processInfo.physicalMemory / 10))
  }

  /// A report to stdout keeps its events in $TMPDIR; where no file can be made there, the
  /// build writes them on a second pass instead of failing: the same report.
  @Test func noTemporaryFolderMeansASecondPassNotAFailure() throws {
    let dir = try LargeCase.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for format in ["json", "csv"] {
      let usual = try storyline(["build", dir, "--format", format])
      let none = try storyline(["build", dir, "--format", format], environment: ["TMPDIR": dir + "/missing"])
      #expect(usual.status == 0 && none.status == 0)
      #expect(none.out == usual.out && none.out.count > 6_000 * 100)
      #expect(none.err == usual.err)
    }
  }

  @Test func aSpillWhereNoFileCanBeMadeSaysWhere() throws {
    let missing = scratchDirectory() + "storyline-missing-\(UUID().uuidString)"
    #expect {
      try EventSpill(CSVReport.Writer(zone: .utc), directory: missing)
    } throws: { error in
      (error as? SpillError)?.description
        == "\(missing): error: cannot keep the report's events in a temporary file here (it grows as large as the "
        + "report): No such file or directory"
    }
  }

  @Test func aLogLongerThanEveryWindowStreamsInOrderAndCompletely() throws {
    let dir = try LargeCase.make()
    let (json, report) = try Self.streamedJSON(dir)
    let doc = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
    let events = doc["events"] as! [[String: Any]]
    #expect(events.count == LargeCase.records + 1)
    // Every record once, in time order but for the one placed too late to be put right.
    let times = events.map { $0["time"] as! String }
    let disorder = zip(times, times.dropFirst()).filter { $0.0 > $0.1 }.count
    #expect(disorder == 1)
    #expect(Set(events.map { $0["id"] as! String }).count == LargeCase.records + 1)
    // Read 3,000 records late, it leaves the reorder window first: after the records read with it.
    // (Record 101: the pair 100–101 was swapped before the move.)
    let late = events.firstIndex { ($0["text"] as? String) == "app: request 101 served in 4 ms" }
    #expect(late == 1_053)
    #expect(times[1_052] == "2008-09-22T02:17:33.000000Z" && times[1_054] == "2008-09-22T02:17:34.000000Z")
    // It says so (written where it was read); the swapped records say they were placed by time.
    let lateCorrections = (events[late!]["source"] as! [String: Any])["corrections"] as! [[String: String]]
    #expect(
      lateCorrections.first { $0["kind"] == "out_of_file_order" }?["detail"]?.hasSuffix(
        "later than the reorder window reaches, so written where it was read") == true)
    let placed = events.filter {
      (($0["source"] as! [String: Any])["corrections"] as! [[String: String]]).contains {
        $0["kind"] == "out_of_file_order" && $0["detail"]!.hasSuffix("placed by its time")
      }
    }
    // 599 pairs swapped (lines 10/11 … 5990/5991), each one record read after a later one; the
    // pair 100–101 lost record 101 to the move, so 598 were put back in place by the window.
    #expect(placed.count == 598)
    let source = (doc["sources"] as! [[String: Any]])[0]
    #expect(source["records"] as? Int == LargeCase.records && source["events"] as? Int == LargeCase.records)
    #expect(
      (source["warnings"] as! [[String: Any]]).map { $0["message"] as! String } == [
        "1 record came more than 2048 records late in the file: placed after records later than it, out of time order"
      ])
    // The note's ~10:30 window (±15 min) overlaps log records: both sides are marked, the note
    // only once its pass has seen them all (the second pass).
    let note = events.first { ($0["kind"] as? String) == "note" }!
    #expect(note["order_uncertain"] as? Bool == true)
    #expect(
      events.first { ($0["text"] as? String) == "app: request 2000 served in 60 ms" }?["order_uncertain"] as? Bool
        == true)
    #expect(
      events.first { ($0["text"] as? String) == "app: request 0 served in 0 ms" }?["order_uncertain"] as? Bool == false)
    // The analysis read the stream: the start is the state change, found among 6,000 records.
    let incident = (doc["escalation"] as! [String: Any])["incident"] as! [String: Any]
    #expect((incident["started"] as! [String: Any])["time"] as? String == "2008-09-22T03:06:40Z")
    // Two bursts of "request N served in M ms": the late record ends the first (a run's last
    // record is the one before in the stream; after it comes a gap of 16 minutes).
    let bursts = (doc["logs"] as! [String: Any])["bursts"] as! [[String: Any]]
    #expect(bursts.map { $0["count"] as! Int } == [1_054, 4_945])
    #expect(bursts.map { $0["template"] as! String } == Array(repeating: "app: request <*> served in <*> ms", count: 2))
    #expect(report.digest.eventCount == LargeCase.records + 1)
  }

  @Test func theStreamedReportIsTheInMemoryOne() throws {
    let dir = try LargeCase.make()
    for redaction: Redaction in [[], [.names, .numbers, .bodies]] {
      let (json, _) = try Self.streamedJSON(dir, redaction: redaction)
      let c = try CaseFileLoader.load(path: dir)
      let built = TimelineBuilder.build(c)
      let (t, r) = ReportInput.prepare(case: c, timeline: built.timeline, redaction: redaction)
      #expect(json == JSONReport.render(t, escalation: r))
    }
  }

  @Test func aLogWrittenToDuringTheBuildIsAnError() throws {
    let dir = try LargeCase.make()
    let c = try CaseFileLoader.load(path: dir)
    let stream = TimelineBuilder.stream(c)
    let report = StreamedReport(stream, case: c, redaction: [])
    // Between the passes, the log grows by two records.
    let log = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/app.log"))
    try log.seekToEnd()
    try log.write(
      contentsOf: Data(
        ("2008-09-22T12:00:00.000000+08:00 app01 app[42]: late 1\n"
          + "2008-09-22T12:00:01.000000+08:00 app01 app[42]: late 2\n").utf8))
    try log.close()
    var writer = CSVReport.Writer(zone: report.timeline.zone)
    var rows = 0
    #expect {
      try report.write(stream, with: &writer) {
        rows += String(decoding: $0, as: UTF8.self).components(separatedBy: "\r\n").count - 1
      }
    } throws: { error in
      let e = error as? StreamedReport.EvidenceChanged
      return e?.first == LargeCase.records + 1 && e?.second == LargeCase.records + 3
    }
    #expect(rows == LargeCase.records + 4)  // the header and every row written before the check
  }

  /// Writing fails (a full disk): the error is the build's, and the pass stops with it rather
  /// than reading the rest of the evidence.
  @Test func aWriteThatFailsStopsThePass() throws {
    struct DiskFull: Error {}
    let dir = try LargeCase.make()
    let c = try CaseFileLoader.load(path: dir)
    let stream = TimelineBuilder.stream(c)
    let report = StreamedReport(stream, case: c, redaction: [])
    var writer = JSONReport.Writer(report.timeline, digest: report.digest, escalation: report.escalation)
    var chunks = 0
    #expect(throws: DiskFull.self) {
      try report.write(stream, with: &writer, chunk: 4096) { _ in
        chunks += 1
        if chunks == 2 { throw DiskFull() }
      }
    }
    #expect(chunks == 2)
  }

  @Test func theHTMLTableIsBounded() throws {
    let dir = try LargeCase.make()
    let c = try CaseFileLoader.load(path: dir)
    let report = StreamedReport(TimelineBuilder.stream(c), case: c, redaction: [], shownLogRecords: 250)
    #expect(report.digest.shown.count == 251 && report.digest.omitted == LargeCase.records - 250)
    let html = try TemplateReport.render(
      report.timeline, digest: report.digest, escalation: report.escalation, kind: .html)
    // 250 records and the note, plus the two bursts' own rows.
    #expect(html.components(separatedBy: "<tr id=\"s").count - 1 == 251)
    #expect(html.components(separatedBy: "<tr id=\"b").count - 1 == 2)
    #expect(
      html.contains(
        "<p class=\"omitted\">The table lists 251 of the 6001 events (every communication and note, then log records "
          + "that change state, signal a fault or recovery, or warn); the other 5750 log records are counted in the "
          + "bursts and the per-minute volume only."))
    // The state change is kept before ordinary records.
    #expect(html.contains("Server state changed to FAILED"))
    let md = try TemplateReport.render(
      report.timeline, digest: report.digest, escalation: report.escalation, kind: .markdown)
    #expect(md.contains("\n\nThe table lists 251 of the 6001 events"))
  }

  /// A message history of thousands (#13): the table keeps the notes and the messages between
  /// people of the case, then those nearest the incident's start, and says how many it leaves
  /// out; the JSON keeps every message.
  @Test func aLongMessageHistoryIsBoundedInTheTable() throws {
    let dir = scratchDirectory() + "storyline-history-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // 400 texts to strangers, one every 3 minutes from 00:00 UTC, and 5 to the boss at 12:00–12:04.
    let base: Int64 = 1_222_041_600_000  // 2008-09-22T00:00:00Z
    var sms = ["<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>", "<smses count=\"405\">"]
    for k in 0..<400 {
      sms.append(
        "<sms protocol=\"0\" address=\"+1 555 900 \(1000 + k)\" date=\"\(base + Int64(k) * 180_000)\" type=\"2\" "
          + "body=\"note \(k)\" read=\"1\" status=\"-1\" />")
    }
    for k in 0..<5 {
      sms.append(
        "<sms protocol=\"0\" address=\"+1 555 000 0002\" date=\"\(base + 720 * 60_000 + Int64(k) * 60_000)\" "
          + "type=\"2\" body=\"boss \(k)\" read=\"1\" status=\"-1\" />")
    }
    sms.append("</smses>")
    try sms.joined(separator: "\n").write(toFile: dir + "/sms.xml", atomically: true, encoding: .utf8)
    try "# Ops\n\n- 11:00 ops: saw the alarm\n".write(toFile: dir + "/ops.md", atomically: true, encoding: .utf8)
    try """
    title: History
    timezone: UTC
    date: 2008-09-22
    people:
      - {id: ops, phones: ["+1 555 000 0001"]}
      - {id: boss, phones: ["+1 555 000 0002"]}
    incident:
      started: 2008-09-22 12:00
    sources:
      - {path: sms.xml, owner: ops}
      - {path: ops.md, owner: ops}
    """.write(toFile: dir + "/case.yml", atomically: true, encoding: .utf8)
    let c = try CaseFileLoader.load(path: dir)
    let report = StreamedReport(TimelineBuilder.stream(c), case: c, redaction: [], shownOtherEvents: 50)
    let d = report.digest
    #expect(d.eventCount == 406 && d.shownOther == 50 && d.omittedOther == 356 && d.shown.count == 50)
    // The note and the boss's five first, then the 44 strangers' texts nearest 12:00: 10:54–13:03
    // (the 45th, 13:06, is as far from 12:00 as 10:54 and comes later).
    #expect(d.shown.filter { $0.kind == .note }.count == 1)
    #expect(d.shown.filter { $0.text.hasPrefix("boss ") }.count == 5)
    let strangers = d.shown.compactMap { e in e.text.hasPrefix("note ") ? Int(e.text.dropFirst(5)) : nil }
    #expect(strangers == Array(218...261))
    let md = try TemplateReport.render(report.timeline, digest: d, escalation: report.escalation, kind: .markdown)
    #expect(
      md.contains(
        "The table lists 50 of the 406 events: 50 of the 406 communications, notes and alerts (notes, alerts, signals "
          + "and messages between people of the case first, then those nearest the incident's start) and every log "
          + "record."))
    // Without the limit reached, the line and the table are as before.
    let all = StreamedReport(TimelineBuilder.stream(c), case: c, redaction: [])
    #expect(all.digest.shown.count == 406 && all.digest.omittedOther == 0)
    let whole = try TemplateReport.render(all.timeline, digest: all.digest, escalation: all.escalation, kind: .markdown)
    #expect(!whole.contains("The table lists"))
  }

  /// The archive's Markdown is streamed with every event (#13), where the team's table is bounded;
  /// the shipped template's layout is kept (the golden archive report is this writer's output).
  @Test func theArchiveMarkdownListsEveryEvent() throws {
    let dir = try LargeCase.make()
    let c = try CaseFileLoader.load(path: dir)
    let stream = TimelineBuilder.stream(c)
    let report = StreamedReport(stream, case: c, redaction: [], shownLogRecords: 250)
    var writer = ArchiveMarkdownWriter(report.timeline, digest: report.digest, escalation: report.escalation)
    var bytes: [UInt8] = []
    try report.write(stream, with: &writer, chunk: 4096) { bytes += $0 }
    let md = String(decoding: bytes, as: UTF8.self)
    let timeline = md.components(separatedBy: "## Timeline (Asia/Shanghai")[1]
    let rows = timeline.split(separator: "\n").filter {
      $0.hasPrefix("| ") && !$0.hasPrefix("| Time |") && !$0.hasPrefix("| --- |")
    }
    #expect(rows.count == LargeCase.records + 1)  // every record and the note
    #expect(!md.contains("The table lists"))
    #expect(timeline.components(separatedBy: "\n### ").count - 1 == 1)  // one local day
    // In time order: the first records, the note at ~10:30 among them, the moved line in place.
    #expect(rows[0].hasPrefix("| 10:00:00 | log | app01 |") && rows[1].hasPrefix("| 10:00:01 | log | app01 |"))
    #expect(rows.filter { $0.contains("ops saw the errors") }.count == 1)
    #expect(rows[100].hasPrefix("| 10:01:40 | log |"))
    // The same evidence, the shipped template rendered whole with every event shown: the same text.
    let whole = StreamedReport(TimelineBuilder.stream(c), case: c, redaction: [], shownLogRecords: 10_000)
    let rendered = try TemplateReport.render(
      whole.timeline, digest: whole.digest, escalation: whole.escalation, kind: .markdown, audience: .archive)
    #expect(rendered == md)
    // Across days: each day's heading and table, as the template lays them out.
    let days = scratchDirectory() + "storyline-days-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: days, withIntermediateDirectories: true)
    try
      "## 2008-09-22\n\n- 23:50 ops: a\n- 23:55 ops: b\n\n## 2008-09-23\n\n- 00:10 ops: c\n\n## 2008-09-25\n\n- 09:00 ops: d\n"
      .write(toFile: days + "/ops.md", atomically: true, encoding: .utf8)
    try "title: Days\ntimezone: UTC\nsources:\n  - path: ops.md\n".write(
      toFile: days + "/case.yml", atomically: true, encoding: .utf8)
    let d = try CaseFileLoader.load(path: days)
    let dStream = TimelineBuilder.stream(d)
    let dReport = StreamedReport(dStream, case: d, redaction: [])
    var dWriter = ArchiveMarkdownWriter(dReport.timeline, digest: dReport.digest, escalation: dReport.escalation)
    var dBytes: [UInt8] = []
    try dReport.write(dStream, with: &dWriter) { dBytes += $0 }
    let dText = String(decoding: dBytes, as: UTF8.self)
    #expect(
      dText.components(separatedBy: "\n### ").dropFirst().map { String($0.prefix(while: { $0 != "\n" })) } == [
        "Monday 22 September 2008", "Tuesday 23 September 2008", "Thursday 25 September 2008",
      ])
    #expect(
      dText
        == (try TemplateReport.render(
          dReport.timeline, digest: dReport.digest, escalation: dReport.escalation, kind: .markdown,
          audience: .archive)))
    // No events: the template's own "No events." text.
    let none = ArchiveMarkdownWriter(dReport.timeline, digest: TimelineDigest.of(dReport.timeline), escalation: nil)
    let noneText = none.end()
    #expect(noneText.contains("\nNo events.\n"))
    #expect(
      noneText == (try TemplateReport.render(dReport.timeline, escalation: nil, kind: .markdown, audience: .archive)))
  }

  @Test func anInterruptedBuildLeavesNoFileBehind() throws {
    let dir = try LargeCase.make()
    // Enough records that the build is still reading when the interrupt comes.
    let log = try String(contentsOfFile: dir + "/app.log", encoding: .utf8)
    try String(repeating: log, count: 40).write(toFile: dir + "/app.log", atomically: true, encoding: .utf8)
    let out = dir + "/out.json"
    let p = Process()
    p.executableURL = try storylineExecutable()
    p.arguments = ["build", dir, "--format", "json", "-o", out]
    p.standardError = FileHandle.nullDevice
    try p.run()
    // The temporary file appears before the first pass starts.
    var temporary: String? = nil
    for _ in 0..<2_000 where temporary == nil {
      temporary = try FileManager.default.contentsOfDirectory(atPath: dir).first {
        $0.hasPrefix(".out.json.storyline-")
      }
      if temporary == nil { usleep(5_000) }
    }
    #expect(temporary != nil)
    kill(p.processIdentifier, SIGINT)
    p.waitUntilExit()
    #expect(p.terminationReason == .exit && p.terminationStatus == 130)
    let left = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    #expect(left == ["app.log", "case.yml", "ops.txt"])
  }

  @Test func aFinishedBuildReplacesTheFileWhole() throws {
    let dir = try LargeCase.make()
    let out = dir + "/out.json"
    try "old".write(toFile: out, atomically: true, encoding: .utf8)
    let r = try storyline(["build", dir, "--format", "json", "-o", out])
    #expect(r.status == 0)
    #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("{\n  \"schema\": \"storyline/1\""))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == [
        "app.log", "case.yml", "ops.txt", "out.json",
      ])
    // A build that fails before it writes leaves the old file as it was.
    let bad = try storyline(["build", dir, "--template", dir + "/missing.mustache", "-o", out])
    #expect(bad.status == 1 && bad.err.contains("missing.mustache: error: cannot read the template"))
    #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("{\n  \"schema\""))
  }

  /// A report file is sent on to the disk as it is written (so that the `fsync` before its
  /// rename has little left to wait for): every byte lands where it was written, across
  /// several sends, in writes of odd sizes.
  @Test func aFileSentOnToTheDiskWhileWrittenHoldsEveryByte() throws {
    let path = scratchDirectory() + "storyline-writeback-\(UUID().uuidString)"
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    try #require(fd >= 0)
    defer { unlink(path) }
    var sink = FileDescriptorSink(descriptor: fd, path: path, writesBack: true)
    var rng = SeededGenerator(seed: 7)
    let block = (0..<(1 << 20) + 8_192).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    var expected: [UInt8] = []
    while Int64(expected.count) < 2 * FileDescriptorSink.writeBackEvery + 12_345 {
      // Pieces of 1 MiB and a few bytes, each from another place in the block.
      let start = Int(rng.next() % 4_096)
      let piece = block[start..<start + (1 << 20) + Int(rng.next() % 4_096)]
      try piece.withUnsafeBytes { try sink.write($0) }
      expected += piece
    }
    #expect(fsync(fd) == 0)
    close(fd)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected))
  }

  /// The progress counts the sources read whole (notes, phones) as read from the start, the
  /// logs as they stream: a case of notes alone is all read at the first report, not at 0 %.
  @Test func progressCountsTheSourcesReadWhole() throws {
    let dir = scratchDirectory() + "storyline-progress-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let notes = (0..<2_000).map { String(format: "%02d:%02d ops: step %d", 8 + $0 / 60 % 12, $0 % 60, $0) }
    try ("## 2008-09-22\n\n" + notes.joined(separator: "\n") + "\n").write(
      toFile: dir + "/ops.md", atomically: true, encoding: .utf8)
    try "title: T\ntimezone: UTC\nsources:\n  - path: ops.md\n".write(
      toFile: dir + "/case.yml", atomically: true, encoding: .utf8)
    let size = Int64(try FileManager.default.attributesOfItem(atPath: dir + "/ops.md")[.size] as! Int)
    let stream = TimelineBuilder.stream(try CaseFileLoader.load(path: dir))
    var calls: [(Int64, Int64, Int)] = []
    var bySource: [[EvidenceStream.SourceProgress]] = []
    var events = 0
    stream.pass(progress: {
      calls.append(($0, $1, $2))
      bySource.append(stream.sourceProgress())
    }) { _ in events += 1 }
    #expect(events == 2_000 && !calls.isEmpty)
    #expect(calls.allSatisfy { $0.0 == size && $0.1 == size })
    #expect(bySource.allSatisfy { $0 == [.init(path: "ops.md", read: size, total: size, records: 2_000)] })
  }

  /// Each log's progress as its reading thread publishes it: never back, never past its size
  /// or its records; the notes read whole are read from the start.
  @Test func progressBySourceFollowsEachLog() throws {
    let dir = try LargeCase.make()
    let stream = TimelineBuilder.stream(try CaseFileLoader.load(path: dir))
    let log = Int64(try FileManager.default.attributesOfItem(atPath: dir + "/app.log")[.size] as! Int)
    var seen: [[EvidenceStream.SourceProgress]] = []
    // Slowed down (60 ms every 500 events), so that the progress, every 250 ms, is asked a few times.
    var n = 0
    stream.pass(progress: { _, _, _ in seen.append(stream.sourceProgress()) }) { _ in
      n += 1
      if n % 500 == 0 { usleep(60_000) }
    }
    #expect(seen.count > 1)
    #expect(seen.allSatisfy { $0.map(\.path) == ["app.log", "ops.txt"] && $0[0].total == log && $0[1].records == 1 })
    let logs = seen.map { $0[0] }
    #expect(zip(logs, logs.dropFirst()).allSatisfy { $0.read <= $1.read && $0.records <= $1.records })
    #expect(logs.allSatisfy { $0.read <= log && $0.records <= LargeCase.records })
    #expect(logs.last!.records > 0)
    // After the pass, no log is being read.
    #expect(stream.sourceProgress().map(\.path) == ["ops.txt"])
  }

  @Test func progressOnlyOnATerminal() throws {
    let dir = try LargeCase.make()
    let piped = try storyline(["build", dir, "--format", "json", "-o", dir + "/a.json"])
    #expect(piped.status == 0)
    #expect(!piped.err.contains("\r") && !piped.err.contains("reading:"))
    // Under a pseudo-terminal the progress line is drawn.
    let (status, text) = try Self.underTerminal("build \(dir) --format json -o \(dir)/b.json")
    #expect(status == 0)
    #expect(text.contains("\rreading: 0 of 0 MiB (") && text.contains("%), 512 records"))
    #expect(text.contains("\u{1B}[K"))
    // A line per source below it (the notes read whole from the start, the log as it is read),
    // then back up to the first line; at the end, everything cleared.
    let notes = try FileManager.default.attributesOfItem(atPath: dir + "/ops.txt")[.size] as! Int
    #expect(
      text.contains(
        String(
          format: "\n  ops.txt: %.1f of %.1f MiB (100%%), 1 records", Double(notes) / 1_048_576,
          Double(notes) / 1_048_576)))
    let log = try FileManager.default.attributesOfItem(atPath: dir + "/app.log")[.size] as! Int
    #expect(text.contains("\n  app.log: ") && text.contains(String(format: " of %.1f MiB (", Double(log) / 1_048_576)))
    #expect(text.contains(" records\u{1B}[K\u{1B}[2A\r"))
    #expect(text.hasSuffix("\r\u{1B}[J"))
  }

  /// `storyline` run with `arguments` under a pseudo-terminal (script(1) from util-linux): its exit
  /// status, and what it wrote to the terminal (stdout and stderr).
  static func underTerminal(_ arguments: String) throws -> (status: Int32, text: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    p.arguments = ["-qec", "\(try storylineExecutable().path) \(arguments)", "/dev/null"]
    let out = Pipe()
    p.standardOutput = out
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return (p.terminationStatus, text)
  }

  /// `check`, `archive` and `verify` show their progress too, on a terminal only: `check` its
  /// reading, `archive` and `verify` each of their steps; the lines are cleared before the result.
  @Test func progressOfCheckArchiveAndVerify() throws {
    let dir = try LargeCase.make()
    let zip = dir + "/case.zip"
    let piped = try storyline(["archive", dir, "-o", zip, "--no-pdf"])
    #expect(piped.status == 0 && !piped.err.contains("\r") && !piped.err.contains("packing:"))
    let verified = try storyline(["verify", zip])
    #expect(verified.status == 0 && !verified.err.contains("\r"))
    let checked = try storyline(["check", dir])
    #expect(!checked.err.contains("\r") && !checked.err.contains("reading:"))
    let check = try Self.underTerminal("check \(dir)")
    #expect(check.text.contains("\rreading: ") && check.text.contains("\n  app.log: "))
    #expect(check.text.contains("\r\u{1B}[JLarge log ops paged on"))
    let archive = try Self.underTerminal("archive \(dir) -o \(dir)/b.zip --no-pdf")
    #expect(archive.status == 0)
    let stages = ["reading", "writing", "packing"].map { archive.text.range(of: "\r\($0): ")?.lowerBound }
    #expect(stages.allSatisfy { $0 != nil } && stages == stages.sorted { $0! < $1! })
    #expect(archive.text.contains("records") && archive.text.contains("\r\u{1B}[J\(dir)/b.zip: seal "))
    let verify = try Self.underTerminal("verify \(dir)/b.zip")
    #expect(verify.status == 0)
    for stage in ["hashing", "extracting", "reading", "writing"] { #expect(verify.text.contains("\r\(stage): ")) }
    #expect(verify.text.contains("\r\u{1B}[J\(dir)/b.zip: seal "))
  }

  /// While headless Chromium prints a PDF, a line says so (on a terminal), cleared before the end.
  @Test(.chromium) func printingAPDFSaysSo() throws {
    let dir = try LargeCase.make()
    let (status, text) = try Self.underTerminal("build \(dir) --format pdf -o \(dir)/r.pdf")
    #expect(status == 0)
    #expect(text.contains("\rprinting: the HTML report to PDF with headless Chromium…\u{1B}[K\r\u{1B}[J"))
    #expect(FileManager.default.contents(atPath: dir + "/r.pdf")?.starts(with: Data("%PDF-".utf8)) == true)
  }

  /// The lines of a pass's progress: the pass's, then each source's (those with most left when
  /// there are more than ten, then how many more), cut to the terminal's width.
  @Test func progressLinesPerSource() throws {
    let sources = (1...12).map { k in
      EvidenceStream.SourceProgress(path: "log\(k).log", read: Int64(k) << 20, total: 12 << 20, records: 1_000 * k)
    }
    let lines = TerminalProgress.lines(
      label: "reading", read: 78 << 20, total: 144 << 20, records: 78_000, seconds: 2, sources: sources, width: 80)
    #expect(lines.first == "reading: 78 of 144 MiB (54%), 78000 records, 39 MiB/s, 2 s left")
    // The two with least left (log11, log12) are the ones not shown.
    #expect(
      lines.dropFirst().prefix(2) == [
        "  log1.log: 1.0 of 12.0 MiB (8%), 1000 records", "  log2.log: 2.0 of 12.0 MiB (16%), 2000 records",
      ])
    #expect(lines.count == 12 && lines.last == "  … and 2 more sources")
    #expect(!lines.contains { $0.contains("log11.log") || $0.contains("log12.log") })
    let long = EvidenceStream.SourceProgress(path: String(repeating: "x", count: 100), read: 0, total: 1, records: 0)
    let narrow = TerminalProgress.lines(
      label: "reading", read: 0, total: 1, records: nil, seconds: 0, sources: [sources[0], long], width: 40)
    #expect(narrow.allSatisfy { $0.count <= 39 } && narrow.last?.hasSuffix("…") == true)
  }
}

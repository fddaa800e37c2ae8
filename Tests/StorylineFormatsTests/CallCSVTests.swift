import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

@Suite("Call-detail CSV")
struct CallCSVTests {
  static var cdr: String { TestPaths.root + "/fixtures/cdr" }

  @Test func asteriskMasterCSVIsRecognisedWithoutAMapping() throws {
    let r = try readAll(Self.cdr + "/Master.csv", zone: "America/New_York", region: "US")
    #expect(r.summary.format == "call-csv")
    #expect(r.events.map(\.utc) == ["2024-01-02T14:15:31Z", "2024-01-02T14:20:02Z", "2024-01-02T14:21:10Z"])
    #expect(r.events.map(\.outcome) == [.completed, .missed, .rejected])
    #expect(r.events.map(\.durationSeconds) == [96, 0, 0])
    #expect(r.events[0].from?.display == "+12125550101" && r.events[0].to.first?.display == "+12125550199")
    #expect(r.events.map(\.source.line) == [1, 2, 3])
    #expect(r.error == nil && r.summary.warnings.isEmpty)
  }

  @Test func twilioPresetFromItsHeader() throws {
    let r = try readAll(Self.cdr + "/twilio-calls.csv", zone: "UTC", region: "US")
    #expect(r.summary.format == "call-csv")
    #expect(r.summary.records == 3 && r.events.count == 2)
    #expect(r.events.map(\.utc) == ["2024-01-02T14:15:31Z", "2024-01-02T14:20:02Z"])
    #expect(r.events.map(\.outcome) == [.completed, .missed])
    #expect(r.summary.rejected.map(\.line) == [4])
    #expect(r.summary.rejected.first?.reason == "timestamp 'not a time': no timestamp found")
    #expect(r.error == nil)
  }

  @Test func aMappingFromTheCaseFile() throws {
    let dir = scratchDirectory() + "storyline-csv-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try """
    Datum;Nummer;Richtung;Dauer;Ergebnis
    22.09.2008 11:05:12;+86 138 0000 0003;eingehend;0:00;verpasst
    22.09.2008 16:00:24;+86 138 0000 0002;ausgehend;6:52;
    """.write(toFile: dir + "/bill.csv", atomically: true, encoding: .utf8)
    try """
    timezone: Asia/Shanghai
    phone_region: CN
    people:
      - {id: director, phones: ["+86 138 0000 0001"]}
      - {id: cdw, phones: ["+86 138 0000 0003"]}
      - {id: pm-a, phones: ["+86 138 0000 0002"]}
    sources:
      - path: bill.csv
        format: call-csv
        owner: director
        csv:
          delimiter: ";"
          time: Datum
          duration: Dauer
          duration_unit: clock
          caller: 2
          outcome: Ergebnis
    """.write(toFile: dir + "/case.yml", atomically: true, encoding: .utf8)
    let c = try CaseFileLoader.load(path: dir)
    #expect(c.sources.first?.csv?.caller == .index(2))
    let t = TimelineBuilder.build(c).timeline
    #expect(t.events.map { TimestampFormatter.utc($0.instant) } == ["2008-09-22T03:05:12Z", "2008-09-22T08:00:24Z"])
    #expect(t.events[0].from?.person == "cdw" && t.events[0].to.first?.person == "director")
    // "verpasst" is no outcome word the reader knows, so the duration decides (formats.md): 0:00
    // on a call from cdw to the owner, incoming, is missed.
    #expect(t.events[0].outcome == .missed)
    #expect(t.events[1].durationSeconds == 412 && t.events[1].outcome == .completed)
  }

  @Test func mappingErrorsNameTheirLine() throws {
    let dir = scratchDirectory() + "storyline-csv-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try "a,b\n".write(toFile: dir + "/x.csv", atomically: true, encoding: .utf8)
    for (yaml, message) in [
      (
        "sources:\n  - path: x.csv\n    csv:\n      preset: nokia\n",
        "4: csv.preset: unknown preset 'nokia' (known: asterisk, twilio)"
      ),
      ("sources:\n  - path: x.csv\n    csv:\n      caller: 2\n", "4: csv needs a preset or a time column"),
      ("sources:\n  - path: x.csv\n    csv:\n      time: 0\n", "4: csv.time: column numbers start at 1"),
    ] {
      try yaml.write(toFile: dir + "/case.yml", atomically: true, encoding: .utf8)
      do {
        _ = try CaseFileLoader.load(path: dir)
        Issue.record("no error for \(yaml)")
      } catch let e as CaseFileError {
        #expect("\(e.line): \(e.message)" == message)
      }
    }
  }

  /// A row whose duration is no call's length is rejected with its line; the rows around it stand.
  @Test func aDurationNoCallHasIsRejected() throws {
    let text = try String(contentsOfFile: Self.cdr + "/twilio-calls.csv", encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    lines[2] = lines[2].replacingOccurrences(of: ",no-answer,0,", with: ",no-answer,99999999999999999999999,")
    let path = temporaryFile("twilio-calls.csv", lines.joined(separator: "\n"))
    let r = try readAll(path, zone: "UTC", region: "US")
    // Line 3 (the second call); line 4 is the fixture's own bad time.
    #expect(r.summary.rejected.map(\.line) == [3, 4])
    #expect(
      r.summary.rejected.first?.reason == "duration '99999999999999999999999': not a call's length (0 to 10 days)")
    #expect(r.events.count == 1 && r.summary.records == 3)
  }

  @Test func durationsAndWords() {
    #expect(CallCSVReader.seconds("0:01:15", unit: .seconds) == 75)
    #expect(CallCSVReader.seconds("75000", unit: .milliseconds) == 75)
    #expect(CallCSVReader.seconds("1.5", unit: .minutes) == 90)
    // No call's length (fuzzing found the overflow: a 40-digit duration crashed the reader).
    for bad in ["99999999999999999999999999999999999999", "1e400", "-5", "nan", "1:2:3:4", "999999999999999999:00"] {
      #expect(CallCSVReader.seconds(bad, unit: .seconds) == nil, "\(bad)")
    }
    #expect(
      CallCSVReader.seconds("864000", unit: .seconds) == 864_000
        && CallCSVReader.seconds("864001", unit: .seconds) == nil)
    #expect(GoogleVoiceReader.seconds("PT" + String(repeating: "9", count: 40) + "H") == 3_600_000_000_000)
    #expect(CallCSVReader.outcome("NO ANSWER") == .missed && CallCSVReader.outcome("no-answer") == .missed)
    #expect(CallCSVReader.outcome("Busy") == .rejected && CallCSVReader.outcome("gibberish") == nil)
  }
}

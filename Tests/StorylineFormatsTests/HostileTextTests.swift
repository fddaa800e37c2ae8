import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

/// Broken and hostile text: a clear diagnostic or an empty result, never a crash or a hang, and
/// every record accounted for.
@Suite("Hostile text")
struct HostileTextTests {
  static func file(_ name: String, _ bytes: [UInt8]) -> String {
    let dir = scratchDirectory() + "storyline-tests-hostile-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/" + name
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
    return path
  }

  static let cases: [(String, [UInt8])] = [
    ("empty.txt", []),
    ("nul.txt", Array("10:00 a\u{0}b\n\u{0}\u{0}\n11:00 c\n".utf8)),
    ("invalid-utf8.txt", Array("10:00 caf".utf8) + [0xE9, 0x20, 0xFF, 0xFE] + Array(" bad\n".utf8)),
    ("cr-only.txt", Array("10:00 one\r10:05 two\r".utf8)),
    ("utf16-no-bom.txt", Array("10:00 hi\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })),
    ("binary.log", (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }),
  ]

  @Test(arguments: [
    "notes", "weblogic", "whatsapp", "qq", "email", "call-csv", "sms-backup-xml", "google-voice", "slack",
  ])
  func everyReaderSurvivesEveryBrokenFile(format: String) throws {
    for (name, bytes) in Self.cases {
      let start = ContinuousClock.now
      let r = try readAll(Self.file(name, bytes), format: format, zone: "UTC", date: "2024-01-01", region: "US")
      #expect(r.summary.records == r.events.count + r.summary.rejectedCount, "\(format) on \(name)")
      #expect(ContinuousClock.now - start < .seconds(5), "\(format) on \(name)")
    }
  }

  @Test func rejectionsAreCountedAllButListedUpToAThousand() throws {
    let r = try readAll(
      Self.file("binary.log", Self.cases.last!.1), format: "weblogic", zone: "UTC", date: "2024-01-01")
    #expect(r.events.isEmpty && r.summary.records == 1_563 && r.summary.rejectedCount == 1_563)
    #expect(r.summary.rejected.count == SourceSummary.listedRejections && r.summary.rejected.count == 1_000)
    #expect(
      r.summary.warnings.map(\.message).contains(
        "563 more rejected records are counted but not listed (the first 1000 are)"))
  }

  @Test func linesStayReadableAndCountable() throws {
    let nul = try readAll(Self.file("nul.txt", Self.cases[1].1), format: "notes", zone: "UTC", date: "2024-01-01")
    #expect(nul.events.map(\.utc) == ["2024-01-01T10:00:00Z", "2024-01-01T11:00:00Z"])
    let bad = try readAll(Self.file("bad.txt", Self.cases[2].1), format: "notes", zone: "UTC", date: "2024-01-01")
    #expect(bad.events.first?.text == "caf\u{FFFD} \u{FFFD}\u{FFFD} bad")
    let cr = try readAll(Self.file("cr.txt", Self.cases[3].1), format: "notes", zone: "UTC", date: "2024-01-01")
    #expect(cr.events.map(\.text) == ["one", "two"])
  }

  @Test func aLineOfTwoHundredMegabytesIsCutNotHeld() throws {
    var bytes = Array("10:00 ".utf8) + [UInt8](repeating: 0x78, count: 200_000_000)
    bytes += Array("\n10:01 after\n".utf8)
    let r = try readAll(Self.file("long.txt", bytes), format: "notes", zone: "UTC", date: "2024-01-01")
    #expect(r.events.map(\.utc) == ["2024-01-01T10:00:00Z", "2024-01-01T10:01:00Z"])
    #expect(r.events[0].text.utf8.count <= NotesReader.maxEntryBytes + 4)
    #expect(r.summary.warnings.first?.message == "line longer than 1048576 bytes: the rest of it was skipped")
  }

  @Test func aHundredMegabyteAttachmentIsNeverParsed() throws {
    var bytes = Array(
      #"<smses count="2"><mms date="1609459200000" msg_box="1" address="+15550100111"><parts><part ct="text/plain" text="clip"/><part ct="video/mp4" data=""#
        .utf8)
    bytes += [UInt8](repeating: 0x41, count: 100_000_000)
    bytes += Array(
      #""/></parts><addrs><addr address="+15550100111" type="137"/></addrs></mms><sms address="1" date="1609459260000" type="1" body="after"/></smses>"#
        .utf8)
    let start = ContinuousClock.now
    let r = try readAll(Self.file("big.xml", bytes), zone: "UTC", region: "US")
    #expect(r.events.map(\.text) == ["clip\n[1 attachment]", "after"])
    #expect(r.error == nil && r.summary.warnings.isEmpty)
    #expect(ContinuousClock.now - start < .seconds(20))
  }
}

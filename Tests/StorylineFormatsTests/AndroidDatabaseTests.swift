import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

@Suite("Android databases")
struct AndroidDatabaseTests {
  @Test(.realData) func messagesFromPlasosMmssms() throws {
    let real = try #require(TestPaths.realData)
    let r = try readAll(real + "/plaso/android_mmssms.db", zone: "UTC", region: "US", owner: nil)
    #expect(r.summary.format == "android-mmssms")
    #expect(r.summary.records == 9 && r.events.count == 9)
    #expect(r.events.filter { $0.attributes.contains { $0.key == "state" && $0.value == "sent" } }.count == 5)
    #expect(r.events.filter { $0.attributes.contains { $0.key == "state" && $0.value == "received" } }.count == 4)
    let first = try #require(r.events.first)
    #expect(first.utc == "2013-10-29T16:56:28.038Z")
    #expect(first.text == "Yo Fred this is my new number.")
    #expect(first.to.first?.raw == "1 555-521-5554")
    #expect(r.events.map(\.utc).max() == "2013-10-29T17:16:17.250Z")
    // "1 555-521-5554" and "15555215554" are one party after normalization; the other side of
    // every message is the phone's owner, unnamed without a case.
    let parties = Set(r.events.flatMap { [$0.from] + $0.to }.map { $0?.display ?? "(none)" })
    #expect(parties == ["+15555215554", "(device owner)"])
  }

  @Test(.realData) func callsFromPlasosContacts2() throws {
    let real = try #require(TestPaths.realData)
    let r = try readAll(real + "/plaso/android_contacts2.db", zone: "UTC", region: "US")
    #expect(r.summary.format == "android-calllog")
    #expect(
      r.events.map(\.utc) == ["2013-11-06T21:17:16.690Z", "2013-11-06T21:18:53.283Z", "2013-11-07T00:03:36.690Z"])
    #expect(r.events.map(\.outcome) == [.missed, .completed, .completed])
    #expect(r.events.map(\.durationSeconds) == [0, 126, 639])
    #expect(r.events[0].from?.raw == "5404561685" && r.events[1].to.first?.raw == "5404561685")
  }

  @Test(.realData) func aWALDatabaseLeavesNothingBesideTheEvidence() throws {
    let real = try #require(TestPaths.realData)
    let dir = scratchDirectory() + "storyline-wal-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: real + "/plaso/sqlite_imessage_chat.db", toPath: dir + "/chat.db")
    let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/chat.db"))
    let r = try readAll(dir + "/chat.db", zone: "UTC", region: "GB")
    #expect(r.events.count == 10)
    // sqlite would have left chat.db-shm and chat.db-wal here: the copy it read is elsewhere.
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["chat.db"])
    #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/chat.db")) == before)
  }

  @Test(.realData) func evidenceIsReadInPlaceEvenInAReadOnlyFolderAndNeverChanged() throws {
    let real = try #require(TestPaths.realData)
    let dir = scratchDirectory() + "storyline-ro-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/calllog.db"
    try FileManager.default.copyItem(atPath: real + "/plaso/android_contacts2.db", toPath: path)
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
    try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: dir)
    defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir) }
    let r = try readAll(path, zone: "UTC", region: "US")
    #expect(r.events.count == 3)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["calllog.db"])
  }
}

/// Inputs the fuzzer found (Fuzz/run.sh), kept as regressions.
@Suite("Fuzz findings")
struct FuzzFindingTests {
  /// plaso's mmssms.db with a damaged b-tree (`Rowid 41 out of order` in `PRAGMA
  /// integrity_check`): paging by id used to read the same rows forever. Now the reader stops at
  /// the damage with an error naming it, and keeps the rows before it: 6 messages and one row
  /// without a date, rejected.
  @Test func aDamagedTableEndsWithAnErrorInsteadOfLoopingForever() throws {
    let r = try readAll(
      TestPaths.root + "/fixtures/hostile/damaged-mmssms.db", format: "android-mmssms", zone: "UTC", region: "US")
    #expect(
      r.error?.description
        == "damaged-mmssms.db: error: table sms is damaged: row id 8 comes after id 41; the rows after it cannot be read"
    )
    #expect(r.summary.events == 6 && r.summary.rejectedCount == 1)
    #expect(r.summary.records == r.summary.events + r.summary.rejectedCount)
  }

  /// A `.zip` that is no zip, read as a WhatsApp export: an error naming the file, not an
  /// internal error type.
  @Test func aBrokenZipIsMalformedEvidenceNamedByItsPath() throws {
    let path = temporaryFile("chat.zip", "PK\u{3}\u{4} not really a zip")
    let r = try readAll(path, format: "whatsapp")
    #expect(r.error?.description == "chat.zip: error: not a readable zip archive")
    #expect(r.events.isEmpty && r.summary.records == 0)
  }
}

extension FuzzFindingTests {
  /// A Slack export zip whose day file's deflate data was changed: ZIPFoundation's reader span
  /// forever on it. Storyline's own zip reader stops: the day is skipped with a warning.
  @Test func aCutDeflateStreamEndsInsteadOfSpinning() throws {
    let r = try readAll(TestPaths.root + "/fixtures/hostile/cut-deflate-slack.zip", format: "slack", zone: "UTC")
    #expect(r.events.isEmpty)
    #expect(
      r.summary.warnings.map(\.message).contains("ops/2024-01-02.json: unreadable or larger than 256 MiB: skipped"))
    let zip = try ZipFile(path: TestPaths.root + "/fixtures/hostile/cut-deflate-slack.zip")
    let day = try #require(zip["ops-export/ops/2024-01-02.json"])
    #expect(throws: ZipError.self) { try zip.data(day, limit: 1 << 20) }
    // The untouched entry reads, CRC-checked (Python's zipfile agrees: channels.json reads,
    // users.json's header is damaged, the day file fails its CRC).
    let channels = try #require(zip["ops-export/channels.json"])
    #expect(try zip.data(channels, limit: 1 << 20).count == 188)
  }

  /// plaso's contacts2.db with a blob where the call `type` belongs: GRDB's typed subscript
  /// stopped the process. The row is now rejected; the other two calls read.
  @Test func aBlobWhereAnIntegerBelongsIsARejectionNotACrash() throws {
    let r = try readAll(
      TestPaths.root + "/fixtures/hostile/blob-in-type-contacts2.db", format: "android-calllog", zone: "UTC",
      region: "US")
    #expect(r.summary.records == 3 && r.events.count == 2 && r.summary.rejectedCount == 1)
  }
}

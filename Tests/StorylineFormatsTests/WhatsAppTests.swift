import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

@Suite("WhatsApp")
struct WhatsAppTests {
  @Test(.realData) func theRealShortChat() throws {
    let real = try #require(TestPaths.realData)
    let r = try readAll(real + "/whatsapp/short-chat.txt", zone: "UTC", date: nil, region: "CH")
    #expect(r.summary.format == "whatsapp")
    #expect(r.summary.records == 5)
    #expect(r.events.filter { $0.kind == .system }.count == 2)
    #expect(r.events.filter { $0.kind == .chat }.count == 3)
    // INDEX.md (corrected): the dates 06/03, 08/05, 09/04 run forward only read month first,
    // as the export's own parser reads them — the file's chronology decides, over the region (CH,
    // day first), and each event's date_order correction says so.
    let messages = r.events.filter { $0.kind == .chat }
    #expect(
      Set(r.events.map { String($0.utc.prefix(10)) }) == ["2017-06-03", "2017-08-05", "2017-09-04"])
    let last = try #require(r.events.last)
    #expect(last.utc == "2017-09-04T01:50:00Z")
    #expect(
      last.source.corrections.first { $0.kind == "date_order" }?.detail
        == "numeric date read month before day, the only order under which the source's dates never run backwards")
    #expect(messages.count == 3)
    #expect(
      r.summary.warnings.map(\.message).contains(
        "no date in the file shows its order: read month first, the only order under which the source's dates never run backwards"
      ))
    #expect(last.from?.raw == "+410123456789")
    #expect(last.text == "How are you?\n\nIs everything alright?")
    #expect(r.events[2].from?.raw == "Sample User" && r.events[2].text == "This is a test message")
  }

  @Test func iosTwelveHourWithMarksAttachmentsAndEdits() throws {
    let path = temporaryFile(
      "_chat.txt",
      "[1/2/24, 9:15:07\u{202F}AM] Dana Ops: db1 is down\r\n"
        + "[1/2/24, 9:15:30\u{202F}AM] Lee Net: \u{200E}image omitted\r\n"
        + "\u{200E}[1/13/24, 9:16:00\u{202F}PM] Dana Ops: failover done\r\n"
        + "second line <This message was edited>\r\n"
        + "[1/13/24, 9:17:00\u{202F}PM] Lee Net joined using this group's invite link\r\n")
    let r = try readAll(path, zone: "Europe/Paris", date: nil, region: "FR", owner: "dana")
    // 13 in the second place: month first, whatever the region says.
    #expect(
      r.events.map(\.utc) == [
        "2024-01-02T08:15:07Z", "2024-01-02T08:15:30Z", "2024-01-13T20:16:00Z", "2024-01-13T20:17:00Z",
      ])
    #expect(r.events.map(\.kind) == [.chat, .attachment, .chat, .system])
    #expect(r.events[0].to.map(\.raw) == ["Lee Net", "dana"])
    #expect(r.events[2].text == "failover done\nsecond line")
    #expect(r.events[2].attributes.contains { $0 == ("edited", "true") })
    #expect(r.summary.warnings.allSatisfy { !$0.message.contains("no date in the file shows its order") })
  }

  @Test func theCaseDateDecidesWhenTheFileCannot() throws {
    let path = temporaryFile("c.txt", "03/04/2024, 09:15 - Dana Ops: db1 down\n03/04/2024, 09:20 - Lee Net: on it\n")
    // In a US case the region says month first (March 4); a case dated 3 April says otherwise.
    let r = try readAll(path, zone: "UTC", date: "2024-04-03", region: "US")
    #expect(r.events.map(\.utc) == ["2024-04-03T09:15:00Z", "2024-04-03T09:20:00Z"])
    #expect(r.summary.warnings.contains { $0.message.contains("the order that puts the source nearest the case date") })
    let regional = try readAll(path, zone: "UTC", date: nil, region: "US")
    #expect(regional.events.first?.utc == "2024-03-04T09:15:00Z")
  }

  @Test func androidDayFirstDecidedByTheFile() throws {
    let path = temporaryFile(
      "WhatsApp Chat with Ops.txt",
      "02/01/2024, 09:15 - Dana Ops: db1 stopped answering\nping from bastion fails too\n25/01/2024, 21:16 - Lee Net: <Media omitted>\n"
    )
    let r = try readAll(path, zone: "UTC", date: nil, region: "US")
    #expect(r.events.map(\.utc) == ["2024-01-02T09:15:00Z", "2024-01-25T21:16:00Z"])
    #expect(r.events[0].text == "db1 stopped answering\nping from bastion fails too")
    #expect(r.events[1].kind == .attachment)
  }
}

@Suite("WhatsApp zip")
struct WhatsAppZipTests {
  @Test func theIOSZipIsReadThroughItsChat() throws {
    let r = try readAll(
      TestPaths.root + "/fixtures/whatsapp/ios-export.zip", zone: "Europe/Paris", date: nil, region: "FR")
    #expect(r.summary.format == "whatsapp")
    #expect(r.events.map(\.utc) == ["2024-01-02T08:15:07Z", "2024-01-02T08:15:30Z", "2024-01-13T20:16:00Z"])
    #expect(r.events[1].kind == .attachment)
    #expect(r.events[0].source.citation == "ios-export.zip/_chat.txt:1")
    // The temporary copy is removed with its reader.
    var path = ""
    do {
      let temp = try TemporaryFile(data: Data("x".utf8))
      path = temp.path
      #expect(FileManager.default.fileExists(atPath: path))
    }
    #expect(!FileManager.default.fileExists(atPath: path))
  }
}

/// Every date/time layout of the export parser's own test suite (Pustur/whatsapp-chat-parser,
/// tests/parser.test.ts, "formats"), each one line `a: m`, with the instants that suite expects
/// (read as UTC): 2018-06-03T13:55:00Z for the day-first 12-hour forms, 2018-06-13T21:25:15Z for
/// the rest. Each is sniffed as WhatsApp, not as notes.
@Suite("WhatsApp layouts")
struct WhatsAppLayoutTests {
  @Test(arguments: [
    ("3/6/18, 1:55 p.m. - a: m", "2018-06-03T13:55:00Z"),
    ("03-06-2018, 01.55 PM - a: m", "2018-06-03T13:55:00Z"),
    ("13.06.18 21.25.15: a: m", "2018-06-13T21:25:15Z"),
    ("[06.13.18 21:25:15] a: m", "2018-06-13T21:25:15Z"),
    ("13.6.2018 klo 21.25.15 - a: m", "2018-06-13T21:25:15Z"),
    ("13. 6. 2018. 21:25:15 a: m", "2018-06-13T21:25:15Z"),
    ("[3/6/18 1:55:00 p. m.] a: m", "2018-06-03T13:55:00Z"),
    ("\u{200E}[3/6/18 1:55:00 p. m.] a: m", "2018-06-03T13:55:00Z"),
    ("[2018/06/13, 21:25:15] a: m", "2018-06-13T21:25:15Z"),
    ("[06/2018/13, 21:25:15] a: m", "2018-06-13T21:25:15Z"),
  ])
  func upstreamLayout(line: String, utc: String) throws {
    let path = temporaryFile("chat.txt", line + "\n")
    let r = try readAll(path, zone: "UTC", date: nil, region: "DE")
    #expect(r.summary.format == "whatsapp")
    #expect(r.events.map(\.utc) == [utc])
    #expect(r.events.first?.from?.raw == "a" && r.events.first?.text == "m")
  }

  /// A line inside a message that starts with a date and time is text, not a new message.
  /// Text before the first message header is counted with its lines (nothing lost silently),
  /// and warned once; however long it is, the reader holds a count, not a line number each.
  @Test func textBeforeTheFirstMessageIsCounted() throws {
    let stray = (0..<5_000).map { "exported by a tool, line \($0)" }.joined(separator: "\n")
    let path = temporaryFile("chat.txt", stray + "\n\n23/06/2018, 01:55 - Loris: one\n")
    let r = try readAll(path, format: "whatsapp", zone: "UTC", date: nil, region: "DE")
    #expect(r.events.map(\.text) == ["one"])
    #expect(
      r.summary.skippedLines.map(\.summary) == [
        "5000 lines not read: text before the first message header (lines 1–5000)"
      ])
    #expect(r.summary.warnings.filter { $0.description.contains("before the first message") }.map(\.line) == [1])
  }

  @Test func aDateInsideAMessageIsNotAHeader() throws {
    let path = temporaryFile("chat.txt", "23/06/2018, 01:55 p.m. - Loris: one\ntwo\n2016-04-29 10:30:00\n")
    let r = try readAll(path, zone: "UTC", date: nil, region: "DE")
    #expect(r.events.count == 1)
    #expect(r.events.first?.text == "one\ntwo\n2016-04-29 10:30:00")
  }

  /// Attachments in both platforms' spellings are `attachment` events naming their file.
  @Test func attachmentsCarryTheirFileName() throws {
    let path = temporaryFile(
      "chat.txt",
      "3/6/18, 1:55 p.m. - a: < attached: 00000042-PHOTO-2020-06-07-15-13-20.jpg >\n"
        + "3/6/18, 1:56 p.m. - a: IMG-20220205-WA0028.jpg (file attached)\n3/6/18, 1:57 p.m. - a: m\n")
    let r = try readAll(path, zone: "UTC", date: nil, region: "DE")
    #expect(r.events.map(\.kind) == [.attachment, .attachment, .chat])
    #expect(
      r.events.map { $0.attributes.first { $0.key == "file" }?.value } == [
        "00000042-PHOTO-2020-06-07-15-13-20.jpg", "IMG-20220205-WA0028.jpg", nil,
      ])
  }
}

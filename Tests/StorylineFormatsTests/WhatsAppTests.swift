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
    let last = try #require(r.events.last)
    #expect(last.utc == "2017-04-09T01:50:00Z")
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
    #expect(r.summary.warnings.contains { $0.message.contains("the order that puts the chat nearest the case date") })
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

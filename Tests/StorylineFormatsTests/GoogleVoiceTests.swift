import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

@Suite("Google Voice")
struct GoogleVoiceTests {
  func read(_ name: String) throws -> SourceRead {
    let real = try #require(TestPaths.realData)
    return try readAll(real + "/google-voice/Calls/" + name, zone: "America/Los_Angeles", region: "US", owner: "me")
  }

  func local(_ e: Event) -> String {
    TimestampFormatter.local(e.instant, in: ZoneCatalog.shared.zone(named: "America/Los_Angeles")!, digits: 3)
  }

  @Test(.realData) func conversations() throws {
    let agatha = try read("Agatha M Christie - Text - 2023-10-22T17_28_34Z.html")
    let alan = try read("Alan A Milne - Text - 2023-09-29T23_40_59Z.html")
    let edson = try read("Edson Arantes do Nascimento - Text - 2023-09-20T00_54_54Z.html")
    let group = try read("Group Conversation - 2021-07-13T21_25_26Z.html")
    #expect(agatha.summary.format == "google-voice")
    #expect(agatha.events.count == 4)
    #expect(local(agatha.events.first!) == "2023-10-22T10:28:34.100-07:00")
    #expect(local(agatha.events.last!) == "2023-10-22T10:28:57.794-07:00")
    #expect(agatha.events.allSatisfy { $0.from?.person == "me" && $0.to.map(\.raw) == ["Agatha M Christie"] })
    #expect(alan.events.count == 3)
    #expect(
      local(alan.events.first!) == "2023-09-29T16:40:59.923-07:00"
        && local(alan.events.last!) == "2023-09-29T16:41:47.390-07:00")
    #expect(alan.events.first?.kind == .mms && alan.events.first?.text == "MMS Sent\n[1 attachment]")
    #expect(edson.events.map(local) == ["2023-09-19T17:54:54.915-07:00", "2023-09-19T18:19:24.803-07:00"])
    #expect(edson.events[1].from?.display == "+17323214444" && edson.events[1].to.map(\.display) == ["me"])
    #expect(group.events.count == 3)
    #expect(
      local(group.events.first!) == "2023-07-13T14:25:26.713-07:00".replacingOccurrences(of: "2023", with: "2021"))
    #expect(local(group.events.last!) == "2021-07-13T14:27:27.996-07:00")
    #expect(group.events[0].to.map(\.display) == ["me", "+17323212222"])
    #expect(
      group.events[1].from?.person == "me" && group.events[1].to.map(\.display) == ["+17323211313", "+17323212222"])
    #expect(group.events[0].text.contains("Hi guys, I got this message from Søren.\n\nHi Rosalind"))
  }

  @Test(.realData) func withoutAnOwnerTheAccountsOwnNumberStandsForMe() throws {
    let real = try #require(TestPaths.realData)
    let r = try readAll(
      real + "/google-voice/Calls/Edson Arantes do Nascimento - Text - 2023-09-20T00_54_54Z.html", zone: "UTC",
      region: "US")
    #expect(r.events[0].from?.display == "+17323210011" && r.events[1].to.map(\.display) == ["+17323210011"])
  }

  @Test(.realData) func callsAndVoicemail() throws {
    let missed = try read("+17323215555 - Missed - 2016-11-22T17_57_49Z.html")
    let received = try read("+17323215555 - Received - 2016-11-22T22_27_58Z.html")
    let placed = try read("+17323216666 - Placed - 2011-09-03T20_12_00Z.html")
    let voicemail = try read("Edson Arantes do Nascimento - Voicemail - 2014-05-17T02_54_27Z.html")
    #expect(missed.events.map(local) == ["2016-11-22T09:57:49.000-08:00"] && missed.events[0].outcome == .missed)
    #expect(received.events.map(local) == ["2016-11-22T14:27:58.000-08:00"] && received.events[0].durationSeconds == 4)
    #expect(placed.events.map(local) == ["2011-09-03T13:12:00.000-07:00"] && placed.events[0].durationSeconds == 0)
    #expect(placed.events[0].from?.person == "me" && placed.events[0].to.first?.display == "+17323216666")
    #expect(
      voicemail.events.map(local) == ["2014-05-16T19:54:27.000-07:00"] && voicemail.events[0].durationSeconds == 22)
    #expect(voicemail.events[0].outcome == .voicemail)
    #expect(voicemail.events[0].text == "voicemail, 22 s: Hi, it's me. I'm just calling to say that I'm coming home.")
  }

  @Test func isoDurations() {
    #expect(GoogleVoiceReader.seconds("PT4S") == 4)
    #expect(GoogleVoiceReader.seconds("PT2M27S") == 147)
    #expect(GoogleVoiceReader.seconds("PT1H2M3S") == 3723)
    #expect(GoogleVoiceReader.seconds(nil) == 0)
  }
}

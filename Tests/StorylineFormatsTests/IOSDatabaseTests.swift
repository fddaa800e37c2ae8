import Foundation
import GRDB
import StorylineTestSupport
import Testing

@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

@Suite("iOS databases")
struct IOSDatabaseTests {
  @Test(.realData) func messagesFromPlasosChatDB() throws {
    let real = try #require(TestPaths.realData)
    let r = try readAll(real + "/plaso/sqlite_imessage_chat.db", zone: "UTC", region: "GB", owner: nil)
    #expect(r.summary.format == "ios-messages")
    #expect(r.summary.records == 10 && r.events.count == 10)
    let seventh = r.events[7]
    #expect(seventh.utc == "2015-11-30T10:48:40Z")
    #expect(seventh.from?.raw == "xxxxxx2015@icloud.com")
    #expect(seventh.text == "Did you try to send me a message?")
    #expect(seventh.source.originalTime == "date=470573320")
    #expect(r.events[1].from?.raw == "(device owner)" && r.events[1].kind == .chat)
  }

  @Test func attributedBodyTextWhenTextIsEmpty() {
    var blob = Array(
      "\u{04}\u{0B}streamtyped\u{81}\u{E8}\u{03}\u{84}\u{01}@\u{84}\u{84}\u{84}\u{12}NSAttributedString\u{00}\u{84}\u{84}\u{08}NSObject\u{00}\u{85}\u{92}\u{84}\u{84}\u{84}\u{08}NSString\u{01}\u{94}\u{84}\u{01}"
        .utf8)
    blob.append(0x2B)
    let text = Array("Failover done \u{FFFC}".utf8)
    blob.append(UInt8(text.count))
    blob += text
    blob += [0x86, 0x84]
    #expect(IOSMessagesReader.attributedBodyText(Data(blob)) == "Failover done [attachment]")
    #expect(IOSMessagesReader.attributedBodyText(Data("no marker".utf8)) == nil)
  }

  @Test func callHistoryRecords() throws {
    let path = scratchDirectory() + "storyline-calls-\(UUID().uuidString).storedata"
    let q = try DatabaseQueue(path: path)
    try q.write { db in
      try db.execute(
        sql: """
          CREATE TABLE ZCALLRECORD (Z_PK INTEGER PRIMARY KEY, ZDATE REAL, ZDURATION REAL, ZORIGINATED INTEGER,
            ZANSWERED INTEGER, ZADDRESS BLOB, ZSERVICE_PROVIDER TEXT);
          INSERT INTO ZCALLRECORD VALUES (1, 726307200.5, 42.0, 1, 1, X'2B3135353530313030313131', 'com.apple.Telephony');
          INSERT INTO ZCALLRECORD VALUES (2, 726307500.0, 0.0, 0, 0, X'2B3135353530313030323232', 'com.apple.Telephony');
          INSERT INTO ZCALLRECORD VALUES (3, 726307800.0, 0.0, 1, 0, X'2B3135353530313030323232', 'com.apple.FaceTime');
          """)
    }
    try q.close()
    let r = try readAll(path, zone: "UTC", region: "US", owner: "me")
    #expect(r.summary.format == "ios-callhistory")
    #expect(r.events.map(\.utc) == ["2024-01-07T08:00:00.500Z", "2024-01-07T08:05:00Z", "2024-01-07T08:10:00Z"])
    #expect(r.events.map(\.outcome) == [.completed, .missed, .unanswered])
    #expect(r.events[0].durationSeconds == 42 && r.events[0].to.first?.display == "+15550100111")
    #expect(r.events[1].from?.display == "+15550100222" && r.events[1].to.first?.person == "me")
  }
}

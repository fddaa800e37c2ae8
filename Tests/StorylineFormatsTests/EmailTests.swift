import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

@Suite("E-mail")
struct EmailTests {
  static var dir: String { TestPaths.root + "/fixtures/email" }

  @Test func mboxWithEncodedWordsObsoleteZoneAndParts() throws {
    let people = [Person(id: "dana", emails: ["dana@example.com"]), Person(id: "si", name: "李四")]
    let r = try readAll(Self.dir + "/ops.mbox", zone: "Asia/Shanghai", region: "US", people: people)
    #expect(r.summary.format == "email")
    #expect(r.summary.records == 2)
    // EST in a Date header is UTC-5 (RFC 5322), even in an Asia/Shanghai case.
    #expect(r.events.map(\.utc) == ["2024-01-02T14:15:31Z", "2024-01-03T09:00:00Z"])
    let first = r.events[0]
    #expect(first.from?.person == "dana")
    #expect(first.to.map(\.display) == ["lee@example.com", "si"])
    #expect(first.attributes.first { $0.key == "subject" }?.value == "DB1 ✔ failover 完成")
    #expect(first.text == "DB1 ✔ failover 完成\nFailover done at 09:14.\nAll good — Dana\nFrom the runbook.")
    #expect(first.attributes.first { $0.key == "message-id" }?.value == "<a1@example.com>")
    #expect(first.source.line == 1 && r.events[1].source.line == 21)
    #expect(r.events[1].text == "Re: DB1\nThanks!")
    #expect(r.events[1].attributes.first { $0.key == "in-reply-to" }?.value == "<a1@example.com>")
  }

  @Test func emlInGB2312() throws {
    let r = try readAll(Self.dir + "/gb2312.eml", zone: "UTC", region: "CN")
    #expect(r.events.map(\.utc) == ["2008-09-22T09:42:10Z"])
    #expect(r.events[0].text == "系统E报备\n系统已恢复。")
    #expect(r.events[0].from?.raw == "zhangsan@example.cn")
  }

  @Test func pieces() {
    #expect(EmailReader.numericZone("Tue, 2 Jan 2024 09:15:31 PDT") == "Tue, 2 Jan 2024 09:15:31 -0700")
    #expect(EmailReader.numericZone("2 Jan 2024 09:15 +0100 (CET)") == "2 Jan 2024 09:15 +0100")
    #expect(EmailReader.numericZone("2 Jan 2024 09:15 Z") == "2 Jan 2024 09:15 -0000")
    #expect(EmailReader.decodeWords("=?ISO-8859-1?Q?Andr=E9?= Pirard") == "André Pirard")
    #expect(
      EmailReader.addresses(#""Ops, Dana" <dana@x.com>, lee@x.com"#).map(\.address) == ["dana@x.com", "lee@x.com"])
    #expect(EmailReader.isSeparator("From ops@example.com Tue Jan  2 09:15:31 2024"))
    #expect(!EmailReader.isSeparator("From the runbook, step 3"))
  }
}

import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

@Suite("QQ")
struct QQTests {
  @Test func aGB18030GroupExport() throws {
    let r = try readAll(
      TestPaths.systemE + "/chat/qq-support-group.txt", people: referencePeople + [Person(id: "q1")], owner: "q1")
    #expect(r.summary.format == "qq")
    #expect(r.summary.records == 8)
    #expect(r.summary.warnings.map(\.message).contains("the file is GB18030: decoded to UTF-8"))
    let outage = try #require(r.events.first { $0.from?.person == "cdw" })
    #expect(outage.utc == "2008-09-22T04:02:16Z")
    #expect(outage.text == "系统出现故障，正在重启，预计20分钟恢复。\n午休期间请暂停办理。")
    #expect(outage.source.line == 24)
    #expect(outage.attributes.contains { $0 == ("conversation", "System E 用户支持群") })
    #expect(r.events.first?.from?.person == "q1" && r.events.first?.text.hasPrefix("各位好") == true)
    #expect(r.events.last?.kind == .attachment && r.events.last?.from?.raw == "营业厅小李")
    // Without `members`: everyone seen writing, plus the owner.
    #expect(Set(outage.to.map(\.display)) == ["q1", "营业厅小王", "营业厅小李"])
  }

  @Test func utf16WithBOMAndTwelveHourClock() throws {
    let text =
      "消息记录\r\n\r\n消息对象:值班\r\n\r\n2019-09-23 8:43:38 PM 【群主】Dana<dana@example.com>\r\n数据库挂了\r\n\r\n2019-09-23 8:44:01 PM 系统消息(10000)\r\nLee 加入了群\r\n"
    var data = Data([0xFF, 0xFE])
    data.append(text.data(using: .utf16LittleEndian)!)
    let path = scratchDirectory() + "qq-\(UUID().uuidString).txt"
    try data.write(to: URL(fileURLWithPath: path))
    let r = try readAll(
      path, zone: "Asia/Shanghai", region: "CN", people: [Person(id: "dana", emails: ["dana@example.com"])])
    #expect(r.summary.format == "qq")
    #expect(r.events.map(\.utc) == ["2019-09-23T12:43:38Z", "2019-09-23T12:44:01Z"])
    #expect(r.events[0].from?.raw == "Dana" && r.events[0].text == "数据库挂了")
    #expect(r.events[0].attributes.contains { $0 == ("qq", "dana@example.com") })
    #expect(r.events[1].kind == .system && r.events[1].text == "Lee 加入了群")
  }

  @Test func headers() {
    #expect(QQReader.header("2024-01-02 9:15:30 Dana(10001)")?.name == "Dana")
    #expect(QQReader.header("2024-01-02 9:16:02 【管理员】Lee<lee@example.com>")?.id == "lee@example.com")
    #expect(QQReader.header("2024-01-02 9:16:02 系统消息(10000)")?.system == true)
    #expect(QQReader.header("db1 挂了") == nil)
  }
}

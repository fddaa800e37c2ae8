import StorylineTestSupport
import Testing

@testable import StorylineCore

@Suite("People: phone numbers and names")
struct PeopleTests {
  @Test func usNumbersWrittenManyWaysAreOne() {
    let forms = ["3125550102", "(312) 555-0102", "+1 312 555 0102", "1-312-555-0102", "001 312 555 0102"]
    #expect(Set(forms.map { PhoneNumber.normalize($0, region: "US") }) == ["+13125550102"])
    #expect(PhoneNumber.normalize("1 555-521-5554", region: "US") == PhoneNumber.normalize("15555215554", region: "US"))
  }

  @Test func chineseMobileAndLandline() {
    #expect(PhoneNumber.normalize("138 0000 0001", region: "CN") == "+8613800000001")
    #expect(PhoneNumber.normalize("+86 138-0000-0001", region: "CN") == "+8613800000001")
    #expect(PhoneNumber.normalize("010 8888 0001", region: "CN") == "+861088880001")
    #expect(PhoneNumber.normalize("8613800000001", region: "CN") == "+8613800000001")
  }

  @Test func shortCodesAndWordsAreNotNumbers() {
    #expect(PhoneNumber.normalize("10086", region: "CN") == nil)
    #expect(PhoneNumber.normalize("VM-BANKCO", region: "US") == nil)
  }

  @Test func directoryResolvesIdsNamesAliasesNumbersAndEmails() {
    let d = PeopleDirectory(
      people: [
        Person(
          id: "director", name: "Delivery Director", aliases: ["me", "Lǎo Wáng"], phones: ["+86 138 0000 0001"],
          emails: ["Dir@Example.com"]),
        Person(id: "pm-a", name: "PM A"),
      ], region: "CN")
    #expect(d.resolve("director") == "director")
    #expect(d.resolve("delivery  director") == "director")
    #expect(d.resolve("ME") == "director")
    #expect(d.resolve("lao wang") == "director")
    #expect(d.resolve("13800000001") == "director")
    #expect(d.resolve("dir@example.com") == "director")
    #expect(d.resolve("pm a") == "pm-a")
    #expect(d.resolve("stranger") == nil)
    #expect(d.party("139 0000 0000") == Party(person: nil, raw: "139 0000 0000", number: "+8613900000000"))
    #expect(d.party("139 0000 0000").display == "+8613900000000")
    #expect(d.party("VM-BANKCO").display == "VM-BANKCO")
  }
}

@Suite("Durations")
struct DurationTests {
  @Test func parse() {
    #expect(SignedDuration.parse("90s") == 90_000_000)
    #expect(SignedDuration.parse("-90s") == -90_000_000)
    #expect(SignedDuration.parse("15m") == 900_000_000)
    #expect(SignedDuration.parse("1h30m") == 5_400_000_000)
    #expect(SignedDuration.parse("250ms") == 250_000)
    #expect(SignedDuration.parse("2") == 2_000_000)
    #expect(SignedDuration.parse("1x") == nil)
    #expect(SignedDuration.parse("") == nil)
    #expect(SignedDuration.parse("m") == nil)
  }

  @Test func describe() {
    #expect(SignedDuration.describe(microseconds: -90_000_000) == "-1 min 30 s")
    #expect(SignedDuration.describe(microseconds: 4 * 3_600_000_000) == "+4 h")
    #expect(SignedDuration.describe(microseconds: 412_000_000, signed: false) == "6 min 52 s")
  }
}

@Suite("Zone rules")
struct ZoneRulesTests {
  @Test func offsetsAndDaylight() {
    let chicago = ZoneRules(identifier: "America/Chicago")!
    // 2024-03-10T07:59:59Z is 01:59:59 CST; one second later the clocks jump to 03:00 CDT.
    #expect(chicago.offset(at: Instant(seconds: 1_710_057_599)) == -6 * 3600)
    #expect(chicago.offset(at: Instant(seconds: 1_710_057_600)) == -5 * 3600)
    #expect(chicago.isDaylight(at: Instant(seconds: 1_710_057_600)))
    #expect(chicago.offset(at: Instant(seconds: 1_704_067_200)) == -6 * 3600)  // 2024-01-01
    #expect(chicago.offset(at: Instant(seconds: 1_719_792_000)) == -5 * 3600)  // 2024-07-01
    #expect(ZoneRules(identifier: "No/Such_Zone") == nil)
  }

  @Test func catalogKnowsWindowsNamesAndOffsets() {
    #expect(ZoneCatalog.shared.zone(named: "China Standard Time")?.identifier == "Asia/Shanghai")
    #expect(ZoneCatalog.shared.zone(named: "India Standard Time")?.identifier == "Asia/Kolkata")
    #expect(ZoneCatalog.shared.zone(named: "+05:30")?.offset(at: Instant(seconds: 0)) == 19800)
    #expect(ZoneCatalog.shared.zone(named: "GMT+8")?.offset(at: Instant(seconds: 0)) == 28800)
    #expect(ZoneCatalog.shared.zone(named: "CST") == nil)
  }

  @Test func formatting() {
    let shanghai = ZoneRules(identifier: "Asia/Shanghai")!
    let i = Instant(seconds: 1_222_056_000, microseconds: 250_000)
    #expect(TimestampFormatter.utc(i, digits: 3) == "2008-09-22T04:00:00.250Z")
    #expect(TimestampFormatter.local(i, in: shanghai) == "2008-09-22T12:00:00+08:00")
    #expect(TimestampFormatter.utc(Instant(seconds: -1)) == "1969-12-31T23:59:59Z")
    #expect(
      CivilDate(daysSinceEpoch: CivilDate(year: 2000, month: 2, day: 29).daysSinceEpoch)
        == CivilDate(year: 2000, month: 2, day: 29))
  }
}

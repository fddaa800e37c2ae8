import StorylineTestSupport
import Testing

@testable import StorylineCore

/// Reads `text` on a clock for the given case settings and returns the UTC instant as RFC 3339.
private func utc(
  _ text: String, zone: String = "UTC", date: String? = "2008-09-22", region: String? = "CN", sourceZone: String? = nil,
  offset: Int64 = 0
) -> String {
  let n = TimeNormalizer(
    caseZone: ZoneCatalog.shared.zone(named: zone)!, caseDate: date.flatMap { CivilDate(iso: $0) }, region: region)
  var clock = n.clock(zone: sourceZone.flatMap { ZoneCatalog.shared.zone(named: $0) }, clockOffsetMicros: offset)
  switch clock.normalize(text) {
  case .success(let t): return TimestampFormatter.utc(t.instant, digits: t.instant.subsecondMicroseconds == 0 ? 0 : 6)
  case .failure(let e): return "error: \(e)"
  }
}

private func read(_ text: String, zone: String = "UTC", date: String? = "2008-09-22", region: String? = "CN") -> (
  NormalizedTime?, [String], SourceClock
) {
  let n = TimeNormalizer(
    caseZone: ZoneCatalog.shared.zone(named: zone)!, caseDate: date.flatMap { CivilDate(iso: $0) }, region: region)
  var clock = n.clock()
  let r = clock.normalize(text)
  if case .success(let t) = r { return (t, t.corrections.list.map(\.kind), clock) }
  return (nil, [], clock)
}

@Suite("Time normalizer: explicit zones")
struct ExplicitZoneTests {
  @Test func offsets() {
    #expect(utc("2024-01-02T09:15:30Z") == "2024-01-02T09:15:30Z")
    #expect(utc("2008-09-22T12:00:00+08:00") == "2008-09-22T04:00:00Z")
    #expect(utc("2008-09-22T12:00:00+0800") == "2008-09-22T04:00:00Z")
    #expect(utc("2008-09-22 12:00:00 GMT+8") == "2008-09-22T04:00:00Z")
    #expect(utc("2008-09-22 12:00:00 UTC-05:30") == "2008-09-22T17:30:00Z")
    #expect(utc("2024-01-05T14:03:01.004512+01:00") == "2024-01-05T13:03:01.004512Z")
    #expect(utc("20240102T091530Z") == "2024-01-02T09:15:30Z")
  }

  @Test func ianaAndWindowsNames() {
    #expect(utc("2008-09-22 12:00:00 Asia/Shanghai") == "2008-09-22T04:00:00Z")
    #expect(utc("May 8, 2024, 12:32:13,250 PM India Standard Time") == "2024-05-08T07:02:13.250000Z")
    #expect(utc("2008-09-22 12:00:00 China Standard Time") == "2008-09-22T04:00:00Z")
    #expect(utc("Sep 1, 2020, 5:41:51,040 AM Coordinated Universal Time") == "2020-09-01T05:41:51.040000Z")
    #expect(utc("2008-09-22 12:00:00 Mars/Olympus_Mons").hasPrefix("error: unknown time zone"))
  }

  /// WebLogic's text timestamps in other locales (formats.md §7.1), for `.out` and old logs.
  @Test func localizedJavaTimestamps() {
    #expect(utc("2014/03/16 18時59分24秒 JST") == "2014-03-16T09:59:24Z")
    #expect(utc("2022. 2. 21 오후 3시 47분 07초 GMT+09:00") == "2022-02-21T06:47:07Z")
    #expect(utc("10 juin 2010 15 h 20 CEST") == "2010-06-10T13:20:00Z")
    #expect(utc("2008年9月22日 12時00分03秒 CST", zone: "Asia/Shanghai") == "2008-09-22T04:00:03Z")
    #expect(utc("05.12.2016, 5:38:54,119 PM MSK") == "2016-12-05T14:38:54.119000Z")
  }

  @Test func commonLayouts() {
    #expect(utc("02/Jan/2024:09:15:31 +0100") == "2024-01-02T08:15:31Z")
    #expect(utc("Tue, 2 Jan 2024 09:15:31 +0100 (CET)") == "2024-01-02T08:15:31Z")
    #expect(utc("Tue Jan  2 09:15:31 2024") == "2024-01-02T09:15:31Z")
    #expect(utc("Tue Jan 02 09:15:31 +0000 2024") == "2024-01-02T09:15:31Z")
    #expect(utc("2 Jan 2024 09:15 -0500") == "2024-01-02T14:15:00Z")
    #expect(utc("Tue, 2 Jan 2024 09:15:31 -0000") == "2024-01-02T09:15:31Z")
    #expect(utc("2024-01-02 09:15:31,004", zone: "Asia/Shanghai") == "2024-01-02T01:15:31.004000Z")
  }
}

@Suite("Time normalizer: abbreviations against the case zone")
struct AbbreviationTests {
  @Test func chinaStandardTimeInAShanghaiCase() {
    let (t, kinds, clock) = read("Sep 22, 2008 12:01:33 PM CST", zone: "Asia/Shanghai")
    #expect(t.map { TimestampFormatter.utc($0.instant) } == "2008-09-22T04:01:33Z")
    #expect(kinds == ["abbreviation"])
    #expect(
      t?.corrections.list.first?.detail.contains("China Standard Time (UTC+08:00), the usage of the source's zone")
        == true)
    #expect(clock.warnings.isEmpty)
  }

  @Test func usCentralInAChicagoCase() {
    let (t, _, clock) = read("Jan 15, 2024 9:00:00 AM CST", zone: "America/Chicago")
    #expect(t.map { TimestampFormatter.utc($0.instant) } == "2024-01-15T15:00:00Z")
    #expect(clock.warnings.isEmpty)
  }

  @Test func ambiguousAbbreviationOutsideItsZonesWarns() {
    let (t, _, clock) = read("2024-01-15 09:00:00 CST", zone: "Europe/Paris")
    #expect(t.map { TimestampFormatter.utc($0.instant) } == "2024-01-15T15:00:00Z")
    #expect(clock.warnings.count == 1)
    #expect(clock.warnings.first?.message.contains("'CST' is ambiguous") == true)
  }

  @Test func contradictionWithTheCaseZoneWarns() {
    let (t, _, clock) = read("2008-09-22 12:00:00 EST", zone: "Asia/Shanghai")
    #expect(t.map { TimestampFormatter.utc($0.instant) } == "2008-09-22T17:00:00Z")
    #expect(clock.warnings.first?.message.contains("contradicts the zone Asia/Shanghai") == true)
  }

  @Test func sourceZoneOverridesCaseZone() {
    #expect(utc("2024-01-15 09:00:00 CST", zone: "UTC", sourceZone: "Asia/Taipei") == "2024-01-15T01:00:00Z")
    #expect(utc("2024-01-15 09:00:00", zone: "UTC", sourceZone: "Asia/Taipei") == "2024-01-15T01:00:00Z")
  }

  @Test func istIsIndiaByDefaultAndIrishInDublin() {
    #expect(utc("2024-01-15 09:00:00 IST", zone: "Asia/Kolkata") == "2024-01-15T03:30:00Z")
    #expect(utc("2024-07-15 09:00:00 IST", zone: "Europe/Dublin") == "2024-07-15T08:00:00Z")
  }
}

@Suite("Time normalizer: local wall-clock times and DST")
struct LocalTimeTests {
  @Test func chicagoSpringForwardPair() {
    #expect(utc("2024-03-10 01:59:59", zone: "America/Chicago") == "2024-03-10T07:59:59Z")
    #expect(utc("2024-03-10 03:00:01", zone: "America/Chicago") == "2024-03-10T08:00:01Z")
  }

  @Test func springForwardGapMovesForwardAndIsFlagged() {
    let (t, kinds, _) = read("2024-03-10 02:30:00", zone: "America/Chicago")
    #expect(t.map { TimestampFormatter.utc($0.instant) } == "2024-03-10T08:30:00Z")
    #expect(kinds == ["zone_assumed", "dst_gap"])
    #expect(
      t?.corrections.list.first { $0.kind == "dst_gap" }?.detail
        == "the local time did not exist (spring-forward gap): moved forward 60 min")
  }

  @Test func fallBackOverlapTakesTheEarlierAndIsFlagged() {
    let (t, kinds, _) = read("2024-11-03 01:30:00", zone: "America/Chicago")
    #expect(t.map { TimestampFormatter.utc($0.instant) } == "2024-11-03T06:30:00Z")
    #expect(kinds == ["zone_assumed", "dst_overlap"])
    #expect(utc("2024-11-03 02:30:00", zone: "America/Chicago") == "2024-11-03T08:30:00Z")
  }

  @Test func zoneAssumedIsRecorded() {
    let (t, kinds, _) = read("2024-07-01 12:00:00", zone: "America/Chicago")
    #expect(kinds == ["zone_assumed"])
    #expect(
      t?.corrections.list.first?.detail
        == "no zone in the source: read in the case zone America/Chicago (UTC-05:00, daylight-saving time)")
  }

  @Test func shanghaiHadNoDSTIn2008() {
    #expect(utc("2008-07-01 12:00:00", zone: "Asia/Shanghai") == "2008-07-01T04:00:00Z")
  }

  @Test func numericDateOrderFollowsRegionUnlessEvident() {
    #expect(utc("03/04/2024 10:00", region: "US") == "2024-03-04T10:00:00Z")
    #expect(utc("03/04/2024 10:00", region: "CN") == "2024-04-03T10:00:00Z")
    #expect(utc("13/04/2024 10:00", region: "US") == "2024-04-13T10:00:00Z")
    #expect(utc("04/13/2024 10:00", region: "GB") == "2024-04-13T10:00:00Z")
    let (_, kinds, _) = read("03/04/2024 10:00", region: "US")
    #expect(kinds == ["date_order", "zone_assumed"])
    #expect(utc("1/2/24, 9:15\u{202F}PM", region: "US") == "2024-01-02T21:15:00Z")
    #expect(utc("13. 6. 2018. 14:02") == "2018-06-13T14:02:00Z")
  }
}

@Suite("Time normalizer: epochs")
struct EpochTests {
  /// An epoch's unit by its digits: 10 seconds, 13 milliseconds, 16 microseconds, 19 nanoseconds
  /// (cut to microseconds), a fraction of seconds; 11 and 20 digits are no unit.
  @Test(arguments: [
    ("1222056000", "2008-09-22T04:00:00Z"), ("1222056000123", "2008-09-22T04:00:00.123000Z"),
    ("1222056000123456", "2008-09-22T04:00:00.123456Z"), ("1222056000123456789", "2008-09-22T04:00:00.123456Z"),
    ("1704183330.123456", "2024-01-02T08:15:30.123456Z"), ("12345678901234567890", "error: no timestamp found"),
  ])
  func unitsByMagnitude(text: String, expected: String) {
    #expect(utc(text) == expected)
  }

  @Test func elevenDigitsAreAmbiguous() {
    #expect(utc("12345678901").hasPrefix("error: a 11-digit number"))
  }

  @Test func knownUnits() {
    let clock = TimeNormalizer().clock()
    func at(_ v: Int64, _ u: EpochUnit) -> String {
      if case .success(let t) = clock.normalize(epoch: v, unit: u) {
        return TimestampFormatter.utc(t.instant, digits: 3)
      }
      return "error"
    }
    // Cocoa (Apple 2001) epoch: macOS chat.db message 7 in plaso's sample.
    #expect(at(470_573_320, .cocoaSeconds) == "2015-11-30T10:48:40.000Z")
    #expect(at(726_306_600_123_456_789, .cocoaNanoseconds) == "2024-01-07T07:50:00.123Z")
    #expect(at(1_609_459_200_000, .milliseconds) == "2021-01-01T00:00:00.000Z")
    #expect(at(1_704_183_330_123_456, .microseconds) == "2024-01-02T08:15:30.123Z")
    #expect(at(0, .milliseconds) == "error")
    #expect(at(-1, .seconds) == "error")
  }
}

@Suite("Time normalizer: missing years and dates")
struct InferenceTests {
  @Test func yearlessTakesTheCaseYearAndRollsOverDecemberToJanuary() {
    let n = TimeNormalizer(caseDate: CivilDate(year: 2023, month: 12, day: 31))
    var clock = n.clock()
    let a = try! clock.normalize("Dec 31 23:59:58").get()
    let b = try! clock.normalize("Jan  1 00:00:01").get()
    #expect(TimestampFormatter.utc(a.instant) == "2023-12-31T23:59:58Z")
    #expect(TimestampFormatter.utc(b.instant) == "2024-01-01T00:00:01Z")
    #expect(a.corrections.list.map(\.kind) == ["year_inferred", "zone_assumed"])
    #expect(b.corrections.list.map(\.kind) == ["year_rollover", "zone_assumed"])
  }

  @Test func aFileStartingBeforeTheCaseDateTakesThePreviousYear() {
    let n = TimeNormalizer(caseDate: CivilDate(year: 2024, month: 1, day: 2))
    var clock = n.clock()
    #expect(TimestampFormatter.utc(try! clock.normalize("Dec 30 10:00:00").get().instant) == "2023-12-30T10:00:00Z")
    #expect(TimestampFormatter.utc(try! clock.normalize("Jan  2 10:00:00").get().instant) == "2024-01-02T10:00:00Z")
  }

  @Test func slightlyOutOfOrderLinesDoNotRollOver() {
    let n = TimeNormalizer(caseDate: CivilDate(year: 2007, month: 11, day: 3))
    var clock = n.clock()
    _ = clock.normalize("Nov  3 09:47:02")
    #expect(TimestampFormatter.utc(try! clock.normalize("Nov  3 09:23:38").get().instant) == "2007-11-03T09:23:38Z")
  }

  @Test func yearlessWithoutACaseDateIsAnError() {
    var clock = TimeNormalizer().clock()
    #expect(clock.normalize("Nov  3 09:47:02") == .failure(.missingYear))
    #expect(clock.normalize("11:01") == .failure(.missingDate))
  }

  @Test func datelessTimesTakeTheHeadingElseTheCaseDate() {
    let shanghai = ZoneCatalog.shared.zone(named: "Asia/Shanghai")!
    var clock = TimeNormalizer(caseZone: shanghai, caseDate: CivilDate(year: 2008, month: 9, day: 22)).clock()
    let t = try! clock.normalize("11:01").get()
    #expect(TimestampFormatter.utc(t.instant) == "2008-09-22T03:01:00Z")
    #expect(t.precision == .minute)
    #expect(t.corrections.list.first?.detail == "no date in the source: 2008-09-22 taken from the case date")
    clock.setHeadingDate(CivilDate(year: 2008, month: 9, day: 23), line: 7)
    let u = try! clock.normalize("4:30 pm").get()
    #expect(TimestampFormatter.utc(u.instant) == "2008-09-23T08:30:00Z")
    #expect(
      u.corrections.list.first?.detail == "no date in the source: 2008-09-23 taken from the date heading at line 7")
  }

  @Test func clockOffsetIsAppliedAndRecorded() {
    let t = utc("2008-09-22 11:01:30", zone: "Asia/Shanghai", offset: -90_000_000)
    #expect(t == "2008-09-22T03:00:00Z")
    let (r, _, _) = read("2008-09-22 11:01:30")
    #expect(r?.corrections.list.contains { $0.kind == "clock_offset" } == false)
  }
}

@Suite("Time normalizer: approximate and odd times")
struct ApproximateTests {
  @Test(arguments: [
    ("~12:00", "2008-09-22T04:00:00Z"), ("around 12:00", "2008-09-22T04:00:00Z"),
    ("about 2:30 pm", "2008-09-22T06:30:00Z"), ("noon", "2008-09-22T04:00:00Z"),
    ("approx. 14:30", "2008-09-22T06:30:00Z"), ("ca. 9:30", "2008-09-22T01:30:00Z"),
  ])
  func approximateTimesCarryAWindow(text: String, expected: String) {
    let shanghai = ZoneCatalog.shared.zone(named: "Asia/Shanghai")!
    var clock = TimeNormalizer(caseZone: shanghai, caseDate: CivilDate(year: 2008, month: 9, day: 22)).clock()
    let t = try! clock.normalize(text).get()
    #expect(TimestampFormatter.utc(t.instant) == expected)
    #expect(t.precision == .approximate)
    #expect(t.uncertaintyMicros == 15 * 60_000_000)
    #expect(t.corrections.list.last?.detail == "approximate time: ±15 min")
  }

  @Test func precisions() {
    let clock = TimeNormalizer(caseDate: CivilDate(year: 2008, month: 9, day: 22))
    func p(_ s: String) -> TimePrecision? {
      var c = clock.clock()
      return try? c.normalize(s).get().precision
    }
    #expect(p("2008-09-22") == .day)
    #expect(p("11:05") == .minute)
    #expect(p("11:05:12") == .second)
    #expect(p("11:05:12.5") == .millisecond)
    #expect(p("11:05:12.123456") == .microsecond)
  }

  @Test(arguments: [
    ("2024-02-30 10:00:00", "error: not a valid calendar date"), ("2024-02-29 10:00:00", "2024-02-29T10:00:00Z"),
    ("2023-02-29 10:00:00", "error: not a valid calendar date"), ("2024-01-01 24:00:00", "2024-01-02T00:00:00Z"),
    ("2024-01-01 24:01:00", "error: not a valid time of day"), ("2016-12-31 23:59:60", "2016-12-31T23:59:59.999999Z"),
    ("9999-01-01 00:00:00", "error: year 9999 is outside 1900–2199"),
    ("0000-01-01 00:00:00", "error: year 0 is outside 1900–2199"),
    // A whole timestamp is asked for: the words after it are read as a zone name, and refused.
    ("2024-01-01 10:00:00 trailing words", "error: unknown time zone name"),
    ("not a time", "error: no timestamp found"), ("", "error: no timestamp found"),
    ("13:00 pm", "error: not a valid time of day"),
  ])
  func invalidAndEdgeValues(text: String, expected: String) {
    #expect(utc(text) == expected)
  }

  @Test func prefixLeavesTheRestOfTheLine() {
    var clock = TimeNormalizer(caseDate: CivilDate(year: 2008, month: 9, day: 22)).clock()
    var s = "11:40 pm-a -> me (call): back"
    let (r, n) = s.withUTF8 { clock.normalizePrefix($0) }
    #expect(n == 5)
    #expect(TimestampFormatter.utc(try! r.get().instant) == "2008-09-22T11:40:00Z")
  }
}

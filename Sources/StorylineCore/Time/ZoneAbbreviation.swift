/// A time-zone abbreviation as written in logs (`CST`, `IST`, `CEST`) and what it may mean.
///
/// Abbreviations are ambiguous: `CST` is China (UTC+8), US Central (UTC-6) or Cuba (UTC-5).
/// ``TimeNormalizer`` resolves one against the zone of the source (or of the case) first: when
/// that zone is one of a candidate's zones, that candidate wins silently. Otherwise the first
/// candidate of the table below is taken and a warning says so.
public struct ZoneAbbreviation: Sendable {
  /// One reading of an abbreviation.
  public struct Candidate: Sendable, Hashable {
    /// Seconds east of UTC.
    public var offset: Int
    /// Human name, e.g. `China Standard Time`.
    public var name: String
    /// IANA zones in which this reading is the local usage.
    public var zones: Set<String>
  }

  public var abbreviation: String
  /// Candidates, the default first.
  public var candidates: [Candidate]
  /// Position in ``all``.
  var id: Int16 = 0

  /// Looks up an abbreviation (upper case, 1–5 letters).
  public static func named(_ text: String) -> ZoneAbbreviation? { table[text] }

  /// Every known abbreviation, in alphabetical order.
  public static let all: [ZoneAbbreviation] = table.values.sorted { $0.abbreviation < $1.abbreviation }.enumerated().map
  {
    var a = $0.element
    a.id = Int16($0.offset)
    return a
  }

  static let table: [String: ZoneAbbreviation] = {
    var t: [String: ZoneAbbreviation] = [:]
    func add(_ abbr: String, _ cands: [(Int, String, [String])]) {
      t[abbr] = ZoneAbbreviation(
        abbreviation: abbr,
        candidates: cands.map { Candidate(offset: $0.0, name: $0.1, zones: Set($0.2)) })
    }
    let h = 3600
    let usCentral = [
      "America/Chicago", "America/Winnipeg", "America/Mexico_City", "America/Indiana/Knox",
      "America/Menominee", "America/North_Dakota/Center", "America/Matamoros", "US/Central", "CST6CDT",
    ]
    let usEastern = [
      "America/New_York", "America/Toronto", "America/Detroit", "America/Indiana/Indianapolis",
      "America/Kentucky/Louisville", "US/Eastern", "EST5EDT", "America/Montreal",
    ]
    let usMountain = [
      "America/Denver", "America/Boise", "America/Edmonton", "America/Phoenix", "US/Mountain", "MST7MDT",
    ]
    let usPacific = ["America/Los_Angeles", "America/Vancouver", "America/Tijuana", "US/Pacific", "PST8PDT"]
    let china = [
      "Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "Asia/Urumqi", "Asia/Taipei", "Asia/Macau", "PRC", "ROC",
    ]
    let cuba = ["America/Havana", "Cuba"]
    let atlantic = ["America/Halifax", "America/Puerto_Rico", "Atlantic/Bermuda", "America/Santo_Domingo"]
    let arabia = ["Asia/Riyadh", "Asia/Baghdad", "Asia/Kuwait", "Asia/Qatar", "Asia/Bahrain", "Asia/Aden"]
    let europeCentral = [
      "Europe/Paris", "Europe/Berlin", "Europe/Madrid", "Europe/Rome", "Europe/Amsterdam",
      "Europe/Brussels", "Europe/Vienna", "Europe/Zurich", "Europe/Stockholm", "Europe/Oslo",
      "Europe/Copenhagen", "Europe/Warsaw", "Europe/Prague", "Europe/Budapest", "CET",
    ]
    let europeEastern = [
      "Europe/Athens", "Europe/Helsinki", "Europe/Kiev", "Europe/Kyiv", "Europe/Bucharest",
      "Europe/Sofia", "Europe/Riga", "Europe/Vilnius", "Europe/Tallinn", "EET",
    ]
    let europeWestern = ["Europe/Lisbon", "Atlantic/Canary", "Atlantic/Madeira", "WET"]
    add("UTC", [(0, "Coordinated Universal Time", ["UTC", "Etc/UTC", "GMT", "Etc/GMT"])])
    add("UT", [(0, "Universal Time", ["UTC", "Etc/UTC"])])
    add(
      "GMT",
      [(0, "Greenwich Mean Time", ["Europe/London", "Europe/Dublin", "GMT", "Etc/GMT", "UTC", "Africa/Abidjan"])])
    add("Z", [(0, "Zulu (UTC)", ["UTC", "Etc/UTC"])])
    add(
      "CST",
      [
        (-6 * h, "US Central Standard Time", usCentral), (8 * h, "China Standard Time", china),
        (-5 * h, "Cuba Standard Time", cuba),
      ])
    add("CDT", [(-5 * h, "US Central Daylight Time", usCentral), (-4 * h, "Cuba Daylight Time", cuba)])
    add("EST", [(-5 * h, "US Eastern Standard Time", usEastern)])
    add("EDT", [(-4 * h, "US Eastern Daylight Time", usEastern)])
    add("MST", [(-7 * h, "US Mountain Standard Time", usMountain)])
    add("MDT", [(-6 * h, "US Mountain Daylight Time", usMountain)])
    add("PST", [(-8 * h, "US Pacific Standard Time", usPacific), (8 * h, "Philippine Standard Time", ["Asia/Manila"])])
    add("PDT", [(-7 * h, "US Pacific Daylight Time", usPacific)])
    add("AKST", [(-9 * h, "Alaska Standard Time", ["America/Anchorage", "America/Juneau"])])
    add("AKDT", [(-8 * h, "Alaska Daylight Time", ["America/Anchorage", "America/Juneau"])])
    add("HST", [(-10 * h, "Hawaii Standard Time", ["Pacific/Honolulu"])])
    add("AST", [(-4 * h, "Atlantic Standard Time", atlantic), (3 * h, "Arabia Standard Time", arabia)])
    add("ADT", [(-3 * h, "Atlantic Daylight Time", atlantic)])
    add("NST", [(-(3 * h + 1800), "Newfoundland Standard Time", ["America/St_Johns"])])
    add("NDT", [(-(2 * h + 1800), "Newfoundland Daylight Time", ["America/St_Johns"])])
    add("BRT", [(-3 * h, "Brasília Time", ["America/Sao_Paulo"])])
    add("ART", [(-3 * h, "Argentina Time", ["America/Argentina/Buenos_Aires", "America/Buenos_Aires"])])
    add("BOT", [(-4 * h, "Bolivia Time", ["America/La_Paz"])])
    add("WET", [(0, "Western European Time", europeWestern)])
    add("WEST", [(1 * h, "Western European Summer Time", europeWestern)])
    add(
      "BST", [(1 * h, "British Summer Time", ["Europe/London"]), (6 * h, "Bangladesh Standard Time", ["Asia/Dhaka"])])
    add(
      "IST",
      [
        (5 * h + 1800, "India Standard Time", ["Asia/Kolkata", "Asia/Calcutta"]),
        (1 * h, "Irish Standard Time", ["Europe/Dublin"]),
        (2 * h, "Israel Standard Time", ["Asia/Jerusalem", "Asia/Tel_Aviv"]),
      ])
    add("IDT", [(3 * h, "Israel Daylight Time", ["Asia/Jerusalem", "Asia/Tel_Aviv"])])
    add("CET", [(1 * h, "Central European Time", europeCentral)])
    add("CEST", [(2 * h, "Central European Summer Time", europeCentral)])
    add("MET", [(1 * h, "Middle European Time", europeCentral)])
    add("MEST", [(2 * h, "Middle European Summer Time", europeCentral)])
    add("EET", [(2 * h, "Eastern European Time", europeEastern)])
    add("EEST", [(3 * h, "Eastern European Summer Time", europeEastern)])
    add("MSK", [(3 * h, "Moscow Standard Time", ["Europe/Moscow"])])
    add("SAST", [(2 * h, "South Africa Standard Time", ["Africa/Johannesburg"])])
    add("CAT", [(2 * h, "Central Africa Time", ["Africa/Harare", "Africa/Maputo"])])
    add("EAT", [(3 * h, "East Africa Time", ["Africa/Nairobi", "Africa/Addis_Ababa"])])
    add("WAT", [(1 * h, "West Africa Time", ["Africa/Lagos"])])
    add(
      "GST",
      [
        (4 * h, "Gulf Standard Time", ["Asia/Dubai", "Asia/Muscat"]),
        (-2 * h, "South Georgia Time", ["Atlantic/South_Georgia"]),
      ])
    add("PKT", [(5 * h, "Pakistan Standard Time", ["Asia/Karachi"])])
    add("ICT", [(7 * h, "Indochina Time", ["Asia/Bangkok", "Asia/Ho_Chi_Minh", "Asia/Saigon"])])
    add("WIB", [(7 * h, "Western Indonesia Time", ["Asia/Jakarta"])])
    add("HKT", [(8 * h, "Hong Kong Time", ["Asia/Hong_Kong"])])
    add("SGT", [(8 * h, "Singapore Time", ["Asia/Singapore"])])
    add("MYT", [(8 * h, "Malaysia Time", ["Asia/Kuala_Lumpur"])])
    add("PHT", [(8 * h, "Philippine Time", ["Asia/Manila"])])
    add("AWST", [(8 * h, "Australian Western Standard Time", ["Australia/Perth"])])
    add("JST", [(9 * h, "Japan Standard Time", ["Asia/Tokyo"])])
    add("KST", [(9 * h, "Korea Standard Time", ["Asia/Seoul"])])
    add("ACST", [(9 * h + 1800, "Australian Central Standard Time", ["Australia/Adelaide", "Australia/Darwin"])])
    add("ACDT", [(10 * h + 1800, "Australian Central Daylight Time", ["Australia/Adelaide"])])
    add(
      "AEST",
      [(10 * h, "Australian Eastern Standard Time", ["Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane"])])
    add("AEDT", [(11 * h, "Australian Eastern Daylight Time", ["Australia/Sydney", "Australia/Melbourne"])])
    add("NZST", [(12 * h, "New Zealand Standard Time", ["Pacific/Auckland"])])
    add("NZDT", [(13 * h, "New Zealand Daylight Time", ["Pacific/Auckland"])])
    return t
  }()
}

extension ZoneAbbreviation {
  /// Packs up to 8 ASCII letters into an integer key, so that look-ups need no `String`.
  @inline(__always)
  static func key(_ p: UnsafeBufferPointer<UInt8>, from k: Int, count: Int) -> UInt64 {
    var v: UInt64 = 0
    for j in k..<(k + min(count, 8)) { v = v << 8 | UInt64(p[j]) }
    return v
  }

  static let byKey: [UInt64: ZoneAbbreviation] = {
    var t: [UInt64: ZoneAbbreviation] = [:]
    for a in all {
      let name = a.abbreviation
      var bytes = Array(name.utf8)
      bytes.withUnsafeMutableBufferPointer { t[key(UnsafeBufferPointer($0), from: 0, count: $0.count)] = a }
    }
    return t
  }()

  static func isKnown(_ p: UnsafeBufferPointer<UInt8>, from k: Int, count: Int) -> Bool {
    byKey[key(p, from: k, count: count)] != nil
  }

  static func lookup(_ p: UnsafeBufferPointer<UInt8>, from k: Int, count: Int) -> ZoneAbbreviation? {
    byKey[key(p, from: k, count: count)]
  }
}

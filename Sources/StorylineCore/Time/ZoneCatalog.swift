import Foundation

/// Finds zones by any name evidence uses: IANA identifiers, Windows and CLDR long names,
/// `UTC`/`GMT`, and fixed offsets such as `GMT+8` or `+05:30`. Zones are built once and shared.
public final class ZoneCatalog: @unchecked Sendable {
  /// The process-wide catalog.
  public static let shared = ZoneCatalog()

  private let lock = NSLock()
  private var cache: [String: ZoneRules] = ["UTC": .utc]

  /// The zone for a name, or nil when no zone has that name.
  public func zone(named raw: String) -> ZoneRules? {
    let name = raw.trimmingCharacters(in: .whitespaces)
    lock.lock()
    if let z = cache[name] {
      lock.unlock()
      return z
    }
    lock.unlock()
    let built = build(name)
    if let built {
      lock.lock()
      cache[name] = built
      lock.unlock()
    }
    return built
  }

  private func build(_ name: String) -> ZoneRules? {
    let upper = name.uppercased()
    if upper == "UTC" || upper == "GMT" || upper == "Z" || upper == "ETC/UTC" || upper == "ETC/GMT"
      || upper == "COORDINATED UNIVERSAL TIME"
    {
      return .utc
    }
    if let offset = ZoneCatalog.fixedOffset(upper) {
      return ZoneRules(fixedOffset: offset, identifier: "UTC" + TimestampFormatter.offset(offset))
    }
    if let iana = ZoneCatalog.longNames[name] ?? ZoneCatalog.longNamesUpper[upper] {
      return zone(named: iana)
    }
    if name.contains("/") || name.allSatisfy({ $0.isLetter || $0 == "_" }) {
      // IANA identifiers such as Asia/Shanghai, and legacy single-word ones such as PRC.
      if name.allSatisfy({ $0.isUppercase }) && name.count <= 5 && ZoneAbbreviation.named(name) != nil {
        return nil  // an abbreviation, not a zone: resolved by the normalizer with the case's zone
      }
      return ZoneRules(identifier: name)
    }
    return nil
  }

  /// `+08:00`, `+0800`, `GMT+8`, `UTC-05:30` → seconds east of UTC.
  static func fixedOffset(_ s: String) -> Int? {
    var body = Substring(s)
    for prefix in ["GMT", "UTC", "UT"] where body.hasPrefix(prefix) {
      body = body.dropFirst(prefix.count)
      break
    }
    guard let sign = body.first, sign == "+" || sign == "-" else { return nil }
    let digits = body.dropFirst().filter { $0 != ":" }
    guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(\.isASCII), let n = Int(digits) else { return nil }
    let (h, m) = digits.count <= 2 ? (n, 0) : (n / 100, n % 100)
    guard h <= 14, m < 60 else { return nil }
    return (sign == "-" ? -1 : 1) * (h * 3600 + m * 60)
  }

  /// Windows zone names (CLDR windowsZones, territory 001) and Java/CLDR long names, to IANA.
  public static let longNames: [String: String] = [
    "Dateline Standard Time": "Etc/GMT+12", "UTC-11": "Etc/GMT+11", "Hawaiian Standard Time": "Pacific/Honolulu",
    "Alaskan Standard Time": "America/Anchorage", "Pacific Standard Time": "America/Los_Angeles",
    "Pacific Daylight Time": "America/Los_Angeles", "Pacific Time": "America/Los_Angeles",
    "Pacific Standard Time (Mexico)": "America/Tijuana", "US Mountain Standard Time": "America/Phoenix",
    "Mountain Standard Time": "America/Denver", "Mountain Daylight Time": "America/Denver",
    "Mountain Time": "America/Denver", "Central America Standard Time": "America/Guatemala",
    "Central Standard Time": "America/Chicago", "Central Daylight Time": "America/Chicago",
    "Central Time": "America/Chicago", "Central Standard Time (Mexico)": "America/Mexico_City",
    "Canada Central Standard Time": "America/Regina", "SA Pacific Standard Time": "America/Bogota",
    "Eastern Standard Time": "America/New_York", "Eastern Daylight Time": "America/New_York",
    "Eastern Time": "America/New_York", "US Eastern Standard Time": "America/Indiana/Indianapolis",
    "Cuba Standard Time": "America/Havana", "Atlantic Standard Time": "America/Halifax",
    "Venezuela Standard Time": "America/Caracas", "SA Western Standard Time": "America/La_Paz",
    "Bolivia Time": "America/La_Paz", "Pacific SA Standard Time": "America/Santiago",
    "Newfoundland Standard Time": "America/St_Johns", "E. South America Standard Time": "America/Sao_Paulo",
    "Brasilia Standard Time": "America/Sao_Paulo", "Argentina Standard Time": "America/Argentina/Buenos_Aires",
    "SA Eastern Standard Time": "America/Cayenne", "Greenland Standard Time": "America/Nuuk",
    "GMT Standard Time": "Europe/London", "Greenwich Mean Time": "Etc/GMT", "British Summer Time": "Europe/London",
    "Greenwich Standard Time": "Atlantic/Reykjavik", "W. Europe Standard Time": "Europe/Berlin",
    "Central Europe Standard Time": "Europe/Budapest", "Romance Standard Time": "Europe/Paris",
    "Central European Standard Time": "Europe/Warsaw", "Central European Summer Time": "Europe/Paris",
    "Central European Time": "Europe/Paris", "W. Central Africa Standard Time": "Africa/Lagos",
    "GTB Standard Time": "Europe/Bucharest", "Middle East Standard Time": "Asia/Beirut",
    "Egypt Standard Time": "Africa/Cairo", "South Africa Standard Time": "Africa/Johannesburg",
    "FLE Standard Time": "Europe/Kyiv", "Eastern European Standard Time": "Europe/Athens",
    "Eastern European Summer Time": "Europe/Athens", "Israel Standard Time": "Asia/Jerusalem",
    "E. Europe Standard Time": "Europe/Chisinau", "Turkey Standard Time": "Europe/Istanbul",
    "Arabic Standard Time": "Asia/Baghdad", "Arab Standard Time": "Asia/Riyadh",
    "Arabian Standard Time": "Asia/Riyadh", "Russian Standard Time": "Europe/Moscow",
    "Moscow Standard Time": "Europe/Moscow", "E. Africa Standard Time": "Africa/Nairobi",
    "Iran Standard Time": "Asia/Tehran", "Gulf Standard Time": "Asia/Dubai", "Afghanistan Standard Time": "Asia/Kabul",
    "Pakistan Standard Time": "Asia/Karachi", "West Asia Standard Time": "Asia/Tashkent",
    "India Standard Time": "Asia/Kolkata", "Sri Lanka Standard Time": "Asia/Colombo",
    "Nepal Standard Time": "Asia/Kathmandu", "Bangladesh Standard Time": "Asia/Dhaka",
    "Myanmar Standard Time": "Asia/Yangon", "SE Asia Standard Time": "Asia/Bangkok", "Indochina Time": "Asia/Bangkok",
    "China Standard Time": "Asia/Shanghai", "Hong Kong Standard Time": "Asia/Hong_Kong",
    "Singapore Standard Time": "Asia/Singapore", "W. Australia Standard Time": "Australia/Perth",
    "Taipei Standard Time": "Asia/Taipei", "Tokyo Standard Time": "Asia/Tokyo",
    "Japan Standard Time": "Asia/Tokyo", "Korea Standard Time": "Asia/Seoul",
    "Korean Standard Time": "Asia/Seoul", "Cen. Australia Standard Time": "Australia/Adelaide",
    "AUS Central Standard Time": "Australia/Darwin", "E. Australia Standard Time": "Australia/Brisbane",
    "AUS Eastern Standard Time": "Australia/Sydney", "New Zealand Standard Time": "Pacific/Auckland",
    "North Asia East Standard Time": "Asia/Irkutsk",
  ]

  static let longNamesUpper: [String: String] = Dictionary(
    uniqueKeysWithValues: longNames.map { ($0.key.uppercased(), $0.value) })
}

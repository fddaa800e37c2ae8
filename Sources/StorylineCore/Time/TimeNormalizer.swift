/// The one clock: the case-wide settings every reader's timestamps are read against.
///
/// No reader parses dates on its own. Each asks ``clock(zone:clockOffsetMicros:)`` for a
/// ``SourceClock`` and passes it the timestamp text or number it found; the clock returns a UTC
/// ``Instant`` with its precision and every correction applied.
public struct TimeNormalizer: Sendable {
  /// The case zone: local times with no zone are read in it (unless their source has one).
  public var caseZone: ZoneRules
  /// The case date: the year for year-less timestamps, the date for date-less ones.
  public var caseDate: CivilDate?
  /// Whether all-numeric dates such as `02/03/2024` put the day first.
  public var dayFirst: Bool
  /// What decided ``dayFirst``, for the `date_order` correction.
  public var dateOrderRule: DateOrderRule = .region
  /// Half-width of the window around an approximate time (`~12:00`): 15 minutes by default.
  public var approximateWindowMicros: Int64

  public init(
    caseZone: ZoneRules = .utc, caseDate: CivilDate? = nil, region: String? = nil,
    approximateWindowMicros: Int64 = 15 * 60_000_000
  ) {
    self.caseZone = caseZone
    self.caseDate = caseDate
    self.dayFirst = TimeNormalizer.isDayFirst(region: region)
    self.approximateWindowMicros = approximateWindowMicros
  }

  /// Regions that write all-numeric dates month first; every other region is read day first.
  public static let monthFirstRegions: Set<String> = ["US", "PH", "FM", "MH", "PW", "BZ", "GU", "AS", "VI", "MP", "UM"]

  /// Whether a region writes all-numeric dates day first (no region: day first).
  static func isDayFirst(region: String?) -> Bool {
    guard let r = region?.uppercased() else { return true }
    return !monthFirstRegions.contains(r)
  }

  /// A clock for one source: its zone (nil: the case zone) and its clock correction.
  public func clock(zone: ZoneRules? = nil, clockOffsetMicros: Int64 = 0) -> SourceClock {
    SourceClock(normalizer: self, sourceZone: zone, clockOffsetMicros: clockOffsetMicros)
  }
}

/// The product of a build: the case's settings, the sources' accounting, and the merged events.
public struct Timeline: Sendable {
  public var title: String
  /// The case zone: local times in reports are shown in it.
  public var zone: ZoneRules
  /// Whether the zone was given (case file or `--timezone`) or defaulted to UTC.
  public var zoneGiven: Bool
  public var date: CivilDate?
  public var people: [Person]
  public var sources: [SourceSummary]
  public var events: [Event]
  /// Warnings about the case as a whole.
  public var warnings: [Diagnostic]
  /// Every source's clock as the evidence shows it (nil before the build estimated them).
  public var clocks: ClockTable? = nil
  /// The language the reports are written in (a catalogue's tag: `en`, `zh-CN`).
  public var language = "en"

  public init(
    title: String, zone: ZoneRules, zoneGiven: Bool, date: CivilDate?, people: [Person], sources: [SourceSummary],
    events: [Event], warnings: [Diagnostic]
  ) {
    self.title = title
    self.zone = zone
    self.zoneGiven = zoneGiven
    self.date = date
    self.people = people
    self.sources = sources
    self.events = events
    self.warnings = warnings
  }
}

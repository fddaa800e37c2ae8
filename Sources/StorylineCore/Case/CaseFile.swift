import StorylineCore

/// A case: the unit a user works on, read from `case.yml`. See the README's case-file reference.
public struct CaseFile: Sendable {
  /// One step of the escalation policy: who must know, within how long of the start.
  public struct EscalationStep: Sendable {
    public enum Requirement: String, Sendable { case any, all }
    public var notify: [String]
    public var require: Requirement
    public var withinMicros: Int64
    /// As written, e.g. `15m`.
    public var withinText: String
    public var line: Int

    public init(notify: [String], require: Requirement, withinMicros: Int64, withinText: String, line: Int) {
      self.notify = notify
      self.require = require
      self.withinMicros = withinMicros
      self.withinText = withinText
      self.line = line
    }
  }

  /// What the case file says of the incident; every key optional.
  public struct Incident: Sendable {
    public var severity: String?
    /// The author's summary, impact, root cause, actions and sections.
    public var narrative = Narrative()
    public var detectedBy: [String] = []
    public var started: NormalizedTime?
    public var detected: NormalizedTime?
    public var mitigated: NormalizedTime?
    public var resolved: NormalizedTime?

    public init() {}
  }

  /// The case file's own path.
  public var path: String
  /// The folder source paths are relative to.
  public var directory: String
  public var title: String
  /// The case zone, and whether the case file gave it (else UTC).
  public var timezone: ZoneRules
  public var timezoneGiven: Bool
  public var date: CivilDate?
  public var phoneRegion: String?
  public var people: [Person]
  public var incident: Incident
  public var escalation: [EscalationStep]
  public var silenceMicros: Int64?
  public var sources: [SourceSpec]
  /// The language of the case's reports (`language: zh-CN`; nil: English, or `--lang`).
  public var language: String? = nil
  /// The policy a paging service ran, shown beside ``escalation`` (nil when the case gives none).
  public var pagingPolicy: PagingPolicy? = nil
  /// Whether source clocks are estimated from the evidence and applied (`clock: auto`, the
  /// default) or only shown (`clock: none`).
  public var clockAuto: Bool = true

  /// A case with the given settings; every other key empty (the loader fills them in).
  public init(
    path: String, directory: String, title: String, timezone: ZoneRules = .utc, timezoneGiven: Bool = false,
    date: CivilDate? = nil, phoneRegion: String? = nil, people: [Person] = [], incident: Incident = .init(),
    escalation: [EscalationStep] = [], silenceMicros: Int64? = nil, sources: [SourceSpec] = []
  ) {
    self.path = path
    self.directory = directory
    self.title = title
    self.timezone = timezone
    self.timezoneGiven = timezoneGiven
    self.date = date
    self.phoneRegion = phoneRegion
    self.people = people
    self.incident = incident
    self.escalation = escalation
    self.silenceMicros = silenceMicros
    self.sources = sources
  }

  /// The normalizer for the case's settings.
  public var normalizer: TimeNormalizer {
    TimeNormalizer(caseZone: timezone, caseDate: date, region: phoneRegion)
  }

  /// The directory of people for resolving names, numbers and addresses.
  public var peopleDirectory: PeopleDirectory { PeopleDirectory(people: people, region: phoneRegion) }
}

import StorylineCore

/// One evidence source as a case file (or the command line) gives it.
public struct SourceSpec: Sendable {
  /// As written in the case file (relative to it) or on the command line: how output cites it.
  public var path: String
  /// Where the file is.
  public var resolvedPath: String
  /// A format id; nil to sniff.
  public var format: FormatID?
  /// Whose device or notebook it is (a person id).
  public var owner: String?
  /// The zone of the source's local times; nil for the case zone.
  public var timezone: ZoneRules?
  /// Added to every time of the source (`clock_offset: -90s`: the device ran 90 s fast).
  public var clockOffsetMicros: Int64
  /// Whether the clock may be corrected by an estimate from the evidence (`clock: auto`, the
  /// default; `clock: none`).
  public var clockAuto: Bool = true
  /// The clock the others are measured against (`reference: true`).
  public var reference: Bool = false
  /// The offset estimated from the evidence and applied (set by the build).
  public var estimate: EstimatedOffset? = nil
  /// Who reads a group chat (person ids).
  public var members: [String]
  /// The case-file line that names the source (0 when not from a case file).
  public var line: Int
  /// For call-detail CSV: which column holds what.
  public var csv: CallCSVMapping?

  public init(
    path: String, resolvedPath: String, format: FormatID? = nil, owner: String? = nil, timezone: ZoneRules? = nil,
    clockOffsetMicros: Int64 = 0, members: [String] = [], line: Int = 0, csv: CallCSVMapping? = nil
  ) {
    self.path = path
    self.resolvedPath = resolvedPath
    self.format = format
    self.owner = owner
    self.timezone = timezone
    self.clockOffsetMicros = clockOffsetMicros
    self.members = members
    self.line = line
    self.csv = csv
  }
}

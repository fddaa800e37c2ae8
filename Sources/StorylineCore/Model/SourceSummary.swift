/// The accounting of one evidence source: every record became an event, was merged, or was rejected.
public struct SourceSummary: Sendable {
  /// Rejected records listed per source at most (all are counted): memory stays flat however
  /// much of a file is unreadable.
  public static let listedRejections = 1_000

  /// The warning that says how many rejected records are counted but not listed.
  public static func unlistedRejections(_ n: Int, path: String) -> Diagnostic {
    let values: [String: Phrase.Value] = ["n": "\(n)", "listed": "\(listedRejections)"]
    return Diagnostic(
      .warning, path: path, line: 0,
      n == 1
        ? Phrase(
          "rejected.unlisted.one", "1 more rejected record is counted but not listed (the first {listed} are)", values)
        : Phrase(
          "rejected.unlisted", "{n} more rejected records are counted but not listed (the first {listed} are)", values))
  }

  /// As given in the case file or on the command line.
  public var path: String
  public var format: String
  /// SHA-256 of the file's bytes, lower-case hex.
  public var sha256: String
  public var bytes: Int64
  /// Whose device or notebook it is.
  public var owner: String?
  /// The zone its local times were read in.
  public var timezone: String
  public var clockOffsetMicros: Int64
  public var records: Int
  public var events: Int
  public var merged: Int
  /// The rejected records listed: the first ``listedRejections`` of them.
  public var rejected: [Rejection]
  /// Every rejected record, listed or not.
  public var rejectedCount: Int
  /// The rejected records by reason, each with its count and first and last line.
  public var rejectionGroups: [RejectionGroup] = []
  /// Lines that are no record (markers, directives, a rejected record's continuation), by reason.
  public var skippedLines: [SkippedLines] = []
  public var warnings: [Diagnostic]
  /// Earliest and latest event instants.
  public var first: Instant?
  public var last: Instant?

  public init(
    path: String, format: String, sha256: String, bytes: Int64, owner: String?, timezone: String,
    clockOffsetMicros: Int64, records: Int, events: Int, merged: Int, rejected: [Rejection], rejectedCount: Int? = nil,
    warnings: [Diagnostic], first: Instant?, last: Instant?
  ) {
    self.path = path
    self.format = format
    self.sha256 = sha256
    self.bytes = bytes
    self.owner = owner
    self.timezone = timezone
    self.clockOffsetMicros = clockOffsetMicros
    self.records = records
    self.events = events
    self.merged = merged
    self.rejected = rejected
    self.rejectedCount = rejectedCount ?? rejected.count
    self.warnings = warnings
    self.first = first
    self.last = last
  }
}

extension SourceSummary {
  /// Takes the listed rejections, their count and their groups from `log`.
  public mutating func record(_ log: RejectionLog) {
    rejected = log.listed
    rejectedCount = log.count
    rejectionGroups = log.groups
  }
}

extension SourceSummary {
  /// The warning for a source that gave no event at all (none of its own, none merged into
  /// another source's): a file read in the wrong format, or one whose every record failed.
  public func noEventWarning() -> Diagnostic? {
    guard events == 0 && merged == 0 else { return nil }
    let read =
      records == 0
      ? Phrase("source.no_record", "no record found")
      : records == 1
        ? Phrase("source.records_rejected.one", "1 record found, {rejected} rejected", ["rejected": "\(rejectedCount)"])
        : Phrase(
          "source.records_rejected", "{n} records found, {rejected} rejected",
          ["n": "\(records)", "rejected": "\(rejectedCount)"])
    return Diagnostic(
      .warning, path: path, line: 0,
      Phrase(
        "source.no_event",
        "no event read from this file as {format} ({read}); check it with `storyline inspect`, or name its format with `format:`",
        ["format": .text(format), "read": .phrase(read)]))
  }
}

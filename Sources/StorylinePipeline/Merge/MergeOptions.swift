import StorylineCore
import StorylineFormats

/// What `storyline merge` keeps and how it writes it.
public struct MergeOptions: Sendable {
  /// How each record is written.
  public enum Output: String, Sendable, CaseIterable {
    /// `TIME SOURCE:LINE RECORD`, continuation lines as they were.
    case text
    /// One JSON object per record: time, source, line, severity, text.
    case jsonl
  }
  /// Keep records at or after this instant.
  public var from: Instant?
  /// Keep records before this instant.
  public var to: Instant?
  /// Keep records whose bytes contain this text (case-sensitive).
  public var grep: String?
  /// Keep records of at least this severity (records without one are left out).
  public var minimumSeverity: Severity?
  /// The zone times are written in.
  public var zone: ZoneRules
  public var output: Output
  /// Rejected records kept per source with their line and reason (all are counted).
  public var rejectionsKept = 20

  public init(
    from: Instant? = nil, to: Instant? = nil, grep: String? = nil, minimumSeverity: Severity? = nil,
    zone: ZoneRules = .utc, output: Output = .text
  ) {
    self.from = from
    self.to = to
    self.grep = grep
    self.minimumSeverity = minimumSeverity
    self.zone = zone
    self.output = output
  }
}

/// One thing that happened, on the one clock, citing its evidence.
public struct Event: Sendable {
  /// Stable id: the source's number in the case and the record's number in it, `s2-r14`.
  public var id: String
  /// The UTC instant (for approximate times, the centre of the window).
  public var instant: Instant
  public var precision: TimePrecision
  /// Half-width of the uncertainty window around `instant`, 0 when exact.
  public var uncertaintyMicros: Int64
  public var kind: EventKind
  public var from: Party?
  public var to: [Party]
  public var text: String
  /// For log records.
  public var severity: Severity?
  /// For communications: how the attempt ended (nil when the evidence does not say).
  public var outcome: Outcome?
  /// For calls: seconds connected.
  public var durationSeconds: Int?
  /// Format-specific fields in a fixed order (a log's host, thread, message id …).
  public var attributes: Attributes = []
  /// Where it came from.
  public var source: Provenance
  /// The same event seen in other sources (duplicates folded into this one).
  public var alsoIn: [Provenance] = []
  /// Its order against a neighbour cannot be known: their uncertainty windows overlap.
  public var orderUncertain = false
  /// Index of the source in the case, for ordering.
  public var sourceIndex: Int
  /// Record sequence within the source, for ordering.
  public var sequence: Int

  public init(
    instant: Instant, precision: TimePrecision, uncertaintyMicros: Int64 = 0, kind: EventKind, from: Party? = nil,
    to: [Party] = [], text: String, severity: Severity? = nil, outcome: Outcome? = nil, durationSeconds: Int? = nil,
    source: Provenance, sourceIndex: Int, sequence: Int
  ) {
    self.id = "s\(sourceIndex + 1)-r\(source.record)"
    self.instant = instant
    self.precision = precision
    self.uncertaintyMicros = uncertaintyMicros
    self.kind = kind
    self.from = from
    self.to = to
    self.text = text
    self.severity = severity
    self.outcome = outcome
    self.durationSeconds = durationSeconds
    self.source = source
    self.sourceIndex = sourceIndex
    self.sequence = sequence
  }

  /// The event's time window: [instant - uncertainty, instant + uncertainty + granule).
  public var window: ClosedRange<Int64> {
    let lo = instant.microseconds - uncertaintyMicros
    let hi = instant.microseconds + uncertaintyMicros + max(precision.granuleMicroseconds - 1, 0)
    return lo...hi
  }
}

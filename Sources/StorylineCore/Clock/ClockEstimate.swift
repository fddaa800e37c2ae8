/// One source's clock as the evidence shows it: the estimate of its offset against the case's
/// anchor clock, what it rests on, and whether it was applied.
public struct ClockEstimate: Hashable, Sendable {
  /// What became of the estimate.
  public enum Status: String, Sendable {
    /// The clock the others are measured against.
    case anchor
    /// Applied to every time of the source (`clock_estimated`).
    case applied
    /// The case file's `clock_offset` was applied; the estimate checks it.
    case written
    /// Estimated but not applied (``ClockEstimate/reason`` says why).
    case notApplied = "not_applied"
    /// No evidence relates the source to another.
    case noPairs = "no_pairs"
  }

  /// How far the estimate can be trusted.
  public enum Confidence: String, Sendable {
    /// Three or more consistent exact pairs on every step from the anchor.
    case high
    /// Bounds that pin the offset within ±10 s.
    case medium
    case low
  }

  public var source: Int
  public var path: String
  public var status: Status
  /// The offset to add to the source's clock readings to put them on the anchor's clock
  /// (including any written `clock_offset`); nil without pairs.
  public var offsetMicros: Int64?
  /// Half-width of the estimate's uncertainty.
  public var uncertaintyMicros: Int64
  /// The range the evidence allows (for estimates that rest on bounds, the bounds).
  public var lowerMicros: Int64?
  public var upperMicros: Int64?
  /// The written `clock_offset` (0 when none).
  public var writtenMicros: Int64
  /// The offset applied on top of the written one (0 when none).
  public var appliedMicros: Int64
  /// The source this one was measured against (nil for an anchor or without pairs).
  public var via: Int?
  /// The anchor of the source's group of related sources.
  public var anchor: Int?
  /// Pairs between this source and ``via``, and how many agree with the estimate.
  public var pairs: Int
  public var consistent: Int
  /// Whether the step from ``via`` rests on exact pairs (else on causal bounds).
  public var exact: Bool
  /// The spread of the agreeing exact pairs.
  public var spreadMicros: Int64
  public var confidence: Confidence
  /// Why the estimate was or was not applied, in English words.
  public var reason: String
  /// The same as catalogue keys (`clock.<key>`) and their values, one per part, for a report in
  /// another language.
  public var why: [ClockReason] = []
  /// How fast the clock drifts against ``via``'s, in parts per million, when the exact pairs
  /// span a day or more and show it (one offset is applied all the same).
  public var driftPPM: Int? = nil

  public init(
    source: Int, path: String, status: Status, offsetMicros: Int64? = nil, uncertaintyMicros: Int64 = 0,
    lowerMicros: Int64? = nil, upperMicros: Int64? = nil, writtenMicros: Int64 = 0, appliedMicros: Int64 = 0,
    via: Int? = nil, anchor: Int? = nil, pairs: Int = 0, consistent: Int = 0, exact: Bool = false,
    spreadMicros: Int64 = 0, confidence: Confidence = .low, reason: String
  ) {
    self.source = source
    self.path = path
    self.status = status
    self.offsetMicros = offsetMicros
    self.uncertaintyMicros = uncertaintyMicros
    self.lowerMicros = lowerMicros
    self.upperMicros = upperMicros
    self.writtenMicros = writtenMicros
    self.appliedMicros = appliedMicros
    self.via = via
    self.anchor = anchor
    self.pairs = pairs
    self.consistent = consistent
    self.exact = exact
    self.spreadMicros = spreadMicros
    self.confidence = confidence
    self.reason = reason
  }
}

/// A source's clock offset as estimated from the evidence (`clock: auto`), applied to its times.
public struct EstimatedOffset: Hashable, Sendable {
  /// Added to every time of the source (after any written `clock_offset`).
  public var offsetMicros: Int64
  /// Half-width of the estimate's uncertainty: every corrected time is this uncertain.
  public var uncertaintyMicros: Int64
  /// How many pairs of evidence the estimate rests on.
  public var pairs: Int
  /// The source the estimate is relative to (its path).
  public var anchor: String

  public init(offsetMicros: Int64, uncertaintyMicros: Int64, pairs: Int, anchor: String) {
    self.offsetMicros = offsetMicros
    self.uncertaintyMicros = uncertaintyMicros
    self.pairs = pairs
    self.anchor = anchor
  }

  /// The correction in words: `source clock corrected by +42 s ±1 s, estimated from 4 pairs against logs/app.log`.
  public var words: String {
    "source clock corrected by \(SignedDuration.describe(microseconds: offsetMicros)) "
      + "±\(SignedDuration.describe(microseconds: uncertaintyMicros, signed: false)), estimated from \(pairs) "
      + "pair\(pairs == 1 ? "" : "s") of evidence against \(anchor)"
  }
}

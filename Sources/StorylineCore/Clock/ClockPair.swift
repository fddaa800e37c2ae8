/// Evidence that two sources recorded one moment, or that what one recorded caused what the
/// other did: one observation of how their clocks relate.
///
/// With `o` a source's clock offset (added to its times to put them on the true clock), a pair
/// says that `o[source] - o[reference]` lies in ``bounds``: for the same communication recorded
/// twice, the observed difference negated, give or take a second of rounding; for a cause and
/// its effect (a log record and the alert quoting it, a page and the call it placed), the effect
/// comes after the cause by 0 to ``maxDelayMicros``.
public struct ClockPair: Hashable, Sendable {
  /// What makes the two records one moment or cause and effect.
  public enum Kind: String, Sendable, CaseIterable {
    /// The same call or message in two sources (exact).
    case sameCommunication = "same_communication"
    /// A message that quotes or names a log record or alert (causal: sent after it).
    case quotes
    /// A paging service's notification and the call or SMS it placed on the person's phone
    /// (causal: rung or received after it).
    case pageDelivered = "page_delivered"
    /// An e-mail's `Date:` (the sender's clock) and its first server's `Received:` stamp
    /// (causal: stamped after it).
    case mailReceived = "mail_received"

    /// Whether the pair measures a difference (else it bounds one).
    public var isExact: Bool { self == .sameCommunication }
  }

  public var kind: Kind
  /// The source whose offset is measured against ``reference``: for causal pairs, the effect's.
  public var source: Int
  public var reference: Int
  /// The source's reading minus the reference's.
  public var differenceMicros: Int64
  /// For causal pairs: how long after the cause the effect may come.
  public var maxDelayMicros: Int64
  /// The two records, `path:line`.
  public var sourceCitation: String
  public var referenceCitation: String
  /// What was matched, in words (`SMS a → b`, `quotes "gw-eu-2", "timeout"`).
  public var detail: String
  /// When, on the reference's clock (for drift over days; 0 when not known).
  public var atMicros: Int64
  /// ``detail`` as a catalogue key (`pair.<key>`) and its values, for a report in another language.
  public var why: ClockReason = ClockReason("")

  public init(
    kind: Kind, source: Int, reference: Int, differenceMicros: Int64, maxDelayMicros: Int64 = 0,
    sourceCitation: String, referenceCitation: String, detail: String, atMicros: Int64 = 0
  ) {
    self.kind = kind
    self.source = source
    self.reference = reference
    self.differenceMicros = differenceMicros
    self.maxDelayMicros = maxDelayMicros
    self.sourceCitation = sourceCitation
    self.referenceCitation = referenceCitation
    self.detail = detail
    self.atMicros = atMicros
  }

  /// Exact pairs are read to whole seconds on one side or both: this much either way.
  public static let exactToleranceMicros: Int64 = 1_000_000

  /// The range of `o[source] - o[reference]` the pair allows.
  public var bounds: ClosedRange<Int64> {
    if kind.isExact {
      return (-differenceMicros - Self.exactToleranceMicros)...(-differenceMicros + Self.exactToleranceMicros)
    }
    return (-differenceMicros)...(-differenceMicros + maxDelayMicros)
  }
}

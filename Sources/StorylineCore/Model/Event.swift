/// One thing that happened, on the one clock, citing its evidence.
///
/// A value type whose fields live in one shared, copy-on-write box: an event is copied many
/// times on its way through a streamed build (reader, reorder window, merge heap, duplicate
/// window, writers), and a copy is then one reference count, not one per string field.
public struct Event: Sendable {
  @usableFromInline
  final class Storage: @unchecked Sendable {
    // Laid out widest first, the one-byte fields together at the end: 240 bytes, where the
    // order of the initializer's arguments took 272 (a message history holds one per message).
    @exclusivity(unchecked) @usableFromInline var id: String
    @exclusivity(unchecked) @usableFromInline var instant: Instant
    @exclusivity(unchecked) @usableFromInline var uncertaintyMicros: Int64
    @exclusivity(unchecked) @usableFromInline var from: Party?
    @exclusivity(unchecked) @usableFromInline var to: [Party]
    @exclusivity(unchecked) @usableFromInline var text: String
    @exclusivity(unchecked) @usableFromInline var attributes: Attributes
    @exclusivity(unchecked) @usableFromInline var source: Provenance
    @exclusivity(unchecked) @usableFromInline var alsoIn: [Provenance]
    @exclusivity(unchecked) @usableFromInline var sourceIndex: Int
    @exclusivity(unchecked) @usableFromInline var sequence: Int
    @exclusivity(unchecked) @usableFromInline var durationSeconds: Int?
    @exclusivity(unchecked) @usableFromInline var precision: TimePrecision
    @exclusivity(unchecked) @usableFromInline var kind: EventKind
    @exclusivity(unchecked) @usableFromInline var severity: Severity?
    @exclusivity(unchecked) @usableFromInline var outcome: Outcome?
    @exclusivity(unchecked) @usableFromInline var orderUncertain: Bool

    @usableFromInline
    init(
      id: String, instant: Instant, precision: TimePrecision, uncertaintyMicros: Int64, kind: EventKind, from: Party?,
      to: [Party], text: String, severity: Severity?, outcome: Outcome?, durationSeconds: Int?,
      attributes: Attributes, source: Provenance, alsoIn: [Provenance], orderUncertain: Bool, sourceIndex: Int,
      sequence: Int
    ) {
      self.id = id
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
      self.attributes = attributes
      self.source = source
      self.alsoIn = alsoIn
      self.orderUncertain = orderUncertain
      self.sourceIndex = sourceIndex
      self.sequence = sequence
    }

    @usableFromInline
    func copy() -> Storage {
      Storage(
        id: id,
        instant: instant,
        precision: precision,
        uncertaintyMicros: uncertaintyMicros,
        kind: kind,
        from: from,
        to: to,
        text: text,
        severity: severity,
        outcome: outcome,
        durationSeconds: durationSeconds,
        attributes: attributes,
        source: source,
        alsoIn: alsoIn,
        orderUncertain: orderUncertain,
        sourceIndex: sourceIndex,
        sequence: sequence)
    }
  }

  @usableFromInline
  var storage: Storage

  /// Stable id: the source's number in the case and the record's number in it, `s2-r14`.
  @inlinable
  public var id: String {
    _read { yield storage.id }
    _modify {
      if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
      yield &storage.id
    }
  }
  /// The UTC instant (for approximate times, the centre of the window).
  @inlinable
  public var instant: Instant {
    get { storage.instant }
    _modify {
      if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
      yield &storage.instant
    }
  }
  @inlinable
  public var precision: TimePrecision {
    get { storage.precision }
    _modify {
      if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
      yield &storage.precision
    }
  }
  /// Half-width of the uncertainty window around `instant`, 0 when exact.
  @inlinable
  public var uncertaintyMicros: Int64 {
    get { storage.uncertaintyMicros }
    _modify {
      if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
      yield &storage.uncertaintyMicros
    }
  }
  @inlinable
  public var kind: EventKind {
    get { storage.kind }
    _modify {
      if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
      yield &storage.kind
    }
  }
  @inlinable
  public var from: Party? {
    _read { yield storage.from }
    _modify {
      if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
      yield &storage.from
    }
  }
  @inlinable
  public var to: [Party] {
    _read { yield storage.to }
    _modify {
      if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
      yield &storage.to
    }
  }
  @inlinable
  public var text: String {
    _read { yield storage.text }
    _modify {
      if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
      yield &storage.text
    }
  }
  /// For log records.
  @inlinable
  public var severity: Severity? {
    get { storage.severity }
    _modify {
      if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
      yield &storage.severity
    }
  }
  /// For communications: how the attempt ended (nil when the evidence does not say).
  @inlinable
  public var outcome: Outcome? {
    get { storage.outcome }
    _modify {
      if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
      yield &storage.outcome
    }
  }
  /// For calls: seconds connected.
  @inlinable
  public var durationSeconds: Int? {
    get { storage.durationSeconds }
    _modify {
      if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
      yield &storage.durationSeconds
    }
  }
  /// Format-specific fields in a fixed order (a log's host, thread, message id …).
  @inlinable
  public var attributes: Attributes {
    _read { yield storage.attributes }
    _modify {
      if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
      yield &storage.attributes
    }
  }
  /// Where it came from.
  @inlinable
  public var source: Provenance {
    _read { yield storage.source }
    _modify {
      if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
      yield &storage.source
    }
  }
  /// The same event seen in other sources (duplicates folded into this one).
  @inlinable
  public var alsoIn: [Provenance] {
    _read { yield storage.alsoIn }
    _modify {
      if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
      yield &storage.alsoIn
    }
  }
  /// Its order against a neighbour cannot be known: their uncertainty windows overlap.
  @inlinable
  public var orderUncertain: Bool {
    get { storage.orderUncertain }
    _modify {
      if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
      yield &storage.orderUncertain
    }
  }
  /// Index of the source in the case, for ordering.
  @inlinable
  public var sourceIndex: Int {
    get { storage.sourceIndex }
    _modify {
      if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
      yield &storage.sourceIndex
    }
  }
  /// Record sequence within the source, for ordering.
  @inlinable
  public var sequence: Int {
    get { storage.sequence }
    _modify {
      if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
      yield &storage.sequence
    }
  }

  public init(
    instant: Instant, precision: TimePrecision, uncertaintyMicros: Int64 = 0, kind: EventKind, from: Party? = nil,
    to: [Party] = [], text: String, severity: Severity? = nil, outcome: Outcome? = nil, durationSeconds: Int? = nil,
    source: Provenance, sourceIndex: Int, sequence: Int
  ) {
    storage = Storage(
      id: Self.id(source: sourceIndex + 1, record: source.record), instant: instant, precision: precision,
      uncertaintyMicros: uncertaintyMicros, kind: kind, from: from, to: to, text: text, severity: severity,
      outcome: outcome, durationSeconds: durationSeconds, attributes: [], source: source, alsoIn: [],
      orderUncertain: false, sourceIndex: sourceIndex, sequence: sequence)
  }

  /// `s2-r14`, written on the stack and then made a string (an interpolation costs several times
  /// more, once per record). Up to 15 bytes, as nearly every id is, the string holds its bytes
  /// itself, with no allocation (a string made with room for more would have one).
  static func id(source: Int, record: Int) -> String {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 44) { b in
      var c = ByteCursor(b)
      c.put(UInt8(ascii: "s"))
      c.putDecimal(source)
      c.put("-r" as StaticString)
      c.putDecimal(record)
      return String(decoding: UnsafeBufferPointer(rebasing: b[..<c.count]), as: UTF8.self)
    }
  }

  /// The event's time window: [instant - uncertainty, instant + uncertainty + granule).
  public var window: ClosedRange<Int64> {
    let lo = instant.microseconds - uncertaintyMicros
    let hi = instant.microseconds + uncertaintyMicros + max(precision.granuleMicroseconds - 1, 0)
    return lo...hi
  }
}

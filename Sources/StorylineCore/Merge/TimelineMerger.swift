/// Merges per-source event sequences into one timeline in a deterministic total order.
///
/// Order: instant, then precision (finer first), then the source's place in the case, then the
/// record's place in its source. Each source is sorted first when it is not already in order;
/// the sources are then merged with a heap, one head per source. Duplicates (the same
/// communication or record seen in two sources) are folded into the first, which cites both.
/// Events of different sources whose time windows overlap are marked `orderUncertain`
/// (``TimelineStream``, which a streamed build runs over sources too large to hold).
public enum TimelineMerger {
  /// The merged timeline and how many events of each source were folded into another.
  public struct Result: Sendable {
    public var events: [Event]
    /// Per source index: events folded into an event of another source.
    public var mergedCounts: [Int: Int]
    /// The communications two sources both recorded with exact times: their clocks' pairs.
    public var clockPairs: [ClockPair]
  }

  /// The total order of the timeline.
  @inline(__always)
  public static func precedes(_ a: Event, _ b: Event) -> Bool {
    if a.instant != b.instant { return a.instant < b.instant }
    if a.precision != b.precision { return a.precision < b.precision }
    if a.sourceIndex != b.sourceIndex { return a.sourceIndex < b.sourceIndex }
    return a.sequence < b.sequence
  }

  /// Merges sources (each an array of events from one source), all in memory: the same steps as
  /// a streamed build — ``mergeCommunications(_:)``, then a ``TimelineStream``.
  public static func merge(_ sources: [[Event]]) -> Result {
    let first = mergeCommunications(sources)
    let windows = ApproximateWindow.of(first.events)
    var events = first.events.makeIterator()
    var stream = TimelineStream({ events.next() }, approximate: windows)
    var out: [Event] = []
    out.reserveCapacity(first.events.count)
    while let e = stream.next() { out.append(e) }
    // A first pass knows at the end which approximate events overlap another source's.
    for i in out.indices where out[i].uncertaintyMicros > 0 && stream.approximateMarked.contains(out[i].id) {
      out[i].orderUncertain = true
    }
    var merged = first.mergedCounts
    merged.merge(stream.merged, uniquingKeysWith: +)
    return Result(events: out, mergedCounts: merged, clockPairs: first.clockPairs)
  }

  /// Sorts each source when it is out of order, merges them, and folds the communications that
  /// several sources recorded (``CommunicationMatcher``): the first step of a merge, for the
  /// sources read whole (phones, chats, e-mail, notes — every source of communications).
  public static func mergeCommunications(_ sources: [[Event]]) -> Result {
    let sorted = sources.map { events -> [Event] in
      isOrdered(events) ? events : events.sorted(by: precedes)
    }
    var iterator = MergeIterator(sorted.map { $0.makeIterator() })
    var out: [Event] = []
    out.reserveCapacity(sorted.reduce(0) { $0 + $1.count })
    while let e = iterator.next() { out.append(e) }
    let (matched, pairs) = CommunicationMatcher.fold(&out)
    return Result(events: out, mergedCounts: matched, clockPairs: pairs)
  }

  static func isOrdered(_ events: [Event]) -> Bool {
    var i = 1
    while i < events.count {
      if precedes(events[i], events[i - 1]) { return false }
      i += 1
    }
    return true
  }
}

/// A k-way merge of event iterators, each already in timeline order, with a binary heap of
/// source numbers over the sources' head events. Memory is one event per source, whatever the
/// sources' lengths. Inlinable, so that callers in other modules get it specialised.
@frozen
public struct MergeIterator<Source: IteratorProtocol>: IteratorProtocol where Source.Element == Event {
  @usableFromInline var sources: [Source]
  @usableFromInline var heads: [Event?]
  /// Each head's order key (``TimelineMerger/precedes(_:_:)``'s fields), side by side: the heap
  /// compares these without going to the events.
  @usableFromInline var keys: [Key]
  @usableFromInline var heap: [Int] = []

  @usableFromInline
  struct Key {
    @usableFromInline var instant: Int64
    @usableFromInline var precision: TimePrecision
    @usableFromInline var sourceIndex: Int
    @usableFromInline var sequence: Int

    @inlinable
    init(_ e: Event?) {
      instant = e?.instant.microseconds ?? 0
      precision = e?.precision ?? .second
      sourceIndex = e?.sourceIndex ?? 0
      sequence = e?.sequence ?? 0
    }

    /// ``TimelineMerger/precedes(_:_:)`` on the keys.
    @inlinable
    func precedes(_ b: Key) -> Bool {
      if instant != b.instant { return instant < b.instant }
      if precision != b.precision { return precision < b.precision }
      if sourceIndex != b.sourceIndex { return sourceIndex < b.sourceIndex }
      return sequence < b.sequence
    }
  }

  @inlinable
  public init(_ sources: [Source]) {
    self.sources = sources
    heads = Array(repeating: nil, count: sources.count)
    keys = Array(repeating: Key(nil), count: sources.count)
    for k in self.sources.indices {
      heads[k] = self.sources[k].next()
      keys[k] = Key(heads[k])
      if heads[k] != nil { push(k) }
    }
  }

  @inlinable
  public mutating func next() -> Event? {
    guard let top = heap.first else { return nil }
    let e = heads[top].take()
    heads[top] = sources[top].next()
    keys[top] = Key(heads[top])
    if heads[top] == nil {
      let last = heap.removeLast()
      if !heap.isEmpty {
        heap[0] = last
        siftDown(0)
      }
    } else {
      siftDown(0)
    }
    return e
  }

  @inlinable
  func before(_ a: Int, _ b: Int) -> Bool { keys[a].precedes(keys[b]) }

  @inlinable
  mutating func push(_ k: Int) {
    heap.append(k)
    var c = heap.count - 1
    while c > 0 {
      let p = (c - 1) / 2
      guard before(heap[c], heap[p]) else { break }
      heap.swapAt(c, p)
      c = p
    }
  }

  @inlinable
  mutating func siftDown(_ start: Int) {
    var p = start
    while true {
      let l = 2 * p + 1
      let r = l + 1
      var m = p
      if l < heap.count && before(heap[l], heap[m]) { m = l }
      if r < heap.count && before(heap[r], heap[m]) { m = r }
      if m == p { return }
      heap.swapAt(p, m)
      p = m
    }
  }
}

/// Merges per-source event sequences into one timeline in a deterministic total order.
///
/// Order: instant, then precision (finer first), then the source's place in the case, then the
/// record's place in its source. Each source is sorted first when it is not already in order;
/// the sources are then merged with a heap, one head per source. Duplicates (the same
/// communication or record seen in two sources) are folded into the first, which cites both.
/// Events of different sources whose time windows overlap are marked `orderUncertain`.
public enum TimelineMerger {
  /// The merged timeline and how many events of each source were folded into another.
  public struct Result: Sendable {
    public var events: [Event]
    /// Per source index: events folded into an event of another source.
    public var mergedCounts: [Int: Int]
    /// Clock differences observed between sources that recorded the same communications.
    public var clockDifferences: [ClockDifference]
  }

  /// How much later one source's clock reads than another's, from the communications both recorded.
  public struct ClockDifference: Sendable, Equatable {
    public var source: Int
    public var reference: Int
    /// The median difference.
    public var medianMicros: Int64
    /// How many communications both recorded with exact times.
    public var matches: Int
  }

  /// The total order of the timeline.
  @inline(__always)
  public static func precedes(_ a: Event, _ b: Event) -> Bool {
    if a.instant != b.instant { return a.instant < b.instant }
    if a.precision != b.precision { return a.precision < b.precision }
    if a.sourceIndex != b.sourceIndex { return a.sourceIndex < b.sourceIndex }
    return a.sequence < b.sequence
  }

  /// Merges sources (each an array of events from one source).
  public static func merge(_ sources: [[Event]]) -> Result {
    let sorted = sources.map { events -> [Event] in
      isOrdered(events) ? events : events.sorted(by: precedes)
    }
    var iterator = MergeIterator(sorted.map { $0.makeIterator() })
    var out: [Event] = []
    out.reserveCapacity(sorted.reduce(0) { $0 + $1.count })
    while let e = iterator.next() { out.append(e) }
    let (matched, observations) = CommunicationMatcher.fold(&out)
    var merged = foldDuplicates(&out)
    merged.merge(matched, uniquingKeysWith: +)
    markOrderUncertain(&out)
    return Result(events: out, mergedCounts: merged, clockDifferences: differences(observations))
  }

  static func differences(_ observations: [CommunicationMatcher.Observation]) -> [ClockDifference] {
    let pairs = Dictionary(grouping: observations) { [$0.source, $0.reference] }
    return pairs.keys.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }.map { key in
      let offsets = pairs[key]!.map(\.offsetMicros).sorted()
      return ClockDifference(
        source: key[0], reference: key[1], medianMicros: offsets[offsets.count / 2], matches: offsets.count)
    }
  }

  static func isOrdered(_ events: [Event]) -> Bool {
    var i = 1
    while i < events.count {
      if precedes(events[i], events[i - 1]) { return false }
      i += 1
    }
    return true
  }

  /// Folds an event into an earlier one with the same instant, kind, parties and text from
  /// another source (a log copied twice, say). Returns the number folded per source.
  static func foldDuplicates(_ events: inout [Event]) -> [Int: Int] {
    var merged: [Int: Int] = [:]
    var keep: [Event] = []
    keep.reserveCapacity(events.count)
    var groupStart = 0  // index in `keep` of the first event with the current instant
    for e in events {
      if let last = keep.last, last.instant != e.instant { groupStart = keep.count }
      var folded = false
      var j = groupStart
      while j < keep.count {
        let k = keep[j]
        if k.sourceIndex != e.sourceIndex && k.kind == e.kind && k.text == e.text
          && k.from?.display == e.from?.display && k.to.map(\.display).sorted() == e.to.map(\.display).sorted()
          && !k.alsoIn.contains(where: { $0.path == e.source.path })
        {
          keep[j].alsoIn.append(e.source)
          merged[e.sourceIndex, default: 0] += 1
          folded = true
          break
        }
        j += 1
      }
      if !folded { keep.append(e) }
    }
    events = keep
    return merged
  }

  /// Marks events whose windows overlap an event of another source.
  static func markOrderUncertain(_ events: inout [Event]) {
    // Exact events: their windows start at their instant, so a sweep with the recent ones suffices.
    var active: [Int] = []
    var maxReach: Int64 = 0
    for i in events.indices {
      let e = events[i]
      if e.precision == .day { continue }
      let w = e.window
      maxReach = max(maxReach, w.upperBound - w.lowerBound)
      if e.uncertaintyMicros > 0 { continue }
      active.removeAll { events[$0].window.upperBound < w.lowerBound }
      for j in active where events[j].sourceIndex != e.sourceIndex {
        events[j].orderUncertain = true
        events[i].orderUncertain = true
      }
      active.append(i)
    }
    // Approximate events: look both ways within the widest window.
    for i in events.indices where events[i].uncertaintyMicros > 0 && events[i].precision != .day {
      let w = events[i].window
      var lo = i
      while lo > 0 && events[lo - 1].instant.microseconds >= w.lowerBound - maxReach { lo -= 1 }
      var hi = i
      while hi + 1 < events.count && events[hi + 1].instant.microseconds - maxReach <= w.upperBound { hi += 1 }
      for j in lo...hi where j != i && events[j].sourceIndex != events[i].sourceIndex && events[j].precision != .day {
        if events[j].window.overlaps(w) {
          events[j].orderUncertain = true
          events[i].orderUncertain = true
        }
      }
    }
  }
}

/// A k-way merge of event iterators, each already in timeline order, with a binary heap.
/// Memory is one event per source, whatever the sources' lengths.
public struct MergeIterator<Source: IteratorProtocol>: IteratorProtocol where Source.Element == Event {
  private var sources: [Source]
  private var heap: [(event: Event, source: Int)] = []

  public init(_ sources: [Source]) {
    self.sources = sources
    for k in self.sources.indices {
      if let e = self.sources[k].next() { push((e, k)) }
    }
  }

  public mutating func next() -> Event? {
    guard !heap.isEmpty else { return nil }
    let top = heap[0]
    if let e = sources[top.source].next() {
      heap[0] = (e, top.source)
      siftDown(0)
    } else {
      let last = heap.removeLast()
      if !heap.isEmpty {
        heap[0] = last
        siftDown(0)
      }
    }
    return top.event
  }

  private mutating func push(_ item: (event: Event, source: Int)) {
    heap.append(item)
    var c = heap.count - 1
    while c > 0 {
      let p = (c - 1) / 2
      guard TimelineMerger.precedes(heap[c].event, heap[p].event) else { break }
      heap.swapAt(c, p)
      c = p
    }
  }

  private mutating func siftDown(_ start: Int) {
    var p = start
    while true {
      let l = 2 * p + 1
      let r = l + 1
      var m = p
      if l < heap.count && TimelineMerger.precedes(heap[l].event, heap[m].event) { m = l }
      if r < heap.count && TimelineMerger.precedes(heap[r].event, heap[m].event) { m = r }
      if m == p { return }
      heap.swapAt(p, m)
      p = m
    }
  }
}

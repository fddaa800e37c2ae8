/// The last steps of the merge, over events that arrive in timeline order: an event that repeats
/// one of the same instant from another source (a log copied twice, say) is folded into the first,
/// which cites both; events whose time windows overlap an event of another source are marked
/// `orderUncertain`.
///
/// Memory holds the events of one instant and those whose windows are still open (a second's
/// worth for second-precision records, a minute's for minute-precision ones), however long the
/// stream. Approximate events (`~09:30` in notes) must be known before the stream starts
/// (``ApproximateWindow``): their windows are wide, and an event's mark against them is known
/// as it passes. Whether an approximate event itself overlaps something is known only at the
/// end (``approximateMarked``): a second pass gives it as `marked`.
public struct TimelineStream: IteratorProtocol {
  private var base: () -> Event?
  private var exhausted = false
  /// Events of the newest instant, folded among themselves, not yet marked.
  private var group: [Event] = []
  /// Marked events waiting until no later event can overlap them; `head` is the first.
  private var pending: [Event] = []
  private var head = 0
  /// Absolute numbers (`pendingBase + index`) of exact events whose windows are still open.
  private var active: [Int] = []
  private var pendingBase = 0
  /// The newest instant read from the base.
  private var frontier = Int64.min
  private let windows: [ApproximateWindow]
  /// Windows (by index) an exact event may still overlap, and the next one to open.
  private var openWindows: [Int] = []
  private var nextWindow = 0
  private let marked: Set<String>?

  /// Events of each source (by index) folded into an event of another source.
  public private(set) var merged: [Int: Int] = [:]
  /// The approximate events found to overlap an event of another source so far.
  public private(set) var approximateMarked: Set<String> = []

  /// `marked`: the approximate events that a previous pass over the same stream found to overlap
  /// another source's (nil on a first pass: they are marked as far as known when they leave).
  public init(_ base: @escaping () -> Event?, approximate: [ApproximateWindow], marked: Set<String>? = nil) {
    self.base = base
    self.windows = approximate.sorted { ($0.window.lowerBound, $0.id) < ($1.window.lowerBound, $1.id) }
    self.marked = marked
  }

  public mutating func next() -> Event? {
    while true {
      if head < pending.count && (exhausted || canLeave(pending[head])) { return pop() }
      if exhausted { return nil }
      guard let e = base() else {
        exhausted = true
        flushGroup()
        continue
      }
      if let first = group.first, first.instant != e.instant { flushGroup() }
      frontier = max(frontier, e.instant.microseconds)
      fold(e)
    }
  }

  /// An exact event leaves once no later event can overlap it; others leave at once (their
  /// marks against approximate windows are already made).
  private func canLeave(_ e: Event) -> Bool {
    e.uncertaintyMicros > 0 || e.precision == .day || e.window.upperBound < frontier
  }

  private mutating func pop() -> Event {
    var e = pending[head]
    head += 1
    if e.uncertaintyMicros > 0, let marked, marked.contains(e.id) { e.orderUncertain = true }
    if head >= 4096 && head * 2 >= pending.count {
      pending.removeFirst(head)
      pendingBase += head
      head = 0
    }
    return e
  }

  /// Folds `e` into an event of the same instant from another source with the same kind,
  /// parties and text, or keeps it.
  private mutating func fold(_ e: Event) {
    for j in group.indices {
      let k = group[j]
      if k.sourceIndex != e.sourceIndex && k.kind == e.kind && k.text == e.text
        && k.from?.display == e.from?.display && k.to.map(\.display).sorted() == e.to.map(\.display).sorted()
        && !k.alsoIn.contains(where: { $0.path == e.source.path })
      {
        group[j].alsoIn.append(e.source)
        merged[e.sourceIndex, default: 0] += 1
        return
      }
    }
    group.append(e)
  }

  private mutating func flushGroup() {
    // Each event moved out of the group, not copied: marking one then changes it in place
    // instead of copying its storage.
    var taken: [Event] = []
    swap(&taken, &group)
    taken.reverse()
    while let e = taken.popLast() { mark(e) }
    group = taken
  }

  /// Marks `e` against the approximate windows and the open exact events, and queues it.
  private mutating func mark(_ event: consuming Event) {
    var e = event
    if e.precision != .day && uncertain(e) { e.orderUncertain = true }
    pending.append(e)
  }

  /// Whether `e`'s order against another source's event is uncertain (marking the others it
  /// overlaps); tracks `e` among the open exact events.
  private mutating func uncertain(_ e: Event) -> Bool {
    var marked = false
    let w = e.window
    if e.uncertaintyMicros > 0 {
      // Approximate: few of them; look at every window.
      for k in windows.indices where windows[k].id != e.id {
        if windows[k].sourceIndex != e.sourceIndex && windows[k].window.overlaps(w) {
          marked = true
          approximateMarked.insert(windows[k].id)
          approximateMarked.insert(e.id)
        }
      }
      return marked
    }
    while nextWindow < windows.count && windows[nextWindow].window.lowerBound <= w.upperBound {
      openWindows.append(nextWindow)
      nextWindow += 1
    }
    let windows = self.windows
    openWindows.removeAll { windows[$0].window.upperBound < w.lowerBound }
    for k in openWindows where windows[k].sourceIndex != e.sourceIndex && windows[k].window.overlaps(w) {
      marked = true
      approximateMarked.insert(windows[k].id)
    }
    // An event that has left (possible only when the stream comes out of order) is done with.
    let gone = pendingBase + head
    let base = pendingBase
    active.removeAll { [pending] in $0 < gone || pending[$0 - base].window.upperBound < w.lowerBound }
    for a in active where pending[a - pendingBase].sourceIndex != e.sourceIndex {
      pending[a - pendingBase].orderUncertain = true
      marked = true
    }
    active.append(pendingBase + pending.count)
    return marked
  }
}

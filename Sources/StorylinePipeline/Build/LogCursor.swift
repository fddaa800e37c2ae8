import Foundation
import StorylineCore
import StorylineFormats
import Synchronization

/// A streamed log: read on a thread of its own (``start()``), its events put in time order
/// through a reorder window and handed over in batches; its rejections and counts kept for the
/// accounting, to be read once the thread has ended (``stop()``).
final class LogCursor: @unchecked Sendable {
  /// The reading thread, a few batches ahead.
  private var producer: EventProducer? = nil
  private var batch: [Event?] = []
  private var position = 0

  let source: SourceCursor
  let index: Int
  private let window: Int
  /// The window, sorted, from `head` on: a record in order is appended, a late one inserted.
  private var buffer: [Event?] = []
  private var head = 0
  private var lastOut: Event? = nil
  private var done = false
  private(set) var events = 0
  /// The rejected records: the first ``SourceSummary/listedRejections`` listed, all counted.
  private(set) var rejections = RejectionLog()
  private(set) var outOfOrder = 0
  private(set) var first: Instant? = nil
  private(set) var last: Instant? = nil
  /// Bytes and records read, published now and then by the thread that reads for the one that
  /// shows progress (the reader itself is touched by one thread only).
  private let published = Atomic<Int64>(0)
  private let publishedRecords = Atomic<Int>(0)

  init(_ source: SourceCursor, index: Int, window: Int) {
    self.source = source
    self.index = index
    self.window = window
    buffer.reserveCapacity(window + 1)
  }

  /// Bytes read as last published: safe to read from any thread.
  var bytesRead: Int64 { published.load(ordering: .relaxed) }
  /// Records read (events and rejections) as last published: safe to read from any thread.
  var recordsRead: Int { publishedRecords.load(ordering: .relaxed) }

  private func publish() {
    published.store(source.bytesRead ?? 0, ordering: .relaxed)
    publishedRecords.store(events + rejections.count, ordering: .relaxed)
  }

  /// Starts the reading thread.
  func start() {
    let p = EventProducer(batchSize: 256, capacity: 2) { [unowned self] in ordered() }
    producer = p
    p.start()
  }

  /// Lets the reading thread go (when the pass stopped early) and waits for it to end.
  func stop() { producer?.stop() }

  /// The next event in time order, from the reading thread's batches.
  func next() -> Event? {
    if position == batch.count {
      guard let b = producer?.take() else { return nil }
      batch = b.map { Optional($0) }
      position = 0
    }
    position += 1
    return batch[position - 1].take()
  }

  /// The next event out of the reorder window (on the reading thread).
  private func ordered() -> Event? {
    while !done && buffer.count - head < window {
      guard let item = source.next() else {
        done = true
        publish()
        break
      }
      switch item {
      case .event(let e):
        events += 1
        if events & 0x3FF == 0 { publish() }
        first = min(first ?? e.instant, e.instant)
        last = max(last ?? e.instant, e.instant)
        insert(e)
      case .rejected(let r):
        rejections.add(r)
      }
    }
    guard head < buffer.count, var e = buffer[head].take() else { return nil }
    head += 1
    if head == buffer.count || head >= window {
      buffer.removeFirst(head)
      head = 0
    }
    if let l = lastOut, TimelineMerger.precedes(e, l) {
      outOfOrder += 1
      if e.instant < l.instant {
        // Written after a later record: whatever the window did with it, it is not in place.
        e.source.corrections.removeAll { $0.kind == "out_of_file_order" }
        e.source.corrections.append(Self.outOfFileOrder(after: l, placed: false))
      }
    } else {
      lastOut = e
    }
    return e
  }

  /// The correction of a record whose stated time is earlier than `earlier`'s, above it in the file.
  static func outOfFileOrder(after earlier: Event, placed: Bool = true) -> Correction {
    Correction(
      kind: "out_of_file_order",
      detail: "its time is before that of line \(earlier.source.line), above it in the file: "
        + (placed ? "placed by its time" : "later than the reorder window reaches, so written where it was read"),
      key: placed ? "out_of_file_order" : "out_of_file_order.unplaced", args: ["line": "\(earlier.source.line)"])
  }

  private func insert(_ event: Event) {
    guard head < buffer.count, let tail = buffer[buffer.count - 1], TimelineMerger.precedes(event, tail) else {
      buffer.append(event)
      return
    }
    // Its stated time is before a record above it in the file: placed by its time, and says so.
    var e = event
    if e.instant < tail.instant { e.source.corrections.append(Self.outOfFileOrder(after: tail)) }
    // Late: after the last one it does not precede.
    var lo = head
    var hi = buffer.count - 1
    while lo < hi {
      let mid = (lo + hi) / 2
      if TimelineMerger.precedes(e, buffer[mid]!) { hi = mid } else { lo = mid + 1 }
    }
    buffer.insert(e, at: lo)
  }
}

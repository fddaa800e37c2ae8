import StorylineCore
import StorylineFormats
import Synchronization

/// A streamed log: its events in time order through a reorder window, its rejections and
/// counts kept for the accounting.
final class LogCursor {
  let source: SourceCursor
  let index: Int
  private let window: Int
  /// The window, sorted, from `head` on: a record in order is appended, a late one inserted.
  private var buffer: [Event?] = []
  private var head = 0
  private var lastOut: Event? = nil
  private var done = false
  private(set) var events = 0
  /// The first ``SourceSummary/listedRejections`` rejected records, and how many there were.
  private(set) var rejected: [Rejection] = []
  private(set) var rejectedCount = 0
  private(set) var outOfOrder = 0
  private(set) var first: Instant? = nil
  private(set) var last: Instant? = nil
  /// Bytes read, published now and then by the thread that reads for the one that shows
  /// progress (the reader itself is touched by one thread only).
  private let published = Atomic<Int64>(0)

  init(_ source: SourceCursor, index: Int, window: Int) {
    self.source = source
    self.index = index
    self.window = window
    buffer.reserveCapacity(window + 1)
  }

  /// Bytes read as last published: safe to read from any thread.
  var bytesRead: Int64 { published.load(ordering: .relaxed) }

  func next() -> Event? {
    while !done && buffer.count - head < window {
      guard let item = source.next() else {
        done = true
        break
      }
      switch item {
      case .event(let e):
        events += 1
        if events & 0x3FF == 0 { published.store(source.bytesRead ?? 0, ordering: .relaxed) }
        first = min(first ?? e.instant, e.instant)
        last = max(last ?? e.instant, e.instant)
        insert(e)
      case .rejected(let r):
        rejectedCount += 1
        if rejected.count < SourceSummary.listedRejections { rejected.append(r) }
      }
    }
    guard head < buffer.count, let e = buffer[head].take() else { return nil }
    head += 1
    if head == buffer.count || head >= window {
      buffer.removeFirst(head)
      head = 0
    }
    if let l = lastOut, TimelineMerger.precedes(e, l) { outOfOrder += 1 } else { lastOut = e }
    return e
  }

  private func insert(_ e: Event) {
    guard head < buffer.count, let tail = buffer[buffer.count - 1], TimelineMerger.precedes(e, tail) else {
      buffer.append(e)
      return
    }
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

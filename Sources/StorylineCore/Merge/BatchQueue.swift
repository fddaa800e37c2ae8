import Foundation

/// A bounded queue of batches from one producer thread to one consumer (a log's reader to the
/// merging thread, libxml2's parser to an XML reader): the producer waits when `capacity`
/// batches are waiting, so memory stays flat whatever the input size.
package final class BatchQueue<Batch>: @unchecked Sendable {
  private let condition = NSCondition()
  private var items: [Batch] = []
  private var cancelled = false
  private var finished = false
  private let capacity: Int

  package init(capacity: Int = 2) { self.capacity = capacity }

  /// Hands a batch over, waiting while the queue is full; false when the consumer has stopped
  /// (the producer should stop too).
  @discardableResult
  package func put(_ batch: Batch) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while items.count >= capacity && !cancelled { condition.wait() }
    if cancelled { return false }
    items.append(batch)
    condition.broadcast()
    return true
  }

  /// The consumer stops taking: batches waiting are dropped, the producer is let go, and a
  /// `take` (of a consumer on another thread) gets nil.
  package func cancel() {
    condition.lock()
    cancelled = true
    finished = true
    items.removeAll()
    condition.broadcast()
    condition.unlock()
  }

  /// No more batches will come.
  package func finish() {
    condition.lock()
    finished = true
    condition.broadcast()
    condition.unlock()
  }

  /// The next batch, waiting for it; nil when the producer has finished and all were taken.
  package func take() -> Batch? {
    condition.lock()
    defer { condition.unlock() }
    while items.isEmpty && !finished { condition.wait() }
    if items.isEmpty { return nil }
    let b = items.removeFirst()
    condition.broadcast()
    return b
  }
}

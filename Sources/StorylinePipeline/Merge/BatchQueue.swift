import Foundation

/// A bounded queue of batches from one producer thread to the merging thread: the producer
/// waits when `capacity` batches are waiting, so memory stays flat whatever the input size.
final class BatchQueue: @unchecked Sendable {
  private let condition = NSCondition()
  private var items: [RecordBatch] = []
  private var finished = false
  private let capacity: Int

  init(capacity: Int = 2) { self.capacity = capacity }

  func put(_ batch: RecordBatch) {
    condition.lock()
    while items.count >= capacity { condition.wait() }
    items.append(batch)
    condition.broadcast()
    condition.unlock()
  }

  /// No more batches will come.
  func finish() {
    condition.lock()
    finished = true
    condition.broadcast()
    condition.unlock()
  }

  /// The next batch, waiting for it; nil when the producer has finished and all were taken.
  func take() -> RecordBatch? {
    condition.lock()
    defer { condition.unlock() }
    while items.isEmpty && !finished { condition.wait() }
    if items.isEmpty { return nil }
    let b = items.removeFirst()
    condition.broadcast()
    return b
  }
}

import Foundation
import StorylineCore

/// Runs a source of events on a thread of its own and hands them over in batches through a
/// bounded queue: the producer waits when `capacity` batches are waiting, so memory stays flat.
/// Used for each streamed log and for the merge of a pass.
final class EventProducer: @unchecked Sendable {
  private let next: () -> Event?
  private let batchSize: Int
  private let queue: BatchQueue<[Event]>
  private let ended = DispatchSemaphore(value: 0)
  private var running = false

  /// `next` is called on the producer's thread only, until it gives nil.
  init(batchSize: Int, capacity: Int, _ next: @escaping () -> Event?) {
    self.next = next
    self.batchSize = batchSize
    queue = BatchQueue(capacity: capacity)
  }

  func start() {
    running = true
    let t = Thread { [self] in
      defer {
        queue.finish()
        ended.signal()
      }
      var batch: [Event] = []
      batch.reserveCapacity(batchSize)
      while let e = next() {
        batch.append(e)
        if batch.count == batchSize {
          guard queue.put(batch) else { return }
          batch = []
          batch.reserveCapacity(batchSize)
        }
      }
      if !batch.isEmpty { queue.put(batch) }
    }
    t.stackSize = 1 << 20
    t.start()
  }

  /// The next batch, waiting for it; nil once the source is done (or after ``stop()``).
  func take() -> [Event]? { queue.take() }

  /// Waits for the thread to end; when it has not handed everything over yet (the consumer
  /// stopped early), lets it go first. Safe to call more than once.
  func stop() {
    guard running else { return }
    queue.cancel()
    ended.wait()
    running = false
  }
}

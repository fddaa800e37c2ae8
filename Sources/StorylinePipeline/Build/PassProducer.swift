import Foundation
import StorylineCore

/// Runs a pass's stream on its own thread, handing its events over in batches.
final class PassProducer: @unchecked Sendable {
  /// Events per batch handed over.
  static let batchSize = 512
  private(set) var stream: TimelineStream
  let queue = BatchQueue<[Event]>(capacity: 4)
  private let done = DispatchSemaphore(value: 0)

  init(_ stream: TimelineStream) { self.stream = stream }

  func start() {
    let t = Thread { [self] in
      defer {
        queue.finish()
        done.signal()
      }
      var batch: [Event] = []
      batch.reserveCapacity(Self.batchSize)
      while let e = stream.next() {
        batch.append(e)
        if batch.count == Self.batchSize {
          guard queue.put(batch) else { return }
          batch = []
          batch.reserveCapacity(Self.batchSize)
        }
      }
      if !batch.isEmpty { queue.put(batch) }
    }
    t.stackSize = 1 << 20
    t.start()
  }

  /// Waits for the thread to end (after the last batch, or after a cancel).
  func wait() { done.wait() }
}

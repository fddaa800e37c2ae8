import Foundation
import StorylineCore
import StorylineReports

/// Writes events through a ``TimelineWriter`` on a thread of its own, a few batches behind the
/// pass that feeds it, and hands the bytes to `emit` there: the second pass's writing (JSON is
/// most of its work) overlaps its reading, merging and labelling. Memory holds a few batches.
final class RenderThread<Writer: TimelineWriter>: @unchecked Sendable {
  /// The writer, as the thread left it (read after ``finish()``).
  private(set) var writer: Writer
  private let queue = BatchQueue<[(Event, String?)]>(capacity: 4)
  private let ended = DispatchSemaphore(value: 0)
  private var batch: [(Event, String?)] = []
  private var failure: Error? = nil
  private var running = false
  private static var batchSize: Int { 256 }

  init(_ writer: Writer) { self.writer = writer }

  /// Starts the thread: it writes the writer's beginning, every event handed to ``add(_:burst:)``,
  /// and its end, in chunks of about `chunk` bytes to `emit`. `emit` is called on that thread
  /// only, and not after ``finish()`` or ``cancel()`` returned.
  func start(chunk: Int, emit: @escaping ([UInt8]) throws -> Void) {
    running = true
    self.emit = emit
    self.chunk = chunk
    let t = Thread { [self] in run() }
    t.stackSize = 1 << 20
    t.start()
  }

  private var emit: (([UInt8]) throws -> Void)? = nil
  private var chunk = 1 << 16

  /// The thread's work.
  private func run() {
    defer {
      // Let go of `emit` before saying so: the caller lends it only until ``finish()`` returns.
      emit = nil
      ended.signal()
    }
    do {
      var out = Array(writer.begin().utf8)
      out.reserveCapacity(chunk + 8192)
      while let b = queue.take() {
        for (e, burst) in b { writer.write(e, burst: burst, into: &out) }
        if out.count >= chunk {
          try emit!(out)
          out.removeAll(keepingCapacity: true)
        }
      }
      out.append(contentsOf: writer.end().utf8)
      try emit!(out)
    } catch {
      failure = error
      queue.cancel()
    }
  }

  /// The writing stopped (`emit` threw): ``finish()`` throws why.
  struct Stopped: Error {}

  /// The next event (on the feeding thread). Throws ``Stopped`` once the writing has stopped, so
  /// that the pass stops too.
  func add(_ e: Event, burst: String?) throws {
    batch.append((e, burst))
    if batch.count == Self.batchSize {
      // After a failure the queue is cancelled and refuses the batch.
      guard queue.put(batch) else { throw Stopped() }
      batch = []
      batch.reserveCapacity(Self.batchSize)
    }
  }

  /// Hands over the last events, waits for the thread to write them and the end; throws what
  /// `emit` threw.
  func finish() throws {
    guard running else { return }
    if !batch.isEmpty { queue.put(batch) }
    batch = []
    queue.finish()
    ended.wait()
    running = false
    if let failure { throw failure }
  }

  /// Stops the thread without writing the rest (the pass failed) and waits for it.
  func cancel() {
    guard running else { return }
    queue.cancel()
    ended.wait()
    running = false
  }
}

import Foundation
import StorylineAnalysis
import StorylineCore
import StorylineReports

/// Writes events through a ``TimelineWriter`` off the thread that feeds them, a few batches
/// behind it, and hands the bytes to `emit` there: the second pass's writing (JSON is most of
/// its work) overlaps its reading, merging and labelling. A writer whose events do not depend
/// on one another (``TimelineWriter/continuing()``) is run on two threads, batches taken in
/// turn and handed to `emit` in order; any other on one. Memory holds a few batches.
///
/// Unframed (a build's spill, ``EventSpill``), it writes the events alone — no beginning or end —
/// and may leave holes in them for what is known only at the end (``RenderSlot``), handed to
/// `emit` with each chunk (``RenderHole``).
final class RenderThread<Writer: TimelineWriter>: @unchecked Sendable {
  /// The writer, as the writing left it (read after ``finish()``).
  private(set) var writer: Writer
  /// Whether the writer's beginning and end are written.
  private let framed: Bool
  /// One queue per thread; batch `n` goes to thread `n % workers`.
  private let queues: [BatchQueue<(Int, [(Event, RenderSlot)])>]
  private let lock = NSCondition()
  /// The batch whose bytes go to `emit` next (parallel writing).
  private var nextToEmit = 0
  private var batches = 0
  private var batch: [(Event, RenderSlot)] = []
  private var failure: Error? = nil
  private var stopped = false
  private var running = false
  private let ended = DispatchSemaphore(value: 0)
  private var emit: (([UInt8], [RenderHole]) throws -> Void)? = nil
  private var chunk = 1 << 16
  private static var batchSize: Int { 256 }

  /// `framed`: whether the writer's beginning and end are written (not for a spill).
  init(_ writer: Writer, threads: Int = 2, framed: Bool = true) {
    self.writer = writer
    self.framed = framed
    let n = writer.continuing() == nil ? 1 : max(1, threads)
    queues = (0..<n).map { _ in BatchQueue(capacity: 2) }
  }

  /// Starts the threads: they write the writer's beginning, every event handed to
  /// ``add(_:burst:)`` and its end, in chunks of about `chunk` bytes to `emit` — called on
  /// one thread at a time, and not after ``finish()`` or ``cancel()`` returned.
  func start(chunk: Int, emit: @escaping ([UInt8]) throws -> Void) {
    start(chunk: chunk) { bytes, _ in try emit(bytes) }
  }

  /// ``start(chunk:emit:)`` with the holes left in each chunk (unframed writing).
  func start(chunk: Int, emit: @escaping ([UInt8], [RenderHole]) throws -> Void) {
    running = true
    self.emit = emit
    self.chunk = chunk
    for k in queues.indices {
      let t = Thread { [self] in
        if queues.count == 1 { runAlone() } else { runInTurn(k) }
      }
      t.stackSize = 1 << 20
      t.start()
    }
  }

  /// One thread: every batch in order, the bytes in chunks.
  private func runAlone() {
    defer { ended.signal() }
    do {
      var out = framed ? Array(writer.begin().utf8) : []
      var holes: [RenderHole] = []
      out.reserveCapacity(chunk + 8192)
      while let (_, b) = queues[0].take() {
        Self.write(b, with: &writer, into: &out, holes: &holes)
        if out.count >= chunk {
          try emit!(out, holes)
          out.removeAll(keepingCapacity: true)
          holes.removeAll(keepingCapacity: true)
        }
      }
      if framed { out.append(contentsOf: writer.end().utf8) }
      try emit!(out, holes)
    } catch {
      fail(error)
    }
  }

  /// Thread `k` of several: its batches, each written by a copy of the writer and handed to
  /// `emit` when every earlier batch has been (batch 0 with the writer's beginning).
  private func runInTurn(_ k: Int) {
    defer { ended.signal() }
    let later = writer.continuing()!
    var out: [UInt8] = []
    var holes: [RenderHole] = []
    out.reserveCapacity(1 << 18)
    while let (n, b) = queues[k].take() {
      var w = n == 0 ? writer : later
      if n == 0 && framed { out.append(contentsOf: w.begin().utf8) }
      Self.write(b, with: &w, into: &out, holes: &holes)
      lock.lock()
      while nextToEmit != n && !stopped { lock.wait() }
      let go = !stopped
      lock.unlock()
      guard go else { return }
      do {
        try emit!(out, holes)
      } catch {
        fail(error)
        return
      }
      out.removeAll(keepingCapacity: true)
      holes.removeAll(keepingCapacity: true)
      lock.lock()
      nextToEmit += 1
      lock.broadcast()
      lock.unlock()
    }
  }

  /// Writes a batch's events, leaving the holes its slots ask for.
  private static func write(
    _ batch: [(Event, RenderSlot)], with w: inout Writer, into out: inout [UInt8], holes: inout [RenderHole]
  ) {
    for (e, slot) in batch {
      switch slot {
      case .burst(let burst):
        w.write(e, burst: burst, into: &out)
      case .open(let run, let signal):
        let at = w.writeLeavingBurst(e, signal: signal, into: &out)
        // In no run: never in a burst; "no burst" stays.
        if let run { holes.append(RenderHole(offset: at, fill: .burst(run))) }
      case .later(let k):
        holes.append(RenderHole(offset: out.count, fill: .event(k)))
        // What follows is written as after an event.
        w = w.continuing() ?? w
      }
    }
  }

  private func fail(_ error: Error) {
    lock.lock()
    if failure == nil { failure = error }
    stopped = true
    lock.broadcast()
    lock.unlock()
    for q in queues { q.cancel() }
  }

  /// The writing stopped (`emit` threw): ``finish()`` throws why.
  struct Stopped: Error {}

  /// The next event (on the feeding thread). Throws ``Stopped`` once the writing has stopped, so
  /// that the pass stops too.
  func add(_ e: Event, burst: String?) throws { try add(e, .burst(burst)) }

  /// The next event and what to write in its place (unframed writing).
  func add(_ e: Event, _ slot: RenderSlot) throws {
    batch.append((e, slot))
    if batch.count == Self.batchSize { try hand() }
  }

  private func hand() throws {
    // After a failure the queues are cancelled and refuse the batch.
    guard queues[batches % queues.count].put((batches, batch)) else { throw Stopped() }
    batches += 1
    batch = []
    batch.reserveCapacity(Self.batchSize)
  }

  /// Hands over the last events, waits for the threads to write them (and, writing on several,
  /// writes the end here); throws what `emit` threw.
  func finish() throws {
    guard running else { return }
    if !batch.isEmpty { try? hand() }
    for q in queues { q.finish() }
    for _ in queues { ended.wait() }
    running = false
    defer { emit = nil }
    if let failure { throw failure }
    guard queues.count > 1 && framed else { return }
    // Several threads: the end (and, with no event, the beginning) is written here, last.
    if batches > 0 { writer = writer.continuing()! }
    try emit!(Array(((batches == 0 ? writer.begin() : "") + writer.end()).utf8), [])
  }

  /// Stops the threads without writing the rest (the pass failed) and waits for them.
  func cancel() {
    guard running else { return }
    lock.lock()
    stopped = true
    lock.broadcast()
    lock.unlock()
    for q in queues { q.cancel() }
    for _ in queues { ended.wait() }
    running = false
    emit = nil
  }
}

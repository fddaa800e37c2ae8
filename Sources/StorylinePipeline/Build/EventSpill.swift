import StorylineAnalysis
import StorylineCore
import StorylineReports

/// A report of every event (JSON, CSV) written during a build's one pass over the evidence,
/// instead of on a second: each event is written as it passes (on the ``RenderThread``s), to a
/// nameless temporary file, with its burst left open — the bursts are known only once every
/// event has passed. The few approximate events (`~09:30`), whose order marks are complete only
/// at the end too, are held and written then. The report is the writer's beginning, that file
/// with the holes filled, and its end: the bytes a second pass would have written.
///
/// Memory holds a few batches and the approximate events; disk, a file as large as the report —
/// up to a ``SpillBudget``: a file that would outgrow it is given up (emptied, the rest of the
/// pass not written), and the report is then written on a second pass.
public final class EventSpill<Writer: TimelineWriter>: TimelineSpill {
  private let file: SpillFile
  private let render: RenderThread<Writer>
  /// The approximate events, each with its run and its place among all events.
  private var later: [(event: Event, run: BurstRun?, ordinal: Int)] = []
  private var count = 0
  private var stopped = false
  private var ended = false

  /// Whether `writer` can write a report this way (``TimelineWriter/leavesBursts``, and its
  /// events do not depend on one another).
  public static func suits(_ writer: Writer) -> Bool { writer.leavesBursts && writer.continuing() != nil }

  /// Starts writing with `writer` — one that writes the events as the report's writer will
  /// (for JSON, ``JSONReport/Writer/init(eventsIn:)``) — to a temporary file in `directory` of
  /// at most `budget`.
  public init(_ writer: Writer, directory: String, budget: SpillBudget = SpillBudget(bytes: .max)) throws {
    precondition(Self.suits(writer), "\(Writer.self) cannot leave bursts to fill in")
    file = try SpillFile(directory: directory, limit: budget.bytes)
    render = RenderThread(writer, framed: false)
    render.start(chunk: 1 << 20) { [file] bytes, holes in
      try file.append(bytes, holes) { h in
        switch h.fill {
        case .burst(let run): (h.offset, run.source, run.sequence)
        case .event(let k): (h.offset, -1, k)
        }
      }
    }
  }

  deinit { if !ended { render.cancel() } }

  public func add(_ e: Event, run: BurstRun?, signal: EventSignal?) {
    guard !stopped else { return }
    let slot: RenderSlot
    if e.uncertaintyMicros > 0 {
      later.append((e, run, count))
      slot = .later(later.count - 1)
    } else {
      slot = .open(run, signal)
    }
    count += 1
    // It stopped: the file outgrew its budget or could not be written;
    // ``write(with:bursts:marked:chunk:progress:emit:)`` says which.
    do { try render.add(e, slot) } catch {
      stopped = true
      later = []
    }
  }

  /// Ends the writing and hands the report to `emit` in chunks of about `chunk` bytes: the
  /// beginning and end from `framing` (the report's writer), the bursts from `digest` (the
  /// pass's), the approximate events marked order-uncertain when `marked` holds them. Returns
  /// false, having emitted nothing, when the file outgrew its budget or could not be written:
  /// the events are then to be written on a second pass. Throws ``SpillError`` when the file
  /// could not be read back, and what `emit` throws.
  @discardableResult
  public func write(
    with framing: Writer, bursts digest: TimelineDigest, marked: Set<String>, chunk: Int = 1 << 20,
    progress: EvidenceStream.Progress? = nil, emit: ([UInt8]) throws -> Void
  ) throws -> Bool {
    ended = true
    do {
      try render.finish()
    } catch {
      // Outgrown, or the file could not be written (its disk full): the second pass writes.
      later = []
      return false
    }
    // The writer of every event after the first (the held ones are written in their places).
    let following = framing.continuing() ?? framing
    let blank = framing.burstText(nil).count
    var texts: [String: [UInt8]] = [:]
    let none = framing.burstText(nil)
    var out = Array(framing.begin().utf8)
    out.reserveCapacity(chunk + (1 << 16))
    var copied: Int64 = 0
    let total = file.size
    try file.chunks { bytes, holes in
      var at = 0
      for h in stride(from: 0, to: holes.count, by: 3) {
        let (offset, a, b) = (holes[h], holes[h + 1], holes[h + 2])
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[at..<offset]))
        if a >= 0 {
          if let id = digest.burst(of: BurstRun(source: a, sequence: b)) {
            if texts[id] == nil { texts[id] = framing.burstText(id) }
            out.append(contentsOf: texts[id]!)
          } else {
            out.append(contentsOf: none)
          }
          at = offset + blank
        } else {
          var (e, run, ordinal) = later[b]
          if marked.contains(e.id) { e.orderUncertain = true }
          var w = ordinal == 0 ? framing : following
          w.write(e, burst: run.flatMap { digest.burst(of: $0) }, into: &out)
          at = offset
        }
      }
      out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[at...]))
      copied += Int64(bytes.count + 8 * (2 + holes.count))
      if out.count >= chunk {
        try emit(out)
        out.removeAll(keepingCapacity: true)
        progress?(copied, total, count)
      }
    }
    out.append(contentsOf: (count > 0 ? following : framing).end().utf8)
    try emit(out)
    return true
  }
}

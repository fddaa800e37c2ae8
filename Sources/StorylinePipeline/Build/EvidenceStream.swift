import Dispatch
import Foundation
import StorylineCore
import StorylineFormats

/// A case's evidence as one stream of events in timeline order, as many times as asked: the
/// engine of `storyline build`.
///
/// Sources of communications and notes (phones, chats, e-mail, notes: small) are read whole once,
/// sorted, and their communications matched across sources (``TimelineMerger/mergeCommunications(_:)``).
/// Line logs (any size) are streamed: each through its reader and a reorder window of
/// ``reorderWindow`` records, all merged with a heap, then through a ``TimelineStream``. Memory
/// holds the small sources and a few thousand records per log, however large the logs.
///
/// The first pass accounts for every source (``header``'s sources: records, events, rejections,
/// hashes);
/// every pass gives the same events in the same order, and from the second on approximate
/// events carry their complete order marks.
public final class EvidenceStream {
  /// Log records held per source to put a file's local disorder right.
  public static let reorderWindow = 2048

  /// Progress: bytes read so far, the sources' total size, and events so far.
  public typealias Progress = (_ read: Int64, _ total: Int64, _ events: Int) -> Void

  public let specs: [SourceSpec]
  public let normalizer: TimeNormalizer
  public let directory: PeopleDirectory
  /// The case's settings and the sources' accounting (complete after the first pass); `events`
  /// is empty — the events are streamed.
  public private(set) var header: Timeline
  /// Errors that stopped a source (its other records and the other sources are still in).
  public private(set) var errors: [Diagnostic] = []
  /// Events the first pass gave.
  public private(set) var eventCount = 0

  /// The events of the sources read whole, merged and matched.
  private var small: [Event] = []
  private var windows: [ApproximateWindow] = []
  private var marked: Set<String>? = nil
  /// Which sources are streamed logs (opened again on every pass), and which could not be read.
  private var streamed: [Bool]
  private var failed: [Bool]
  private var passes = 0

  /// A stream over `specs` (in the case's order); `warnings` are the case's own, shown first.
  public init(
    specs: [SourceSpec], title: String, zoneGiven: Bool, normalizer: TimeNormalizer, directory: PeopleDirectory,
    people: [Person], warnings extra: [Diagnostic] = []
  ) {
    self.specs = specs
    self.normalizer = normalizer
    self.directory = directory
    streamed = Array(repeating: false, count: specs.count)
    failed = Array(repeating: false, count: specs.count)
    var warnings: [Diagnostic] = []
    if !zoneGiven {
      warnings.append(
        Diagnostic(.warning, path: "-", line: 0, "no time zone given: local times are read as UTC (use --timezone)"))
    }
    header = Timeline(
      title: title, zone: normalizer.caseZone, zoneGiven: zoneGiven, date: normalizer.caseDate, people: people,
      sources: specs.map { spec in
        SourceSummary(
          path: spec.path, format: spec.format?.rawValue ?? "unknown", sha256: "", bytes: 0, owner: spec.owner,
          timezone: (spec.timezone ?? normalizer.caseZone).identifier, clockOffsetMicros: spec.clockOffsetMicros,
          records: 0, events: 0, merged: 0, rejected: [], warnings: [], first: nil, last: nil)
      }, events: [], warnings: warnings + extra)
  }

  /// Streams every event in timeline order to `body`. The first pass also reads the sources
  /// read whole and accounts for every source.
  public func pass(progress: Progress? = nil, _ body: (Event) throws -> Void) rethrows {
    let first = passes == 0
    if first { readSmallSources() }
    passes += 1
    let hashes = first ? HashJob(specs) : nil
    var cursors: [LogCursor] = []
    var inputs: [EventSource] = [.events(small.makeIterator())]
    for (i, spec) in specs.enumerated() where streamed[i] && !failed[i] {
      do {
        let c = try LogCursor(
          SourceCursor(spec, index: i, normalizer: normalizer, directory: directory), index: i,
          window: Self.reorderWindow)
        cursors.append(c)
        inputs.append(.log(c))
      } catch {
        // It opened on the first pass: it changed under us.
        failed[i] = true
        errors.append(Diagnostic(.error, path: spec.path, line: 0, TimelineBuilder.message(error, path: spec.path)))
      }
    }
    let total = progress == nil ? 0 : specs.reduce(Int64(0)) { $0 + Self.size($1.resolvedPath) }
    for c in cursors { c.start() }
    defer { for c in cursors { c.stop() } }
    // Each log is read on a thread of its own; merging and marking run on another, a batch of
    // events ahead of `body` on this one. The order is the merging thread's.
    let merging = Merging(
      TimelineStream(
        { [inputs] in
          var merge = MergeIterator(inputs)
          return { merge.next() }
        }(), approximate: windows, marked: marked))
    let producer = EventProducer(batchSize: 512, capacity: 4) { merging.stream.next() }
    producer.start()
    var count = 0
    var lastProgress = DispatchTime.now().uptimeNanoseconds
    do {
      while let batch = producer.take() {
        for e in batch {
          try body(e)
          count += 1
        }
        if let progress {
          let now = DispatchTime.now().uptimeNanoseconds
          if count == batch.count || now - lastProgress > 250_000_000 {
            lastProgress = now
            progress(cursors.reduce(0) { $0 + $1.bytesRead }, total, count)
          }
        }
      }
    } catch {
      producer.stop()
      for c in cursors { c.stop() }
      throw error
    }
    producer.stop()
    for c in cursors { c.stop() }
    let stream = merging.stream
    guard first else { return }
    eventCount = count
    marked = stream.approximateMarked
    for c in cursors { account(c) }
    for (i, n) in stream.merged {
      header.sources[i].merged += n
      header.sources[i].events -= n
    }
    for (i, h) in hashes!.wait().enumerated() {
      header.sources[i].sha256 = h?.hex ?? ""
      if let h { header.sources[i].bytes = h.bytes }
    }
    // Nothing silent: a file that gave nothing says so (and fails --strict).
    // (A source that could not be opened has said so with its error.)
    for i in header.sources.indices where !failed[i] {
      if let w = header.sources[i].noEventWarning() { header.sources[i].warnings.append(w) }
    }
  }

  /// A pass's merge and marks, run by its producer thread and read by this one once it ended.
  private final class Merging: @unchecked Sendable {
    var stream: TimelineStream
    init(_ stream: TimelineStream) { self.stream = stream }
  }

  /// The approximate events whose windows overlap another source's event (after a first pass).
  public var approximateMarked: Set<String> { marked ?? [] }

  private static func size(_ path: String) -> Int64 {
    (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
  }

  /// Reads every source that is not a line log whole, and opens each line log once to learn
  /// its format; matches the communications.
  private func readSmallSources() {
    var perSource: [[Event]] = []
    for (i, spec) in specs.enumerated() {
      do {
        let format = try SourceLoader.format(for: spec)
        header.sources[i].format = format.id.rawValue
        if format.reading == .lines {
          streamed[i] = true
          perSource.append([])
          continue
        }
        let r = try SourceLoader.read(spec, index: i, normalizer: normalizer, directory: directory, hash: false)
        perSource.append(r.events)
        let sha = header.sources[i].sha256
        header.sources[i] = r.summary
        header.sources[i].sha256 = sha
        if let e = r.error { errors.append(e) }
      } catch {
        failed[i] = true
        perSource.append([])
        errors.append(Diagnostic(.error, path: spec.path, line: 0, TimelineBuilder.message(error, path: spec.path)))
      }
    }
    let merged = TimelineMerger.mergeCommunications(perSource)
    small = merged.events
    windows = ApproximateWindow.of(small)
    for (i, n) in merged.mergedCounts {
      header.sources[i].merged += n
      header.sources[i].events -= n
    }
    // Call logs keep whole seconds and the two ends log a call's start a ring apart: only a
    // difference of 5 s or more is worth a warning.
    for d in merged.clockDifferences where abs(d.medianMicros) >= 5_000_000 {
      header.sources[d.source].warnings.append(
        Diagnostic(
          .warning, path: header.sources[d.source].path, line: 0,
          Message.clockDifference(d, reference: header.sources[d.reference].path)))
    }
  }

  /// A streamed log's accounting, after its first pass.
  private func account(_ c: LogCursor) {
    var s = header.sources[c.index]
    s.records = c.events + c.rejections.count
    s.events += c.events
    s.record(c.rejections)
    s.skippedLines = c.source.skippedLines()
    s.first = c.first
    s.last = c.last
    s.warnings = c.source.warnings() + s.warnings
    if c.rejections.count > c.rejections.listed.count {
      s.warnings.append(
        SourceSummary.unlistedRejections(c.rejections.count - c.rejections.listed.count, path: s.path))
    }
    if c.outOfOrder > 0 {
      s.warnings.append(Diagnostic(.warning, path: s.path, line: 0, Message.outOfOrder(c.outOfOrder)))
    }
    if let f = c.source.failure { errors.append(f) }
    header.sources[c.index] = s
  }
}

private enum Message {
  static func clockDifference(_ d: TimelineMerger.ClockDifference, reference: String) -> String {
    let median = SignedDuration.describe(microseconds: d.medianMicros)
    let fix = SignedDuration.describe(microseconds: -d.medianMicros).replacingOccurrences(of: " ", with: "")
    return
      "\(d.matches) communication\(d.matches == 1 ? "" : "s") also recorded in \(reference): this source's clock reads "
      + "\(median) against it (median); `clock_offset: \(fix)` would align them"
  }

  static func outOfOrder(_ n: Int) -> String {
    "\(n) record\(n == 1 ? "" : "s") came more than \(EvidenceStream.reorderWindow) records late in the file: "
      + "placed after records later than \(n == 1 ? "it" : "them"), out of time order"
  }
}

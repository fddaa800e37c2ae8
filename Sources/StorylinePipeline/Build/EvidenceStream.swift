import CFileSpace
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
  /// Events a pass takes between giving freed memory back to the system.
  static let trimEvery = 1 << 20

  /// Progress: bytes read so far, the sources' total size, and events so far. Told at a pass's
  /// first batch, then at most every 250 ms, and at its end (every event).
  public typealias Progress = (_ read: Int64, _ total: Int64, _ events: Int) -> Void

  /// One source's progress in a pass (``sourceProgress()``).
  public struct SourceProgress: Equatable, Sendable {
    /// As the case names it.
    public var path: String
    /// Bytes read of its size on disk.
    public var read: Int64
    public var total: Int64
    /// Records read: events and rejections.
    public var records: Int

    public init(path: String, read: Int64, total: Int64, records: Int) {
      self.path = path
      self.read = read
      self.total = total
      self.records = records
    }
  }

  /// The sources; after the first pass (or ``estimateClocks()``) with the clock estimates applied.
  public private(set) var specs: [SourceSpec]
  /// Whether estimated clock offsets are applied (`clock: auto`).
  public let clockAuto: Bool
  public let normalizer: TimeNormalizer
  public let directory: PeopleDirectory
  /// The case's settings and the sources' accounting (complete after the first pass); `events`
  /// is empty — the events are streamed.
  public private(set) var header: Timeline
  /// Errors that stopped a source (its other records and the other sources are still in).
  public private(set) var errors: [Diagnostic] = []
  /// Events the first pass gave.
  public private(set) var eventCount = 0
  /// The language of the reports (``Timeline/language``).
  public var language: String {
    get { header.language }
    set { header.language = newValue }
  }

  /// The events of the sources read whole, merged and matched.
  private var small: [Event] = []
  private var windows: [ApproximateWindow] = []
  private var marked: Set<String>? = nil
  /// Which sources are streamed logs (opened again on every pass), and which could not be read.
  private var streamed: [Bool]
  private var failed: [Bool]
  private var passes = 0
  /// The logs of the pass under way, by source.
  private var live: [Int: LogCursor] = [:]

  /// A stream over `specs` (in the case's order); `warnings` are the case's own, shown first.
  public init(
    specs: [SourceSpec], title: String, zoneGiven: Bool, normalizer: TimeNormalizer, directory: PeopleDirectory,
    people: [Person], clockAuto: Bool = true, warnings extra: [Diagnostic] = []
  ) {
    self.specs = specs
    self.clockAuto = clockAuto
    self.normalizer = normalizer
    self.directory = directory
    streamed = Array(repeating: false, count: specs.count)
    failed = Array(repeating: false, count: specs.count)
    var warnings: [Diagnostic] = []
    if !zoneGiven {
      warnings.append(
        Diagnostic(.warning, path: "-", line: 0, Message.noZone))
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
    if first {
      _ = estimateClocks()
    } else {
      // What the first pass freed goes back to the system before this one allocates: freed on
      // a dozen threads, it would be kept (glibc keeps a thread's freed memory for its arena)
      // and this pass's memory added to it (measured: 85 against 81 MB on the 1 GiB corpus).
      storyline_trim_heap()
    }
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
    let total = progress == nil ? 0 : evidenceBytes
    // Phone, chat, mail and notes sources were read whole before the pass: counted as read.
    let readWhole =
      progress == nil
      ? 0 : specs.indices.filter { !streamed[$0] }.reduce(Int64(0)) { $0 + Self.size(specs[$1].resolvedPath) }
    for c in cursors { c.start() }
    live = Dictionary(uniqueKeysWithValues: cursors.map { ($0.index, $0) })
    defer {
      for c in cursors { c.stop() }
      live = [:]
    }
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
        // Every ``trimEvery`` events, the freed memory goes back to the system: events are made
        // on a log's thread and freed on another, and glibc would otherwise keep the freed
        // pieces in each thread's arena, the process growing slowly through a long pass
        // (measured on the 1 GiB corpus's second pass: 81 → 84 MB over 50 s; 81 flat with it).
        if count % Self.trimEvery < batch.count { storyline_trim_heap() }
        if let progress {
          let now = DispatchTime.now().uptimeNanoseconds
          if count == batch.count || now - lastProgress > 250_000_000 {
            lastProgress = now
            progress(readWhole + cursors.reduce(0) { $0 + $1.bytesRead }, total, count)
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
    // The pass's end, whenever the last report was: every event.
    progress?(readWhole + cursors.reduce(0) { $0 + $1.bytesRead }, total, count)
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

  /// One log's quote finder, written by the thread that reads the log only.
  private final class Found: @unchecked Sendable {
    var finder: QuoteFinder
    init(_ finder: QuoteFinder) { self.finder = finder }
  }

  /// A pass's merge and marks, run by its producer thread and read by this one once it ended.
  private final class Merging: @unchecked Sendable {
    var stream: TimelineStream
    init(_ stream: TimelineStream) { self.stream = stream }
  }

  /// Each source's progress in the pass under way, in the case's order, for a pass's
  /// ``Progress`` callback (on the thread that runs the pass): a source read whole as read, with
  /// its records; a log as far as its reading thread has said; none for a source that failed.
  public func sourceProgress() -> [SourceProgress] {
    specs.indices.compactMap { i in
      guard !failed[i] else { return nil }
      let size = Self.size(specs[i].resolvedPath)
      guard streamed[i] else {
        return SourceProgress(path: specs[i].path, read: size, total: size, records: header.sources[i].records)
      }
      guard let c = live[i] else { return nil }
      return SourceProgress(path: specs[i].path, read: c.bytesRead, total: size, records: c.recordsRead)
    }
  }

  /// The approximate events whose windows overlap another source's event (after a first pass).
  public var approximateMarked: Set<String> { marked ?? [] }

  /// The sources' size on disk, in bytes.
  public var evidenceBytes: Int64 { specs.reduce(0) { $0 + Self.size($1.resolvedPath) } }

  private static func size(_ path: String) -> Int64 {
    (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
  }

  /// Reads the sources read whole, estimates every source's clock from the evidence (the
  /// communications two sources recorded, pages and their deliveries, messages quoting a log
  /// record or alert — which reads the logs once more, when a message may quote one), applies
  /// the estimates that qualify, and matches the communications. Done once, before the first
  /// pass; the table is also the header's `clocks`.
  public func estimateClocks() -> ClockTable {
    if let t = header.clocks { return t }
    var events = readSmallSources(Array(specs.indices))
    let first = TimelineMerger.mergeCommunications(events)
    let all = events.flatMap { $0 }
    let pages = PageDeliveryFinder.pairs(all)
    var pairs = first.clockPairs + pages
    let logs = specs.indices.filter { streamed[$0] && !failed[$0] }
    var quotes = QuoteFinder(all, recordsElsewhere: !logs.isEmpty)
    if !quotes.isEmpty {
      for e in all where QuoteFinder.quotable(e) { quotes.consider(e) }
      // Each log on a thread of its own, with its own finder; the finders are then combined.
      let found = logs.map { _ in Found(quotes) }
      let (specs, normalizer, directory) = (specs, normalizer, directory)
      DispatchQueue.concurrentPerform(iterations: logs.count) { k in
        let i = logs[k]
        guard let cursor = try? SourceCursor(specs[i], index: i, normalizer: normalizer, directory: directory) else {
          return
        }
        var finder = found[k].finder
        while let item = cursor.next() {
          if case .event(let e) = item { finder.consider(e) }
        }
        found[k].finder = finder
      }
      for f in found { quotes.absorb(f.finder) }
      // A delivered page is one pair, not also a quote of the alert it names.
      let delivered = Set(pages.map(\.sourceCitation))
      pairs += quotes.pairs().filter { !delivered.contains($0.sourceCitation) }
    }
    var clocks = specs.enumerated().map { i, s in
      ClockEstimator.Source(
        path: s.path, writtenMicros: s.clockOffsetMicros, reference: s.reference, isLog: streamed[i],
        auto: s.clockAuto, device: Self.device(s, format: header.sources[i].format))
    }
    // The mail servers that stamped the owners' sent e-mails: one clock outside the case.
    var owners: [Int: String] = [:]
    for (i, s) in specs.enumerated() { owners[i] = s.owner }
    let mail = MailReceivedFinder.pairs(all, owners: owners, normalizer: normalizer, server: specs.count)
    if !mail.isEmpty {
      pairs += mail
      clocks.append(
        ClockEstimator.Source(path: Self.mailServers, isLog: true, auto: false, external: true))
    }
    let table = ClockEstimator.estimate(pairs, sources: clocks, auto: clockAuto)
    let applied = table.applied.filter { specs.indices.contains($0.key) }
    for (i, offset) in applied { specs[i].estimate = offset }
    let reread = applied.keys.filter { !streamed[$0] }.sorted()
    if !reread.isEmpty {
      let again = readSmallSources(reread)
      for (k, i) in reread.enumerated() { events[i] = again[k] }
    }
    let merged = reread.isEmpty ? first : TimelineMerger.mergeCommunications(events)
    small = merged.events
    windows = ApproximateWindow.of(small)
    for (i, n) in merged.mergedCounts {
      header.sources[i].merged += n
      header.sources[i].events -= n
    }
    for e in table.estimates where specs.indices.contains(e.source) {
      if let w = Message.clock(e, table: table) {
        header.sources[e.source].warnings.append(Diagnostic(.warning, path: e.path, line: 0, w))
      }
    }
    for c in table.conflicts { header.warnings.append(Diagnostic(.warning, path: "-", line: 0, c)) }
    header.clocks = table
    return table
  }

  /// How the clock table names the mail servers' stamps (`Received:` headers).
  public static let mailServers = "(mail servers: Received: stamps)"

  /// Formats whose times are a phone's own clock: a phone's exports of one owner are one clock.
  static let phoneFormats: Set<String> = [
    "sms-backup-xml", "android-mmssms", "android-calllog", "ios-messages", "ios-callhistory",
  ]

  /// The device a source's clock is, when other sources may share it (an owner's phone).
  static func device(_ spec: SourceSpec, format: String) -> String? {
    guard let owner = spec.owner, phoneFormats.contains(format) else { return nil }
    return "phone of \(owner)"
  }

  /// Reads the sources `indices` that are not line logs whole (and opens each line log once to
  /// learn its format); their events, in the order of `indices`.
  private func readSmallSources(_ indices: [Int]) -> [[Event]] {
    var perSource: [[Event]] = []
    for i in indices {
      let spec = specs[i]
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
        let warnings = header.sources[i].warnings
        header.sources[i] = r.summary
        header.sources[i].sha256 = sha
        if spec.estimate == nil {
          if let e = r.error { errors.append(e) }
        } else {
          header.sources[i].warnings = warnings  // read again with its clock estimate: said once
        }
      } catch {
        failed[i] = true
        perSource.append([])
        errors.append(Diagnostic(.error, path: spec.path, line: 0, TimelineBuilder.message(error, path: spec.path)))
      }
    }
    return perSource
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
  /// A warning for an estimate that says the clock is off and was not applied, or that
  /// contradicts a written `clock_offset`; nil otherwise.
  static func clock(_ e: ClockEstimate, table: ClockTable) -> Phrase? {
    guard let offset = e.offsetMicros, let anchor = e.anchor else { return nil }
    let residual = offset - e.writtenMicros
    let values: [String: Phrase.Value] = [
      "offset": .text(SignedDuration.describe(microseconds: offset)),
      "uncertainty": .text(SignedDuration.describe(microseconds: e.uncertaintyMicros, signed: false)),
      "against": .text(table.estimates[anchor].path), "agree": "\(e.consistent)", "pairs": "\(e.pairs)",
    ]
    let estimate =
      e.pairs == 1
      ? Phrase(
        "clock.estimate.one",
        "the evidence puts this clock at {offset} ±{uncertainty} against {against} ({agree} of 1 pair agree)",
        values)
      : Phrase(
        "clock.estimate",
        "the evidence puts this clock at {offset} ±{uncertainty} against {against} ({agree} of {pairs} pairs agree)",
        values)
    switch e.status {
    case .written where abs(residual) > e.uncertaintyMicros:
      return Phrase(
        "clock.written_disagrees", "clock_offset {written} is written, but {estimate}: check it",
        ["written": .text(SignedDuration.describe(microseconds: e.writtenMicros)), "estimate": .phrase(estimate)])
    case .notApplied where abs(offset) >= 5_000_000 && abs(offset) > e.uncertaintyMicros:
      let fix = SignedDuration.describe(microseconds: offset).replacingOccurrences(of: " ", with: "")
      return Phrase(
        "clock.not_applied", "{estimate}, not applied ({reason}); `clock_offset: {fix}` would apply it",
        ["estimate": .phrase(estimate), "reason": .reasons(e.why, english: e.reason), "fix": .text(fix)])
    default:
      return nil
    }
  }

  static func outOfOrder(_ n: Int) -> Phrase {
    n == 1
      ? Phrase(
        "log.out_of_order.one",
        "1 record came more than {window} records late in the file: placed after records later than it, out of time order",
        ["window": "\(EvidenceStream.reorderWindow)"])
      : Phrase(
        "log.out_of_order",
        "{n} records came more than {window} records late in the file: placed after records later than them, out of time order",
        ["n": "\(n)", "window": "\(EvidenceStream.reorderWindow)"])
  }

  static let noZone = Phrase(
    "case.no_zone", "no time zone given: local times are read as UTC (use --timezone)")
}

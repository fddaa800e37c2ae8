import Foundation
import StorylineCore
import StorylineFormats

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads one source for `storyline merge` on its own thread and hands its records to the merging
/// thread in sorted batches. A line-oriented log goes through its format's splitter and
/// tokenizer — the very ones its reader uses — and each record's bytes are copied as they are;
/// other evidence is streamed by its reader and written as one line per event.
final class MergeProducer: @unchecked Sendable {
  let spec: SourceSpec
  let index: Int
  let format: any EvidenceFormat
  let queue = BatchQueue<RecordBatch>()
  private let options: MergeOptions
  private let normalizer: TimeNormalizer
  private let directory: PeopleDirectory
  private let grep: [UInt8]
  /// Whether a record can be dropped once it is whole (`--min-severity`, `--grep`).
  fileprivate let filtersRecords: Bool
  /// Read by the progress reporter while the thread runs (a torn read only skews a percentage).
  fileprivate(set) var bytesRead: Int64 = 0
  private(set) var summary: MergeSummary.Source

  init(
    spec: SourceSpec, index: Int, format: any EvidenceFormat, options: MergeOptions, normalizer: TimeNormalizer,
    directory: PeopleDirectory
  ) {
    self.spec = spec
    self.index = index
    self.format = format
    self.options = options
    self.normalizer = normalizer
    self.directory = directory
    grep = options.grep.map { Array($0.utf8) } ?? []
    filtersRecords = options.minimumSeverity != nil || !grep.isEmpty
    summary = MergeSummary.Source(
      path: spec.path, format: format.id.rawValue, records: 0, written: 0,
      rejections: RejectionLog(keep: options.rejectionsKept), warnings: [], bytes: 0)
  }

  func run() {
    defer { queue.finish() }
    if let lineFormat = format as? any LineLogFormat {
      do {
        try scan(lineFormat)
      } catch {
        summary.warnings.append(
          Diagnostic(.error, path: spec.path, line: 0, TimelineBuilder.message(error, path: spec.path)))
      }
    } else {
      streamEvents()
    }
  }

  // MARK: - Line logs

  /// Streams a line log through its format's splitter and tokenizer, each kept record into
  /// the batch.
  private func scan(_ format: some LineLogFormat) throws {
    let clock = spec.clock(normalizer)
    let batch = BatchBuilder(producer: self)
    let read = try format.streamRecords(path: spec.resolvedPath, displayPath: spec.path, clock: clock, into: batch)
    batch.close()
    batch.ship()
    summary.records = read.records
    summary.warnings += read.warnings
    summary.skippedLines = read.skippedLines
    bytesRead = read.bytes
    summary.bytes = read.bytes
  }

  /// The records of one batch being filled: the last one stays open for its continuation lines
  /// until the next record starts, and is dropped then if the severity or text filter says so.
  private final class BatchBuilder: LogRecordSink {
    let producer: MergeProducer
    // Touched by this producer's thread only: no dynamic exclusivity checks on the hot path.
    @exclusivity(unchecked) var batch = BatchBuilder.empty()
    @exclusivity(unchecked) var open = false

    init(producer: MergeProducer) { self.producer = producer }

    static func empty() -> RecordBatch {
      var b = RecordBatch()
      b.bytes.reserveCapacity(RecordBatch.targetBytes + 4096)
      return b
    }

    /// A record's first line: kept when its time passes the filter.
    func begin(_ line: UnsafeBufferPointer<UInt8>, number: Int, instant: Instant, severity: Severity?, offset: Int64) {
      close()
      let micros = instant.microseconds
      guard producer.keeps(micros) else { return }
      if batch.bytes.count >= RecordBatch.targetBytes {
        producer.bytesRead = offset
        ship()
      }
      let start = Int32(batch.bytes.count)
      batch.bytes.append(contentsOf: line)
      batch.records.append(
        RecordBatch.Record(
          time: micros, start: start, end: Int32(batch.bytes.count), line: Int32(number),
          severity: RecordBatch.rank(severity)))
      open = true
    }

    /// A continuation line of the open record (and the severity it gives the record).
    func extend(_ line: UnsafeBufferPointer<UInt8>, severity: Severity?) {
      guard open else { return }
      batch.bytes.append(0x0A)
      batch.bytes.append(contentsOf: line)
      let r = batch.records.count - 1
      batch.records[r].end = Int32(batch.bytes.count)
      if let severity { batch.records[r].severity = RecordBatch.rank(severity) }
    }

    /// A rejected record, counted with its line and reason.
    func reject(_ line: UnsafeBufferPointer<UInt8>, number: Int, reason: Phrase, record: Int) {
      close()
      producer.reject(number, reason, line, record: record)
    }

    /// Ends the open record: dropped when it fails the severity or text filter.
    func close() {
      guard open else { return }
      open = false
      guard producer.filtersRecords else { return }
      let r = batch.records[batch.records.count - 1]
      let text = batch.bytes[Int(r.start)..<Int(r.end)]
      if !producer.keeps(severity: r.severity) || !producer.contains(text) {
        batch.bytes.removeSubrange(Int(r.start)...)
        batch.records.removeLast()
      }
    }

    /// Sorts the batch and hands it to the merging thread.
    func ship() {
      guard !batch.records.isEmpty else { return }
      batch.sort()
      producer.queue.put(batch)
      batch = BatchBuilder.empty()
    }
  }

  // MARK: - Other evidence

  /// Evidence that is not a line log, streamed by its reader: one line per event, into the same
  /// batches and through the same filters as a log's records.
  private func streamEvents() {
    let batch = BatchBuilder(producer: self)
    let stream: SourceLoader.Stream
    do {
      stream = try SourceLoader.stream(spec, index: index, normalizer: normalizer, directory: directory) { item in
        summary.records += 1
        switch item {
        case .rejected(let r):
          summary.rejections.add(r)
        case .event(let e):
          var text = MergeProducer.line(for: e)
          text.withUTF8 { line in
            batch.begin(line, number: e.source.line, instant: e.instant, severity: e.severity, offset: 0)
          }
        }
      }
    } catch {
      summary.warnings.append(
        Diagnostic(.error, path: spec.path, line: 0, TimelineBuilder.message(error, path: spec.path)))
      return
    }
    batch.close()
    batch.ship()
    summary.warnings = stream.warnings
    let attributes = try? FileManager.default.attributesOfItem(atPath: spec.resolvedPath)
    summary.bytes = (attributes?[.size] as? Int64) ?? 0
    bytesRead = summary.bytes
  }

  /// An event as one line: `kind (outcome) from -> to: text`.
  static func line(for e: Event) -> String {
    var text = e.kind.rawValue
    if let o = e.outcome, o != .completed { text += " (\(o.rawValue))" }
    if let f = e.from { text += " " + f.display }
    if !e.to.isEmpty { text += " -> " + e.to.map(\.display).joined(separator: ", ") }
    if !e.text.isEmpty { text += ": " + e.text }
    return text
  }

  // MARK: - Filters and accounting

  fileprivate func reject(_ line: Int, _ reason: Phrase, _ excerpt: UnsafeBufferPointer<UInt8>, record: Int) {
    summary.rejections.add(
      Rejection(
        path: spec.path, line: line, record: record, reason: reason,
        excerpt: String(decoding: excerpt.prefix(120), as: UTF8.self)))
  }

  /// Whether a record at `time` passes the time filter.
  fileprivate func keeps(_ time: Int64) -> Bool {
    if let f = options.from, time < f.microseconds { return false }
    if let t = options.to, time >= t.microseconds { return false }
    return true
  }

  /// Whether a record of this severity rank passes the severity filter.
  fileprivate func keeps(severity rank: Int8) -> Bool {
    guard let m = options.minimumSeverity else { return true }
    return rank >= Int8(m.rank)
  }

  /// Whether the record's bytes hold the `--grep` text.
  fileprivate func contains(_ bytes: ArraySlice<UInt8>) -> Bool {
    if grep.isEmpty { return true }
    return bytes.withUnsafeBytes { b in
      grep.withUnsafeBytes { g in MergeProducer.find(UnsafeRawBufferPointer(b), g) }
    }
  }

  /// Whether `needle` occurs in `hay`: memchr for its first byte, then a compare.
  static func find(_ hay: UnsafeRawBufferPointer, _ needle: UnsafeRawBufferPointer) -> Bool {
    guard needle.count > 0, hay.count >= needle.count, let h = hay.baseAddress, let n = needle.baseAddress else {
      return needle.count == 0
    }
    let first = Int32(needle[0])
    var offset = 0
    let last = hay.count - needle.count
    while offset <= last {
      guard let hit = memchr(h + offset, first, last - offset + 1) else { return false }
      let at = h.distance(to: UnsafeRawPointer(hit))
      if memcmp(h + at, n, needle.count) == 0 { return true }
      offset = at + 1
    }
    return false
  }
}

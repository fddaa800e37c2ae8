import Foundation
import StorylineCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads one source for `storyline merge` on its own thread and hands its records to the merging
/// thread in sorted batches. Line-oriented logs take the byte-level path (``RecordScanner``);
/// other evidence (phone exports, chats, notes) is read by its reader and written as one line
/// per event.
final class MergeProducer: @unchecked Sendable {
  let spec: SourceSpec
  let index: Int
  let format: any EvidenceFormat
  let queue = BatchQueue()
  private let options: MergeOptions
  private let normalizer: TimeNormalizer
  private let directory: PeopleDirectory
  private let grep: [UInt8]
  /// Read by the progress reporter while the thread runs (a torn read only skews a percentage).
  private(set) var bytesRead: Int64 = 0
  private(set) var summary: MergeSummary.Source

  static let maxRecordBytes = 256 * 1024
  static let keptRejections = 20

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
    summary = MergeSummary.Source(
      path: spec.path, format: format.id, records: 0, written: 0, rejected: [], rejectedCount: 0, warnings: [],
      bytes: 0)
  }

  private func reject(_ line: Int, _ reason: String, _ excerpt: UnsafeBufferPointer<UInt8>) {
    summary.rejectedCount += 1
    if summary.rejected.count < MergeProducer.keptRejections {
      summary.rejected.append(
        Rejection(
          path: spec.path, line: line, record: summary.records, reason: reason,
          excerpt: String(decoding: excerpt.prefix(80), as: UTF8.self)))
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

  /// Whether a record placed at `time` with `severity` passes the time and severity filters.
  private func keeps(_ time: Int64, _ severity: Severity?) -> Bool {
    if let f = options.from, time < f.microseconds { return false }
    if let t = options.to, time >= t.microseconds { return false }
    if let m = options.minimumSeverity {
      guard let s = severity, s >= m else { return false }
    }
    return true
  }

  private func contains(_ bytes: ArraySlice<UInt8>) -> Bool {
    if grep.isEmpty { return true }
    return bytes.withUnsafeBytes { b in
      grep.withUnsafeBytes { g in MergeProducer.find(UnsafeRawBufferPointer(b), g) }
    }
  }

  func run() {
    defer { queue.finish() }
    let clock = normalizer.clock(zone: spec.timezone, clockOffsetMicros: spec.clockOffsetMicros)
    if var scanner = RecordScanner(format: format.id, clock: clock) {
      do {
        try scan(&scanner)
      } catch {
        summary.warnings.append(
          Diagnostic(.error, path: spec.path, line: 0, TimelineBuilder.message(error, path: spec.path)))
      }
      summary.warnings += scanner.clock.warnings.map {
        Diagnostic(.warning, path: spec.path, line: $0.line, $0.message)
      }
    } else {
      readEvents()
    }
  }

  private func scan(_ scanner: inout RecordScanner) throws {
    let lines = try LineReader(path: spec.resolvedPath)
    var batch = RecordBatch()
    batch.bytes.reserveCapacity(RecordBatch.targetBytes + 4096)
    // Whether a record is open in the batch (its continuation lines join it); lines after a
    // rejected or filtered record belong to it and go with it.
    var open = false
    var started = false
    var cut = 0
    var firstCut = 0
    var lastCut: Int32 = -1
    func close() {
      guard open else { return }
      open = false
      let r = batch.records[batch.records.count - 1]
      if !grep.isEmpty && !contains(batch.bytes[Int(r.start)..<Int(r.end)]) {
        batch.bytes.removeSubrange(Int(r.start)...)
        batch.records.removeLast()
      }
    }
    while let l = lines.nextLine() {
      let n = lines.lineNumber
      let start = scanner.start(l, line: n)
      guard let s = start else {
        // A continuation line, or a blank line in a one-line-per-record format.
        if !scanner.multiline && l.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
        if open {
          let r = batch.records.count - 1
          if Int(batch.records[r].end - batch.records[r].start) + l.count < MergeProducer.maxRecordBytes {
            batch.bytes.append(0x0A)
            batch.bytes.append(contentsOf: l)
            batch.records[r].end = Int32(batch.bytes.count)
          } else if batch.records[r].line != lastCut {
            // Counted once per record: a warning says how many were cut.
            lastCut = batch.records[r].line
            cut += 1
            if firstCut == 0 { firstCut = Int(lastCut) }
          }
        } else if !started && !l.allSatisfy({ $0 == 32 || $0 == 9 }) {
          summary.records += 1
          reject(n, Message.beforeFirstRecord, l)
        } else if !scanner.multiline {
          summary.records += 1
          reject(n, Message.noTimestamp, l)
        }
        continue
      }
      close()
      started = true
      summary.records += 1
      if let problem = s.problem {
        reject(n, problem, l)
        continue
      }
      switch s.time {
      case .failure(let e):
        reject(n, Message.badTime(e), l)
      case .success(let t):
        let micros = t.instant.microseconds
        guard keeps(micros, s.severity) else {
          continue
        }
        if batch.bytes.count >= RecordBatch.targetBytes {
          batch.sort()
          bytesRead = lines.bytesConsumed
          queue.put(batch)
          batch = RecordBatch()
          batch.bytes.reserveCapacity(RecordBatch.targetBytes + 4096)
        }
        let begin = Int32(batch.bytes.count)
        batch.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: l.prefix(MergeProducer.maxRecordBytes)))
        batch.records.append(
          RecordBatch.Record(
            time: micros, start: begin, end: Int32(batch.bytes.count), line: Int32(n),
            severity: Int8(s.severity.map { Severity.allCases.firstIndex(of: $0)! } ?? -1)))
        open = true
      }
    }
    close()
    if cut > 0 {
      summary.warnings.append(
        Diagnostic(
          .warning, path: spec.path, line: firstCut,
          Message.cut(cut)
        ))
    }
    if lines.inputDamaged {
      summary.warnings.append(
        Diagnostic(
          .warning, path: spec.path, line: lines.lineNumber, "the gzip stream is damaged or truncated: read up to here")
      )
    }
    bytesRead = lines.bytesConsumed
    summary.bytes = lines.bytesConsumed
    summary.written = 0
    if !batch.records.isEmpty {
      batch.sort()
      queue.put(batch)
    }
  }

  /// Evidence that is not a line log: read whole by its reader, one line per event.
  private func readEvents() {
    let read: SourceRead
    do {
      read = try SourceLoader.read(spec, index: index, normalizer: normalizer, directory: directory)
    } catch {
      summary.warnings.append(
        Diagnostic(.error, path: spec.path, line: 0, TimelineBuilder.message(error, path: spec.path)))
      return
    }
    summary.records = read.summary.records
    summary.rejectedCount = read.summary.rejected.count
    summary.rejected = Array(read.summary.rejected.prefix(MergeProducer.keptRejections))
    summary.warnings = read.summary.warnings
    summary.bytes = read.summary.bytes
    bytesRead = read.summary.bytes
    var batch = RecordBatch()
    for e in read.events where keeps(e.instant.microseconds, e.severity) {
      var text = e.kind.rawValue
      if let o = e.outcome, o != .completed { text += " (\(o.rawValue))" }
      if let f = e.from { text += " " + f.display }
      if !e.to.isEmpty { text += " -> " + e.to.map(\.display).joined(separator: ", ") }
      if !e.text.isEmpty { text += ": " + e.text }
      let bytes = Array(text.utf8)
      guard contains(bytes[...]) else { continue }
      let begin = Int32(batch.bytes.count)
      batch.bytes += bytes
      batch.records.append(
        RecordBatch.Record(
          time: e.instant.microseconds, start: begin, end: Int32(batch.bytes.count), line: Int32(e.source.line),
          severity: Int8(e.severity.map { Severity.allCases.firstIndex(of: $0)! } ?? -1)))
      if batch.bytes.count >= RecordBatch.targetBytes {
        batch.sort()
        queue.put(batch)
        batch = RecordBatch()
      }
    }
    if !batch.records.isEmpty {
      batch.sort()
      queue.put(batch)
    }
  }
}

private enum Message {
  static let beforeFirstRecord = "no timestamp at the start of the line, before the first record"
  static let noTimestamp = "no timestamp"
  static let damagedGzip = "the gzip stream is damaged or truncated: read up to here"
  static func badTime(_ e: TimeError) -> String { "timestamp: \(e)" }
  static func cut(_ n: Int) -> String {
    "\(n) record\(n == 1 ? "" : "s") longer than \(MergeProducer.maxRecordBytes / 1024) KiB: the rest of each was left out"
  }
}

import Foundation
import StorylineCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Streams every record of every source in one global time order, each prefixed with its
/// normalized time and its source — `storyline merge`, the job of plaso's psort and of lnav.
///
/// Each source is read on its own thread into bounded queues of sorted batches (memory stays
/// flat however large the files); the calling thread merges the queues' heads by time and
/// writes. A source's records are assumed to be in time order apart from local disorder,
/// which each batch's sort absorbs (a few thousand records); a record older than one already
/// written is written where it was read and counted (``MergeSummary/outOfOrder``). Ties are
/// broken by source order, then by line.
public enum LogMerger {
  /// Progress: bytes read so far and the sources' total size.
  public typealias Progress = (_ read: Int64, _ total: Int64) -> Void

  public static func merge(
    _ specs: [SourceSpec], normalizer: TimeNormalizer, directory: PeopleDirectory, options: MergeOptions,
    to file: UnsafeMutablePointer<FILE>, progress: Progress? = nil
  ) throws -> MergeSummary {
    var producers: [MergeProducer] = []
    for (i, spec) in specs.enumerated() {
      let format = try SourceLoader.format(for: spec)
      producers.append(
        MergeProducer(
          spec: spec, index: i, format: format, options: options, normalizer: normalizer, directory: directory))
    }
    var total: Int64 = 0
    for s in specs {
      total += (try? FileManager.default.attributesOfItem(atPath: s.resolvedPath)[.size] as? Int64) ?? 0
    }
    let threads = producers.map { p in
      let t = Thread { p.run() }
      t.stackSize = 1 << 20
      return t
    }
    threads.forEach { $0.start() }

    var writer = MergeWriter(file: file, zone: options.zone, format: options.output, labels: specs.map(\.path))
    var batches: [RecordBatch] = producers.map { $0.queue.take() ?? RecordBatch() }
    var positions = [Int](repeating: 0, count: producers.count)
    var heap = MergeHeap()
    for i in producers.indices where !batches[i].records.isEmpty { heap.push(i, time: batches[i].records[0].time) }
    var written = 0
    var perSource = [Int](repeating: 0, count: producers.count)
    var outOfOrder = 0
    var last = Int64.min
    var lastProgress = DispatchTime.now().uptimeNanoseconds
    while let s = heap.popMin() {
      let r = batches[s].records[positions[s]]
      if r.time < last { outOfOrder += 1 } else { last = r.time }
      batches[s].bytes.withUnsafeBufferPointer { writer.write(r, source: s, bytes: $0) }
      written += 1
      perSource[s] += 1
      positions[s] += 1
      if positions[s] == batches[s].records.count {
        positions[s] = 0
        batches[s] = producers[s].queue.take() ?? RecordBatch()
      }
      if positions[s] < batches[s].records.count { heap.push(s, time: batches[s].records[positions[s]].time) }
      if let progress, written & 0xFFFF == 0 {
        let now = DispatchTime.now().uptimeNanoseconds
        if now - lastProgress > 500_000_000 {
          lastProgress = now
          progress(producers.reduce(0) { $0 + $1.bytesRead }, total)
        }
      }
    }
    writer.flush()
    writer.free()
    // Every producer has finished once its queue is drained; wait for the threads to end.
    while threads.contains(where: { !$0.isFinished }) { usleep(1000) }
    var sources = producers.map(\.summary)
    for i in sources.indices { sources[i].written = perSource[i] }
    if writer.failed { throw SourceError.cannotOpen(path: "-", reason: "the output could not be written") }
    return MergeSummary(sources: sources, outOfOrder: outOfOrder, written: written)
  }
}

/// A binary min-heap of sources keyed by their next record's time (ties: the lower source).
struct MergeHeap {
  private var items: [(time: Int64, source: Int)] = []

  private static func less(_ a: (time: Int64, source: Int), _ b: (time: Int64, source: Int)) -> Bool {
    a.time != b.time ? a.time < b.time : a.source < b.source
  }

  mutating func push(_ source: Int, time: Int64) {
    items.append((time, source))
    var i = items.count - 1
    while i > 0 {
      let parent = (i - 1) / 2
      guard MergeHeap.less(items[i], items[parent]) else { break }
      items.swapAt(i, parent)
      i = parent
    }
  }

  mutating func popMin() -> Int? {
    guard let top = items.first else { return nil }
    let lastItem = items.removeLast()
    if !items.isEmpty {
      items[0] = lastItem
      var i = 0
      while true {
        let l = 2 * i + 1
        let r = l + 1
        var m = i
        if l < items.count && MergeHeap.less(items[l], items[m]) { m = l }
        if r < items.count && MergeHeap.less(items[r], items[m]) { m = r }
        if m == i { break }
        items.swapAt(i, m)
        i = m
      }
    }
    return top.source
  }
}

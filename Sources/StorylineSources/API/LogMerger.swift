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
/// flat however large the files); the calling thread merges, by time, the next few sorted
/// batches of every source. A source's records are assumed to be in time order apart from
/// local disorder, which the batches' sort and the lookahead absorb (records up to about three
/// batches — 384 KiB of a file — late); a record older than one already written is written
/// where it was read and counted (``MergeSummary/outOfOrder``). Ties are broken by source
/// order, then by line.
public enum LogMerger {
  /// Sorted batches of each source held at once (a record up to this many batches, less one,
  /// late in its file is still written in order).
  public static let lookahead = 4

  /// Progress: bytes read so far and the sources' total size.
  public typealias Progress = (_ read: Int64, _ total: Int64) -> Void

  /// Merges the sources into `file`; returns what each source gave. Throws when a source's
  /// format cannot be told (nothing is written then) or the output cannot be written.
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
    // Each source keeps `lookahead` sorted batches loaded; the heap merges them all, so a record
    // that comes up to `lookahead - 1` batches late in its file is still written in order.
    let lookahead = LogMerger.lookahead
    let slotCount = producers.count * lookahead
    var slots = [RecordBatch](repeating: RecordBatch(), count: slotCount)
    var positions = [Int](repeating: 0, count: slotCount)
    var loads = 0
    var heap = MergeHeap()
    func load(_ slot: Int) {
      let source = slot / lookahead
      guard let b = producers[source].queue.take(), !b.records.isEmpty else {
        slots[slot] = RecordBatch()
        return
      }
      slots[slot] = b
      positions[slot] = 0
      loads += 1
      heap.push(slot: slot, source: source, load: loads, time: b.records[0].time)
    }
    for source in producers.indices {
      for k in 0..<lookahead { load(source * lookahead + k) }
    }
    var written = 0
    var perSource = [Int](repeating: 0, count: producers.count)
    var outOfOrder = 0
    var last = Int64.min
    var lastProgress = DispatchTime.now().uptimeNanoseconds
    while let top = heap.popMin() {
      let slot = top.slot
      let s = top.source
      let r = slots[slot].records[positions[slot]]
      if r.time < last { outOfOrder += 1 } else { last = r.time }
      slots[slot].bytes.withUnsafeBufferPointer { writer.write(r, source: s, bytes: $0) }
      written += 1
      perSource[s] += 1
      positions[slot] += 1
      if positions[slot] == slots[slot].records.count {
        load(slot)
      } else {
        heap.push(slot: slot, source: s, load: top.load, time: slots[slot].records[positions[slot]].time)
      }
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

/// A binary min-heap of loaded batches keyed by their next record's time; ties go to the
/// source given first, then to the batch loaded first (file order).
struct MergeHeap {
  struct Item {
    var time: Int64
    var source: Int
    var load: Int
    var slot: Int
  }
  private var items: [Item] = []

  private static func less(_ a: Item, _ b: Item) -> Bool {
    if a.time != b.time { return a.time < b.time }
    if a.source != b.source { return a.source < b.source }
    return a.load < b.load
  }

  mutating func push(slot: Int, source: Int, load: Int, time: Int64) {
    items.append(Item(time: time, source: source, load: load, slot: slot))
    var i = items.count - 1
    while i > 0 {
      let parent = (i - 1) / 2
      guard MergeHeap.less(items[i], items[parent]) else { break }
      items.swapAt(i, parent)
      i = parent
    }
  }

  mutating func popMin() -> Item? {
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
    return top
  }
}

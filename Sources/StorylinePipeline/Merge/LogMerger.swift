import Foundation
import HeapModule
import StorylineCore
import StorylineFormats

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

  /// Merges the sources into `sink`; returns what each source gave. Throws when a source's
  /// format cannot be told (nothing is written then), or ``WriteError`` when the output cannot
  /// be written.
  public static func merge(
    _ specs: [SourceSpec], normalizer: TimeNormalizer, directory: PeopleDirectory, options: MergeOptions,
    to sink: any ByteSink, progress: Progress? = nil
  ) throws -> MergeSummary {
    let producers = try specs.enumerated().map { i, spec in
      MergeProducer(
        spec: spec, index: i, format: try SourceLoader.format(for: spec), options: options, normalizer: normalizer,
        directory: directory)
    }
    let total = specs.reduce(Int64(0)) { sum, s in
      sum + ((try? FileManager.default.attributesOfItem(atPath: s.resolvedPath)[.size] as? Int64) ?? 0)
    }
    let running = start(producers)
    var writer = MergeWriter(sink: sink, zone: options.zone, format: options.output, labels: specs.map(\.path))
    let (written, perSource, outOfOrder) = drain(producers, into: &writer, total: total, progress: progress)
    writer.flush()
    // Every producer has finished once its queue is drained; wait for the threads to end.
    running.wait()
    var sources = producers.map(\.summary)
    for i in sources.indices { sources[i].written = perSource[i] }
    if let failure = writer.failure { throw failure }
    return MergeSummary(sources: sources, outOfOrder: outOfOrder, written: written)
  }

  /// Starts a thread per producer; the group is left when each has finished.
  private static func start(_ producers: [MergeProducer]) -> DispatchGroup {
    let group = DispatchGroup()
    for p in producers {
      group.enter()
      let t = Thread {
        p.run()
        group.leave()
      }
      t.stackSize = 1 << 20
      t.start()
    }
    return group
  }

  /// Writes every record in time order: each source keeps `lookahead` sorted batches loaded and
  /// the heap merges them all, so a record that comes up to `lookahead - 1` batches late in its
  /// file is still written in order. Returns the records written, per source, and how many
  /// were older than one already written.
  private static func drain(
    _ producers: [MergeProducer], into writer: inout MergeWriter, total: Int64, progress: Progress?
  ) -> (written: Int, perSource: [Int], outOfOrder: Int) {
    let slotCount = producers.count * lookahead
    var slots = [RecordBatch](repeating: RecordBatch(), count: slotCount)
    var positions = [Int](repeating: 0, count: slotCount)
    var loads = 0
    var heap = Heap<MergeItem>()
    func load(_ slot: Int) {
      let source = slot / lookahead
      guard let b = producers[source].queue.take(), !b.records.isEmpty else {
        slots[slot] = RecordBatch()
        return
      }
      slots[slot] = b
      positions[slot] = 0
      loads += 1
      heap.insert(MergeItem(time: b.records[0].time, source: source, load: loads, slot: slot))
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
        heap.insert(MergeItem(time: slots[slot].records[positions[slot]].time, source: s, load: top.load, slot: slot))
      }
      if let progress, written & 0xFFFF == 0 {
        let now = DispatchTime.now().uptimeNanoseconds
        if now - lastProgress > 500_000_000 {
          lastProgress = now
          progress(producers.reduce(0) { $0 + $1.bytesRead }, total)
        }
      }
    }
    return (written, perSource, outOfOrder)
  }
}

/// A loaded batch in the merge heap, keyed by its next record's time; ties go to the source
/// given first, then to the batch loaded first (file order).
struct MergeItem: Comparable {
  var time: Int64
  var source: Int
  var load: Int
  var slot: Int

  static func < (a: MergeItem, b: MergeItem) -> Bool {
    if a.time != b.time { return a.time < b.time }
    if a.source != b.source { return a.source < b.source }
    return a.load < b.load
  }
}

import StorylineCore
import StorylineFormats

/// A slice of one source's records for `storyline merge`: their bytes back to back and, for
/// each, its time, place and severity. Sorted by time (then line) before it leaves its producer.
struct RecordBatch: Sendable {
  struct Record: Sendable {
    /// UTC microseconds.
    var time: Int64
    var start: Int32
    var end: Int32
    var line: Int32
    /// `Severity` rank, -1 when unknown.
    var severity: Int8
  }
  var bytes: [UInt8] = []
  var records: [Record] = []

  static let targetBytes = 128 * 1024

  /// A severity's rank for ``Record/severity`` (-1 for none).
  static func rank(_ s: Severity?) -> Int8 {
    guard let s else { return -1 }
    return Int8(s.rank)
  }

  mutating func sort() {
    records.sort { $0.time != $1.time ? $0.time < $1.time : $0.line < $1.line }
  }
}

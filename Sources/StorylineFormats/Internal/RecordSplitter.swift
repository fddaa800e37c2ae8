import StorylineCore

/// Splits a stream of lines into records that start at a header line and run until the next
/// one (a WebLogic `####<` record with its stack trace, a chat message with its continuation
/// lines). Holds one record at a time; a record's body is cut at `maxBytes`.
struct RecordSplitter {
  /// One record: its first line, that line's number, and the lines after it.
  struct Record {
    var header: ArraySlice<UInt8>
    var line: Int
    var body: [ArraySlice<UInt8>]
    /// The body was longer than `maxBytes`: the rest was left out.
    var truncated: Bool
  }

  private let lines: LineReader
  private let isHeader: (ArraySlice<UInt8>) -> Bool
  private let maxBytes: Int
  private var pending: (ArraySlice<UInt8>, Int)? = nil
  /// The non-blank lines before the first header, counted with their first and last line
  /// numbers (a file that never shows a header would otherwise hold a number per line).
  private(set) var skipped: SkippedLines? = nil

  /// Why lines before the first header are not read, for ``skipped``.
  private let skipReason: String

  init(
    _ lines: LineReader, maxBytes: Int, skipReason: String,
    isHeader: @escaping (ArraySlice<UInt8>) -> Bool
  ) {
    self.lines = lines
    self.maxBytes = maxBytes
    self.skipReason = skipReason
    self.isHeader = isHeader
  }

  /// The next record, or nil at the end of the input.
  mutating func next() -> Record? {
    var first: (ArraySlice<UInt8>, Int)
    if let p = pending {
      first = p
      pending = nil
    } else {
      while true {
        guard let l = lines.next() else { return nil }
        if isHeader(l) {
          first = (l, lines.lineNumber)
          break
        }
        if !l.allSatisfy({ $0 == 32 || $0 == 9 }) {
          if skipped == nil {
            skipped = SkippedLines(reason: skipReason, line: lines.lineNumber)
          } else {
            skipped!.add(line: lines.lineNumber)
          }
        }
      }
    }
    var record = Record(header: first.0, line: first.1, body: [], truncated: false)
    var size = first.0.count
    while let l = lines.next() {
      if isHeader(l) {
        pending = (l, lines.lineNumber)
        break
      }
      size += l.count + 1
      if size <= maxBytes {
        record.body.append(l)
      } else {
        record.truncated = true
      }
    }
    return record
  }
}

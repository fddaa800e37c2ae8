import StorylineCore

/// The reader of every line-oriented log format: the line reader, the format's splitter and
/// tokenizer, and the record turned into an event. Holds one record at a time.
struct LogReader<Tokenizer: LogTokenizer>: EvidenceReader {
  /// A record being read: its head, its bytes so far, where it starts and its number.
  private struct Pending {
    var head: RecordHead<Tokenizer.Fields>
    var bytes: [UInt8]
    var line: Int
    var record: Int
  }

  private let lines: LineReader
  private var splitter: LogRecordSplitter<Tokenizer>
  private var state: ReaderState
  private var pending: Pending? = nil
  /// A rejection read just after a record: thrown on the next call, once the record is out.
  private var queued: RecordRejection? = nil

  init(input: SourceInput, context: ReaderContext, format: String, tokenizer: Tokenizer) throws {
    lines = try LineReader(path: input.url)
    splitter = LogRecordSplitter(tokenizer)
    state = ReaderState(input: input, context: context, format: format)
  }

  var warnings: [Diagnostic] { state.warnings + splitter.warnings(path: state.path) }

  var bytesRead: Int64? { lines.bytesConsumed }

  var skippedLines: [SkippedLines] { splitter.skippedLines }

  // Readers are opened through `any EvidenceFormat`, so this runs unspecialised unless told:
  // one specialisation per tokenizer keeps generic metadata lookups out of the hot loop.
  @_specialize(where Tokenizer == WebLogicTokenizer)
  @_specialize(where Tokenizer == SyslogTokenizer)
  @_specialize(where Tokenizer == AccessLogTokenizer)
  @_specialize(where Tokenizer == W3CExtendedLogTokenizer)
  @_specialize(where Tokenizer == JSONLinesTokenizer)
  @_specialize(where Tokenizer == TimestampedLogTokenizer)
  mutating func next() throws -> Event? {
    if let q = queued {
      queued = nil
      throw q
    }
    var out: Event? = nil
    var rejected: RecordRejection? = nil
    while out == nil && rejected == nil {
      let more = lines.withNextLine { line, number, truncated in
        switch splitter.step(line, number: number, truncated: truncated) {
        case .start:
          let finished = pending.map { finish($0) }
          pending = Pending(head: splitter.head!, bytes: Array(line), line: number, record: splitter.records)
          out = finished
        case .append(let severity):
          pending?.bytes.append(0x0A)
          pending?.bytes.append(contentsOf: line)
          if let severity { pending?.head.severity = severity }
        case .skip:
          break
        case .rejected(let reason):
          state.records = splitter.records
          let rejection = state.reject(reason, line: number, excerpt: line.text(0..<min(line.count, 120)))
          if let p = pending {
            pending = nil
            out = finish(p)
            queued = rejection
          } else {
            rejected = rejection
          }
        }
      }
      if !more {
        guard let p = pending else { return nil }
        pending = nil
        return finish(p)
      }
    }
    if let rejected { throw rejected }
    return out
  }

  private mutating func finish(_ p: Pending) -> Event {
    state.records = p.record
    let parts = p.bytes.withUnsafeBufferPointer { splitter.event(p.head, record: $0, line: p.line) }
    if let w = parts.warning { state.warn(w, line: p.line) }
    return state.event(
      p.head.time, line: p.line, originalTime: parts.originalTime, kind: .log,
      from: parts.from.map { Party(person: nil, raw: $0) }, text: parts.text, severity: p.head.severity,
      attributes: parts.attributes)
  }
}

import StorylineCore

/// Turns a log's lines into records through the format's tokenizer: the one place that decides
/// what a line is to a record — its start, a continuation, a rejected record, or nothing — for
/// the format's reader and for `storyline merge` alike.
///
/// Every non-blank line ends in a record or is counted: lines before the first record of a
/// multi-line log and non-record lines of a one-line log are rejected records. A record is cut
/// at 256 KiB; the cuts are counted in one warning.
package struct LogRecordSplitter<Tokenizer: LogTokenizer> {
  /// What a line is.
  package enum Step {
    /// The line starts an accepted record: its head is ``head``.
    case start
    /// The line continues the open record; `severity` when it gives the record its severity.
    case append(severity: Severity?)
    /// The line belongs to no kept record (a rejected record's continuation, a directive, a
    /// blank line, or the part of a record past its size limit).
    case skip
    /// The line is a rejected record.
    case rejected(Phrase)
  }

  package private(set) var tokenizer: Tokenizer
  /// The head of the record started last (kept here, not in ``Step``, so the line loops do
  /// not copy it line by line).
  package private(set) var head: RecordHead<Tokenizer.Fields>? = nil
  /// Records begun so far, accepted or rejected.
  package private(set) var records = 0
  private var started = false
  private var open = false
  private var openSize = 0
  private var openNeedsSeverity = false
  private var openBodyLines = 0
  private var openCut = false
  private var cuts = 0
  private var firstCut = 0
  private var openLine = 0
  /// Lines the format defines as not records, and lines that continue a rejected record.
  private var ignored: SkippedLines? = nil
  private var orphans: SkippedLines? = nil

  package init(_ tokenizer: Tokenizer) { self.tokenizer = tokenizer }

  /// Reads one line (`truncated`: the line reader cut it at its line limit). Inlined into its
  /// callers' line loops, so the step's value is never built in memory.
  @inline(__always)
  package mutating func step(_ line: UnsafeBufferPointer<UInt8>, number: Int, truncated: Bool) -> Step {
    if truncated && !Tokenizer.multiline {
      started = true
      open = false
      records += 1
      return .rejected(Message.lineTooLong)
    }
    switch tokenizer.token(line, number: number) {
    case .record(let h):
      head = h
      started = true
      records += 1
      open = true
      openSize = line.count
      openNeedsSeverity = h.severity == nil
      openBodyLines = 0
      openCut = false
      openLine = number
      return .start
    case .rejected(let reason):
      started = true
      open = false
      records += 1
      return .rejected(reason)
    case .ignored:
      Self.count(&ignored, Tokenizer.ignoredLines, line: number)
      return .skip
    case .continuation:
      if open && Tokenizer.multiline {
        openSize += line.count + 1
        if openSize > recordLimit {
          if !openCut {
            openCut = true
            cuts += 1
            if firstCut == 0 { firstCut = openLine }
          }
          return .skip
        }
        openBodyLines += 1
        var severity: Severity? = nil
        if openBodyLines == 1 && openNeedsSeverity { severity = tokenizer.severity(firstBodyLine: line) }
        return .append(severity: severity)
      }
      if line.isBlank { return .skip }
      if !Tokenizer.multiline {
        records += 1
        return .rejected(Message.noRecord)
      }
      if !started {
        records += 1
        return .rejected(Message.beforeFirstRecord)
      }
      Self.count(&orphans, Message.continuesRejected, line: number)
      return .skip
    }
  }

  private static func count(_ tally: inout SkippedLines?, _ reason: String, line: Int) {
    if tally == nil { tally = SkippedLines(reason: reason, line: line) } else { tally!.add(line: line) }
  }

  /// The lines that are in no record, by reason (the lines past a record's size limit are in
  /// the ``warnings(path:)``).
  package var skippedLines: [SkippedLines] { [ignored, orphans].compactMap { $0 } }

  /// The warnings of the whole read: records cut, then the clock's.
  package func warnings(path: String) -> [Diagnostic] {
    var out: [Diagnostic] = []
    if cuts > 0 { out.append(Diagnostic(.warning, path: path, line: firstCut, Message.cut(cuts))) }
    out += tokenizer.clock.warnings.map { Diagnostic(.warning, path: path, line: $0.line, $0.phrase) }
    return out
  }

  /// The event of a whole record.
  package mutating func event(
    _ head: RecordHead<Tokenizer.Fields>, record: UnsafeBufferPointer<UInt8>, line: Int
  ) -> LogEventParts {
    tokenizer.event(head, record: record, line: line)
  }
}

/// Longest record kept, in bytes; the rest of a longer record is left out.
private let recordLimit = 256 * 1024

private enum Message {
  static let beforeFirstRecord = Phrase(
    "log.before_first_record", "no timestamp at the start of the line, before the first record")
  static let noRecord = Phrase("log.no_record", "not a record of this format")
  static let continuesRejected = "continues a rejected record (left out with it)"
  static let lineTooLong = Phrase("log.line_too_long", "line longer than 1 MiB: not read")
  static func cut(_ n: Int) -> Phrase {
    n == 1
      ? Phrase(
        "log.cut.one", "1 record longer than {kib} KiB: the rest of it was left out", ["kib": "\(recordLimit / 1024)"])
      : Phrase(
        "log.cut", "{n} records longer than {kib} KiB: the rest of each was left out",
        ["n": "\(n)", "kib": "\(recordLimit / 1024)"])
  }
}

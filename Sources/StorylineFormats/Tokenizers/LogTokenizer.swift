import StorylineCore

/// The one parser of a line-oriented log format: it reads a line's bytes and says whether the
/// line starts a record, and if so the record's time (through the source's one clock), its
/// severity and where its fields are — or why the record is rejected.
///
/// Both consumers are built on it, so they cannot disagree: the format's reader
/// (``LogReader``: splitter + tokenizer + ``event(_:record:)``) and `storyline merge` (splitter
/// + tokenizer + writing the record's bytes). Only the tokenizer accepts or rejects a record.
public protocol LogTokenizer {
  /// What a record's first line says besides its time and severity (ranges into the line).
  associatedtype Fields

  /// Whether a record can span lines (stack traces, wrapped messages continue the record above).
  static var multiline: Bool { get }

  /// What the lines this format defines as not records (``LineToken/ignored``) are, for their count.
  static var ignoredLines: String { get }

  /// The source's clock, with its warnings and its year-rollover state.
  var clock: SourceClock { get }

  /// Reads one line.
  mutating func token(_ line: UnsafeBufferPointer<UInt8>, number: Int) -> LineToken<Fields>

  /// The severity a record's first continuation line gives when its first line gave none
  /// (java.util.logging writes `LEVEL: message` on the line after the time).
  func severity(firstBodyLine line: UnsafeBufferPointer<UInt8>) -> Severity?

  /// The event's parts for a whole record: its first line, then `\n` and each continuation
  /// line. `head`'s ranges index into `record`. Never rejects: the token decided.
  mutating func event(_ head: RecordHead<Fields>, record: UnsafeBufferPointer<UInt8>, line: Int) -> LogEventParts
}

extension LogTokenizer {
  public static var ignoredLines: String { "not a record of this format" }

  public func severity(firstBodyLine line: UnsafeBufferPointer<UInt8>) -> Severity? { nil }

  /// The token of a line whose time the clock read: a record, or a rejection saying why the
  /// time could not be read.
  @inline(__always)
  func record(
    _ time: Result<NormalizedTime, TimeError>, severity: Severity?, fields: @autoclosure () -> Fields,
    reason: (TimeError) -> Phrase
  ) -> LineToken<Fields> {
    switch time {
    case .success(let t): .record(RecordHead(time: t, severity: severity, fields: fields()))
    case .failure(let e): .rejected(reason(e))
    }
  }
}

/// What a tokenizer read on a line that starts an accepted record.
public struct RecordHead<Fields> {
  public var time: NormalizedTime
  public var severity: Severity?
  public var fields: Fields

  public init(time: NormalizedTime, severity: Severity?, fields: Fields) {
    self.time = time
    self.severity = severity
    self.fields = fields
  }
}

/// What one line is to a log format.
public enum LineToken<Fields> {
  /// The line starts a record.
  case record(RecordHead<Fields>)
  /// The line does not start a record: it continues the record above in a multi-line format
  /// (a blank line in a one-line format).
  case continuation
  /// A line the format defines as not a record (a W3C `#Fields:` directive).
  case ignored
  /// The line starts a record that the format rejects, for this reason.
  case rejected(Phrase)
}

/// An event's parts that a log record gives besides its time and severity.
public struct LogEventParts {
  /// The timestamp as written (cited as the evidence's original time).
  public var originalTime: String
  /// The host, client, tag or server the record comes from.
  public var from: String?
  public var text: String
  public var attributes: Attributes
  /// A warning about this record (a raw time that disagrees with its text).
  public var warning: Phrase?

  public init(
    originalTime: String, from: String?, text: String, attributes: Attributes = [], warning: Phrase? = nil
  ) {
    self.originalTime = originalTime
    self.from = from
    self.text = text
    self.attributes = attributes
    self.warning = warning
  }
}

extension UnsafeBufferPointer<UInt8> {
  /// The bytes of `range` as text (invalid UTF-8 replaced).
  func text(_ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: self[range]), as: UTF8.self)
  }

  /// The continuation lines of a record whose first line ends at `headerEnd`: the ranges
  /// between its `\n`s.
  func bodyLines(after headerEnd: Int) -> [Range<Int>] {
    var body: [Range<Int>] = []
    var k = headerEnd
    while k < count {
      let start = k + 1
      var end = start
      while end < count && self[end] != 0x0A { end += 1 }
      body.append(start..<end)
      k = end
    }
    return body
  }

  /// Where the first line ends (at the first `\n`, or the end).
  var firstLineEnd: Int { firstIndex(of: 0x0A) ?? count }

  /// Whether every byte is a space or a tab.
  var isBlank: Bool { allSatisfy { $0 == 0x20 || $0 == 0x09 } }

  /// The next word from `start`: after any spaces, up to the next space; nil at the end.
  @inline(__always)
  func word(from start: Int) -> Range<Int>? {
    var s = start
    while s < count && self[s] == 0x20 { s += 1 }
    guard s < count else { return nil }
    var e = s
    while e < count && self[e] != 0x20 { e += 1 }
    return s..<e
  }

  /// The field from `start` to the next space (empty when a space is at `start`).
  func field(from start: Int) -> Range<Int> {
    let s = Swift.min(start, count)
    var e = s
    while e < count && self[e] != 0x20 { e += 1 }
    return s..<e
  }
}

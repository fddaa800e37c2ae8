import StorylineCore

/// Reads JSON lines (one object per line) and journald's `journalctl -o json` export
/// (formats.md §8.5–8.6). The time is the first of the usual keys that is present — journald's
/// `_SOURCE_REALTIME_TIMESTAMP` (when the client wrote the entry) or `__REALTIME_TIMESTAMP`
/// (when journald received it), both in microseconds, then `@timestamp`, `timestamp`, `time`, `ts`,
/// `datetime`, `date`, `t`, `eventTime`, `created_at`, `asctime` — as ISO 8601 text or an epoch number in s, ms, µs or ns (told
/// apart by their digits; fractional seconds allowed). The level comes from `level`, `lvl`,
/// `severity`, `loglevel`, `levelname`, `log.level` or journald's `PRIORITY`; the text from
/// `msg`, `message`, `MESSAGE`, `@message`, `log` (Docker's JSON driver), `text`, Google Cloud
/// Logging's `textPayload`, `jsonPayload.message` (or `.msg`) and `protoPayload.status.message`
/// — and when none holds text, the record's own JSON, never an empty text. Every other
/// top-level field is kept as an attribute (nested values as their JSON text). A line that is
/// not an object, has no time key, or whose time cannot be read is a rejected record.
public struct JSONLinesTokenizer: LogTokenizer {
  /// Where a line's time field is.
  public struct Fields {
    let time: TimeField
  }

  /// A time field: which key (its rank in ``timeKeys``), its value's bytes and type.
  typealias TimeField = (key: Int, value: Range<Int>, type: JSONLineScanner.ValueType, escaped: Bool)

  /// Most attributes kept per record, and longest attribute value.
  static let maxAttributes = 32
  static let maxAttributeBytes = 2048

  public static var multiline: Bool { false }
  public var clock: SourceClock

  public mutating func token(_ p: UnsafeBufferPointer<UInt8>, number: Int) -> LineToken<Fields> {
    if p.isBlank { return .continuation }
    guard let f = JSONLinesTokenizer.fastFields(p) else { return .rejected(Message.notJSON) }
    guard let t = f.time else { return .rejected(Message.noTime) }
    return record(
      JSONLinesTokenizer.readTime(p, t, clock: &clock, line: number), severity: f.severity, fields: Fields(time: t)
    ) { Message.badTime(JSONLinesTokenizer.timeKeys[t.key], p.text(t.value), $0) }
  }

  public mutating func event(_ head: RecordHead<Fields>, record p: UnsafeBufferPointer<UInt8>, line: Int)
    -> LogEventParts
  {
    // The token read the line as an object: the full scan reads it alike.
    let f = JSONLinesTokenizer.fields(p, attributes: true) ?? Scan()
    var attributes = f.attributes
    if let lv = f.level { attributes.insert(("severity_text", lv.text), at: 0) }
    return LogEventParts(
      originalTime: p.text(head.fields.time.value), from: f.from?.text,
      text: f.message?.text ?? String(decoding: p, as: UTF8.self).trimmingCharacters(in: .whitespaces),
      attributes: attributes)
  }

  static let timeKeys = [
    "_SOURCE_REALTIME_TIMESTAMP", "__REALTIME_TIMESTAMP", "@timestamp", "timestamp", "time", "ts", "datetime", "date",
    "t", "eventTime", "created_at", "asctime", "lastTimestamp", "firstTimestamp",
  ]
  static let levelKeys = ["level", "lvl", "severity", "loglevel", "levelname", "log.level", "PRIORITY", "@level"]
  static let messageKeys = [
    "msg", "message", "MESSAGE", "@message", "log", "text", "textPayload", "jsonPayload.message",
    "protoPayload.status.message",
  ]
  static let fromKeys = ["_HOSTNAME", "host", "hostname", "service", "app", "SYSLOG_IDENTIFIER", "logger"]

  /// What one line holds, found in one pass over its bytes.
  struct Scan {
    var time: TimeField?
    var level: (key: Int, text: String)?
    var message: (key: Int, text: String)?
    var from: (key: Int, text: String)?
    var attributes: Attributes = []
  }

  /// Scans a line; nil when it is not a JSON object.
  static func fields(_ p: UnsafeBufferPointer<UInt8>, attributes: Bool) -> Scan? {
    var s = JSONLineScanner(p)
    var f = Scan()
    while let m = s.next() {
      let key = s.text(m.key, escaped: m.keyEscaped)
      if let k = timeKeys.firstIndex(of: key), m.type == .string || m.type == .number {
        if f.time == nil || k < f.time!.key { f.time = (k, m.value, m.type, m.valueEscaped) }
        continue
      }
      if let k = levelKeys.firstIndex(of: key), m.type != .object && m.type != .array {
        if f.level == nil || k < f.level!.key { f.level = (k, s.text(m.value, escaped: m.valueEscaped)) }
        continue
      }
      if let k = messageKeys.firstIndex(of: key) {
        let text: String
        if m.type == .array, key == "MESSAGE" {
          text = journalBytes(s, m) ?? s.text(m.value, escaped: false)
        } else {
          text = s.text(m.value, escaped: m.valueEscaped)
        }
        if f.message == nil || k < f.message!.key {
          if let old = f.message, attributes { f.attributes.append((messageKeys[old.key], old.text)) }
          f.message = (k, text)
          continue
        }
      }
      // Google Cloud Logging: the text inside a payload object.
      if m.type == .object, key == "jsonPayload" || key == "protoPayload" {
        var object = UnsafeBufferPointer(rebasing: p[m.value])
        if key == "protoPayload", let status = member(object, ["status"]), status.type == .object {
          object = UnsafeBufferPointer(rebasing: object[status.value])
        }
        let k = messageKeys.firstIndex(
          of: key == "jsonPayload" ? "jsonPayload.message" : "protoPayload.status.message")!
        if key == "jsonPayload" || object.count < m.value.count, let found = member(object, ["message", "msg"]),
          found.type == .string, f.message == nil || k < f.message!.key
        {
          f.message = (k, JSONLineScanner(object).text(found.value, escaped: found.escaped))
        }
      }
      if let k = fromKeys.firstIndex(of: key), m.type == .string, f.from == nil || k < f.from!.key {
        f.from = (k, s.text(m.value, escaped: m.valueEscaped))
      }
      if attributes && f.attributes.count < maxAttributes {
        var v = s.text(m.value, escaped: m.valueEscaped)
        if v.utf8.count > maxAttributeBytes { v = String(v.prefix(maxAttributeBytes)) + "…" }
        f.attributes.append((key, v))
      }
    }
    return s.isValid ? f : nil
  }

  /// The first of `keys` present in the object `o`: its value's range in `o`, type and escapes.
  static func member(_ o: UnsafeBufferPointer<UInt8>, _ keys: [String]) -> (
    value: Range<Int>, type: JSONLineScanner.ValueType, escaped: Bool
  )? {
    var s = JSONLineScanner(o)
    var best: (Int, Range<Int>, JSONLineScanner.ValueType, Bool)? = nil
    while let m = s.next() {
      let key = s.text(m.key, escaped: m.keyEscaped)
      guard let k = keys.firstIndex(of: key), best == nil || k < best!.0 else { continue }
      best = (k, m.value, m.type, m.valueEscaped)
    }
    return best.map { ($0.1, $0.2, $0.3) }
  }

  /// Only the time field and the severity, keys compared as bytes (for `storyline merge`).
  static func fastFields(_ p: UnsafeBufferPointer<UInt8>) -> (time: TimeField?, severity: Severity?)? {
    var s = JSONLineScanner(p)
    var time: TimeField? = nil
    var level: (Int, Range<Int>, Bool)? = nil
    while let m = s.next() {
      if m.type == .string || m.type == .number {
        if let k = timeKeyBytes.firstIndex(where: { s.key(m, equals: $0) }), time == nil || k < time!.key {
          time = (k, m.value, m.type, m.valueEscaped)
          continue
        }
        if let k = levelKeyBytes.firstIndex(where: { s.key(m, equals: $0) }), level == nil || k < level!.0 {
          level = (k, m.value, m.valueEscaped)
        }
      }
    }
    guard s.isValid else { return nil }
    guard let level else { return (time, nil) }
    if !level.2, let sev = LogSeverityWord.severity(p, level.1) { return (time, sev) }
    return (time, severity(s.text(level.1, escaped: level.2)))
  }

  static let timeKeyBytes = timeKeys.map { Array($0.utf8) }
  static let levelKeyBytes = levelKeys.map { Array($0.utf8) }

  /// journald writes a MESSAGE that is not valid UTF-8 as an array of byte values.
  static func journalBytes(_ s: JSONLineScanner, _ m: JSONLineScanner.Member) -> String? {
    let inner = s.text(m.value, escaped: false).dropFirst().dropLast()
    var bytes: [UInt8] = []
    for part in inner.split(separator: ",") {
      guard let b = UInt8(part.trimmingSpaces) else { return nil }
      bytes.append(b)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// journald `PRIORITY` (syslog numbers 0–7), bunyan/pino numbers (10 trace … 60 fatal) or a
  /// level word.
  static func severity(_ text: String) -> Severity? {
    if let n = Int(text) {
      if n >= 0 && n < 8 { return SyslogTokenizer.severities[n] }
      let bunyan: [Int: Severity] = [10: .trace, 20: .debug, 30: .info, 40: .warning, 50: .error, 60: .critical]
      return bunyan[n]
    }
    return Severity(word: text)
  }

  /// The time a field holds (no text kept: the hot path of `storyline merge`).
  static func readTime(
    _ p: UnsafeBufferPointer<UInt8>, _ t: TimeField, clock: inout SourceClock, line: Int
  ) -> Result<NormalizedTime, TimeError> {
    let raw = UnsafeBufferPointer(rebasing: p[t.value])
    // A number, or a string of digits: an epoch value (journald's in µs); a fraction means seconds.
    if !raw.isEmpty, raw.count <= 24, raw.allSatisfy({ TimestampBytes.isDigit($0) || $0 == 0x2E }) {
      var whole: Int64 = 0
      var digits = 0
      var k = 0
      while k < raw.count && raw[k] != 0x2E {
        whole = whole &* 10 &+ Int64(raw[k] - 48)
        digits += 1
        k += 1
      }
      guard digits > 0 && digits <= 19 else { return .failure(.epochOutOfRange) }
      if t.key <= 1 { return clock.normalize(epoch: whole, unit: .microseconds) }  // journald's µs
      if k < raw.count {  // seconds with a fraction
        guard digits <= 10 else { return .failure(.epochOutOfRange) }
        var frac: Int64 = 0
        var scale: Int64 = 100_000
        for b in raw[(k + 1)...].prefix(6) {
          guard TimestampBytes.isDigit(b) else { return .failure(.noTimestamp) }
          frac += Int64(b - 48) * scale
          scale /= 10
        }
        return clock.normalize(epoch: whole * 1_000_000 + frac, unit: .microseconds)
      }
      return clock.normalize(epochGuessing: whole)
    }
    guard t.type == .string, raw.count <= 200 else { return .failure(.noTimestamp) }
    if t.escaped {
      var s = JSONLineScanner(p).text(t.value, escaped: true)
      return s.withUTF8 { clock.normalize($0, line: line) }
    }
    return clock.normalize(raw, line: line)
  }

}

private enum Message {
  static let notJSON = Phrase("json_lines.not_json", "not a JSON object")
  static let noTime = Phrase(
    "json_lines.no_time",
    "no time field (_SOURCE_REALTIME_TIMESTAMP, __REALTIME_TIMESTAMP, @timestamp, timestamp, time, ts, datetime, date, t, eventTime, created_at, asctime)"
  )
  static func badTime(_ key: String, _ t: String, _ e: TimeError) -> Phrase { Phrase.badTime(key, t, e) }
}

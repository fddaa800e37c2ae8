import CSV
import Foundation
import StorylineCore

/// Reads call-detail CSV row by row (streamed by CSV.swift) through its column mapping.
///
/// From the caller to the callee (the source's owner fills an empty side). The outcome comes from
/// the outcome column's word when there is one, else from the duration (a call with no duration
/// did not connect: missed when it came in, unanswered when it went out).
struct CallCSVReader: EvidenceReader {
  private let csv: CSVReader
  private var state: ReaderState
  private let mapping: CallCSVMapping
  private var columns: [String: Int] = [:]
  private var row = 0

  init(input: SourceInput, context: ReaderContext, format: String) throws {
    state = ReaderState(input: input, context: context, format: format)
    var mapping = context.csv
    if mapping == nil {
      let head = (try? FileDigest.head(path: input.url)).map { String(decoding: $0, as: UTF8.self) } ?? ""
      mapping = CallCSVFormat.detectPreset(
        firstLine: head.split(whereSeparator: \.isNewline).first.map(String.init) ?? "")
    }
    guard let mapping else {
      throw SourceError.malformed(path: input.displayPath, line: 1, column: 0, reason: Message.noMapping.description)
    }
    self.mapping = mapping
    guard let stream = InputStream(fileAtPath: input.url) else {
      throw SourceError.cannotOpen(path: input.displayPath, reason: "unreadable")
    }
    do {
      csv = try CSVReader(stream: stream, hasHeaderRow: mapping.header, delimiter: mapping.delimiter)
    } catch {
      throw SourceError.malformed(path: input.displayPath, line: 1, column: 0, reason: "not readable as CSV: \(error)")
    }
    if mapping.header {
      row = 1
      for (k, name) in (csv.headerRow ?? []).enumerated() where columns[CallCSVMapping.key(name)] == nil {
        columns[CallCSVMapping.key(name)] = k
      }
      for case .name(let name) in [
        mapping.time, mapping.duration, mapping.direction, mapping.caller, mapping.callee, mapping.outcome,
      ]
      where columns[CallCSVMapping.key(name)] == nil {
        state.warn(Message.missingColumn(name), line: 1)
      }
    }
  }

  var warnings: [Diagnostic] { state.warnings }

  private func value(_ c: CallCSVMapping.Column?, in fields: [String]) -> String? {
    guard let c else { return nil }
    let k: Int?
    switch c {
    case .index(let i): k = i - 1
    case .name(let n): k = columns[CallCSVMapping.key(n)]
    }
    guard let k, k >= 0, k < fields.count else { return nil }
    let v = fields[k].trimmingCharacters(in: .whitespaces)
    return v.isEmpty ? nil : v
  }

  mutating func next() throws -> Event? {
    guard let fields = csv.next() else {
      // CSV.swift reports the end of the stream as `cannotReadFile`: only other errors are errors.
      if let e = csv.error, "\(e)" != "cannotReadFile" {
        throw SourceError.malformed(path: state.path, line: row + 1, column: 0, reason: "CSV: \(e)")
      }
      return nil
    }
    row += 1
    state.records += 1
    let excerpt = String(fields.joined(separator: ",").prefix(80))
    guard let stamp = value(mapping.time, in: fields) else {
      throw state.reject(Message.noTime, line: row, excerpt: excerpt)
    }
    let time = try state.time(state.context.clock.normalize(stamp, line: row), line: row, excerpt: excerpt) { e in
      Message.badTime(stamp, e)
    }
    let durationText = value(mapping.duration, in: fields)
    guard let duration = CallCSVReader.seconds(durationText, unit: mapping.durationUnit) else {
      throw state.reject(Message.badDuration(durationText ?? ""), line: row, excerpt: excerpt)
    }
    let owner = state.context.owner.map { Party(person: $0, raw: $0) }
    let caller = value(mapping.caller, in: fields).map { state.party($0) }
    let callee = value(mapping.callee, in: fields).map { state.party($0) }
    let direction = value(mapping.direction, in: fields).map(CallCSVReader.isIncoming)
    let incoming = direction ?? (caller.map { $0.person != nil && $0.person == owner?.person } == true ? false : true)
    let from = caller ?? (incoming ? nil : owner) ?? Party(person: nil, raw: "(unknown)")
    let to = callee ?? (incoming ? owner : nil) ?? Party(person: nil, raw: "(unknown)")
    let word = value(mapping.outcome, in: fields)
    let outcome =
      word.flatMap(CallCSVReader.outcome) ?? (duration > 0 ? .completed : (incoming ? .missed : .unanswered))
    let length =
      duration > 0 ? ", " + SignedDuration.describe(microseconds: Int64(duration) * 1_000_000, signed: false) : ""
    let text: String
    switch outcome {
    case .completed: text = "answered" + length
    case .missed: text = "missed"
    case .unanswered: text = "not connected"
    default: text = outcome.rawValue
    }
    var attributes: Attributes = [("row", String(row))]
    if let word { attributes.append(("status", word)) }
    if let d = value(mapping.direction, in: fields) { attributes.append(("direction", d)) }
    return state.event(
      time, line: row, originalTime: stamp, kind: .call, from: from, to: [to], text: text, outcome: outcome,
      duration: outcome == .completed ? duration : 0, attributes: attributes)
  }

  static func isIncoming(_ word: String) -> Bool {
    let w = word.lowercased()
    return w.hasPrefix("in") || w == "received" || w == "mt" || w == "terminating" || w.contains("terminat")
  }

  /// A status word as an outcome; nil when unknown (the duration then decides).
  static func outcome(_ word: String) -> Outcome? {
    switch word.lowercased().replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ") {
    case "answered", "completed", "connected", "ok", "success": .completed
    case "no answer", "noanswer", "missed", "unanswered", "canceled", "cancelled", "not answered": .missed
    case "busy", "rejected", "declined", "refused": .rejected
    case "failed", "congestion", "error": .failed
    case "voicemail", "voice mail": .voicemail
    case "blocked": .blocked
    default: nil
    }
  }

  /// The longest call read: ten days.
  static let longestCall = 10 * 86_400

  /// A duration in seconds: `75`, `75000` (ms), `1.5` (min), `1:15`, `0:01:15`; 0 when there is
  /// none or it is not a number; nil when it is no call's length (negative, not finite, more than
  /// ``longestCall``, more than three clock fields).
  static func seconds(_ text: String?, unit: CallCSVMapping.DurationUnit) -> Int? {
    guard let text else { return 0 }
    if unit == .clock || text.contains(":") {
      let parts = text.split(separator: ":", omittingEmptySubsequences: false)
      guard parts.count <= 3 else { return nil }
      // Each field capped before it is multiplied: no overflow, and the range check decides.
      let total = parts.reduce(0) { $0 * 60 + min(max(Int($1) ?? 0, -1), 10_000_000) }
      return (0...longestCall).contains(total) ? total : nil
    }
    guard let v = Double(text) else { return 0 }
    let s =
      switch unit {
      case .milliseconds: v / 1000
      case .minutes: v * 60
      default: v
      }
    guard s.isFinite, s >= 0, s <= Double(longestCall) else { return nil }
    return Int(s.rounded())
  }
}

private enum Message {
  static let noMapping = Phrase(
    "call_csv.no_mapping",
    "no column mapping for this CSV: give the source a `csv:` mapping (or `preset: asterisk`/`twilio`) in the case file"
  )
  static let noTime = Phrase("call_csv.no_time", "no time in the time column")
  static func badDuration(_ d: String) -> Phrase {
    Phrase(
      "call_csv.bad_duration", "duration '{duration}': not a call's length (0 to {days} days)",
      ["duration": .text(d), "days": "\(CallCSVReader.longestCall / 86_400)"])
  }
  static func badTime(_ t: String, _ e: TimeError) -> Phrase { Phrase.badTimestamp(t, e) }
  static func missingColumn(_ c: String) -> Phrase {
    Phrase(
      "call_csv.missing_column", "the mapping names a column '{column}' that the header does not have",
      ["column": .text(c)])
  }
}

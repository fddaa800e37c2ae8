import StorylineCore

/// Reads a WebLogic server or domain log record by record (formats.md §7.1).
///
/// A record starts at a line beginning `####<` and runs until the next one (stack traces and
/// multi-line messages included). Its fields are `<…>` groups: timestamp, severity, subsystem,
/// machine, server, thread, user, transaction, diagnostic context, raw time, (supplemental
/// attributes), message id, message text. Older versions have fewer; the message id is found
/// by its shape and the text is everything after it. The raw time (epoch milliseconds) is
/// preferred to the localized timestamp text; a disagreement of more than a second is a warning.
struct WebLogicReader: EvidenceReader {
  private var records: RecordSplitter
  private var state: ReaderState
  private var reportedPreamble = false

  /// Longest record kept (stack traces beyond it are cut).
  static let maxRecordBytes = 256 * 1024

  init(input: SourceInput, context: ReaderContext, format: String) throws {
    records = RecordSplitter(try LineReader(path: input.url), maxBytes: WebLogicReader.maxRecordBytes) {
      $0.starts(with: WebLogicReader.marker) || WebLogicReader.isStdoutRecord($0)
    }
    state = ReaderState(input: input, context: context, format: format)
  }

  var warnings: [Diagnostic] { state.warnings }

  private static let marker: [UInt8] = Array("####<".utf8)

  /// A line of the server's standard output (`.out`): `<Sep 22, 2008 12:19:37 PM CST> <Notice>
  /// <WebLogicServer> <BEA-000365> <Server state changed to RUNNING.>`.
  static func isStdoutRecord<C: RandomAccessCollection<UInt8>>(_ l: C) -> Bool where C.Index == Int {
    guard l.count > 12, l.first == 0x3C, let b = l.dropFirst().first,
      TimestampBytes.isAlpha(b) || TimestampBytes.isDigit(b)
    else { return false }
    // `> <` after the time, then another group.
    var k = l.startIndex + 1
    while k + 2 < l.endIndex && k - l.startIndex < 80 {
      if l[k] == 0x3E && l[k + 1] == 0x20 && l[k + 2] == 0x3C { return true }
      k += 1
    }
    return false
  }

  mutating func next() throws -> ReaderItem? {
    let next = records.next()
    if !reportedPreamble, let first = records.skippedLines.first {
      reportedPreamble = true
      state.warn(Message.notARecord, line: first)
    }
    guard let r = next else { return nil }
    var record = Array(r.header)
    for l in r.body {
      record.append(0x0A)
      record.append(contentsOf: l)
    }
    state.records += 1
    if r.truncated { state.warn(Message.truncated(WebLogicReader.maxRecordBytes), line: r.line) }
    return parse(record, line: r.line)
  }

  /// The record's `<…>` groups and, for each, the offset just after it.
  private func groups(_ r: [UInt8], from start: Int, limit: Int) -> [(Range<Int>, next: Int)] {
    var out: [(Range<Int>, next: Int)] = []
    r.withUnsafeBufferPointer { p in
      AngleGroups.scan(p, from: start, limit: limit) { _, g in out.append((g, g.upperBound + 1)) }
    }
    return out
  }

  private static func isMessageID(_ s: String) -> Bool {
    // BEA-000365, or another catalog's PREFIX-nnnnnn, or a bare 6-digit id.
    if let dash = s.firstIndex(of: "-") {
      let prefix = s[..<dash]
      let num = s[s.index(after: dash)...]
      return !prefix.isEmpty && prefix.allSatisfy({ $0.isUppercase && $0.isASCII }) && num.count >= 6
        && num.allSatisfy({ $0.isASCII && $0.isNumber })
    }
    return s.count == 6 && s.allSatisfy { $0.isASCII && $0.isNumber }
  }

  private mutating func parse(_ r: [UInt8], line: Int) -> ReaderItem {
    let excerpt = String(decoding: r.prefix(120), as: UTF8.self)
    let stdout = !r.starts(with: WebLogicReader.marker)
    let gs = groups(r, from: stdout ? 0 : 4, limit: 12)
    func text(_ k: Int) -> String { String(decoding: r[gs[k].0], as: UTF8.self) }
    guard gs.count >= 3 else { return state.reject(Message.tooFewFields, line: line, excerpt: excerpt) }
    // The message id is the first group from the 9th on (8th on WLS ≤ 8.1; the 4th in `.out`
    // lines) shaped like one.
    var idIndex: Int? = nil
    for k in gs.indices where k >= (stdout ? 3 : 7) && WebLogicReader.isMessageID(text(k)) {
      idIndex = k
      break
    }
    guard let idx = idIndex else { return state.reject(Message.noMessageID, line: line, excerpt: excerpt) }
    // The text: after the id's group, to the record's last '>'.
    var body = ""
    var t = gs[idx].next
    while t < r.count && (r[t] == 32 || r[t] == 9) { t += 1 }
    if t < r.count && r[t] == 0x3C {
      var end = r.count
      while end > t + 1 && r[end - 1] != 0x3E { end -= 1 }
      body = String(decoding: r[(t + 1)..<max(t + 1, end - 1)], as: UTF8.self)
    }
    let timeText = text(0)
    // Time: the raw epoch milliseconds when present (field 10), else the text.
    var rawMillis: Int64? = nil
    if idx >= 10 {
      let raw = text(9)
      if raw.count >= 12 && raw.count <= 14, let v = Int64(raw) { rawMillis = v }
    }
    let fromText: Result<NormalizedTime, TimeError> =
      timeText.utf8.count <= 200 ? state.context.clock.normalize(timeText, line: line) : .failure(.noTimestamp)
    var time: NormalizedTime
    if let ms = rawMillis, case .success(let epoch) = state.context.clock.normalize(epoch: ms, unit: .milliseconds) {
      time = epoch
      if case .success(let t) = fromText {
        let diff = abs(t.instant.microseconds - epoch.instant.microseconds)
        if diff >= 1_000_000 {
          state.warn(
            Message.disagree(
              timeText, TimestampFormatter.utc(t.instant), TimestampFormatter.utc(epoch.instant, digits: 3)),
            line: line)
        }
      }
    } else {
      switch fromText {
      case .success(let t): time = t
      case .failure(let e): return state.reject(Message.badTime(timeText, e), line: line, excerpt: excerpt)
      }
    }
    let severityText = text(1)
    let messageID = text(idx)
    var attributes: [(key: String, value: String)] = [("message_id", messageID), ("subsystem", text(2))]
    if !stdout && gs.count > 3 { attributes.append(("machine", text(3))) }
    if !stdout && gs.count > 4 { attributes.append(("server", text(4))) }
    if !stdout && gs.count > 5 { attributes.append(("thread", text(5))) }
    if idx >= 9 { attributes.append(("ecid", text(8))) }
    attributes.append(("severity_text", severityText))
    let server = !stdout && gs.count > 4 ? text(4) : text(2)
    return state.event(
      time, line: line, originalTime: rawMillis.map { "\(timeText) [raw \($0)]" } ?? timeText, kind: .log,
      from: Party(person: nil, raw: server), text: "\(messageID) \(body)", severity: Severity(word: severityText),
      attributes: attributes)
  }
}

private enum Message {
  static let notARecord = "text before the first `####<` record is not a WebLogic record: skipped"
  static let tooFewFields = "not a WebLogic record: fewer than 3 `<…>` fields"
  static let noMessageID = "no message id (BEA-nnnnnn) among the record's fields"
  static func truncated(_ n: Int) -> String { "record longer than \(n) bytes: the rest was cut" }
  static func badTime(_ t: String, _ e: TimeError) -> String { "timestamp '\(t)': \(e)" }
  static func disagree(_ text: String, _ fromText: String, _ fromRaw: String) -> String {
    "the timestamp text '\(text)' (\(fromText)) disagrees with the raw time \(fromRaw): the raw time was used"
  }
}

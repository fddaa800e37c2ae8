import StorylineCore

/// Reads WebLogic server and domain log records (formats.md §7.1).
///
/// A record starts at a line beginning `####<` and runs until the next one (stack traces and
/// multi-line messages included). Its fields are `<…>` groups: timestamp, severity, subsystem,
/// machine, server, thread, user, transaction, diagnostic context, raw time, (supplemental
/// attributes), message id, message text. Older versions have fewer; the message id is found
/// by its shape and the text is everything after it. The raw time (epoch milliseconds) is
/// preferred to the localized timestamp text; a disagreement of more than a second is a warning.
/// The server's standard output (`.out`) has `<time> <severity> <subsystem> <id> <text>`.
public struct WebLogicTokenizer: LogTokenizer {
  /// What the event needs besides the time: the message id's group and the raw time, if used
  /// (the event re-reads the groups from the record).
  public struct Fields {
    var idIndex: Int
    var stdout: Bool
    var rawMillis: Int64?
  }

  public static var multiline: Bool { true }
  public var clock: SourceClock

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

  /// BEA-000365, or another catalog's PREFIX-nnnnnn, or a bare 6-digit id.
  static func isMessageID(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
    // Most groups fail on their first byte (a thread name, an ECID, the raw time).
    guard let first = r.first.map({ p[$0] }) else { return false }
    if TimestampBytes.isDigit(first) { return r.count == 6 && r.allSatisfy { TimestampBytes.isDigit(p[$0]) } }
    guard first &- 65 < 26, let dash = r.first(where: { p[$0] == 0x2D }) else { return false }
    return (r.lowerBound..<dash).allSatisfy { p[$0] &- 65 < 26 }
      && r.upperBound - dash - 1 >= 6 && ((dash + 1)..<r.upperBound).allSatisfy { TimestampBytes.isDigit(p[$0]) }
  }

  public mutating func token(_ p: UnsafeBufferPointer<UInt8>, number: Int) -> LineToken<Fields> {
    let marker = p.count > 5 && p[0] == 0x23 && p[1] == 0x23 && p[2] == 0x23 && p[3] == 0x23 && p[4] == 0x3C
    guard marker || WebLogicTokenizer.isStdoutRecord(p) else { return .continuation }
    // The groups the token needs: the time (0), the severity (1) and the raw time (9).
    var (time, level, raw) = (0..<0, 0..<0, 0..<0)
    var count = 0
    var idIndex: Int? = nil
    // The message id is the first group from the 8th on (7th on WLS ≤ 8.1; the 4th in `.out`
    // lines) shaped like one.
    let firstID = marker ? 7 : 3
    AngleGroups.scan(p, from: marker ? 4 : 0, limit: 12) { k, r in
      switch k {
      case 0: time = r
      case 1: level = r
      case 9: raw = r
      default: break
      }
      count = k + 1
      if k >= firstID && WebLogicTokenizer.isMessageID(p, r) { idIndex = k }
      return idIndex == nil
    }
    guard count >= 3 else { return .rejected(Message.tooFewFields) }
    guard let idx = idIndex else { return .rejected(Message.noMessageID) }
    let severity = LogSeverityWord.severity(p, level)
    // Time: the raw epoch milliseconds when present (field 10), else the text.
    var rawMillis: Int64? = nil
    if idx >= 10 {
      if raw.count >= 12 && raw.count <= 14 && raw.allSatisfy({ TimestampBytes.isDigit(p[$0]) }) {
        rawMillis = raw.reduce(Int64(0)) { $0 * 10 + Int64(p[$1] - 48) }
      }
    }
    let textRange = time
    var fields = Fields(idIndex: idx, stdout: !marker, rawMillis: rawMillis)
    if let ms = rawMillis, case .success(let epoch) = clock.normalize(epoch: ms, unit: .milliseconds) {
      return .record(RecordHead(time: epoch, severity: severity, fields: fields))
    }
    fields.rawMillis = nil
    guard textRange.count <= 200 else { return .rejected(Message.badTime(p.text(textRange), .noTimestamp)) }
    return record(
      clock.normalize(UnsafeBufferPointer(rebasing: p[textRange]), line: number), severity: severity, fields: fields
    ) { Message.badTime(p.text(textRange), $0) }
  }

  public mutating func event(_ head: RecordHead<Fields>, record r: UnsafeBufferPointer<UInt8>, line: Int)
    -> LogEventParts
  {
    let f = head.fields
    var gs = InlineArray<12, Range<Int>>(repeating: 0..<0)
    let count = AngleGroups.scan(r, from: f.stdout ? 0 : 4, limit: f.idIndex + 1) { k, g in
      gs[k] = g
      return true
    }
    func text(_ k: Int) -> String { r.text(gs[k]) }
    // The text: after the id's group, to the record's last '>'.
    var body = ""
    var t = gs[f.idIndex].upperBound + 1
    while t < r.count && (r[t] == 32 || r[t] == 9) { t += 1 }
    if t < r.count && r[t] == 0x3C {
      var end = r.count
      while end > t + 1 && r[end - 1] != 0x3E { end -= 1 }
      body = r.text((t + 1)..<max(t + 1, end - 1))
    }
    let timeText = text(0)
    // The raw time was used: the text is read only to check it against the raw time (the
    // evidence's own consistency, which merge does not report).
    var warning: Phrase? = nil
    if f.rawMillis != nil, gs[0].count <= 200,
      case .success(let t) = clock.normalize(UnsafeBufferPointer(rebasing: r[gs[0]]), line: line),
      abs(t.instant.microseconds - head.time.instant.microseconds) >= 1_000_000
    {
      warning = Message.disagree(
        timeText, TimestampFormatter.utc(t.instant), TimestampFormatter.utc(head.time.instant, digits: 3))
    }
    let messageID = text(f.idIndex)
    var attributes = Attributes(capacity: 7)
    attributes.append("message_id", messageID)
    attributes.append("subsystem", text(2))
    if !f.stdout && count > 3 { attributes.append("machine", text(3)) }
    if !f.stdout && count > 4 { attributes.append("server", text(4)) }
    if !f.stdout && count > 5 { attributes.append("thread", text(5)) }
    if f.idIndex >= 9 { attributes.append("ecid", text(8)) }
    attributes.append("severity_text", text(1))
    let server = !f.stdout && count > 4 ? text(4) : text(2)
    return LogEventParts(
      originalTime: f.rawMillis.map { "\(timeText) [raw \($0)]" } ?? timeText, from: server,
      text: "\(messageID) \(body)", attributes: attributes, warning: warning)
  }
}

private enum Message {
  static let tooFewFields = Phrase("weblogic.too_few_fields", "not a WebLogic record: fewer than 3 `<…>` fields")
  static let noMessageID = Phrase("weblogic.no_message_id", "no message id (BEA-nnnnnn) among the record's fields")
  static func badTime(_ t: String, _ e: TimeError) -> Phrase { Phrase.badTimestamp(t, e) }
  static func disagree(_ text: String, _ fromText: String, _ fromRaw: String) -> Phrase {
    Phrase(
      "weblogic.times_disagree",
      "the timestamp text '{text}' ({from_text}) disagrees with the raw time {from_raw}: the raw time was used",
      ["text": .text(text), "from_text": .text(fromText), "from_raw": .text(fromRaw)])
  }
}

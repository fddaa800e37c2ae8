import StorylineCore

/// Reads a WhatsApp chat export message by message.
///
/// The day/month order is decided from the whole file: a first component above 12 means day
/// first, a second above 12 month first; else the only order under which the dates never run
/// backwards; else the one nearest the case date; else the case's region — the rule recorded in
/// each event's `date_order` correction.
/// U+200E/U+200F marks are dropped and U+202F/U+00A0 read as spaces. Lines without a header
/// continue the message before. A line with no `Author: ` is a system line; attachment
/// placeholders are events of their own kind. A message reaches the chat's other members: the
/// case's `members`, else everyone seen writing plus the export's owner.
struct WhatsAppReader: EvidenceReader {
  private var records: RecordSplitter
  private var state: ReaderState
  private var reportedStray = false

  /// Longest message kept.
  static let maxMessageBytes = 64 * 1024
  private var members: [Party] = []
  /// A temporary copy this reader reads from (a chat taken out of a zip), removed with it.
  var keepAlive: TemporaryFile? = nil

  init(input: SourceInput, context: ReaderContext, format: String) throws {
    // First pass: the date order and who writes.
    var dayFirst: Bool? = nil
    var authors: [String] = []
    var dates: [(Int, Int, Int)] = []
    let scan = try LineReader(path: input.url)
    while let l = scan.next() {
      guard let h = WhatsAppReader.header(String(decoding: l, as: UTF8.self)) else { continue }
      if let a = h.author, !authors.contains(a) { authors.append(a) }
      guard !h.orderKnown else { continue }
      if h.first > 12 { dayFirst = true } else if h.second > 12 && dayFirst == nil { dayFirst = false }
      if dates.count < 100_000 { dates.append((h.first, h.second, h.year)) }
    }
    // Undecided by a number above 12: the only order under which the dates never run backwards
    // within a year (the export's messages are in time order); then the order that puts the chat
    // nearest the case date; then the case's region.
    var rule = DateOrderRule.region
    if dayFirst == nil {
      func backwards(_ dayFirst: Bool) -> Int {
        var previous: (Int, Int, Int)? = nil
        var count = 0
        for (f, s, y) in dates {
          let here = (y, dayFirst ? s : f, dayFirst ? f : s)
          if let p = previous, p.0 == here.0, (p.1, p.2) > (here.1, here.2) { count += 1 }
          previous = here
        }
        return count
      }
      let (dm, md) = (backwards(true), backwards(false))
      if dm != md && min(dm, md) == 0 {
        dayFirst = dm == 0
        rule = .chronology
      }
    }
    if dayFirst == nil, let caseDate = context.clock.normalizer.caseDate {
      func distance(_ dayFirst: Bool) -> Int64 {
        dates.map { f, s, y in
          let d = CivilDate(year: y < 100 ? 2000 + y : y, month: dayFirst ? s : f, day: dayFirst ? f : s)
          return d.isValid ? abs(d.daysSinceEpoch - caseDate.daysSinceEpoch) : Int64.max / 2
        }.min() ?? Int64.max
      }
      let (dm, md) = (distance(true), distance(false))
      if dm != md {
        dayFirst = dm < md
        rule = .caseDate
      }
    }
    var ctx = context
    var normalizer = context.clock.normalizer
    normalizer.dayFirst = dayFirst ?? normalizer.dayFirst
    normalizer.dateOrderRule = rule
    ctx.clock = normalizer.clock(zone: context.clock.sourceZone, clockOffsetMicros: context.clock.clockOffsetMicros)
    ctx.clock.fileTime = context.clock.fileTime
    ctx.clock.estimate = context.clock.estimate
    state = ReaderState(input: input, context: ctx, format: format)
    records = RecordSplitter(
      try LineReader(path: input.url), maxBytes: WhatsAppReader.maxMessageBytes,
      skipReason: "text before the first message header"
    ) {
      WhatsAppReader.header(String(decoding: $0, as: UTF8.self)) != nil
    }
    if !dates.isEmpty && (dates.allSatisfy { $0.0 <= 12 && $0.1 <= 12 }) {
      state.warn(Message.order(normalizer.dayFirst, rule), line: 0)
    }
    if context.members.isEmpty {
      members = authors.map { state.party($0) }
      if let owner = context.owner, !members.contains(where: { $0.person == owner }) { members.append(state.owner) }
      if !authors.isEmpty { state.warn(Message.membersAssumed(members.map(\.display)), line: 0) }
    } else {
      members = context.members.map { Party(person: $0, raw: $0) }
    }
  }

  var warnings: [Diagnostic] { state.warnings }
  var skippedLines: [SkippedLines] { records.skipped.map { [$0] } ?? [] }

  /// A message header: its date and time as read, the author and the text.
  struct Header {
    /// The date's two non-year numbers in the order written (day and month, in an order the
    /// whole file decides) — or, when the year comes first or second, month and day.
    var first: Int
    var second: Int
    /// The year as written (2 or 4 digits).
    var year: Int
    /// The year was written before the day (`2018/06/13`, `06/2018/13`): the order is known.
    var orderKnown: Bool
    var hour: Int
    var minute: Int
    var seconds: Int?
    /// The date and time exactly as the export wrote them.
    var stamp: String
    var author: String?
    var text: String

    /// The time in a form the clock reads whatever the export's layout: the date's numbers with
    /// `/` (the clock applies the file's day/month order and reads a two-digit year as such) or
    /// in ISO order when the year came first, and a 24-hour time.
    var canonical: String {
      let time =
        String(format: "%02d:%02d", hour, minute) + (seconds.map { String(format: ":%02d", $0) } ?? "")
      if orderKnown { return String(format: "%04d-%02d-%02d ", year, first, second) + time }
      return "\(first)/\(second)/\(year < 100 ? String(format: "%02d", year) : String(year)) " + time
    }
  }

  /// Reads a header in any layout WhatsApp writes (the whatsapp-chat-parser test suite's ten and
  /// their kin): `[`? date (three numbers, `/ . -` with a space allowed after a dot, a trailing
  /// dot) `,`? ` ` (`klo `)? time (`h:mm`, `h.mm`, seconds optional, `AM`/`p.m.`/`p. m.`) and then
  /// `] `, ` - `, `: ` or a space before `author: text`. A continuation line that merely starts
  /// with a date and time (nothing after it) is no header.
  static func header(_ raw: String) -> Header? {
    let line = Array(clean(raw).utf8)
    var i = 0
    func number(_ maxDigits: Int) -> (value: Int, digits: Int)? {
      var v = 0
      var n = 0
      while i < line.count, n < maxDigits, line[i] >= 0x30, line[i] <= 0x39 {
        v = v * 10 + Int(line[i] - 0x30)
        n += 1
        i += 1
      }
      return n == 0 ? nil : (v, n)
    }
    func skip(_ s: String) -> Bool {
      let b = Array(s.utf8)
      guard i + b.count <= line.count, Array(line[i..<(i + b.count)]) == b else { return false }
      i += b.count
      return true
    }
    let bracket = skip("[")
    guard let n1 = number(4) else { return nil }
    var parts = [n1]
    for _ in 0..<2 {
      guard i < line.count, line[i] == 0x2F || line[i] == 0x2E || line[i] == 0x2D else { return nil }
      let dot = line[i] == 0x2E
      i += 1
      if dot { _ = skip(" ") }
      guard let n = number(4) else { return nil }
      parts.append(n)
    }
    _ = skip(".")
    let dateEnd = i
    _ = skip(",")
    guard skip(" ") else { return nil }
    _ = skip("klo ")
    let timeStart = i
    guard let h = number(2), h.value < 24 || h.value == 24 else { return nil }
    guard i < line.count, line[i] == 0x3A || line[i] == 0x2E else { return nil }
    i += 1
    guard let m = number(2), m.digits == 2, m.value < 60 else { return nil }
    var sec: Int? = nil
    if i + 2 < line.count, line[i] == 0x3A || line[i] == 0x2E, line[i + 1] >= 0x30, line[i + 1] <= 0x39 {
      i += 1
      guard let s = number(2), s.digits == 2, s.value < 61 else { return nil }
      sec = s.value
    }
    // AM/PM in its spellings: AM, am, a.m., a. m. (and the same with p).
    var hour = h.value
    let beforeMeridiem = i
    _ = skip(" ")
    if i < line.count, [0x41, 0x61, 0x50, 0x70].contains(line[i]) {
      let pm = line[i] == 0x50 || line[i] == 0x70
      i += 1
      _ = skip(".")
      _ = skip(" ")
      if i < line.count, line[i] == 0x4D || line[i] == 0x6D {
        i += 1
        _ = skip(".")
        guard hour >= 1 && hour <= 12 else { return nil }
        hour = (hour % 12) + (pm ? 12 : 0)
      } else {
        i = beforeMeridiem
      }
    } else {
      i = beforeMeridiem
    }
    let timeEnd = i
    // What ends the header.
    let body: [UInt8]
    if bracket {
      guard skip("]") else { return nil }
      _ = skip(" ")
      body = Array(line[i...])
    } else if skip(" - ") || skip(": ") {
      body = Array(line[i...])
    } else if skip(" ") {
      body = Array(line[i...])
      // `13. 6. 2018. 21:25:15 a: m`: only with an author, so that a line starting with a
      // date and time inside a message is not taken for a new one.
      guard String(decoding: body, as: UTF8.self).contains(": ") else { return nil }
    } else {
      return nil
    }
    let date = String(decoding: line[..<dateEnd], as: UTF8.self).dropFirst(bracket ? 1 : 0)
    let stamp = date + ", " + String(decoding: line[timeStart..<timeEnd], as: UTF8.self)
    let text = String(decoding: body, as: UTF8.self)
    var author: String? = nil
    var message = text
    if let colon = text.range(of: ": ") {
      author = String(text[..<colon.lowerBound])
      message = String(text[colon.upperBound...])
    } else if text.hasSuffix(":") {
      author = String(text.dropLast())
      message = ""
    }
    // The year is the number written with 4 digits (or above 31); first, second or last.
    let v = parts.map(\.value)
    let y1 = parts[0].digits == 4 || v[0] > 31
    let y2 = !y1 && (parts[1].digits == 4 || v[1] > 31)
    let (first, second, year, known) =
      y1 ? (v[1], v[2], v[0], true) : y2 ? (v[0], v[2], v[1], true) : (v[0], v[1], v[2], false)
    return Header(
      first: first, second: second, year: year, orderKnown: known, hour: hour, minute: m.value, seconds: sec,
      stamp: String(stamp), author: author, text: message)
  }

  /// Removes direction marks; reads narrow and no-break spaces as spaces.
  static func clean(_ line: String) -> String {
    var s = ""
    s.unicodeScalars.append(
      contentsOf: line.unicodeScalars.compactMap {
        switch $0 {
        case "\u{200E}", "\u{200F}", "\u{202A}", "\u{202C}", "\u{FEFF}": nil
        case "\u{202F}", "\u{00A0}": " "
        default: $0
        }
      })
    return s
  }

  /// The file an attachment line names: `<attached: 00000042-PHOTO-….jpg>` (iOS),
  /// `IMG-20220205-WA0028.jpg (file attached)` (Android).
  static func attachedFile(_ text: String) -> String? {
    if text.hasPrefix("<"), text.hasSuffix(">") {
      let inner = String(text.dropFirst().dropLast()).trimmingSpaces
      if inner.hasPrefix("attached:") { return String(inner.dropFirst("attached:".count)).trimmingSpaces }
    }
    if text.hasSuffix(" (file attached)") { return String(text.dropLast(" (file attached)".count)).trimmingSpaces }
    return nil
  }

  static let placeholders = [
    "<Media omitted>", "image omitted", "video omitted", "audio omitted", "sticker omitted", "GIF omitted",
    "document omitted", "Contact card omitted",
  ]

  mutating func next() throws -> Event? {
    let next = records.next()
    if !reportedStray, let stray = records.skipped {
      reportedStray = true
      state.warn(Message.beforeFirst, line: stray.firstLine)
    }
    guard let r = next else { return nil }
    let first = (String(decoding: r.header, as: UTF8.self), r.line)
    // The splitter started this record because its first line is a header.
    let h = WhatsAppReader.header(first.0)!
    var text = [h.text]
    for l in r.body { text.append(WhatsAppReader.clean(String(decoding: l, as: UTF8.self))) }
    if r.truncated { state.warn(Message.truncated(WhatsAppReader.maxMessageBytes), line: r.line) }
    while text.count > 1 && text.last!.trimmingSpaces.isEmpty { text.removeLast() }
    state.records += 1
    let time = try state.time(
      state.context.clock.normalize(h.canonical, line: first.1), line: first.1, excerpt: String(first.0.prefix(80))
    ) { e in
      Message.badTime(h.stamp, e)
    }
    let body = text.joined(separator: "\n")
    guard let author = h.author else {
      return state.event(time, line: first.1, originalTime: h.stamp, kind: .system, from: nil, text: body)
    }
    let from = author == "You" ? state.owner : state.party(author)
    let to = members.filter { $0.display != from.display }
    var attributes: Attributes = []
    var clean = body
    if clean.hasSuffix("<This message was edited>") {
      clean = String(clean.dropLast("<This message was edited>".count)).trimmingSpaces
      attributes.append(("edited", "true"))
    }
    if clean == "This message was deleted" || clean == "You deleted this message" {
      attributes.append(("deleted", "true"))
    }
    let isAttachment =
      WhatsAppReader.placeholders.contains(clean) || clean.hasSuffix("(file attached)")
      || WhatsAppReader.attachedFile(clean) != nil
    if let file = WhatsAppReader.attachedFile(clean) { attributes.append(("file", file)) }
    return state.event(
      time, line: first.1, originalTime: h.stamp, kind: isAttachment ? .attachment : .chat, from: from, to: to,
      text: clean,
      outcome: isAttachment ? nil : .completed, attributes: attributes)
  }
}

private enum Message {
  static let beforeFirst = Phrase("whatsapp.before_first", "text before the first message header: skipped")
  static func truncated(_ n: Int) -> Phrase {
    Phrase("whatsapp.truncated", "message longer than {bytes} bytes: the rest was left out", ["bytes": "\(n)"])
  }
  static func badTime(_ t: String, _ e: TimeError) -> Phrase { Phrase.badTimestamp(t, e) }
  static func order(_ dayFirst: Bool, _ rule: DateOrderRule) -> Phrase {
    Phrase(
      "whatsapp.order", "no date in the file shows its order: read {order}, {rule}",
      ["order": .phrase(Phrase.order(dayFirst: dayFirst)), "rule": .phrase(rule.phrase)])
  }
  static func membersAssumed(_ m: [String]) -> Phrase {
    Phrase(
      "chat.members_assumed.named",
      "members not given in the case: taken as everyone seen writing and the owner ({members})",
      ["members": .text(m.joined(separator: ", "))])
  }
}

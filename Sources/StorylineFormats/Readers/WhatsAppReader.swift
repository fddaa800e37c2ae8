import StorylineCore

/// Reads a WhatsApp chat export message by message.
///
/// The day/month order is decided from the whole file first (a first component above 12 means
/// day first, a second above 12 month first), else from the case's region, and recorded.
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
    var firstDates: [(Int, Int, Int)] = []
    let scan = try LineReader(path: input.url)
    while let l = scan.next() {
      guard let h = WhatsAppReader.header(String(decoding: l, as: UTF8.self)) else { continue }
      if h.first > 12 { dayFirst = true } else if h.second > 12 && dayFirst == nil { dayFirst = false }
      if let a = h.author, !authors.contains(a) { authors.append(a) }
      if firstDates.count < 1000 { firstDates.append((h.first, h.second, h.year)) }
    }
    // Still undecided: the order that puts the chat nearest the case date, if one does.
    let undecidedByFile = dayFirst == nil
    if dayFirst == nil, let caseDate = context.clock.normalizer.caseDate {
      func distance(_ dayFirst: Bool) -> Int64 {
        firstDates.map { f, s, y in
          let d = CivilDate(year: y < 100 ? 2000 + y : y, month: dayFirst ? s : f, day: dayFirst ? f : s)
          return d.isValid ? abs(d.daysSinceEpoch - caseDate.daysSinceEpoch) : Int64.max / 2
        }.min() ?? Int64.max
      }
      let (dm, md) = (distance(true), distance(false))
      if dm != md { dayFirst = dm < md }
    }
    var ctx = context
    var normalizer = context.clock.normalizer
    let decided = dayFirst
    normalizer.dayFirst = dayFirst ?? normalizer.dayFirst
    ctx.clock = normalizer.clock(zone: context.clock.sourceZone, clockOffsetMicros: context.clock.clockOffsetMicros)
    ctx.clock.fileTime = context.clock.fileTime
    state = ReaderState(input: input, context: ctx, format: format)
    records = RecordSplitter(try LineReader(path: input.url), maxBytes: WhatsAppReader.maxMessageBytes) {
      WhatsAppReader.header(String(decoding: $0, as: UTF8.self)) != nil
    }
    if decided == nil && !firstDates.isEmpty {
      state.warn(Message.orderAssumed(normalizer.dayFirst), line: 0)
    } else if undecidedByFile {
      state.warn(Message.orderFromCaseDate(normalizer.dayFirst), line: 0)
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

  /// A message header: the date's first two numbers, where the time ends, the author and the text.
  struct Header {
    var first: Int
    var second: Int
    /// The year as written (2 or 4 digits).
    var year: Int
    var stamp: String
    var author: String?
    var text: String
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

  static func header(_ raw: String) -> Header? {
    let line = clean(raw)
    var rest = Substring(line)
    let bracket = rest.hasPrefix("[")
    if bracket { rest = rest.dropFirst() }
    // date: n{1,4} sep n{1,2} sep n{2,4}
    let numbers = rest.prefix { $0.isNumber || $0 == "/" || $0 == "." || $0 == "-" || $0 == " " && false }
    let parts = numbers.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    guard parts.count >= 3, numbers.count >= 6 else { return nil }
    rest = rest.dropFirst(numbers.count)
    guard rest.hasPrefix(", ") || rest.hasPrefix(" ") else { return nil }
    // The time runs to "] " (iOS) or " - " (Android).
    let end = bracket ? rest.range(of: "] ") : rest.range(of: " - ")
    guard let end, rest.distance(from: rest.startIndex, to: end.lowerBound) <= 16 else { return nil }
    let time = rest[..<end.lowerBound].trimmingCharacters(in: [",", " "])
    guard time.first?.isNumber == true, time.contains(":") || time.contains(".") else { return nil }
    let stamp = String(numbers) + ", " + time
    let body = String(rest[end.upperBound...])
    var author: String? = nil
    var text = body
    if let colon = body.range(of: ": ") {
      author = String(body[..<colon.lowerBound])
      text = String(body[colon.upperBound...])
    } else if body.hasSuffix(":") {
      author = String(body.dropLast())
      text = ""
    }
    let first = parts[0] > 31 ? parts[1] : parts[0]
    let second = parts[0] > 31 ? parts[2] : parts[1]
    let year = parts[0] > 31 ? parts[0] : parts[2]
    return Header(first: first, second: second, year: year, stamp: stamp, author: author, text: text)
  }

  static let placeholders = [
    "<Media omitted>", "image omitted", "video omitted", "audio omitted", "sticker omitted", "GIF omitted",
    "document omitted", "Contact card omitted",
  ]

  mutating func next() throws -> Event? {
    let next = records.next()
    if !reportedStray, let stray = records.skippedLines.first {
      reportedStray = true
      state.warn(Message.beforeFirst, line: stray)
    }
    guard let r = next else { return nil }
    let first = (String(decoding: r.header, as: UTF8.self), r.line)
    var text = [WhatsAppReader.header(first.0)!.text]
    for l in r.body { text.append(WhatsAppReader.clean(String(decoding: l, as: UTF8.self))) }
    if r.truncated { state.warn(Message.truncated(WhatsAppReader.maxMessageBytes), line: r.line) }
    while text.count > 1 && text.last!.trimmingSpaces.isEmpty { text.removeLast() }
    state.records += 1
    let h = WhatsAppReader.header(first.0)!
    let time = try state.time(
      state.context.clock.normalize(h.stamp, line: first.1), line: first.1, excerpt: String(first.0.prefix(80))
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
      || clean.hasPrefix("<attached: ")
    return state.event(
      time, line: first.1, originalTime: h.stamp, kind: isAttachment ? .attachment : .chat, from: from, to: to,
      text: clean,
      outcome: isAttachment ? nil : .completed, attributes: attributes)
  }
}

private enum Message {
  static let beforeFirst = "text before the first message header: skipped"
  static func truncated(_ n: Int) -> String { "message longer than \(n) bytes: the rest was left out" }
  static func badTime(_ t: String, _ e: TimeError) -> String { "timestamp '\(t)': \(e)" }
  static func orderAssumed(_ dayFirst: Bool) -> String {
    "no date in the file shows its order: read \(dayFirst ? "day first" : "month first"), from the case's region"
  }
  static func orderFromCaseDate(_ dayFirst: Bool) -> String {
    "no date in the file shows its order: read \(dayFirst ? "day first" : "month first"), the order that puts the chat nearest the case date"
  }
  static func membersAssumed(_ m: [String]) -> String {
    "members not given in the case: taken as everyone seen writing and the owner (\(m.joined(separator: ", ")))"
  }
}

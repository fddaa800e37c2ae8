import StorylineCore

/// Reads a notes file entry by entry. See ``NotesFormat`` and the README's notes reference.
struct NotesReader: EvidenceReader {
  private let lines: LineReader
  private var state: ReaderState
  private var pushback: (ArraySlice<UInt8>, Int)? = nil
  /// Lines of text with no time, outside any entry: not records, reported once at the end.
  private var untimedLines: [Int] = []
  private var ended = false

  /// Longest text kept for one entry.
  static let maxEntryBytes = 64 * 1024

  init(input: SourceInput, context: ReaderContext, format: String) throws {
    lines = try LineReader(path: input.url)
    state = ReaderState(input: input, context: context, format: format)
  }

  var warnings: [Diagnostic] {
    state.warnings
  }

  private mutating func nextLine() -> (ArraySlice<UInt8>, Int)? {
    if let p = pushback {
      pushback = nil
      return p
    }
    guard let l = lines.next() else { return nil }
    if lines.lastLineTruncated {
      state.warn(Message.lineTruncated(lines.maxLineBytes), line: lines.lineNumber)
    }
    return (l, lines.lineNumber)
  }

  /// An entry being collected: its first line's parts and its continuation lines.
  private struct Entry {
    var line: Int
    var time: Result<NormalizedTime, TimeError>
    var originalTime: String
    var head: String
    var continuation: [String] = []
  }

  mutating func next() throws -> Event? {
    var entry: Entry? = nil
    while let (bytes, lineNo) = nextLine() {
      let text = String(decoding: bytes, as: UTF8.self)
      let stripped = NotesReader.stripMarkers(Substring(text))
      // A heading ends the entry; a heading holding a date sets the date for what follows.
      if stripped.hasPrefix("#") || isDateLine(stripped) {
        if entry != nil {
          pushback = (bytes, lineNo)
          break
        }
        let heading = stripped.drop(while: { $0 == "#" || $0 == " " || $0 == "*" || $0 == "_" })
        var h = String(heading)
        let date = h.withUTF8 { state.context.clock.datePrefix($0) }
        if date == nil {
          // A heading that starts like a date but is not one (`## 2024-02-30`): said, not guessed.
          var probe = state.context.clock
          let (result, consumed) = h.withUTF8 { probe.normalizePrefix($0, line: lineNo) }
          if consumed > 0, case .failure(let e) = result {
            state.warn(Message.badHeading(String(heading), e), line: lineNo)
          }
        }
        if let date, !date.hasTime {
          state.context.clock.setHeadingDate(date.date, line: lineNo)
          if date.orderAssumed {
            state.warn(
              Message.headingOrder(String(heading), date.date, state.context.clock.normalizer.dayFirst), line: lineNo)
          }
        }
        continue
      }
      // An entry starts with a time.
      var s = String(stripped)
      let parsed = s.withUTF8 { b -> (Result<NormalizedTime, TimeError>, Int, String)? in
        let (result, consumed) = state.context.clock.normalizePrefix(b, line: lineNo)
        guard consumed > 0 else { return nil }
        // The time must stand alone: "11:01 text", "11:01: text", "~12:00 - text".
        if consumed < b.count {
          let after = b[consumed]
          if !(after == 32 || after == 9 || after == 0x3A || after == 0x2D || after == 0x2C || after == 0x2A
            || after >= 0x80
            || after == 0x7C || after == 0x29)
          {
            return nil
          }
        }
        let original = String(decoding: UnsafeBufferPointer(rebasing: b[0..<consumed]), as: UTF8.self)
        return (result, consumed, original.trimmingSpaces)
      }
      if let (result, consumed, original) = parsed {
        if entry != nil {
          pushback = (bytes, lineNo)
          break
        }
        let rest = String(decoding: Array(s.utf8)[consumed...], as: UTF8.self)
        entry = Entry(line: lineNo, time: result, originalTime: original, head: NotesReader.stripSeparator(rest))
        continue
      }
      if entry != nil {
        entry!.continuation.append(text)
      } else if !text.trimmingSpaces.isEmpty {
        untimedLines.append(lineNo)
      }
    }
    guard let e = entry else {
      if !ended {
        ended = true
        if !untimedLines.isEmpty {
          state.warn(Message.untimed(untimedLines), line: untimedLines[0])
        }
      }
      return nil
    }
    return try makeItem(e)
  }

  /// A name as the notebook's writer uses it: `me`, `I`, `myself` are the notebook's owner.
  private func party(_ raw: String) -> Party {
    if let owner = state.context.owner, ["me", "i", "myself"].contains(raw.lowercased()) {
      return Party(person: owner, raw: raw)
    }
    return state.context.directory.party(raw)
  }

  /// Whether a line starts with a date and no time (`Monday, 22 September 2008`, `22/09/2008 site log`):
  /// such a line is a heading.
  private func isDateLine(_ s: Substring) -> Bool {
    var str = String(s.drop { $0 == "*" || $0 == "_" })
    return str.withUTF8 { b in state.context.clock.datePrefix(b).map { !$0.hasTime } ?? false }
  }

  private mutating func makeItem(_ e: Entry) throws -> Event {
    state.records += 1
    var body = e.continuation
    while let last = body.last, last.trimmingSpaces.isEmpty { body.removeLast() }
    switch e.time {
    case .failure(let error):
      throw state.reject(Message.badTime(e.originalTime, error), line: e.line, excerpt: String(e.head.prefix(80)))
    case .success(let t):
      let (kind, from, to, outcome, headText) = parseHead(e.head, line: e.line)
      var text = ([headText] + body).joined(separator: "\n").trimmingSpaces
      if text.utf8.count > NotesReader.maxEntryBytes {
        text = String(decoding: text.utf8.prefix(NotesReader.maxEntryBytes), as: UTF8.self) + " …"
      }
      return state.event(
        t, line: e.line, originalTime: e.originalTime, kind: kind, from: from, to: to, text: text, outcome: outcome)
    }
  }

  /// `A -> B, C (channel, outcome): text`, `A: text`, or plain text.
  private mutating func parseHead(_ head: String, line: Int) -> (EventKind, Party?, [Party], Outcome?, String) {
    let ownerParty = state.context.owner.map { Party(person: $0, raw: $0) }
    if let arrow = head.range(of: "->") ?? head.range(of: "→") {
      let fromText = head[..<arrow.lowerBound].trimmingSpaces
      var afterArrow = head[arrow.upperBound...]
      var rest = ""
      var channel: String? = nil
      if let close = afterArrow.firstIndex(of: ")"), let open = afterArrow[..<close].lastIndex(of: "("),
        afterArrow[..<open].firstIndex(of: ":") == nil
      {
        channel = String(afterArrow[afterArrow.index(after: open)..<close])
        rest = String(afterArrow[afterArrow.index(after: close)...])
        afterArrow = afterArrow[..<open]
      } else if let colon = afterArrow.firstIndex(of: ":") {
        rest = String(afterArrow[afterArrow.index(after: colon)...])
        afterArrow = afterArrow[..<colon]
      } else {
        return (.note, ownerParty, [], nil, head)
      }
      let toNames = afterArrow.replacingOccurrences(of: " and ", with: ",").replacingOccurrences(of: "&", with: ",")
        .split(separator: ",").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
      guard !fromText.isEmpty, !toNames.isEmpty else { return (.note, ownerParty, [], nil, head) }
      var kind = EventKind.message
      var outcome: Outcome? = .completed
      if let channel {
        let parts = channel.split(separator: ",").map { $0.trimmingSpaces }
        if let first = parts.first, !first.isEmpty {
          if let k = EventKind.channel(first) {
            kind = k
          } else if let o = Outcome(word: first) {
            outcome = o
          } else {
            state.warn(Message.unknownChannel(first), line: line)
          }
        }
        for p in parts.dropFirst() {
          if let o = Outcome(word: p) {
            outcome = o
          } else {
            state.warn(Message.unknownOutcome(p), line: line)
          }
        }
      }
      var text = rest.trimmingSpaces
      if text.hasPrefix(":") { text = String(text.dropFirst()).trimmingSpaces }
      return (kind, party(fromText), toNames.map { party($0) }, outcome, text)
    }
    if let colon = head.firstIndex(of: ":"), head.distance(from: head.startIndex, to: colon) <= 40 {
      let actor = head[..<colon].trimmingSpaces
      let who = party(actor)
      if who.person != nil {
        return (.note, who, [], nil, head[head.index(after: colon)...].trimmingSpaces)
      }
    }
    return (.note, ownerParty, [], nil, head)
  }

  /// Drops list markers and emphasis around a leading time: `- `, `* `, `1. `, `> `, `**`.
  static func stripMarkers(_ s: Substring) -> Substring {
    var t = s.drop(while: { $0 == " " || $0 == "\t" || $0 == "\u{200E}" || $0 == "\u{FEFF}" })
    for marker in ["- [ ] ", "- [x] ", "- ", "* ", "+ ", "> ", "• "] where t.hasPrefix(marker) {
      t = t.dropFirst(marker.count)
      break
    }
    if let dot = t.firstIndex(of: "."), t[..<dot].count <= 3, t[..<dot].allSatisfy(\.isNumber), !t[..<dot].isEmpty,
      t[t.index(after: dot)...].hasPrefix(" ")
    {
      t = t[t.index(dot, offsetBy: 2)...]
    }
    for emphasis in ["**", "__", "`"] where t.hasPrefix(emphasis) {
      t = t.dropFirst(emphasis.count)
      if let close = t.range(of: emphasis), t.distance(from: t.startIndex, to: close.lowerBound) <= 24 {
        t = Substring(String(t[..<close.lowerBound]) + String(t[close.upperBound...]))
      }
      break
    }
    return t
  }

  /// Drops what separates a time from its text: spaces, `-`, `–`, `—`, `:`, `|`.
  static func stripSeparator(_ s: String) -> String {
    var t = Substring(s)
    while let c = t.first, c == " " || c == "\t" || c == "-" || c == "–" || c == "—" || c == ":" || c == "|" || c == ","
    {
      t = t.dropFirst()
    }
    return String(t)
  }
}

extension StringProtocol {
  /// Without leading and trailing spaces, tabs and line ends.
  var trimmingSpaces: String {
    String(self).trimmingCharacters(in: [" ", "\t", "\r", "\n", "\u{A0}"])
  }
}

private enum Message {
  static func untimed(_ lines: [Int]) -> Phrase {
    // Compress to ranges: 3, 18–19.
    var ranges: [String] = []
    var i = 0
    while i < lines.count {
      var j = i
      while j + 1 < lines.count && lines[j + 1] == lines[j] + 1 { j += 1 }
      ranges.append(i == j ? "\(lines[i])" : "\(lines[i])–\(lines[j])")
      i = j + 1
    }
    let shown = ranges.prefix(12).joined(separator: ", ") + (ranges.count > 12 ? ", …" : "")
    return lines.count == 1
      ? Phrase(
        "notes.untimed.one", "1 line of text with no time (line {lines}) is not on the timeline",
        ["lines": .text(shown)])
      : Phrase(
        "notes.untimed", "{n} lines of text with no time (lines {lines}) are not on the timeline",
        ["n": "\(lines.count)", "lines": .text(shown)])
  }
  static func lineTruncated(_ n: Int) -> Phrase {
    Phrase("notes.line_truncated", "line longer than {bytes} bytes: the rest of it was skipped", ["bytes": "\(n)"])
  }
  static func badTime(_ t: String, _ e: TimeError) -> Phrase { Phrase.badTimestamp(t, e) }
  static func unknownChannel(_ c: String) -> Phrase {
    Phrase(
      "notes.unknown_channel",
      "unknown channel '{channel}' (call, sms, chat, email, meeting, in person): read as a message of unknown channel",
      ["channel": .text(c)])
  }
  static func unknownOutcome(_ o: String) -> Phrase {
    Phrase(
      "notes.unknown_outcome",
      "unknown outcome '{outcome}' (answered, missed, unanswered, rejected, voicemail, failed): ignored",
      ["outcome": .text(o)])
  }
  static func badHeading(_ h: String, _ e: TimeError) -> Phrase {
    Phrase(
      "notes.bad_heading", "heading '{heading}' is not a date ({error}): the entries under it keep the date before",
      ["heading": .text(h), "error": .phrase(e.phrase)])
  }
  static func headingOrder(_ h: String, _ d: CivilDate, _ dayFirst: Bool) -> Phrase {
    Phrase(
      "notes.heading_order", "date heading '{heading}' is ambiguous: read {order} as {date}, from the case's region",
      ["heading": .text(h), "order": .phrase(Phrase.order(dayFirst: dayFirst)), "date": "\(d)"])
  }
}

import Foundation
import StorylineCore

/// Reads e-mail message by message, streaming an mbox.
///
/// Messages start at `From ` lines that look like mbox separators (an .eml has one message).
/// The `Date:` header is the time (RFC 5322, obsolete zones such as `EST` read as RFC 5322 says,
/// not against the case zone); `From`, `To` and `Cc` resolve to people by address, then name;
/// `Subject` has its RFC 2047 encoded-words decoded; the first `text/plain` part, decoded from
/// quoted-printable or base64 in its charset, is the text (cut at 2,000 characters).
struct EmailReader: EvidenceReader {
  private let lines: LineReader
  private var state: ReaderState
  private var pendingFromLine: (String, Int)? = nil
  private var started = false

  static let maxBodyCharacters = 2_000
  static let maxMessageBytes = 4 << 20

  init(input: SourceInput, context: ReaderContext, format: String) throws {
    lines = try LineReader(path: input.url)
    state = ReaderState(input: input, context: context, format: format)
  }

  var warnings: [Diagnostic] { state.warnings }

  /// Whether a line is an mbox separator (`From sender date`), not a body line starting "From ".
  static func isSeparator(_ line: String) -> Bool {
    guard line.hasPrefix("From ") else { return false }
    let words = line.split(separator: " ")
    return words.count >= 3 && line.contains(":") && words.contains { $0.count == 4 && Int($0) != nil }
  }

  mutating func next() throws -> Event? {
    // Collect one message's lines (bounded), from its separator or first header.
    var messageLines: [String] = []
    var size = 0
    var firstLine = 0
    if let p = pendingFromLine {
      firstLine = p.1
      pendingFromLine = nil
    }
    while let l = lines.next() {
      let s = String(decoding: l, as: UTF8.self)
      if EmailReader.isSeparator(s) {
        if started && (!messageLines.isEmpty || firstLine > 0) {
          pendingFromLine = (s, lines.lineNumber)
          break
        }
        started = true
        firstLine = lines.lineNumber
        continue
      }
      if firstLine == 0 {
        started = true
        firstLine = lines.lineNumber
      }
      size += s.utf8.count + 1
      if size <= EmailReader.maxMessageBytes {
        // mboxrd: ">From " in a body is an escaped "From ".
        messageLines.append(s.hasPrefix(">From ") ? String(s.dropFirst()) : s)
      }
    }
    if messageLines.allSatisfy({ $0.trimmingSpaces.isEmpty }) && pendingFromLine == nil { return nil }
    state.records += 1
    return try message(messageLines, line: firstLine)
  }

  private mutating func message(_ raw: [String], line: Int) throws -> Event {
    let (headers, bodyStart) = EmailReader.headers(raw)
    func header(_ name: String) -> String? { headers.first { $0.0 == name }?.1 }
    let excerpt = header("subject").map { EmailReader.decodeWords($0) } ?? ""
    guard let date = header("date") else { throw state.reject(Message.noDate, line: line, excerpt: excerpt) }
    let time = try state.time(
      state.context.clock.normalize(EmailReader.numericZone(date), line: line), line: line, excerpt: excerpt
    ) { e in
      Message.badDate(date, e)
    }
    let from = header("from").flatMap { EmailReader.addresses(EmailReader.decodeWords($0)).first }
    let to =
      (header("to").map { EmailReader.addresses(EmailReader.decodeWords($0)) } ?? [])
      + (header("cc").map { EmailReader.addresses(EmailReader.decodeWords($0)) } ?? [])
    let subject = header("subject").map { EmailReader.decodeWords($0) } ?? ""
    var body = EmailReader.plainText(headers: headers, lines: Array(raw[bodyStart...]))
    if body.count > EmailReader.maxBodyCharacters { body = String(body.prefix(EmailReader.maxBodyCharacters)) + " …" }
    var attributes: Attributes = [("subject", subject)]
    for key in ["message-id", "in-reply-to"] {
      if let v = header(key) { attributes.append((key, v.trimmingSpaces)) }
    }
    // The first server's stamp (the bottom-most Received: header, after its `;`): a clock
    // other than the sender's, for the clock estimate.
    if let hop = headers.last(where: { $0.0 == "received" })?.1, let semicolon = hop.lastIndex(of: ";") {
      let stamp = hop[hop.index(after: semicolon)...].trimmingSpaces
      if !stamp.isEmpty { attributes.append(("received", String(stamp.prefix(80)))) }
    }
    let text = subject.isEmpty ? body : (body.isEmpty ? subject : subject + "\n" + body)
    let sender = from.map { party($0) }
    var recipients: [Party] = []
    for a in to { recipients.append(party(a)) }
    return state.event(
      time, line: line, originalTime: date.trimmingSpaces, kind: .email, from: sender, to: recipients, text: text,
      outcome: .completed, attributes: attributes)
  }

  /// A party for an address: the e-mail address first, then the display name.
  private mutating func party(_ a: (name: String, address: String)) -> Party {
    let byAddress = state.party(a.address)
    if byAddress.person != nil || a.name.isEmpty { return byAddress }
    let byName = state.party(a.name)
    return byName.person != nil ? Party(person: byName.person, raw: a.address) : byAddress
  }

  /// Unfolded headers (name lower-cased, value) and the index of the first body line.
  static func headers(_ lines: [String]) -> ([(String, String)], Int) {
    var out: [(String, String)] = []
    var i = 0
    while i < lines.count {
      let l = lines[i]
      if l.trimmingSpaces.isEmpty { return (out, i + 1) }
      if l.hasPrefix(" ") || l.hasPrefix("\t"), !out.isEmpty {
        out[out.count - 1].1 += " " + l.trimmingSpaces
      } else if let colon = l.firstIndex(of: ":") {
        out.append((l[..<colon].lowercased(), String(l[l.index(after: colon)...]).trimmingSpaces))
      }
      i += 1
    }
    return (out, lines.count)
  }

  /// RFC 5322's obsolete zone names have fixed meanings: rewritten as offsets so that `CST` in a
  /// Date header is US Central whatever the case zone; military letters are `-0000`.
  static func numericZone(_ date: String) -> String {
    let zones = [
      "UT": "+0000", "GMT": "+0000", "EST": "-0500", "EDT": "-0400", "CST": "-0600", "CDT": "-0500", "MST": "-0700",
      "MDT": "-0600", "PST": "-0800", "PDT": "-0700",
    ]
    var words = date.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    // Drop a trailing comment: "+0100 (CET)".
    while let last = words.last, last.hasPrefix("(") || last.hasSuffix(")") { words.removeLast() }
    if let last = words.last {
      if let z = zones[last.uppercased()] {
        words[words.count - 1] = z
      } else if last.count == 1, last.first!.isLetter {
        words[words.count - 1] = "-0000"
      }
    }
    return words.joined(separator: " ")
  }

  /// `Name <addr>, "Last, First" <addr2>, addr3` → (name, address) pairs.
  static func addresses(_ value: String) -> [(name: String, address: String)] {
    var out: [(name: String, address: String)] = []
    var current = ""
    var quoted = false
    var angle = false
    for ch in value + "," {
      if ch == "\"" { quoted.toggle() }
      if ch == "<" { angle = true }
      if ch == ">" { angle = false }
      if ch == "," && !quoted && !angle {
        let part = current.trimmingSpaces
        current = ""
        guard !part.isEmpty else { continue }
        if let lt = part.lastIndex(of: "<"), let gt = part.lastIndex(of: ">"), lt < gt {
          let name = part[..<lt].trimmingCharacters(in: [" ", "\""])
          out.append((name, String(part[part.index(after: lt)..<gt]).trimmingSpaces))
        } else {
          out.append(("", part))
        }
      } else {
        current.append(ch)
      }
    }
    return out
  }

  /// Decodes RFC 2047 encoded-words: `=?UTF-8?B?…?=`, `=?iso-8859-1?Q?…?=`, `=?GB2312?B?…?=`.
  static func decodeWords(_ s: String) -> String {
    var out = ""
    var rest = Substring(s)
    var lastWasWord = false
    while let start = rest.range(of: "=?") {
      let before = rest[..<start.lowerBound]
      // Blanks between two encoded-words are dropped.
      if !(lastWasWord && before.allSatisfy { $0 == " " || $0 == "\t" }) { out += before }
      let after = rest[start.upperBound...]
      let pieces = after.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
      guard pieces.count >= 4, pieces[3].hasPrefix("="), let charset = pieces.first,
        let encoding = pieces.dropFirst().first
      else {
        out += "=?"
        rest = after
        lastWasWord = false
        continue
      }
      let text = pieces[2]
      var bytes: [UInt8] = []
      if encoding.uppercased() == "B" {
        bytes = Data(base64Encoded: String(text), options: .ignoreUnknownCharacters).map { [UInt8]($0) } ?? []
      } else {
        bytes = quotedPrintable(String(text).replacingOccurrences(of: "_", with: " "))
      }
      out += TextDecoding.decode(bytes, charset: String(charset.split(separator: "*").first ?? charset)) ?? String(text)
      rest = pieces[3].dropFirst()
      lastWasWord = true
    }
    return out + rest
  }

  static func quotedPrintable(_ s: String) -> [UInt8] {
    var out: [UInt8] = []
    let b = Array(s.utf8)
    var i = 0
    while i < b.count {
      if b[i] == 0x3D {  // '='
        if i + 2 < b.count, let v = UInt8(String(decoding: b[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
          out.append(v)
          i += 3
          continue
        }
        if i + 1 >= b.count { break }  // soft line break at the end
      }
      out.append(b[i])
      i += 1
    }
    return out
  }

  /// The first `text/plain` part, decoded.
  static func plainText(headers: [(String, String)], lines: [String]) -> String {
    let type = headers.first { $0.0 == "content-type" }?.1 ?? "text/plain"
    let lower = type.lowercased()
    if lower.hasPrefix("multipart/"), let boundary = parameter(type, "boundary") {
      var parts: [[String]] = []
      var current: [String]? = nil
      for l in lines {
        if l.hasPrefix("--" + boundary) {
          if let c = current { parts.append(c) }
          if l.hasPrefix("--" + boundary + "--") {
            current = nil
            break
          }
          current = []
        } else {
          current?.append(l)
        }
      }
      if let c = current { parts.append(c) }
      for p in parts {
        let (h, start) = EmailReader.headers(p)
        let partType = h.first { $0.0 == "content-type" }?.1.lowercased() ?? "text/plain"
        if partType.hasPrefix("text/plain") || partType.hasPrefix("multipart/") {
          let text = plainText(
            headers: h.isEmpty ? [("content-type", "text/plain")] : h, lines: Array(p[min(start, p.count)...]))
          if !text.isEmpty { return text }
        }
      }
      return ""
    }
    guard lower.hasPrefix("text/plain") else { return "" }
    let encoding = headers.first { $0.0 == "content-transfer-encoding" }?.1.lowercased() ?? "7bit"
    let charset = parameter(type, "charset") ?? "utf-8"
    var bytes: [UInt8]
    switch encoding {
    case "base64":
      bytes = Data(base64Encoded: lines.joined(), options: .ignoreUnknownCharacters).map { [UInt8]($0) } ?? []
    case "quoted-printable":
      bytes = quotedPrintable(lines.map { $0.hasSuffix("=") ? String($0.dropLast()) : $0 + "\n" }.joined())
    default:
      bytes = Array(lines.joined(separator: "\n").utf8)
    }
    return (TextDecoding.decode(bytes, charset: charset) ?? String(decoding: bytes, as: UTF8.self)).trimmingSpaces
  }

  /// A parameter of a header value: `boundary="abc"`, `charset=utf-8`.
  static func parameter(_ value: String, _ name: String) -> String? {
    for piece in value.split(separator: ";").dropFirst() {
      let kv = piece.split(separator: "=", maxSplits: 1)
      if kv.count == 2, kv[0].trimmingSpaces.lowercased() == name {
        return kv[1].trimmingCharacters(in: [" ", "\t", "\""])
      }
    }
    return nil
  }
}

private enum Message {
  static let noDate = Phrase("email.no_date", "no Date: header")
  static func badDate(_ d: String, _ e: TimeError) -> Phrase { Phrase.badTime("Date", d, e) }
}

import Foundation
import StorylineCore

/// Reads a QQ export: detects its encoding (byte-order mark, valid UTF-8, else GB18030),
/// decodes it without corrupting Chinese text, and yields one event per message.
///
/// Role prefixes (`【管理员】`) are dropped; the QQ number or e-mail is kept as an attribute; the
/// system sender (`10000`, `1000000`) writes system events; a message that is only a
/// placeholder (`[图片]`, `[表情]`, `[文件]`) is an attachment event. A message reaches the
/// conversation's other members: the case's `members`, else everyone seen writing plus the owner.
struct QQReader: EvidenceReader {
  private var state: ReaderState
  private var lines: [Substring]
  private var index = 0
  private var conversation = ""
  private var members: [String: [Party]] = [:]
  /// Which encoding the file was in.
  let encoding: String

  static let maxFileBytes = 256 << 20

  init(input: SourceInput, context: ReaderContext, format: String) throws {
    state = ReaderState(input: input, context: context, format: format)
    guard let bytes = FileDigest.contents(path: input.url, limit: QQReader.maxFileBytes) else {
      throw SourceError.malformed(
        path: input.displayPath, line: 0, column: 0, reason: "unreadable, or larger than 256 MiB: split the export")
    }
    encoding = QQReader.encoding(of: bytes)
    let text = QQReader.decode(bytes)
    lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    if encoding != "UTF-8" { state.warn(Message.decoded(encoding), line: 0) }
    // Members per conversation: the case's, else the authors seen.
    var current = ""
    for l in lines {
      if l.hasPrefix("消息对象:") { current = String(l.dropFirst(5)).trimmingSpaces }
      if let h = QQReader.header(String(l)), !h.system {
        if members[current] == nil { members[current] = [] }
        let p = state.party(h.name)
        if !members[current]!.contains(p) { members[current]!.append(p) }
      }
    }
    if !context.members.isEmpty {
      let given = context.members.map { Party(person: $0, raw: $0) }
      for k in members.keys { members[k] = given }
    } else {
      for k in members.keys where context.owner != nil && !members[k]!.contains(where: { $0.person == context.owner }) {
        members[k]!.append(state.owner)
      }
      if !members.isEmpty { state.warn(Message.membersAssumed, line: 0) }
    }
  }

  var warnings: [Diagnostic] { state.warnings }

  static func encoding(of bytes: [UInt8]) -> String {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return "UTF-8" }
    if bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
    if bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
    return TextDecoding.isUTF8(bytes) ? "UTF-8" : "GB18030"
  }

  /// The text of the bytes in their detected encoding, without a byte-order mark.
  static func decode(_ bytes: [UInt8]) -> String {
    let enc = encoding(of: bytes)
    var body = bytes[...]
    if enc == "UTF-8" && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    if enc.hasPrefix("UTF-16") { body = body.dropFirst(2) }
    return TextDecoding.decode(Array(body), charset: enc) ?? String(decoding: body, as: UTF8.self)
  }

  /// A message header line: its time, the sender's name and id.
  struct Header {
    var stamp: String
    var name: String
    var id: String
    var system: Bool
  }

  static func header(_ line: String) -> Header? {
    let l = line.trimmingCharacters(in: .whitespaces)
    let parts = l.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
    guard parts.count == 3, parts[0].count >= 8, parts[0].first?.isNumber == true, parts[0].contains("-"),
      parts[1].contains(":"), parts[1].first?.isNumber == true
    else { return nil }
    var stamp = parts[0] + " " + parts[1]
    var rest = Substring(parts[2])
    for meridiem in ["AM ", "PM "] where rest.hasPrefix(meridiem) {
      stamp += " " + meridiem.dropLast()
      rest = rest.dropFirst(3)
    }
    // Role prefixes: 【管理员】, 【群主】, 【冒泡】 …
    while rest.hasPrefix("【"), let close = rest.firstIndex(of: "】") { rest = rest[rest.index(after: close)...] }
    var name = String(rest)
    var id = ""
    if rest.hasSuffix(")"), let open = rest.lastIndex(of: "(") {
      name = String(rest[..<open])
      id = String(rest[rest.index(after: open)..<rest.index(before: rest.endIndex)])
    } else if rest.hasSuffix(">"), let open = rest.lastIndex(of: "<") {
      name = String(rest[..<open])
      id = String(rest[rest.index(after: open)..<rest.index(before: rest.endIndex)])
    } else {
      return nil
    }
    return Header(stamp: String(stamp), name: name, id: id, system: id == "10000" || id == "1000000")
  }

  static let placeholders: Set<String> = ["[图片]", "[表情]", "[语音]", "[文件]", "[视频]", "[闪照]"]

  mutating func next() throws -> Event? {
    while index < lines.count {
      let line = String(lines[index])
      index += 1
      if line.hasPrefix("消息对象:") {
        conversation = String(line.dropFirst(5)).trimmingSpaces
        continue
      }
      guard let h = QQReader.header(line) else { continue }
      let lineNumber = index
      var body: [String] = []
      while index < lines.count, QQReader.header(String(lines[index])) == nil, !lines[index].hasPrefix("======") {
        body.append(String(lines[index]))
        index += 1
      }
      while let last = body.last, last.trimmingSpaces.isEmpty { body.removeLast() }
      state.records += 1
      let time = try state.time(
        state.context.clock.normalize(h.stamp, line: lineNumber), line: lineNumber, excerpt: String(line.prefix(80))
      ) { e in
        Message.badTime(h.stamp, e)
      }
      let text = body.joined(separator: "\n")
      var attributes: Attributes = [("qq", h.id)]
      if !conversation.isEmpty { attributes.append(("conversation", conversation)) }
      if h.system {
        return state.event(
          time, line: lineNumber, originalTime: h.stamp, kind: .system, from: nil, text: text, attributes: attributes)
      }
      let from = state.party(h.name)
      let to = (members[conversation] ?? []).filter { $0.display != from.display }
      let attachment = QQReader.placeholders.contains(text.trimmingSpaces)
      return state.event(
        time, line: lineNumber, originalTime: h.stamp, kind: attachment ? .attachment : .chat, from: from, to: to,
        text: text, outcome: attachment ? nil : .completed, attributes: attributes)
    }
    return nil
  }
}

private enum Message {
  static func decoded(_ e: String) -> Phrase {
    Phrase("qq.decoded", "the file is {encoding}: decoded to UTF-8", ["encoding": .text(e)])
  }
  static let membersAssumed = Phrase(
    "chat.members_assumed", "members not given in the case: taken as everyone seen writing and the owner")
  static func badTime(_ t: String, _ e: TimeError) -> Phrase { Phrase.badTimestamp(t, e) }
}

import Foundation
import StorylineCore

/// Reads one Google Voice Takeout HTML file with libxml2's HTML parser.
///
/// Texts (`div.hChatLog`): each `div.message` is an event, its time the `abbr.dt` title (ISO 8601
/// with offset), its sender the `cite.sender` number (`Me` is the source's owner), its text the
/// `q` element; a message reaches the other participants (`div.participants`, or everyone else
/// seen in the file). Calls and voicemails (`div.haudio`): the `abbr.published` title, the
/// `abbr.duration` (ISO 8601 duration), the counterpart's number, the kind from the file name or
/// the title (Missed, Received, Placed, Voicemail, Recorded), a voicemail's transcript.
struct GoogleVoiceReader: EvidenceReader {
  private var state: ReaderState
  /// The file's records, read when it is opened (one conversation or one call per file).
  private var items: [Result<Event, RecordRejection>] = []

  init(input: SourceInput, context: ReaderContext, format: String) throws {
    state = ReaderState(input: input, context: context, format: format)
    guard let root = HTMLNode.parse(path: input.url) else {
      throw SourceError.malformed(path: input.displayPath, line: 0, column: 0, reason: "not readable as HTML")
    }
    let name = GoogleVoiceFormat.fileName((input.url as NSString).lastPathComponent)
    if let log = root.first(where: { $0.hasClass("hChatLog") }) {
      items = texts(log, contact: name?.kind == nil ? nil : name?.contact)
    } else if let call = root.first(where: { $0.hasClass("haudio") }) {
      items = [Result { () throws(RecordRejection) in try self.call(call, kind: name?.kind) }]
    } else {
      state.warn(Message.nothing, line: 0)
    }
    items.reverse()
  }

  var warnings: [Diagnostic] { state.warnings }

  mutating func next() throws -> Event? { try items.popLast()?.get() }

  private var owner: Party { state.owner }

  /// The number in `tel:+1…`, or nil.
  private static func number(_ node: HTMLNode?) -> String? {
    guard let href = node?.first(where: { $0.hasClass("tel") })?.attributes["href"] ?? node?.attributes["href"],
      href.hasPrefix("tel:")
    else { return nil }
    let n = String(href.dropFirst(4))
    return n.isEmpty ? nil : n
  }

  /// Whether a `cite.sender` is the account's owner (`<abbr class="fn">Me</abbr>`).
  private static func isMe(_ cite: HTMLNode) -> Bool {
    cite.first { $0.hasClass("fn") }.map {
      $0.name == "abbr" && $0.textContent.trimmingCharacters(in: .whitespacesAndNewlines) == "Me"
    }
      ?? false
  }

  /// `contact`: the file name's contact, the other party when only the owner wrote.
  private mutating func texts(_ log: HTMLNode, contact: String?) -> [Result<Event, RecordRejection>] {
    let messages = log.descendants { $0.name == "div" && $0.hasClass("message") }
    // Participants: the group's list, else every sender who is not the owner.
    var others: [String] = []
    let listed = log.first { $0.hasClass("participants") }?.descendants { $0.name == "cite" } ?? []
    for cite in listed + messages.compactMap({ $0.first { $0.name == "cite" } }) where !GoogleVoiceReader.isMe(cite) {
      if let n = GoogleVoiceReader.number(cite), !others.contains(n) { others.append(n) }
    }
    // The account's own number is the `Me` sender's: it stands for the owner when the case names none.
    let meNumber = messages.compactMap { $0.first { $0.name == "cite" } }.first(where: GoogleVoiceReader.isMe)
      .flatMap { GoogleVoiceReader.number($0) }
    let me = state.context.owner == nil ? meNumber.map { state.party($0) } ?? owner : owner
    var out: [Result<Event, RecordRejection>] = []
    for m in messages {
      state.records += 1
      let stamp = m.first { $0.name == "abbr" && $0.hasClass("dt") }?.attributes["title"] ?? ""
      let time: NormalizedTime
      do {
        time = try state.time(
          state.context.clock.normalize(stamp, line: m.line), line: m.line, excerpt: String(m.textContent.prefix(80)),
          reason: { Message.badTime(stamp, $0) })
      } catch {
        out.append(.failure(error))
        continue
      }
      let cite = m.first { $0.name == "cite" }
      let mine = cite.map(GoogleVoiceReader.isMe) ?? false
      let sender = GoogleVoiceReader.number(cite)
      var text = m.first { $0.name == "q" }?.textContent ?? ""
      let attachments = m.descendants {
        ["img", "audio", "video"].contains($0.name) || ($0.name == "a" && $0.hasClass("vcard"))
      }.count
      if attachments > 0 {
        text += (text.isEmpty ? "" : "\n") + "[\(attachments) attachment\(attachments == 1 ? "" : "s")]"
      }
      let from = mine ? me : state.party(sender ?? "(unknown)")
      var to: [Party] = mine ? [] : [me]
      for n in others where n != sender { to.append(state.party(n)) }
      if to.isEmpty, let contact, !contact.isEmpty { to.append(state.party(contact)) }
      out.append(
        .success(
          state.event(
            time, line: m.line, originalTime: stamp, kind: attachments > 0 ? .mms : .sms, from: from, to: to,
            text: text,
            outcome: .completed)))
    }
    return out
  }

  private mutating func call(_ block: HTMLNode, kind fileKind: String?) throws(RecordRejection) -> Event {
    state.records += 1
    let stamp = block.first { $0.name == "abbr" && $0.hasClass("published") }?.attributes["title"] ?? ""
    let time = try state.time(
      state.context.clock.normalize(stamp, line: block.line), line: block.line, excerpt: "",
      reason: { Message.badTime(stamp, $0) })
    let title = block.first { $0.hasClass("fn") }?.textContent.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    let kind = fileKind ?? title.split(separator: " ").first.map(String.init) ?? ""
    let duration = GoogleVoiceReader.seconds(
      block.first { $0.name == "abbr" && $0.hasClass("duration") }?.attributes["title"])
    let number = GoogleVoiceReader.number(block.first { $0.hasClass("contributor") })
    let other = number.map { state.party($0) } ?? Party(person: nil, raw: "(withheld)")
    let length =
      duration > 0 ? ", " + SignedDuration.describe(microseconds: Int64(duration) * 1_000_000, signed: false) : ""
    let transcript = block.first { $0.hasClass("full-text") }?.textContent ?? ""
    let attrs: Attributes = [("kind", kind)]
    switch kind {
    case "Missed":
      return state.event(
        time, line: block.line, originalTime: stamp, kind: .call, from: other, to: state.ownerAlone, text: "missed",
        outcome: .missed,
        duration: 0, attributes: attrs)
    case "Received", "Recorded":
      return state.event(
        time, line: block.line, originalTime: stamp, kind: .call, from: other, to: state.ownerAlone,
        text: "answered" + length,
        outcome: .completed, duration: duration, attributes: attrs)
    case "Placed":
      return state.event(
        time, line: block.line, originalTime: stamp, kind: .call, from: owner, to: [other],
        text: duration > 0 ? "answered" + length : "not connected", outcome: duration > 0 ? .completed : .unanswered,
        duration: duration, attributes: attrs)
    case "Voicemail":
      return state.event(
        time, line: block.line, originalTime: stamp, kind: .call, from: other, to: state.ownerAlone,
        text: "voicemail" + length + (transcript.isEmpty ? "" : ": " + transcript), outcome: .voicemail,
        duration: duration,
        attributes: attrs)
    default:
      throw state.reject(Message.unknownKind(kind), line: block.line, excerpt: title)
    }
  }

  /// `PT4S`, `PT2M27S`, `PT1H2M3S` → seconds (0 when absent or unreadable).
  static func seconds(_ iso: String?) -> Int {
    guard let iso, iso.hasPrefix("PT") else { return 0 }
    var total = 0
    var number = 0
    for ch in iso.dropFirst(2) {
      if let d = ch.wholeNumberValue {
        // Capped: a number of digits no call has cannot overflow.
        number = min(number * 10 + d, 1_000_000_000)
      } else {
        switch ch {
        case "H": total += number * 3600
        case "M": total += number * 60
        case "S": total += number
        default: break
        }
        number = 0
      }
    }
    return total
  }
}

private enum Message {
  static let nothing = Phrase(
    "google_voice.nothing", "neither a conversation (hChatLog) nor a call (haudio) in this file")
  static func badTime(_ t: String, _ e: TimeError) -> Phrase { Phrase.badTimestamp(t, e) }
  static func unknownKind(_ k: String) -> Phrase {
    Phrase("google_voice.unknown_kind", "unknown Google Voice record kind '{kind}'", ["kind": .text(k)])
  }
}

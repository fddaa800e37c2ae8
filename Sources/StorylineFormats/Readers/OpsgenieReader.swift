import Foundation
import StorylineCore

/// Reads Opsgenie alert activity: the Alert API's list responses for an alert's logs, notes and
/// recipients (``OpsgenieFormat``). Responses may come one after another in one file (pages,
/// newest or oldest first); a log or note in two pages (the same `offset`) is read once.
///
/// - A **log** (`log`, `type` — `system` or `alertRecipient` —, `owner`, `createdAt`): its text
///   is the event's, its owner the party. Opsgenie words its logs in plain text; these are read
///   for what they say: `Alert created…` is the alert firing (a fault signal), `Alert closed…`
///   its resolution (a recovery), `Alert acknowledged…` the owner reached (a communication from
///   Opsgenie that passes the news, attribute `acknowledgement`), `Viewed on [web]` (an
///   `alertRecipient` log) the owner saw it (the same, via *page viewed*). Other logs are
///   `system` events.
/// - A **note** (`note`, `owner`, `createdAt`): a note by its owner.
/// - A **recipient** (`user`, `state`, `method`, `createdAt`, `updatedAt`): a page from Opsgenie
///   to the user at `createdAt`, its kind from `method` when it is a notification method (`SMS` →
///   SMS, `Voice` → call, `Email` → e-mail, `Mobile` → a message; an action such as
///   `Acknowledge` leaves the channel unsaid: a message), attempted (`unanswered`) unless the
///   user acted on it (`state: action`) or acknowledged or viewed the alert at or after it in
///   the same file.
///
/// Users are case people by `ids.opsgenie` (their username), else by e-mail address or name.
/// The file is read whole: at most ``limit`` bytes.
struct OpsgenieReader: EvidenceReader {
  static let limit = 64 << 20
  /// The name pages come from.
  static let service = "Opsgenie"

  private enum Item {
    case log([String: Any])
    case note([String: Any])
    case recipient([String: Any])
  }

  private var state: ReaderState
  private var items: [(line: Int, item: Item)] = []
  private var position = 0
  private var repeats = 0
  /// When each user acknowledged or viewed the alert (`createdAt` texts), by username.
  private var reached: [String: [String]] = [:]

  init(input: SourceInput, context: ReaderContext, format: String) throws {
    state = ReaderState(input: input, context: context, format: format)
    let data = try FileInput.whole(input, limit: Self.limit, what: "alert activity")
    var seen: Set<String> = []
    for (line, document) in JSONDocuments.split(data) {
      guard let page = try? JSONSerialization.jsonObject(with: document) else {
        throw SourceError.malformed(path: input.displayPath, line: line, column: 0, reason: Message.notJSON.description)
      }
      var lines = JSONStringLines(document, firstLine: line)
      for case let p as [String: Any] in (page as? [Any]) ?? [page] {
        for case let d as [String: Any] in (p["data"] as? [Any]) ?? [] {
          let at =
            (d["offset"] as? String).map { lines.line(ofString: $0) }
            ?? (d["createdAt"] as? String).map { lines.line(ofString: $0) } ?? line
          if let offset = d["offset"] as? String {
            let key = (d["log"] != nil ? "log:" : "note:") + offset
            if !seen.insert(key).inserted {
              repeats += 1
              continue
            }
          }
          if d["log"] != nil {
            items.append((at, .log(d)))
            let text = ((d["log"] as? String) ?? "").lowercased()
            if text.hasPrefix("alert acknowledged") || text.hasPrefix("viewed on"),
              let who = d["owner"] as? String, let t = d["createdAt"] as? String
            {
              reached[who, default: []].append(t)
            }
          } else if d["note"] != nil {
            items.append((at, .note(d)))
          } else if d["user"] != nil {
            items.append((at, .recipient(d)))
          }
        }
      }
    }
  }

  var warnings: [Diagnostic] {
    state.warnings + (repeats > 0 ? [Diagnostic(.warning, path: state.path, line: 0, Message.repeated(repeats))] : [])
  }

  mutating func next() throws -> Event? {
    guard position < items.count else { return nil }
    let (line, item) = items[position]
    position += 1
    state.records += 1
    switch item {
    case .log(let d): return try log(d, line: line)
    case .note(let d): return try note(d, line: line)
    case .recipient(let d): return try recipient(d, line: line)
    }
  }

  private mutating func time(_ d: [String: Any], line: Int, excerpt: String) throws -> (NormalizedTime, String) {
    let at = (d["createdAt"] as? String) ?? ""
    let t = try state.time(state.context.clock.normalize(at, line: line), line: line, excerpt: excerpt) {
      Message.badTime(at, $0)
    }
    return (t, at)
  }

  private mutating func log(_ d: [String: Any], line: Int) throws -> Event {
    let text = (d["log"] as? String) ?? ""
    let type = (d["type"] as? String) ?? ""
    let (t, at) = try time(d, line: line, excerpt: text)
    let owner = (d["owner"] as? String).map { party($0) }
    var attributes: Attributes = [("log_type", type)]
    if let o = d["offset"] as? String { attributes.append(("offset", o)) }
    let lower = text.lowercased()
    let service = state.party(Self.service)
    if lower.hasPrefix("alert created") || lower.hasPrefix("alert closed") {
      let closed = lower.hasPrefix("alert closed")
      attributes.append(contentsOf: [("status", closed ? "resolved" : "firing"), ("alertname", "Opsgenie alert")])
      return state.event(t, line: line, originalTime: at, kind: .alert, from: owner, text: text, attributes: attributes)
    }
    if lower.hasPrefix("alert acknowledged") || lower.hasPrefix("viewed on"), let owner {
      attributes.append(contentsOf: [("paged_by", Self.service), ("acknowledgement", "true")])
      if lower.hasPrefix("viewed on") { attributes.append(("viewed", "true")) }
      return state.event(
        t, line: line, originalTime: at, kind: .message, from: service, to: [owner], text: text, outcome: .completed,
        attributes: attributes)
    }
    return state.event(
      t, line: line, originalTime: at, kind: .system, from: owner ?? service, text: text, attributes: attributes)
  }

  private mutating func note(_ d: [String: Any], line: Int) throws -> Event {
    let text = (d["note"] as? String) ?? ""
    let (t, at) = try time(d, line: line, excerpt: text)
    var attributes: Attributes = []
    if let o = d["offset"] as? String { attributes.append(("offset", o)) }
    return state.event(
      t, line: line, originalTime: at, kind: .note, from: (d["owner"] as? String).map { party($0) }, text: text,
      attributes: attributes)
  }

  private mutating func recipient(_ d: [String: Any], line: Int) throws -> Event {
    let user = d["user"] as? [String: Any]
    let name = (user?["username"] as? String) ?? (user?["id"] as? String) ?? "?"
    let method = (d["method"] as? String) ?? ""
    let stateText = (d["state"] as? String) ?? ""
    let (t, at) = try time(d, line: line, excerpt: "\(name) \(method)")
    // `method` is how the user was notified (SMS, Voice, Email, Mobile), or the action they took.
    let medium =
      ["sms", "voice", "email", "mobile"].contains(method.lowercased()) ? method.lowercased() : "notification"
    var attributes: Attributes = [
      ("paged_by", Self.service), ("medium", medium), ("method", method), ("state", stateText),
    ]
    if let u = d["updatedAt"] as? String { attributes.append(("updated_at", u)) }
    let later = (reached[name] ?? []).contains { s in
      if case .success(let r) = state.context.clock.normalize(s, line: line) { return r.instant >= t.instant }
      return false
    }
    // `state: action`: the user acted on the alert (acknowledged or closed it).
    let acted = stateText.lowercased() == "action"
    return state.event(
      t, line: line, originalTime: at, kind: Self.kind(method), from: state.party(Self.service), to: [party(name)],
      text: "page (\(medium))\(stateText.isEmpty ? "" : ", \(stateText)")",
      outcome: later || acted ? nil : .unanswered, attributes: attributes)
  }

  /// The event kind of a recipient's notification method.
  static func kind(_ method: String) -> EventKind {
    switch method.lowercased() {
    case "sms": .sms
    case "voice": .call
    case "email": .email
    default: .message
    }
  }

  /// A username as a party: the case person whose `ids.opsgenie` it is, else by address or name.
  private mutating func party(_ username: String) -> Party {
    if let person = state.context.directory.person(service: "opsgenie", id: username) {
      return Party(person: person, raw: username)
    }
    return state.party(username)
  }
}

private enum Message {
  static let notJSON = Phrase("opsgenie.not_json", "not the JSON of Opsgenie alert logs, notes or recipients")
  static func badTime(_ t: String, _ e: TimeError) -> Phrase { Phrase.badTime("createdAt", t, e) }
  static func repeated(_ n: Int) -> Phrase {
    n == 1
      ? Phrase("opsgenie.repeated.one", "1 log or note appears in more than one page: read once")
      : Phrase("opsgenie.repeated", "{n} logs or notes appear in more than one page: read once", ["n": "\(n)"])
  }
}

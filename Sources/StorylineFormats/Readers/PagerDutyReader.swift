import Foundation
import StorylineCore

/// Reads PagerDuty incident log entries (the REST API's `LogEntry`: `type`, `created_at`,
/// `agent`, `channel`, `incident`, `note`, `event_details`; `user` on a notify entry,
/// `assigned_user` on assign and escalate entries). Pages may come newest or oldest first, one
/// after another in one file; an entry in two pages is read once.
///
/// - `trigger_log_entry`: an `alert` event, firing (a fault signal); `resolve_log_entry`: the same
///   alert resolved (a recovery).
/// - `notify_log_entry`: a page — a communication from the paging service to the user, its kind
///   from the notification's type (`sms_notification` → SMS, `phone_notification` → call,
///   `email_notification` → e-mail, `push_notification` → message); a page the user never
///   acknowledged afterwards is an attempt that did not get through (`unanswered`).
/// - `acknowledge_log_entry`: the acknowledging user was reached — a communication from the
///   paging service to them that passes the news (``Event`` attribute `acknowledgement`).
/// - `annotate_log_entry`: a note by its agent; escalations, assignments and the other kinds:
///   `system` events with their summary.
///
/// The file is read whole: at most ``limit`` bytes.
struct PagerDutyReader: EvidenceReader {
  static let limit = 64 << 20
  /// The name pages come from.
  static let service = "PagerDuty"

  private var state: ReaderState
  private var entries: [(line: Int, entry: [String: Any])] = []
  private var position = 0
  private var repeats = 0
  /// Every acknowledgement's `created_at`, by the acknowledging user's id (else name).
  private var acknowledged: [String: [String]] = [:]

  init(input: SourceInput, context: ReaderContext, format: String) throws {
    state = ReaderState(input: input, context: context, format: format)
    let data = try FileInput.whole(input, limit: Self.limit, what: "log entries")
    var seen: Set<String> = []
    for (line, document) in JSONDocuments.split(data) {
      guard let page = try? JSONSerialization.jsonObject(with: document) else {
        throw SourceError.malformed(path: input.displayPath, line: line, column: 0, reason: Message.notJSON.description)
      }
      let pages = (page as? [Any]) ?? [page]
      var lines = JSONStringLines(document, firstLine: line)
      for case let p as [String: Any] in pages {
        for case let e as [String: Any] in (p["log_entries"] as? [Any]) ?? [] {
          let at = (e["id"] as? String).map { lines.line(ofString: $0) } ?? line
          if let id = e["id"] as? String, !seen.insert(id).inserted {
            repeats += 1
            continue
          }
          entries.append((at, e))
          if e["type"] as? String == "acknowledge_log_entry", let who = Self.reference(e["agent"]),
            let at = e["created_at"] as? String
          {
            acknowledged[who, default: []].append(at)
          }
        }
      }
    }
  }

  var warnings: [Diagnostic] {
    state.warnings + (repeats > 0 ? [Diagnostic(.warning, path: state.path, line: 0, Message.repeated(repeats))] : [])
  }

  mutating func next() throws -> Event? {
    guard position < entries.count else { return nil }
    let (line, e) = entries[position]
    position += 1
    state.records += 1
    let type = (e["type"] as? String) ?? ""
    let at = (e["created_at"] as? String) ?? ""
    let time = try state.time(state.context.clock.normalize(at, line: line), line: line, excerpt: "\(type) \(at)") {
      Message.badTime(at, $0)
    }
    let incident = (e["incident"] as? [String: Any])?["summary"] as? String
    let summary = (e["summary"] as? String) ?? type
    let agent = e["agent"] as? [String: Any]
    let agentName = agent?["summary"] as? String
    let channel = e["channel"] as? [String: Any]
    var attributes: Attributes = [("log_entry_type", type)]
    if let id = e["id"] as? String { attributes.append(("log_entry_id", id)) }
    if let id = (e["incident"] as? [String: Any])?["id"] as? String { attributes.append(("incident_id", id)) }
    if let c = channel?["type"] as? String { attributes.append(("channel", c)) }
    if let a = agentName { attributes.append(("agent", a)) }
    let service = state.party(Self.service)
    switch type {
    case "trigger_log_entry", "resolve_log_entry":
      let resolved = type == "resolve_log_entry"
      let name = incident ?? summary
      attributes.append(contentsOf: [("status", resolved ? "resolved" : "firing"), ("alertname", name)])
      if let d = (e["event_details"] as? [String: Any])?["description"] as? String {
        attributes.append(("description", d))
      }
      return state.event(
        time, line: line, originalTime: at, kind: .alert, from: agent.map { party($0) },
        text: "\(name) \(resolved ? "resolved" : "triggered")\(agentName.map { " by \($0)" } ?? "")",
        attributes: attributes)
    case "notify_log_entry":
      let user = e["user"] as? [String: Any]
      let notification = channel?["notification"] as? [String: Any]
      let medium = (notification?["type"] as? String) ?? (channel?["type"] as? String) ?? ""
      if let address = notification?["address"] as? String { attributes.append(("address", address)) }
      attributes.append(contentsOf: [("paged_by", Self.service), ("medium", medium)])
      // Reached when the user acknowledged at or after the page; else an attempt.
      let acks = Self.reference(user).flatMap { acknowledged[$0] } ?? []
      let reached = acks.contains { ack in
        if case .success(let t) = state.context.clock.normalize(ack, line: line) { return t.instant >= time.instant }
        return false
      }
      return state.event(
        time, line: line, originalTime: at, kind: Self.kind(medium), from: service, to: [party(user)],
        text: "page for \(incident ?? summary) (\(medium))", outcome: reached ? nil : .unanswered,
        attributes: attributes)
    case "acknowledge_log_entry":
      let name = agentName ?? "?"
      attributes.append(contentsOf: [("paged_by", Self.service), ("acknowledgement", "true")])
      return state.event(
        time, line: line, originalTime: at, kind: .message, from: service, to: [party(agent)],
        text: "page acknowledged by \(name): \(incident ?? summary)", outcome: .completed, attributes: attributes)
    case "annotate_log_entry":
      let note = (e["note"] as? String) ?? (channel?["summary"] as? String) ?? summary
      return state.event(
        time, line: line, originalTime: at, kind: .note, from: agent.map { party($0) }, text: note,
        attributes: attributes)
    default:
      if let assigned = (e["assigned_user"] as? [String: Any])?["summary"] as? String {
        attributes.append(("assigned_user", assigned))
      }
      return state.event(
        time, line: line, originalTime: at, kind: .system, from: service, text: summary, attributes: attributes)
    }
  }

  /// The event kind of a notification's medium.
  static func kind(_ medium: String) -> EventKind {
    switch medium {
    case "sms_notification", "sms": .sms
    case "phone_notification", "phone": .call
    case "email_notification", "email": .email
    default: .message
    }
  }

  /// A user reference as a party: the case person whose `ids.pagerduty` is its id, else by name.
  private mutating func party(_ user: [String: Any]?) -> Party {
    let name = (user?["summary"] as? String) ?? "?"
    if let id = user?["id"] as? String, let person = state.context.directory.person(service: "pagerduty", id: id) {
      return Party(person: person, raw: name)
    }
    return state.party(name)
  }

  /// A user reference's id, else its name.
  private static func reference(_ any: Any?) -> String? {
    guard let o = any as? [String: Any] else { return nil }
    return (o["id"] as? String) ?? (o["summary"] as? String)
  }

}

private enum Message {
  static let notJSON = Phrase("pagerduty.not_json", "not the JSON of PagerDuty log entries")
  static func badTime(_ t: String, _ e: TimeError) -> Phrase { Phrase.badTime("created_at", t, e) }
  static func repeated(_ n: Int) -> Phrase {
    n == 1
      ? Phrase("pagerduty.repeated.one", "1 log entry appears in more than one page: read once")
      : Phrase("pagerduty.repeated", "{n} log entries appear in more than one page: read once", ["n": "\(n)"])
  }
}

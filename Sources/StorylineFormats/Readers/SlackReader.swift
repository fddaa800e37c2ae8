import Foundation
import StorylineCore

/// Reads a Slack export channel by channel, day by day (one day file in memory at a time).
///
/// `ts` (`"1704189600.001200"`) is read exactly, as seconds and microseconds, never through a
/// floating-point number. User ids resolve through `users.json` (real name, display name) and
/// then the case's people; a message reaches the channel's other members (`channels.json`,
/// `groups.json`, `mpims.json`, `dms.json`). Mentions and links are made readable; joins, leaves
/// and topic changes are system events; thread parents and edits are kept as attributes.
struct SlackReader: EvidenceReader {
  private let bundle: ExportBundle
  private var state: ReaderState
  private var users: [String: String] = [:]
  private var members: [String: [String]] = [:]
  private var dayFiles: [String] = []
  private var buffer: [[String: Any]] = []
  private var currentFile = ""
  private var currentChannel = ""
  private var position = 0

  init(input: SourceInput, context: ReaderContext, format: String) throws {
    state = ReaderState(input: input, context: context, format: format)
    bundle = try ExportBundle(path: input.url, displayPath: input.displayPath)
    if let list = SlackReader.json(bundle.read("users.json")) as? [[String: Any]] {
      for u in list {
        guard let id = u["id"] as? String else { continue }
        let profile = u["profile"] as? [String: Any]
        let name = [u["real_name"], profile?["real_name"], profile?["display_name"], u["name"]]
          .compactMap { $0 as? String }.first { !$0.isEmpty }
        users[id] = name ?? id
      }
    }
    for file in ["channels.json", "groups.json", "mpims.json", "dms.json"] {
      guard let list = SlackReader.json(bundle.read(file)) as? [[String: Any]] else { continue }
      for c in list {
        let key = (c["name"] as? String) ?? (c["id"] as? String) ?? ""
        members[key] = (c["members"] as? [String]) ?? []
        if let id = c["id"] as? String { members[id] = members[key] }
      }
    }
    // Day files: CHANNEL/YYYY-MM-DD.json, in channel then date order.
    dayFiles = bundle.paths.filter { p in
      let parts = p.split(separator: "/")
      return parts.count == 2 && parts[1].hasSuffix(".json") && parts[1].count == 15
    }
  }

  var warnings: [Diagnostic] { state.warnings }

  static func json(_ data: Data?) -> Any? {
    guard let data else { return nil }
    return try? JSONSerialization.jsonObject(with: data)
  }

  private mutating func loadNextDay() -> Bool {
    while !dayFiles.isEmpty {
      currentFile = dayFiles.removeFirst()
      currentChannel = String(currentFile.split(separator: "/").first ?? "")
      guard let data = bundle.read(currentFile) else {
        state.warn(Message.unreadable(currentFile), line: 0)
        continue
      }
      guard let list = SlackReader.json(data) as? [[String: Any]] else {
        state.warn(Message.notJSON(currentFile), line: 0)
        continue
      }
      buffer = list.reversed()
      position = 0
      return true
    }
    return false
  }

  mutating func next() throws -> Event? {
    while buffer.isEmpty {
      guard loadNextDay() else { return nil }
    }
    let m = buffer.removeLast()
    position += 1
    state.records += 1
    let ts = (m["ts"] as? String) ?? ""
    let excerpt = "\(currentFile) #\(position)"
    let time = try state.time(state.context.clock.normalize(ts, line: 0), line: 0, excerpt: excerpt) { e in
      Message.badTime(ts, e)
    }
    let userID = (m["user"] as? String) ?? (m["bot_id"] as? String) ?? ""
    let name =
      users[userID] ?? ((m["user_profile"] as? [String: Any])?["real_name"] as? String) ?? (m["username"] as? String)
      ?? userID
    let from = state.party(name)
    var to: [Party] = []
    for id in members[currentChannel] ?? [] where id != userID { to.append(state.party(users[id] ?? id)) }
    let subtype = m["subtype"] as? String
    var text = readable((m["text"] as? String) ?? "")
    let files = (m["files"] as? [Any])?.count ?? 0
    if files > 0 { text += (text.isEmpty ? "" : "\n") + "[\(files) file\(files == 1 ? "" : "s")]" }
    var attributes: Attributes = [("channel", currentChannel), ("ts", ts), ("file", currentFile)]
    if let thread = m["thread_ts"] as? String, thread != ts { attributes.append(("thread_ts", thread)) }
    if let edited = m["edited"] as? [String: Any], let when = edited["ts"] as? String {
      attributes.append(("edited", when))
    }
    if let subtype { attributes.append(("subtype", subtype)) }
    let system = [
      "channel_join", "channel_leave", "channel_topic", "channel_purpose", "channel_name", "channel_archive",
    ]
    if let subtype, system.contains(subtype) {
      return state.event(
        time, line: 0, originalTime: ts, kind: .system, from: from, text: text, attributes: attributes)
    }
    return state.event(
      time, line: 0, originalTime: ts, kind: .chat, from: from, to: to, text: text, outcome: .completed,
      attributes: attributes)
  }

  /// Slack's markup made readable: `<@U1>` → `@Name`, `<#C1|ops>` → `#ops`, `<url|label>` → `label`.
  private func readable(_ s: String) -> String {
    var out = ""
    var rest = Substring(s)
    while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
      out += rest[..<open]
      let inner = rest[rest.index(after: open)..<close]
      let parts = inner.split(separator: "|", maxSplits: 1)
      if inner.hasPrefix("@") {
        let id = String(parts[0].dropFirst())
        out += "@" + (parts.count > 1 ? String(parts[1]) : users[id] ?? id)
      } else if inner.hasPrefix("#") {
        out += "#" + (parts.count > 1 ? String(parts[1]) : String(parts[0].dropFirst()))
      } else if inner.hasPrefix("!") {
        out += "@" + (parts.count > 1 ? String(parts[1]) : String(parts[0].dropFirst()))
      } else {
        out += parts.count > 1 ? String(parts[1]) : String(parts[0])
      }
      rest = rest[rest.index(after: close)...]
    }
    out += rest
    return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&amp;", with: "&")
  }
}

private enum Message {
  static func unreadable(_ f: String) -> Phrase {
    Phrase("slack.unreadable", "{file}: unreadable or larger than 256 MiB: skipped", ["file": .text(f)])
  }
  static func notJSON(_ f: String) -> Phrase {
    Phrase("slack.not_json", "{file}: not a JSON array of messages: skipped", ["file": .text(f)])
  }
  static func badTime(_ t: String, _ e: TimeError) -> Phrase { Phrase.badTime("ts", t, e) }
}

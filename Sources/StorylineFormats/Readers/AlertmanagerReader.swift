import Foundation
import StorylineCore

/// Reads Alertmanager notifications: each alert of each webhook payload (or of the
/// `/api/v2/alerts` list) is one record — a firing alert an `alert` event at its `startsAt`, a
/// resolved one at its `endsAt` — citing the payload's line. A notification Alertmanager repeats
/// (the same fingerprint, status and time, sent again at its repeat interval) is one event; the
/// repeats are counted in a warning. The file is read whole: at most ``limit`` bytes.
struct AlertmanagerReader: EvidenceReader {
  /// The largest file read (receiver logs of notifications are small).
  static let limit = 64 << 20
  /// `endsAt` of an alert that has not ended.
  static let unset = "0001-01-01T00:00:00Z"

  /// One alert to read, with the payload it came in and the payload's line.
  private struct Item {
    var line: Int
    var alert: [String: Any]
    var payload: [String: Any]?
  }

  private var state: ReaderState
  private var items: [Item] = []
  private var position = 0
  private var seen: Set<String> = []
  private var repeats = 0
  private var queued: [RecordRejection] = []

  init(input: SourceInput, context: ReaderContext, format: String) throws {
    state = ReaderState(input: input, context: context, format: format)
    let data = try FileInput.whole(input, limit: Self.limit, what: "notifications")
    if let whole = try? JSONSerialization.jsonObject(with: data) {
      // One payload, an array of payloads, or the /api/v2/alerts list.
      let list = (whole as? [Any]) ?? [whole]
      for case let o as [String: Any] in list {
        if let alerts = o["alerts"] as? [Any] {
          for case let a as [String: Any] in alerts { items.append(Item(line: 1, alert: a, payload: o)) }
        } else if o["fingerprint"] != nil || o["startsAt"] != nil {
          items.append(Item(line: 1, alert: o, payload: nil))
        }
      }
      return
    }
    // A receiver's log: one payload per line.
    var line = 0
    for raw in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
      line += 1
      guard raw.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
      guard let o = (try? JSONSerialization.jsonObject(with: Data(raw))) as? [String: Any],
        let alerts = o["alerts"] as? [Any]
      else {
        state.records += 1
        queued.append(
          state.reject(Message.notAPayload, line: line, excerpt: String(decoding: raw.prefix(120), as: UTF8.self)))
        continue
      }
      for case let a as [String: Any] in alerts { items.append(Item(line: line, alert: a, payload: o)) }
    }
  }

  var warnings: [Diagnostic] {
    state.warnings
      + (repeats > 0 ? [Diagnostic(.warning, path: state.path, line: 0, Message.repeated(repeats))] : [])
  }

  mutating func next() throws -> Event? {
    if !queued.isEmpty { throw queued.removeFirst() }
    while position < items.count {
      let item = items[position]
      position += 1
      if let e = try event(item) { return e }
    }
    return nil
  }

  /// The alert's event, or nil for a repeat of one already read.
  private mutating func event(_ item: Item) throws -> Event? {
    let a = item.alert
    let labels = Self.strings(a["labels"])
    let annotations = Self.strings(a["annotations"])
    let name = labels["alertname"] ?? "alert"
    let fingerprint = (a["fingerprint"] as? String) ?? ""
    let startsAt = (a["startsAt"] as? String) ?? ""
    let endsAt = (a["endsAt"] as? String).flatMap { $0 == Self.unset || $0.isEmpty ? nil : $0 }
    // A webhook alert's status is a word; a /api/v2/alerts one's an object whose state is.
    let apiState = (a["status"] as? [String: Any])?["state"] as? String
    let resolved = (a["status"] as? String) == "resolved"
    let stamp = resolved ? (endsAt ?? startsAt) : startsAt
    guard seen.insert("\(fingerprint)|\(resolved)|\(stamp)|\(name)").inserted else {
      repeats += 1
      return nil
    }
    state.records += 1
    let excerpt = "\(name) \(resolved ? "resolved" : "firing") \(stamp)"
    let time = try state.time(state.context.clock.normalize(stamp, line: item.line), line: item.line, excerpt: excerpt)
    {
      e in Message.badTime(resolved ? "endsAt" : "startsAt", stamp, e)
    }
    let summary = annotations["summary"] ?? annotations["description"] ?? annotations["message"]
    var attributes: Attributes = [
      ("status", resolved ? "resolved" : "firing"), ("alertname", name), ("fingerprint", fingerprint),
      ("starts_at", startsAt),
    ]
    if let endsAt { attributes.append(("ends_at", endsAt)) }
    if let apiState { attributes.append(("state", apiState)) }
    if let receiver = item.payload?["receiver"] as? String { attributes.append(("receiver", receiver)) }
    if let url = a["generatorURL"] as? String, !url.isEmpty { attributes.append(("generator_url", url)) }
    for (k, v) in labels.sorted(by: { $0.key < $1.key }) where k != "alertname" { attributes.append(("label.\(k)", v)) }
    for (k, v) in annotations.sorted(by: { $0.key < $1.key }) { attributes.append(("annotation.\(k)", v)) }
    let source = labels["instance"] ?? labels["job"] ?? labels["service"]
    return state.event(
      time, line: item.line, originalTime: stamp, kind: .alert, from: source.map { state.party($0) },
      text: "\(name) \(resolved ? "resolved" : "firing")" + (summary.map { ": \($0)" } ?? ""),
      severity: labels["severity"].flatMap { Severity(word: $0) }, attributes: attributes)
  }

  /// A JSON object's string values (labels and annotations are strings).
  private static func strings(_ any: Any?) -> [String: String] {
    guard let o = any as? [String: Any] else { return [:] }
    return o.compactMapValues { $0 as? String }
  }
}

private enum Message {
  static let notAPayload = Phrase(
    "alertmanager.not_a_payload", "not an Alertmanager webhook payload (a JSON object with alerts)")
  static func badTime(_ key: String, _ t: String, _ e: TimeError) -> Phrase { Phrase.badTime(key, t, e) }
  static func repeated(_ n: Int) -> Phrase {
    n == 1
      ? Phrase(
        "alertmanager.repeated.one",
        "1 notification repeats an alert already read (the same fingerprint, status and time, sent again at the repeat interval): one event each"
      )
      : Phrase(
        "alertmanager.repeated",
        "{n} notifications repeat an alert already read (the same fingerprint, status and time, sent again at the repeat interval): one event each",
        ["n": "\(n)"])
  }
}

import StorylineCore
import StorylineLocale

/// Recognises fault, recovery and resolution signals in events.
enum Signals {
  /// Server states that mean the service is down (WebLogic `BEA-000365`).
  static let downStates = ["FAILED", "FORCE_SHUTTING_DOWN", "SHUTTING_DOWN", "SHUTDOWN", "FAILED_NOT_RESTARTABLE"]

  /// Why the event signals a fault, or nil: an alert, a server state change to a down state,
  /// stuck threads, out of memory, failing health, a service or server stopping, or a log record
  /// of severity error or worse.
  static func fault(_ e: Event, _ words: SignalWords? = nil) -> SignalReason? {
    if e.kind == .alert {
      return alertResolved(e) ? nil : SignalReason("reason.alert_firing", ["name": e.attributes["alertname"] ?? ""])
    }
    guard e.kind == .log else { return nil }
    return logFault(e, words)
      ?? e.severity.flatMap { $0 >= .error ? SignalReason("reason.first_severity", ["severity": $0.rawValue]) : nil }
  }

  /// Whether an alert event is its resolution (Alertmanager's `status: resolved`).
  static func alertResolved(_ e: Event) -> Bool { e.attributes["status"] == "resolved" }

  /// A fault a log record states in words (not merely by its severity).
  static func logFault(_ e: Event, _ known: SignalWords? = nil) -> SignalReason? {
    let words = known ?? SignalWords.of(e.text)
    guard !words.isEmpty else { return nil }
    let text = e.text
    if words.contains(.state), let state = serverState(text), downStates.contains(state) {
      return SignalReason("reason.server_state", ["state": state])
    }
    if words.contains(.stuck) && (holds(text, "[STUCK]") || text.hasPrefix("BEA-000337")) {
      return SignalReason("reason.stuck_threads")
    }
    if words.contains(.memory) && (holds(text, "OutOfMemoryError") || holds(text, "Out of memory")) {
      return SignalReason("reason.out_of_memory")
    }
    if words.contains(.health) {
      if holds(text, "HEALTH_FAILED") || holds(text, "HEALTH_CRITICAL") || holds(text, "HEALTH_OVERLOADED") {
        return SignalReason("reason.health_failing")
      }
      let lower = text.lowercased()
      if holds(lower, "health check failed") || holds(lower, "healthcheck failed") {
        return SignalReason("reason.health_check_failing")
      }
      if holds(lower, "health failed") { return SignalReason("reason.health_failing") }
    }
    if words.contains(.shutdown)
      && (text.hasPrefix("BEA-000388") || text.hasPrefix("BEA-000396") || text.hasPrefix("BEA-000238"))
    {
      return SignalReason("reason.server_shutting_down")
    }
    if words.contains(.systemd),
      let service = systemdVerb(text, ["Stopped ", "Failed to start ", "Main process exited"])
    {
      return SignalReason("reason.service_stopped", ["unit": service])
    }
    return nil
  }

  /// Whether `text` holds `needle`, byte for byte. Foundation's `contains`, which a plain
  /// `text.contains("…")` resolves to, bridges the text and compares it by composed character:
  /// some 20,000 instructions for a WebLogic record with its stack trace, for every record the
  /// signal words let through.
  /// (Written out: the standard library's `firstRange(of:)` on the UTF-8 view measured eight
  /// times Foundation's cost here.)
  static func holds(_ text: String, _ needle: StaticString) -> Bool {
    let n = needle.utf8CodeUnitCount
    var text = text
    return text.withUTF8 { b in
      guard n > 0, b.count >= n else { return n == 0 }
      let first = needle.utf8Start[0]
      var i = 0
      while i <= b.count - n {
        if b[i] == first && (1..<n).allSatisfy({ b[i + $0] == needle.utf8Start[$0] }) { return true }
        i += 1
      }
      return false
    }
  }

  /// The unit a systemd message names after one of the verbs (`systemd[1]: Stopped nginx.`).
  static func systemdVerb(_ text: String, _ verbs: [String]) -> String? {
    let body = text.hasPrefix("systemd") ? text.drop { $0 != ":" }.dropFirst().drop { $0 == " " } : Substring(text)
    for v in verbs {
      if body.hasPrefix(v) { return String(body.dropFirst(v.count).prefix { $0 != "\n" }.prefix(80)) }
      if let r = body.range(of: ": " + v), body[..<r.lowerBound].hasSuffix(".service") {
        return String(body[..<r.lowerBound])
      }
    }
    return nil
  }

  /// Why the event signals recovery (service back), or nil.
  static func recovery(_ e: Event, _ words: SignalWords? = nil) -> SignalReason? {
    if e.kind == .log { return logRecovery(e, words) }
    if e.kind == .alert {
      return alertResolved(e) ? SignalReason("reason.alert_resolved", ["name": e.attributes["alertname"] ?? ""]) : nil
    }
    guard e.kind == .note || e.kind.isCommunication else { return nil }
    return says(e.text, recoveryPhrases).map { SignalReason("reason.note_says", ["words": $0]) }
  }

  /// A recovery a log record states: a server back to RUNNING, health back to OK, a health
  /// check passing, a service started.
  static func logRecovery(_ e: Event, _ known: SignalWords? = nil) -> SignalReason? {
    let words = known ?? SignalWords.of(e.text)
    guard !words.isEmpty else { return nil }
    let text = e.text
    if words.contains(.state) && serverState(text) == "RUNNING" {
      return SignalReason("reason.server_state", ["state": "RUNNING"])
    }
    if words.contains(.health) {
      if holds(text, "HEALTH_OK") { return SignalReason("reason.health_ok") }
      let lower = text.lowercased()
      if holds(lower, "health check passed") || holds(lower, "healthcheck passed") {
        return SignalReason("reason.health_check_passing")
      }
    }
    if words.contains(.systemd), text.hasPrefix("systemd"), let service = systemdVerb(text, ["Started "]) {
      return SignalReason("reason.service_started", ["unit": service])
    }
    return nil
  }

  /// Why the event says the incident is resolved, or nil: a restart is mitigation, not resolution.
  /// A paging service's incident resolved (PagerDuty's `resolve_log_entry`) is a resolution; an
  /// alert that stops firing is a recovery.
  static func resolution(_ e: Event) -> SignalReason? {
    if e.kind == .alert, e.attributes["log_entry_type"] == "resolve_log_entry" {
      return SignalReason("reason.pagerduty_resolved")
    }
    guard e.kind == .note || e.kind.isCommunication else { return nil }
    return says(e.text, resolutionPhrases).map { SignalReason("reason.note_says", ["words": $0]) }
  }

  /// Whether a log record says a server or service changed state (never condensed in reports).
  static func isStateChange(_ e: Event, _ known: SignalWords? = nil) -> Bool {
    let words = known ?? SignalWords.of(e.text)
    return (words.contains(.state) && serverState(e.text) != nil)
      || (words.contains(.systemd)
        && systemdVerb(e.text, ["Stopped ", "Started ", "Failed to start ", "Main process exited"]) != nil)
  }

  /// The state token of a WebLogic state change (`Server state changed to RUNNING`).
  static func serverState(_ text: String) -> String? {
    var ascii = text
    if let found = ascii.withUTF8(serverStateASCII) { return found }
    if let r = text.range(of: "Server state changed to ") {
      let token = text[r.upperBound...].prefix { $0.isLetter || $0 == "_" }
      return token.isEmpty ? nil : String(token)
    }
    // The text is localized in other languages (`BEA-000365 サーバーの状態が RUNNING に変更されました。`):
    // key on the message id and take the upper-case state token.
    guard text.hasPrefix("BEA-000365 ") else { return nil }
    let states = downStates + ["RUNNING", "STANDBY", "STARTING", "ADMIN", "RESUMING", "SUSPENDING", "FORCE_SUSPENDING"]
    let words = text.dropFirst(11).split { !($0.isASCII && ($0.isUppercase || $0 == "_")) }
    return words.map(String.init).last { states.contains($0) }
  }

  /// ``serverState(_:)`` on ASCII bytes: `.some(nil)` when there is none, nil when the text is
  /// not ASCII (the rules on characters decide then).
  private static func serverStateASCII(_ b: UnsafeBufferPointer<UInt8>) -> String?? {
    guard !b.contains(where: { $0 >= 0x80 }) else { return nil }
    func isUpperOrUnderscore(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || c == 0x5F }
    let phrase = Array("Server state changed to ".utf8)
    if b.count >= phrase.count {
      var i = 0
      while i + phrase.count <= b.count {
        if b[i] == phrase[0] && b[i..<(i + phrase.count)].elementsEqual(phrase) {
          var j = i + phrase.count
          while j < b.count && (isUpperOrUnderscore(b[j]) || (b[j] >= 0x61 && b[j] <= 0x7A)) { j += 1 }
          return j > i + phrase.count ? String(decoding: b[(i + phrase.count)..<j], as: UTF8.self) : .some(nil)
        }
        i += 1
      }
    }
    let prefix = Array("BEA-000365 ".utf8)
    guard b.count >= prefix.count, b[0..<prefix.count].elementsEqual(prefix) else { return .some(nil) }
    var last: String? = nil
    var k = prefix.count
    while k < b.count {
      guard isUpperOrUnderscore(b[k]) else {
        k += 1
        continue
      }
      var end = k
      while end < b.count && isUpperOrUnderscore(b[end]) { end += 1 }
      let word = String(decoding: b[k..<end], as: UTF8.self)
      if stateWords.contains(word) { last = word }
      k = end
    }
    return .some(last)
  }

  static let stateWords: Set<String> = Set(
    downStates + ["RUNNING", "STANDBY", "STARTING", "ADMIN", "RESUMING", "SUSPENDING", "FORCE_SUSPENDING"])

  /// What a note or message says when the service is back.
  static let recoveryPhrases: SaidPhrases = [
    "restarted", "back up", "back to running", "back to normal", "running again", "recovered", "restored",
  ]
  /// What a note or message says when the incident is over.
  static let resolutionPhrases: SaidPhrases = [
    "resolved", "fixed", "root cause found", "root cause identified", "all clear", "incident closed",
  ]

  /// The first of the phrases the text says without negating it.
  static func says(_ text: String, _ phrases: SaidPhrases) -> String? {
    if text.isEmpty || !phrases.mayOccur(in: text) { return nil }
    return search(text, phrases.texts)
  }

  /// ``says(_:_:)`` without the byte scan before it.
  static func search(_ text: String, _ phrases: [String]) -> String? {
    let t = text.lowercased()
    for p in phrases {
      guard let r = t.range(of: p) else { continue }
      // Negated ("not fixed", "unresolved") or conditional ("until it is fixed", "once resolved").
      let before = t[..<r.lowerBound].suffix(16)
      if ["not ", "n't ", "never ", "until ", "unless ", "once ", "when ", "if "].contains(where: before.contains)
        || before.hasSuffix("un")
      {
        continue
      }
      if t[r.upperBound...].hasPrefix(" yet") { continue }
      return p
    }
    return nil
  }
}

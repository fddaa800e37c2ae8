import StorylineCore

/// Recognises fault, recovery and resolution signals in events.
enum Signals {
  /// Server states that mean the service is down (WebLogic `BEA-000365`).
  static let downStates = ["FAILED", "FORCE_SHUTTING_DOWN", "SHUTTING_DOWN", "SHUTDOWN", "FAILED_NOT_RESTARTABLE"]

  /// Why the event signals a fault, or nil: an alert, a log record of severity error or worse,
  /// a server state change to a down state, stuck threads.
  static func fault(_ e: Event) -> String? {
    if e.kind == .alert { return "alert" }
    guard e.kind == .log else { return nil }
    if let state = serverState(e.text), downStates.contains(state) { return "server state changed to \(state)" }
    if e.text.contains("[STUCK]") { return "stuck threads" }
    if let s = e.severity, s >= .error { return "first log record of severity \(s.rawValue)" }
    return nil
  }

  /// Why the event signals recovery (service back), or nil.
  static func recovery(_ e: Event) -> String? {
    if e.kind == .log {
      if serverState(e.text) == "RUNNING" { return "server state changed to RUNNING" }
      if e.text.contains("HEALTH_OK") { return "health back to HEALTH_OK" }
      return nil
    }
    guard e.kind == .note || e.kind.isCommunication else { return nil }
    return says(
      e.text, ["restarted", "back up", "back to running", "back to normal", "running again", "recovered", "restored"]
    )
    .map { "a note says \"\($0)\"" }
  }

  /// Why the event says the incident is resolved, or nil: a restart is mitigation, not resolution.
  static func resolution(_ e: Event) -> String? {
    guard e.kind == .note || e.kind.isCommunication else { return nil }
    return says(
      e.text, ["resolved", "fixed", "root cause found", "root cause identified", "all clear", "incident closed"]
    )
    .map { "a note says \"\($0)\"" }
  }

  /// The state token of a WebLogic state change (`Server state changed to RUNNING`).
  static func serverState(_ text: String) -> String? {
    guard let r = text.range(of: "Server state changed to ") else { return nil }
    let token = text[r.upperBound...].prefix { $0.isLetter || $0 == "_" }
    return token.isEmpty ? nil : String(token)
  }

  /// The first of the phrases the text says without negating it.
  static func says(_ text: String, _ phrases: [String]) -> String? {
    if text.isEmpty { return nil }
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

import StorylineCore

/// Recognises fault, recovery and resolution signals in events.
enum Signals {
  /// Server states that mean the service is down (WebLogic `BEA-000365`).
  static let downStates = ["FAILED", "FORCE_SHUTTING_DOWN", "SHUTTING_DOWN", "SHUTDOWN", "FAILED_NOT_RESTARTABLE"]

  /// Why the event signals a fault, or nil: an alert, a server state change to a down state,
  /// stuck threads, out of memory, failing health, a service or server stopping, or a log record
  /// of severity error or worse.
  static func fault(_ e: Event) -> String? {
    if e.kind == .alert { return "alert" }
    guard e.kind == .log else { return nil }
    return logFault(e) ?? e.severity.flatMap { $0 >= .error ? "first log record of severity \($0.rawValue)" : nil }
  }

  /// A fault a log record states in words (not merely by its severity).
  static func logFault(_ e: Event) -> String? {
    guard SignalWords.mayName(e.text) else { return nil }
    let text = e.text
    if let state = serverState(text), downStates.contains(state) { return "server state changed to \(state)" }
    if text.contains("[STUCK]") || text.hasPrefix("BEA-000337") { return "stuck threads" }
    if text.contains("OutOfMemoryError") || text.contains("Out of memory") { return "out of memory" }
    if text.contains("HEALTH_FAILED") || text.contains("HEALTH_CRITICAL") || text.contains("HEALTH_OVERLOADED") {
      return "health failing"
    }
    let lower = text.lowercased()
    if lower.contains("health check failed") || lower.contains("healthcheck failed") { return "health check failing" }
    if lower.contains("health failed") { return "health failing" }
    if text.hasPrefix("BEA-000388") || text.hasPrefix("BEA-000396") || text.hasPrefix("BEA-000238") {
      return "server shutting down"
    }
    if let service = systemdVerb(text, ["Stopped ", "Failed to start ", "Main process exited"]) {
      return "service stopped: \(service)"
    }
    return nil
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
  static func recovery(_ e: Event) -> String? {
    if e.kind == .log { return logRecovery(e) }
    guard e.kind == .note || e.kind.isCommunication else { return nil }
    return says(
      e.text, ["restarted", "back up", "back to running", "back to normal", "running again", "recovered", "restored"]
    )
    .map { "a note says \"\($0)\"" }
  }

  /// A recovery a log record states: a server back to RUNNING, health back to OK, a health
  /// check passing, a service started.
  static func logRecovery(_ e: Event) -> String? {
    guard SignalWords.mayName(e.text) else { return nil }
    let text = e.text
    if serverState(text) == "RUNNING" { return "server state changed to RUNNING" }
    if text.contains("HEALTH_OK") { return "health back to HEALTH_OK" }
    let lower = text.lowercased()
    if lower.contains("health check passed") || lower.contains("healthcheck passed") { return "health check passing" }
    if text.hasPrefix("systemd"), let service = systemdVerb(text, ["Started "]) { return "service started: \(service)" }
    return nil
  }

  /// Why the event says the incident is resolved, or nil: a restart is mitigation, not resolution.
  static func resolution(_ e: Event) -> String? {
    guard e.kind == .note || e.kind.isCommunication else { return nil }
    return says(
      e.text, ["resolved", "fixed", "root cause found", "root cause identified", "all clear", "incident closed"]
    )
    .map { "a note says \"\($0)\"" }
  }

  /// Whether a log record says a server or service changed state (never condensed in reports).
  static func isStateChange(_ e: Event) -> Bool {
    guard SignalWords.mayName(e.text) else { return false }
    return serverState(e.text) != nil
      || systemdVerb(e.text, ["Stopped ", "Started ", "Failed to start ", "Main process exited"]) != nil
  }

  /// The state token of a WebLogic state change (`Server state changed to RUNNING`).
  static func serverState(_ text: String) -> String? {
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

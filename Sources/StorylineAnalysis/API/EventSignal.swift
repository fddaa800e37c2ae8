import StorylineCore
import StorylineLocale

/// What an event signals about the incident: a fault, a recovery or a resolution, and why.
/// The escalation analysis takes its milestones from the first of these; reports tag events with them.
public struct EventSignal: Sendable, Equatable {
  /// A fault (something broke), a recovery (service back) or a resolution (declared fixed).
  public enum Kind: String, Sendable {
    case fault, recovery, resolution
  }
  public var kind: Kind
  /// Why, as a catalogue key and its values.
  public var why: SignalReason
  /// In English: `server state changed to FAILED`, `stuck threads`, `out of memory`,
  /// `service started: nginx.service`, `a note says "resolved"`.
  public var reason: String { why.text() }
  /// In a language.
  public func reason(in language: Language) -> String { why.text(in: language) }

  init(kind: Kind, reason: SignalReason) {
    self.kind = kind
    self.why = reason
  }

  /// The signal an event carries, or nil. A fault named in words wins over one read from a
  /// record's severity alone; a log record's severity of error or worse is a fault.
  public static func of(_ e: Event) -> EventSignal? { of(e, words: nil) }

  /// ``of(_:)`` with the signal words of a log record's text already found.
  static func of(_ e: Event, words: SignalWords?) -> EventSignal? {
    if e.kind == .log || e.kind == .alert {
      // A log record's text is scanned for the signal words once, for both rules.
      let words = words ?? (e.kind == .log ? SignalWords.of(e.text) : nil)
      if let r = Signals.recovery(e, words) { return EventSignal(kind: .recovery, reason: r) }
      if e.kind == .alert { return Signals.fault(e).map { EventSignal(kind: .fault, reason: $0) } }
      if let f = Signals.logFault(e, words) { return EventSignal(kind: .fault, reason: f) }
      if let s = e.severity, s >= .error {
        return EventSignal(kind: .fault, reason: SignalReason("reason.severity", ["severity": s.rawValue]))
      }
      return nil
    }
    if let r = Signals.resolution(e) { return EventSignal(kind: .resolution, reason: r) }
    if let r = Signals.recovery(e) { return EventSignal(kind: .recovery, reason: r) }
    return nil
  }
}

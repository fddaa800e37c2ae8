/// How a communication attempt ended.
public enum Outcome: String, Sendable, Codable, CaseIterable {
  /// A call that was answered, a message that was delivered or sent.
  case completed
  /// An incoming call nobody answered.
  case missed
  /// An outgoing call that did not connect.
  case unanswered
  case rejected
  case voicemail
  case failed
  /// A message waiting to be sent (outbox, queued).
  case queued
  /// A call the phone blocked by itself.
  case blocked
  case draft

  /// Whether news can pass: only a completed communication passes it.
  public var passesNews: Bool { self == .completed }

  /// Reads an outcome word written in notes (`missed`, `no answer`, `voicemail`, …).
  public init?(word: some StringProtocol) {
    switch word.lowercased().trimmingCharacters(in: .whitespaces) {
    case "answered", "completed", "connected", "ok", "sent", "delivered", "received": self = .completed
    case "missed", "missed call": self = .missed
    case "unanswered", "no answer", "not answered", "no reply": self = .unanswered
    case "rejected", "declined", "busy": self = .rejected
    case "voicemail", "left voicemail": self = .voicemail
    case "failed", "not delivered", "undelivered": self = .failed
    case "queued", "outbox", "pending": self = .queued
    case "blocked": self = .blocked
    case "draft", "unsent": self = .draft
    default: return nil
    }
  }
}

/// What sort of thing an event is.
public enum EventKind: String, Sendable, Codable, CaseIterable, Comparable {
  case call, sms, mms, chat, email, meeting
  /// Talking face to face.
  case inPerson = "in_person"
  /// A communication whose channel the evidence does not say.
  case message
  case log, note, alert
  /// A message from the system or app itself (a chat's "X joined", an encryption notice).
  case system
  /// An attachment placeholder in a chat export (`<Media omitted>`, `image omitted`).
  case attachment

  /// Whether the kind is a communication between people (it can pass news on).
  public var isCommunication: Bool {
    switch self {
    case .call, .sms, .mms, .chat, .email, .meeting, .inPerson, .message: true
    case .log, .note, .alert, .system, .attachment: false
    }
  }

  /// The kind for a channel word written in notes: `call`, `sms`, `text`, `chat`, `email`, `meeting`, `in person`.
  public static func channel(_ word: String) -> EventKind? {
    switch word.lowercased().trimmingCharacters(in: .whitespaces) {
    case "call", "phone", "phone call", "voice", "rang": .call
    case "sms", "text", "text message": .sms
    case "mms": .mms
    case "chat", "qq", "wechat", "whatsapp", "slack", "im", "teams": .chat
    case "email", "e-mail", "mail": .email
    case "meeting", "video", "conference": .meeting
    case "in person", "in-person", "face to face", "face-to-face", "verbal", "spoke": .inPerson
    case "unknown", "": .message
    default: nil
    }
  }

  public static func < (a: EventKind, b: EventKind) -> Bool { a.rawValue < b.rawValue }
}

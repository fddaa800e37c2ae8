/// Someone in the case: who they are, how evidence refers to them, and their part in escalation.
public struct Person: Hashable, Sendable {
  /// Short id used everywhere in output: `director`, `pm-a`.
  public var id: String
  public var name: String?
  public var role: String?
  /// Other names notes and chats use for them (`me`, `I`, a nickname).
  public var aliases: [String]
  /// Phone numbers, normalized to E.164 where possible.
  public var phones: [String]
  public var emails: [String]
  public var onCall: Bool
  /// Their ids in paging services (`pagerduty`: `PXPGF42`), by service.
  public var ids: [String: String] = [:]

  public init(
    id: String, name: String? = nil, role: String? = nil, aliases: [String] = [], phones: [String] = [],
    emails: [String] = [], onCall: Bool = false
  ) {
    self.id = id
    self.name = name
    self.role = role
    self.aliases = aliases
    self.phones = phones
    self.emails = emails
    self.onCall = onCall
  }
}

/// One end of a communication: a person of the case when resolved, always with the raw address.
public struct Party: Hashable, Sendable, Comparable {
  /// The person's id from the case file, when the address resolved to one.
  public var person: String?
  /// The address as the evidence wrote it: a number, an e-mail, a name.
  public var raw: String

  public init(person: String?, raw: String) {
    self.person = person
    self.raw = raw
  }

  /// The person id when resolved, else the raw address.
  public var display: String { person ?? raw }

  public static func < (a: Party, b: Party) -> Bool { (a.display, a.raw) < (b.display, b.raw) }
}

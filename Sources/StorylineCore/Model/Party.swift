/// One end of a communication: a person of the case when resolved, always with the raw address.
public struct Party: Hashable, Sendable, Comparable {
  /// The person's id from the case file, when the address resolved to one.
  public var person: String?
  /// The address as the evidence wrote it: a number, an e-mail, a name.
  public var raw: String
  /// The raw address as an E.164 number, when it is a phone number.
  public var number: String?

  public init(person: String?, raw: String, number: String? = nil) {
    self.person = person
    self.raw = raw
    self.number = number
  }

  /// The person id when resolved, else the number in E.164 form (so that one number written two
  /// ways is one party), else the raw address.
  public var display: String { person ?? number ?? raw }

  public static func < (a: Party, b: Party) -> Bool { (a.display, a.raw) < (b.display, b.raw) }
}

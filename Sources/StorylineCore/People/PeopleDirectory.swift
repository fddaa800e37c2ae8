import Foundation

/// Resolves the ways evidence names people (ids, names, aliases, numbers, e-mails) to person ids.
public struct PeopleDirectory: Sendable {
  public let people: [Person]
  public let region: String?
  private let byName: [String: String]
  private let byPhone: [String: String]
  private let byEmail: [String: String]
  private let byServiceID: [String: String]

  public init(people: [Person], region: String?) {
    self.people = people
    self.region = region
    var names: [String: String] = [:]
    var phones: [String: String] = [:]
    var emails: [String: String] = [:]
    var serviceIDs: [String: String] = [:]
    for p in people {
      for (service, id) in p.ids where serviceIDs["\(service):\(id)"] == nil { serviceIDs["\(service):\(id)"] = p.id }
      for n in [p.id] + [p.name].compactMap({ $0 }) + p.aliases {
        let k = PeopleDirectory.key(n)
        if names[k] == nil { names[k] = p.id }
      }
      for ph in p.phones {
        let k = PhoneNumber.normalize(ph, region: region) ?? ph
        if phones[k] == nil { phones[k] = p.id }
      }
      for e in p.emails where emails[e.lowercased()] == nil { emails[e.lowercased()] = p.id }
    }
    byName = names
    byPhone = phones
    byEmail = emails
    byServiceID = serviceIDs
  }

  /// The person a paging service's user id belongs to (`people[].ids` in the case file).
  public func person(service: String, id: String) -> String? { byServiceID["\(service):\(id)"] }

  /// Case-, accent- and space-insensitive key for a name.
  public static func key(_ s: String) -> String {
    s.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
      .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  /// Resolves any address: a name or alias, a phone number, an e-mail address.
  public func resolve(_ raw: String) -> String? {
    let t = raw.trimmingCharacters(in: .whitespaces)
    if t.isEmpty { return nil }
    if let id = byName[PeopleDirectory.key(t)] { return id }
    if t.contains("@"), let id = byEmail[t.lowercased()] { return id }
    if let n = PhoneNumber.normalize(t, region: region), let id = byPhone[n] { return id }
    return nil
  }

  /// A party for a raw address, resolved when possible, with its E.164 form when it is a number.
  public func party(_ raw: String) -> Party {
    Party(person: resolve(raw), raw: raw, number: PhoneNumber.normalize(raw, region: region))
  }
}

import Foundation

/// What to take out of a report before it is rendered (`--redact numbers,emails,bodies,names`).
public struct Redaction: OptionSet, Sendable, Hashable {
  public let rawValue: Int
  public init(rawValue: Int) { self.rawValue = rawValue }

  /// Phone numbers masked to their last two digits, in addresses and in text.
  public static let numbers = Redaction(rawValue: 1)
  /// E-mail addresses masked to their domain, in addresses and in text.
  public static let emails = Redaction(rawValue: 2)
  /// Message bodies, note text and raw log lines replaced by what the event is; attributes and
  /// rejected records' excerpts dropped.
  public static let bodies = Redaction(rawValue: 4)
  /// People shown by their role; other named parties numbered.
  public static let names = Redaction(rawValue: 8)

  /// The names used on the command line, in order.
  public static let vocabulary: [(String, Redaction)] = [
    ("numbers", .numbers), ("emails", .emails), ("bodies", .bodies), ("names", .names),
  ]

  /// Parses `numbers,emails`; nil when a word is not one of the four.
  public init?(list: String) {
    var r: Redaction = []
    for word in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !word.isEmpty {
      guard let (_, v) = Redaction.vocabulary.first(where: { $0.0 == word }) else { return nil }
      r.insert(v)
    }
    self = r
  }

  /// The words of this set, in order (`numbers, emails`).
  public var words: [String] { Redaction.vocabulary.filter { contains($0.1) }.map(\.0) }
}

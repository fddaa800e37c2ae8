import StorylineCore

/// A ``JSONOutput`` that writes nothing and counts the most bytes the writing takes: a string
/// as if every byte were escaped, a number or timestamp at its longest.
struct JSONRoom: JSONOutput {
  private(set) var written = 0

  mutating func byte(_ b: UInt8) { written += 1 }
  mutating func text(_ s: StaticString) { written += s.utf8CodeUnitCount }
  mutating func newline(_ level: Int?) { written += level.map { $0 + 1 } ?? 0 }
  mutating func member(_ key: StaticString, first: Bool, level: Int?) {
    written += JSONValue.memberRoom(key, level: level)
  }
  mutating func quote(_ s: String) { written += JSONText.room(s.utf8.count) }
  mutating func decimal(_ v: Int) { written += 20 }
  mutating func utc(_ instant: Instant, digits: Int) { written += TimestampFormatter.maxLength }
  mutating func local(_ instant: Instant, in zone: ZoneRules, digits: Int) { written += TimestampFormatter.maxLength }
}

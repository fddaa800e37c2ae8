import StorylineCore

/// Where the JSON writers (``JSONObjectWriter``, ``JSONArrayWriter``) write: bytes appended to an
/// array, a ``ByteCursor`` into room made beforehand (the events of a report), or a
/// ``JSONRoom``, which counts the most room the same writing can take. One writing function,
/// run on a room first and then on a cursor, so the room always suffices.
protocol JSONOutput {
  mutating func byte(_ b: UInt8)
  /// A literal's UTF-8 as it is.
  mutating func text(_ s: StaticString)
  /// A newline and `level` spaces (nothing when `level` is nil: compact).
  mutating func newline(_ level: Int?)
  /// A member's start (``JSONValue/member(_:first:level:to:)``).
  mutating func member(_ key: StaticString, first: Bool, level: Int?)
  /// A JSON string (``JSONText/quote(_:into:)``).
  mutating func quote(_ s: String)
  mutating func decimal(_ v: Int)
  /// ``TimestampFormatter/utc(_:digits:)``.
  mutating func utc(_ instant: Instant, digits: Int)
  /// ``TimestampFormatter/local(_:in:digits:)``.
  mutating func local(_ instant: Instant, in zone: ZoneRules, digits: Int)
  /// Bytes written so far.
  var written: Int { get }
}

extension Array: JSONOutput where Element == UInt8 {
  mutating func byte(_ b: UInt8) { append(b) }
  mutating func text(_ s: StaticString) {
    append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
  }
  mutating func newline(_ level: Int?) { JSONValue.newline(level, into: &self) }
  mutating func member(_ key: StaticString, first: Bool, level: Int?) {
    append(atMost: JSONValue.memberRoom(key, level: level)) {
      JSONValue.member(key, first: first, level: level, to: &$0)
    }
  }
  mutating func quote(_ s: String) { JSONText.quote(s, into: &self) }
  mutating func decimal(_ v: Int) { append(atMost: 20) { $0.putDecimal(v) } }
  mutating func utc(_ instant: Instant, digits: Int) { TimestampFormatter.utc(instant, digits: digits, into: &self) }
  mutating func local(_ instant: Instant, in zone: ZoneRules, digits: Int) {
    TimestampFormatter.local(instant, in: zone, digits: digits, into: &self)
  }
  var written: Int { count }
}

extension ByteCursor: JSONOutput {
  mutating func byte(_ b: UInt8) { put(b) }
  mutating func text(_ s: StaticString) { put(s) }
  mutating func newline(_ level: Int?) { JSONValue.newline(level, to: &self) }
  mutating func member(_ key: StaticString, first: Bool, level: Int?) {
    JSONValue.member(key, first: first, level: level, to: &self)
  }
  mutating func quote(_ s: String) { JSONText.quote(s, to: &self) }
  mutating func decimal(_ v: Int) { putDecimal(v) }
  mutating func utc(_ instant: Instant, digits: Int) { TimestampFormatter.utc(instant, digits: digits, to: &self) }
  mutating func local(_ instant: Instant, in zone: ZoneRules, digits: Int) {
    TimestampFormatter.local(instant, in: zone, digits: digits, to: &self)
  }
  var written: Int { count }
}

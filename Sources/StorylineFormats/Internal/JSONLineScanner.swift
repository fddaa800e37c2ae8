/// Walks the top-level members of one JSON object held in bytes, without building it: the hot
/// path of the JSON-lines and journald readers and of `storyline merge`. Nested objects and
/// arrays are skipped over as raw text. Malformed input ends the walk (``isValid`` false).
package struct JSONLineScanner {
  package enum ValueType { case string, number, literal, object, array }

  /// One member: its key's bytes (inside the quotes, escapes not decoded) and its value's bytes
  /// (for strings, inside the quotes).
  struct Member {
    var key: Range<Int>
    var value: Range<Int>
    var type: ValueType
    /// Whether the key or the string value holds backslash escapes.
    var keyEscaped: Bool
    var valueEscaped: Bool
  }

  let p: UnsafeBufferPointer<UInt8>
  private var i = 0
  private(set) var isValid = true
  private var started = false

  init(_ p: UnsafeBufferPointer<UInt8>) { self.p = p }

  private mutating func skipSpace() {
    while i < p.count && (p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0D || p[i] == 0x0A) { i += 1 }
  }

  /// Reads a string starting at the opening quote; returns its inside and whether it has escapes.
  private mutating func string() -> (Range<Int>, Bool)? {
    guard i < p.count, p[i] == 0x22 else { return nil }
    let start = i + 1
    var j = start
    var escaped = false
    while j < p.count {
      let b = p[j]
      if b == 0x22 { break }
      if b == 0x5C {
        escaped = true
        j += 2
        continue
      }
      j += 1
    }
    guard j < p.count else { return nil }
    i = j + 1
    return (start..<j, escaped)
  }

  /// Skips a nested value; false when it does not end.
  private mutating func skipNested() -> Bool {
    var depth = 0
    while i < p.count {
      let b = p[i]
      if b == 0x22 {
        guard string() != nil else { return false }
        continue
      }
      if b == 0x7B || b == 0x5B { depth += 1 }
      if b == 0x7D || b == 0x5D {
        depth -= 1
        if depth == 0 {
          i += 1
          return true
        }
      }
      i += 1
    }
    return false
  }

  /// The next member, or nil at the end of the object (or at malformed input).
  mutating func next() -> Member? {
    if !started {
      started = true
      skipSpace()
      guard i < p.count, p[i] == 0x7B else {
        isValid = false
        return nil
      }
      i += 1
    }
    skipSpace()
    if i < p.count && p[i] == 0x2C {
      i += 1
      skipSpace()
    }
    if i < p.count && p[i] == 0x7D { return nil }
    guard let (key, keyEscaped) = string() else {
      isValid = false
      return nil
    }
    skipSpace()
    guard i < p.count, p[i] == 0x3A else {
      isValid = false
      return nil
    }
    i += 1
    skipSpace()
    guard i < p.count else {
      isValid = false
      return nil
    }
    let b = p[i]
    if b == 0x22 {
      guard let (v, e) = string() else {
        isValid = false
        return nil
      }
      return Member(key: key, value: v, type: .string, keyEscaped: keyEscaped, valueEscaped: e)
    }
    if b == 0x7B || b == 0x5B {
      let start = i
      guard skipNested() else {
        isValid = false
        return nil
      }
      return Member(
        key: key, value: start..<i, type: b == 0x7B ? .object : .array, keyEscaped: keyEscaped, valueEscaped: false)
    }
    let start = i
    while i < p.count && p[i] != 0x2C && p[i] != 0x7D && p[i] != 0x20 && p[i] != 0x09 { i += 1 }
    guard i > start else {
      isValid = false
      return nil
    }
    let type: ValueType = (b == 0x2D || TimestampBytes.isDigit(b)) ? .number : .literal
    return Member(key: key, value: start..<i, type: type, keyEscaped: keyEscaped, valueEscaped: false)
  }

  /// Whether the key's bytes equal these bytes.
  func key(_ m: Member, equals name: [UInt8]) -> Bool {
    guard m.key.count == name.count else { return false }
    for k in 0..<name.count where p[m.key.lowerBound + k] != name[k] { return false }
    return true
  }

  /// Whether the key's bytes equal `name` (ASCII, case-sensitive).
  func key(_ m: Member, is name: StaticString) -> Bool {
    guard m.key.count == name.utf8CodeUnitCount else { return false }
    let n = name.utf8Start
    for k in 0..<m.key.count where p[m.key.lowerBound + k] != n[k] { return false }
    return true
  }

  /// A string's text with its escapes decoded (`\n`, `\u00e9`, surrogate pairs); other values as written.
  func text(_ r: Range<Int>, escaped: Bool) -> String {
    let raw = UnsafeBufferPointer(rebasing: p[r])
    guard escaped else { return String(decoding: raw, as: UTF8.self) }
    var out: [UInt8] = []
    out.reserveCapacity(r.count)
    var k = 0
    var pendingHigh: UInt32? = nil
    func hex(_ at: Int) -> UInt32? {
      guard at + 4 <= raw.count else { return nil }
      var v: UInt32 = 0
      for j in at..<(at + 4) {
        let c = raw[j]
        let d: UInt32
        switch c {
        case 0x30...0x39: d = UInt32(c - 0x30)
        case 0x41...0x46: d = UInt32(c - 0x41 + 10)
        case 0x61...0x66: d = UInt32(c - 0x61 + 10)
        default: return nil
        }
        v = v * 16 + d
      }
      return v
    }
    func append(_ scalar: UInt32) {
      let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
      out.append(contentsOf: Array(String(Character(s)).utf8))
    }
    while k < raw.count {
      let b = raw[k]
      guard b == 0x5C, k + 1 < raw.count else {
        if let h = pendingHigh {
          append(h)
          pendingHigh = nil
        }
        out.append(b)
        k += 1
        continue
      }
      let e = raw[k + 1]
      k += 2
      if e == 0x75, let v = hex(k) {  // \uXXXX
        k += 4
        if v >= 0xD800 && v < 0xDC00 {
          if pendingHigh != nil { append(0xFFFD) }
          pendingHigh = v
          continue
        }
        if v >= 0xDC00 && v < 0xE000 {
          if let h = pendingHigh {
            append(0x10000 + ((h - 0xD800) << 10) + (v - 0xDC00))
            pendingHigh = nil
          } else {
            append(0xFFFD)
          }
          continue
        }
        if pendingHigh != nil {
          append(0xFFFD)
          pendingHigh = nil
        }
        append(v)
        continue
      }
      if pendingHigh != nil {
        append(0xFFFD)
        pendingHigh = nil
      }
      switch e {
      case 0x6E: out.append(0x0A)
      case 0x74: out.append(0x09)
      case 0x72: out.append(0x0D)
      case 0x62: out.append(0x08)
      case 0x66: out.append(0x0C)
      default: out.append(e)  // \" \\ \/
      }
    }
    if pendingHigh != nil { append(0xFFFD) }
    return String(decoding: out, as: UTF8.self)
  }
}

/// JSON string quoting shared by every JSON writer (reports, `storyline merge --format jsonl`).
public enum JSONText {
  /// RFC 8259 string escaping, quotes included; U+2028 and U+2029 are escaped too, for
  /// JavaScript consumers.
  public static func quote(_ s: String, into out: inout String) {
    var s = s
    if s.withUTF8({ isPlain($0) }) {
      out += "\""
      out += s
      out += "\""
      return
    }
    var bytes: [UInt8] = []
    quote(s, into: &bytes)
    out += String(decoding: bytes, as: UTF8.self)
  }

  /// ``quote(_:into:)`` appending UTF-8 bytes: the one implementation of the escaping.
  public static func quote(_ s: String, into out: inout [UInt8]) {
    var s = s
    s.withUTF8 { b in
      out.append(0x22)
      if isPlain(b) {
        out.append(contentsOf: b)
        out.append(0x22)
        return
      }
      var i = 0
      while i < b.count {
        let c = b[i]
        switch c {
        case 0x22: out.append(contentsOf: [0x5C, 0x22])
        case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
        case 0x0D: out.append(contentsOf: [0x5C, 0x72])
        case 0x09: out.append(contentsOf: [0x5C, 0x74])
        case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9):
          unicodeEscape(b[i + 2] == 0xA8 ? 0x2028 : 0x2029, into: &out)
          i += 2
        default:
          if c < 0x20 || c == 0x7F { unicodeEscape(UInt32(c), into: &out) } else { out.append(c) }
        }
        i += 1
      }
      out.append(0x22)
    }
  }

  /// `\u` and four lower-case hex digits.
  private static func unicodeEscape(_ v: UInt32, into out: inout [UInt8]) {
    let hex: [UInt8] = Array("0123456789abcdef".utf8)
    out.append(contentsOf: [0x5C, 0x75])
    for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((v >> UInt32(shift)) & 0xF)]) }
  }

  /// Whether nothing in the UTF-8 needs escaping.
  private static func isPlain(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    // Eight bytes at a time while they are plain ASCII; from the first word that may not be, byte
    // by byte.
    var i = 0
    if let base = UnsafeRawPointer(b.baseAddress) {
      while i + 8 <= b.count && !mayNeedEscape(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8 }
    }
    let rest = UnsafeBufferPointer(rebasing: b[i...])
    // One pass: a byte that needs escaping, or the lead byte of U+2028/U+2029 (checked then).
    for c in rest where c < 0x20 || c == 0x22 || c == 0x5C || c == 0x7F || c == 0xE2 {
      return c == 0xE2 ? !hasLineSeparator(rest) && !rest.contains(where: needsEscape) : false
    }
    return true
  }

  /// Whether any of the eight bytes of `w` is below 0x20, a quote, a backslash, DEL or not ASCII.
  /// Exact as a yes or no (the classic zero-byte tests): a borrow can mark a higher byte only
  /// when a lower one really is such a byte.
  @inline(__always)
  private static func mayNeedEscape(_ w: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = 0x8080_8080_8080_8080
    let quote = w ^ (ones &* 0x22)
    let backslash = w ^ (ones &* 0x5C)
    let delete = w ^ (ones &* 0x7F)
    let zeroQuote = (quote &- ones) & ~quote
    let zeroBackslash = (backslash &- ones) & ~backslash
    let zeroDelete = (delete &- ones) & ~delete
    let control = (w &- ones &* 0x20) & ~w
    return (zeroQuote | zeroBackslash | zeroDelete | control | w) & high != 0
  }

  /// A byte that is escaped whatever follows it.
  @inline(__always)
  private static func needsEscape(_ b: UInt8) -> Bool { b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F }

  /// Whether the UTF-8 holds U+2028 or U+2029 (E2 80 A8, E2 80 A9).
  private static func hasLineSeparator(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    while i + 2 < b.count {
      if b[i] == 0xE2 && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9) { return true }
      i += 1
    }
    return false
  }

  /// The quoted string.
  public static func quoted(_ s: String) -> String {
    var out = ""
    quote(s, into: &out)
    return out
  }
}

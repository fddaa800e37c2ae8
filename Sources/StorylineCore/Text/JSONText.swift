/// JSON string quoting shared by every JSON writer (reports, `storyline merge --format jsonl`).
public enum JSONText {
  /// RFC 8259 string escaping, quotes included; U+2028 and U+2029 are escaped too, for
  /// JavaScript consumers.
  public static func quote(_ s: String, into out: inout String) {
    var s = s
    let plain = s.withUTF8 { b in !b.contains(where: needsEscape) && !hasLineSeparator(b) }
    if plain {
      out += "\""
      out += s
      out += "\""
      return
    }
    out += "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 || u.value == 0x7F || u.value == 0x2028 || u.value == 0x2029 {
          let hex = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    out += "\""
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

/// Makes untrusted text safe inside a Markdown table cell: nothing in it can close the cell,
/// start markup, inject HTML, or send escape sequences to a terminal.
///
/// Read on the UTF-8 bytes, plain runs copied at once (the archive's Markdown writes every
/// event's cells).
enum MarkdownText {
  /// The cell's text; with a `limit`, its first `limit` characters (Unicode scalars) and `…`.
  static func cell(_ s: String, limit: Int = 0) -> String {
    var out: [UInt8] = []
    append(cell: s, limit: limit, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends ``cell(_:limit:)`` of `s`, without making it.
  static func append(cell s: String, limit: Int = 0, to out: inout [UInt8]) {
    var s = s
    s.withUTF8 { b in
      out.reserveCapacity(out.count + b.count + 16)
      var count = 0
      // The bytes from `kept` to `i` are written as they are, at once.
      var kept = 0
      var i = 0
      func put(_ replacement: StaticString, width: Int) {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[kept..<i]))
        out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
        i += width
        kept = i
      }
      while i < b.count {
        let c = b[i]
        if c & 0xC0 != 0x80 {
          if limit > 0 && count >= limit {
            put("…", width: 0)
            return
          }
          count += 1
        }
        switch c {
        case 0x0A: put("<br>", width: 1)
        case 0x0D: put("", width: 1)
        case 0x09: put(" ", width: 1)
        case 0x7C: put("\\|", width: 1)
        case 0x3C: put("&lt;", width: 1)
        case 0x3E: put("&gt;", width: 1)
        case 0x26: put("&amp;", width: 1)
        case 0x5C: put("\\\\", width: 1)
        case 0x60: put("\\`", width: 1)
        case 0x2A: put("\\*", width: 1)
        case 0x5F: put("\\_", width: 1)
        case 0x5B: put("\\[", width: 1)
        case 0x5D: put("\\]", width: 1)
        case 0x23: put("\\#", width: 1)
        case 0x7E:
          // "~12:30" cannot open or close a strikethrough; any other tilde is escaped.
          put(isNumeric(after: i, in: b) ? "~" : "\\~", width: 1)
        case 0x00..<0x20, 0x7F:
          put("\u{FFFD}", width: 1)  // control characters, ANSI escapes
        case 0xC2 where i + 1 < b.count && b[i + 1] >= 0x80 && b[i + 1] < 0xA0:
          put("\u{FFFD}", width: 2)  // C1 controls
        case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xAD || b[i + 2] == 0xAE):
          put("\u{FFFD}", width: 3)  // bidi overrides (U+202D, U+202E)
        default:
          i += 1
        }
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: b[kept...]))
    }
  }

  /// Whether the character after the byte at `i` is a number (a digit, `½`, `٣`…).
  private static func isNumeric(after i: Int, in b: UnsafeBufferPointer<UInt8>) -> Bool {
    let next = i + 1
    guard next < b.count else { return false }
    if b[next] < 0x80 { return b[next] >= 0x30 && b[next] <= 0x39 }
    var end = next + 1
    while end < b.count && b[end] & 0xC0 == 0x80 { end += 1 }
    let scalar = String(decoding: UnsafeBufferPointer(rebasing: b[next..<end]), as: UTF8.self).unicodeScalars.first
    return scalar?.properties.numericType != nil
  }
}

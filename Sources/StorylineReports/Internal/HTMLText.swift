/// Makes untrusted text safe inside HTML (element content and quoted attributes): the one HTML
/// escaping of reports, for the hand-built parts (the swimlane, the narrative) and, as the
/// templates' `HTML` content type, for every value a template writes. `<`, `>`, `&`, `"` and `'`
/// become entities; control characters (C0 but newline and tab, DEL, C1 — as in the Markdown
/// cell) and the bidirectional overrides U+202D and U+202E become U+FFFD, so that no text can
/// restyle or reorder the report, nor reach a terminal that shows its source as an escape.
enum HTMLText {
  static func escape(_ s: String) -> String {
    var text = s
    return text.withUTF8 { b in
      guard let first = b.firstIndex(where: needsLook) else { return s }
      var out: [UInt8] = []
      out.reserveCapacity(b.count + 16)
      out.append(contentsOf: UnsafeBufferPointer(rebasing: b[..<first]))
      var i = first
      while i < b.count {
        let c = b[i]
        i += 1
        guard needsLook(c) else {
          out.append(c)
          continue
        }
        switch c {
        case 0x3C: out.append(contentsOf: "&lt;".utf8)
        case 0x3E: out.append(contentsOf: "&gt;".utf8)
        case 0x26: out.append(contentsOf: "&amp;".utf8)
        case 0x22: out.append(contentsOf: "&quot;".utf8)
        case 0x27: out.append(contentsOf: "&#39;".utf8)
        case 0xE2 where i + 1 < b.count && b[i] == 0x80 && (b[i + 1] == 0xAD || b[i + 1] == 0xAE):
          out.append(contentsOf: replacement)
          i += 2
        case 0xE2: out.append(c)
        case 0xC2 where i < b.count && b[i] >= 0x80 && b[i] <= 0x9F:  // U+0080–U+009F
          out.append(contentsOf: replacement)
          i += 1
        case 0xC2: out.append(c)
        default: out.append(contentsOf: replacement)  // a control character or DEL
        }
      }
      return String(decoding: out, as: UTF8.self)
    }
  }

  /// Whether a byte is escaped, or may start U+202D/U+202E (E2 80 AD, E2 80 AE) or a C1
  /// control (C2 80–C2 9F).
  @inline(__always)
  private static func needsLook(_ c: UInt8) -> Bool {
    c < 0x20 && c != 0x0A && c != 0x09 || c == 0x7F || c == 0x3C || c == 0x3E || c == 0x26 || c == 0x22
      || c == 0x27 || c == 0xE2 || c == 0xC2
  }

  /// U+FFFD in UTF-8.
  private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
}

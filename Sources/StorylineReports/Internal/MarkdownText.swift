/// Makes untrusted text safe inside a Markdown table cell: nothing in it can close the cell,
/// start markup, inject HTML, or send escape sequences to a terminal.
enum MarkdownText {
  static func cell(_ s: String, limit: Int = 0) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    var count = 0
    let scalars = Array(s.unicodeScalars)
    for (k, ch) in scalars.enumerated() {
      if limit > 0 && count >= limit {
        out += "…"
        break
      }
      count += 1
      switch ch {
      case "\n": out += "<br>"
      case "\r": continue
      case "\t": out += " "
      case "|": out += "\\|"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "&": out += "&amp;"
      case "\\", "`", "*", "_", "[", "]", "#": out += "\\" + String(ch)
      case "~":
        // "~12:30" cannot open or close a strikethrough; any other tilde is escaped.
        let next = k + 1 < scalars.count ? scalars[k + 1] : " "
        out += next.properties.numericType != nil ? "~" : "\\~"
      default:
        if ch.value < 0x20 || ch.value == 0x7F || (ch.value >= 0x80 && ch.value < 0xA0) || ch.value == 0x202E
          || ch.value == 0x202D
        {
          out += "\u{FFFD}"  // control characters, ANSI escapes, bidi overrides
        } else {
          out.unicodeScalars.append(ch)
        }
      }
    }
    return out
  }
}

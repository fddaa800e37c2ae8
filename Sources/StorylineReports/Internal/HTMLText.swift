/// Makes untrusted text safe inside HTML (element content and quoted attributes): the one HTML
/// escaping of the hand-built parts of reports (the swimlane, the narrative).
enum HTMLText {
  static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for u in s.unicodeScalars {
      switch u {
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "&": out += "&amp;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default:
        if u.value < 0x20 && u != "\n" && u != "\t" || u.value == 0x7F || u.value == 0x202E || u.value == 0x202D {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out
  }
}

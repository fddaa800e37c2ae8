/// A log message's shape: its first line with every word that holds a digit (numbers, ids,
/// addresses, times, thread numbers `'3'`), every long hexadecimal word and every e-mail
/// address masked as `<*>`. Two records with the same template say the same thing about
/// different things.
enum LogTemplate {
  static func mask(_ text: String) -> String {
    let line = text.prefix { $0 != "\n" }.prefix(300)
    var out = ""
    out.reserveCapacity(line.utf8.count)
    for (k, word) in line.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
      if k > 0 { out += " " }
      if word.contains(where: \.isNumber) || word.contains("@") || isHex(word) {
        out += "<*>"
      } else {
        out += word
      }
    }
    return out
  }

  private static func isHex(_ w: Substring) -> Bool {
    w.count >= 8 && w.allSatisfy { $0.isHexDigit || $0 == "-" || $0 == ":" }
  }
}

/// A log message's shape: its first line with every word that holds a digit (numbers, ids,
/// — but not catalog message ids such as `BEA-000337` or `AH00898:`, which name the message —
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
      if isMessageID(word) {
        out += word
      } else if word.contains(where: \.isNumber) || word.contains("@") || isHex(word) {
        out += "<*>"
      } else {
        out += word
      }
    }
    return out
  }

  /// A catalog message id names the kind of message: `BEA-000337`, `AH00898:`, `ORA-00054:`.
  private static func isMessageID(_ w: Substring) -> Bool {
    let core = w.hasSuffix(":") ? w.dropLast() : w
    let letters = core.prefix { $0.isASCII && $0.isUppercase }
    let rest = core.dropFirst(letters.count)
    let digits = rest.hasPrefix("-") ? rest.dropFirst() : rest
    return letters.count >= 2 && digits.count >= 4 && digits.allSatisfy { $0.isASCII && $0.isNumber }
  }

  private static func isHex(_ w: Substring) -> Bool {
    w.count >= 8 && w.allSatisfy { $0.isHexDigit || $0 == "-" || $0 == ":" }
  }
}

/// A log message's shape: its first line with every word that holds a digit (numbers, ids,
/// — but not catalog message ids such as `BEA-000337` or `AH00898:`, which name the message —
/// addresses, times, thread numbers `'3'`), every long hexadecimal word and every e-mail
/// address masked as `<*>`. Two records with the same template say the same thing about
/// different things.
enum LogTemplate {
  static func mask(_ text: String) -> String {
    var text = text
    if let ascii = text.withUTF8(maskASCII) { return ascii }
    return maskCharacters(text)
  }

  /// The template of a first line that is ASCII without carriage returns (nil otherwise): the
  /// same rules on bytes. (`\r\n` is one character, not a line end: those go by characters.)
  private static func maskASCII(_ b: UnsafeBufferPointer<UInt8>) -> String? {
    var end = 0
    while end < b.count && b[end] != 0x0A {
      if b[end] >= 0x80 || b[end] == 0x0D { return nil }
      end += 1
    }
    let limit = min(end, 300)
    var out = [UInt8]()
    out.reserveCapacity(limit)
    var start = 0
    while start <= limit {
      var stop = start
      while stop < limit && b[stop] != 0x20 { stop += 1 }
      if start > 0 { out.append(0x20) }
      let word = UnsafeBufferPointer(rebasing: b[start..<stop])
      if !isMessageID(word) && (word.contains { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x40 } || isHex(word)) {
        out.append(contentsOf: [0x3C, 0x2A, 0x3E])
      } else {
        out.append(contentsOf: word)
      }
      start = stop + 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  private static func isMessageID(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
    var end = w.count
    if end > 0 && w[end - 1] == 0x3A { end -= 1 }
    var i = 0
    while i < end && w[i] >= 0x41 && w[i] <= 0x5A { i += 1 }
    let letters = i
    if i < end && w[i] == 0x2D { i += 1 }
    let digits = end - i
    while i < end && w[i] >= 0x30 && w[i] <= 0x39 { i += 1 }
    return letters >= 2 && digits >= 4 && i == end
  }

  private static func isHex(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
    w.count >= 8
      && w.allSatisfy {
        ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x46) || ($0 >= 0x61 && $0 <= 0x66) || $0 == 0x2D
          || $0 == 0x3A
      }
  }

  /// The rules on characters, for text that is not ASCII.
  private static func maskCharacters(_ text: String) -> String {
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

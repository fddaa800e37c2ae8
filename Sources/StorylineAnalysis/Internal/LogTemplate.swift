import StorylineCore

/// A log message's shape: its first line with every word that holds a digit (numbers, ids,
/// — but not catalog message ids such as `BEA-000337` or `AH00898:`, which name the message —
/// addresses, times, thread numbers `'3'`), every long hexadecimal word and every e-mail
/// address masked as `<*>`. Two records with the same template say the same thing about
/// different things.
enum LogTemplate {
  static func mask(_ text: String) -> String {
    var text = text
    if let ascii = text.withUTF8({ b -> String? in
      var out = [UInt8]()
      out.reserveCapacity(min(b.count, 300))
      return maskASCII(b, into: &out) ? String(decoding: out, as: UTF8.self) : nil
    }) {
      return ascii
    }
    return maskCharacters(text)
  }

  /// A 64-bit FNV-1a hash of ``mask(_:)``'s result, computed without building it: what a run
  /// tracker keys on for every record (the template itself is built only when a run starts).
  /// Two texts with the same template hash alike; two templates share a hash with odds of about
  /// one in 2^64 per pair.
  static func maskHash(_ text: String) -> UInt64 {
    var text = text
    if let h = text.withUTF8({ b -> UInt64? in
      var hash = FNV1a()
      return maskASCII(b, into: &hash) ? hash.value : nil
    }) {
      return h
    }
    var hash = FNV1a()
    for byte in maskCharacters(text).utf8 { hash.append(byte) }
    return hash.value
  }

  /// Where masked bytes go: an array, or a running hash.
  protocol Sink {
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
  }

  /// The template of a first line that is ASCII without carriage returns, written to `out`;
  /// false (nothing meaningful written) otherwise. (`\r\n` is one character, not a line end:
  /// those go by characters.)
  @inline(__always)
  private static func maskASCII<S: Sink>(_ b: UnsafeBufferPointer<UInt8>, into out: inout S) -> Bool {
    guard let end = asciiLineEnd(b) else { return false }
    let limit = min(end, 300)
    var start = 0
    while start <= limit {
      // One pass over the word: where it ends, whether it holds a digit or `@`, whether it is
      // all hex digits, `-` and `:`.
      var stop = start
      var digitOrAt = false
      var hexLike = true
      while stop < limit {
        let c = b[stop]
        if c == 0x20 { break }
        let digit = c >= 0x30 && c <= 0x39
        digitOrAt = digitOrAt || digit || c == 0x40
        hexLike = hexLike && (digit || (c | 0x20 >= 0x61 && c | 0x20 <= 0x66) || c == 0x2D || c == 0x3A)
        stop += 1
      }
      if start > 0 { out.append(0x20) }
      let word = UnsafeBufferPointer(rebasing: b[start..<stop])
      if (digitOrAt || hexLike && word.count >= 8) && !isMessageID(word) {
        out.append(0x3C)
        out.append(0x2A)
        out.append(0x3E)
      } else {
        out.append(contentsOf: word)
      }
      start = stop + 1
    }
    return true
  }

  /// Where the first line ends (its newline, or the end), when it is ASCII without carriage
  /// returns; nil otherwise. Eight bytes at a time while none of them is a newline, a carriage
  /// return or not ASCII.
  @inline(__always)
  private static func asciiLineEnd(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
    var i = 0
    if let base = UnsafeRawPointer(b.baseAddress) {
      let ones: UInt64 = 0x0101_0101_0101_0101
      let high: UInt64 = 0x8080_8080_8080_8080
      while i + 8 <= b.count {
        let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let lf = w ^ (ones &* 0x0A)
        let cr = w ^ (ones &* 0x0D)
        if ((lf &- ones) & ~lf | (cr &- ones) & ~cr | w) & high != 0 { break }
        i += 8
      }
    }
    while i < b.count && b[i] != 0x0A {
      if b[i] >= 0x80 || b[i] == 0x0D { return nil }
      i += 1
    }
    return i
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

extension Array: LogTemplate.Sink where Element == UInt8 {}

extension FNV1a: LogTemplate.Sink {}

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

  struct FNV1a: Sink {
    var value: UInt64 = 0xCBF2_9CE4_8422_2325
    @inline(__always) mutating func append(_ byte: UInt8) { value = (value ^ UInt64(byte)) &* 0x100_0000_01B3 }
    @inline(__always) mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
      for b in bytes { append(b) }
    }
  }

  /// The template of a first line that is ASCII without carriage returns, written to `out`;
  /// false (nothing meaningful written) otherwise. (`\r\n` is one character, not a line end:
  /// those go by characters.)
  @inline(__always)
  private static func maskASCII<S: Sink>(_ b: UnsafeBufferPointer<UInt8>, into out: inout S) -> Bool {
    var end = 0
    while end < b.count && b[end] != 0x0A {
      if b[end] >= 0x80 || b[end] == 0x0D { return false }
      end += 1
    }
    let limit = min(end, 300)
    var start = 0
    while start <= limit {
      var stop = start
      while stop < limit && b[stop] != 0x20 { stop += 1 }
      if start > 0 { out.append(0x20) }
      let word = UnsafeBufferPointer(rebasing: b[start..<stop])
      if !isMessageID(word) && (word.contains { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x40 } || isHex(word)) {
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

extension Array: LogTemplate.Sink where Element == UInt8 {}

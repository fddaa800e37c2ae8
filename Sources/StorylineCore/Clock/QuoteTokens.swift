/// The words of a text that can tie a message to the log record or alert it quotes, read on
/// UTF-8 bytes: runs of ASCII letters, digits, `_`, `-` and `.`, lower-cased, of 3 bytes or more.
///
/// A word is *distinctive* when it names something rather than says something: it holds a
/// digit, an inner `_`, `-` or `.`, an inner capital (`OrderService`), or is 10 bytes or longer
/// (`ORA-00060`, `gw-eu-2`, `db01.prod`, `OutOfMemoryError`). Numbers alone, dates and times
/// (`03:14`, `2026-11-12`, `30000`) never are: every log and message has them.
struct QuoteTokens: Equatable {
  var distinctive: Set<String> = []
  /// The other words of 5 bytes or more.
  var plain: Set<String> = []

  init(_ text: String) {
    var t = text
    t.withUTF8 { read($0) }
  }

  private mutating func read(_ b: UnsafeBufferPointer<UInt8>) {
    var i = 0
    while i < b.count {
      guard Self.isWordByte(b[i]) else {
        i += 1
        continue
      }
      var j = i
      while j < b.count && Self.isWordByte(b[j]) { j += 1 }
      var s = i
      var e = j
      while s < e && Self.isTrim(b[s]) { s += 1 }
      while e > s && Self.isTrim(b[e - 1]) { e -= 1 }
      if e - s >= 3 { add(UnsafeBufferPointer(rebasing: b[s..<e])) }
      i = j
    }
  }

  private mutating func add(_ w: UnsafeBufferPointer<UInt8>) {
    var letters = false
    var digit = false
    var joined = false
    var innerCapital = false
    for (k, c) in w.enumerated() {
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = true
      case UInt8(ascii: "A")...UInt8(ascii: "Z"):
        letters = true
        if k > 0 && w[k - 1] >= UInt8(ascii: "a") && w[k - 1] <= UInt8(ascii: "z") { innerCapital = true }
      case UInt8(ascii: "a")...UInt8(ascii: "z"): letters = true
      case UInt8(ascii: "_"):
        letters = true
        joined = true
      default: joined = true  // - .
      }
    }
    guard letters else { return }  // numbers, dates, times
    let word = String(decoding: w.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    if digit || joined || innerCapital || w.count >= 10 {
      distinctive.insert(word)
    } else if w.count >= 5 {
      plain.insert(word)
    }
  }

  @inline(__always) private static func isWordByte(_ c: UInt8) -> Bool {
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 45 || c == 46
  }

  @inline(__always) private static func isTrim(_ c: UInt8) -> Bool { c == 45 || c == 46 || c == 95 }

  /// How strongly `other` quotes these words: 0 when it does not (fewer than two shared
  /// distinctive words, or one without two shared plain words); else the shared words, the
  /// distinctive counted double.
  func quoteScore(_ other: QuoteTokens) -> Int {
    let d = distinctive.intersection(other.distinctive).count
    guard d > 0 else { return 0 }
    let p = plain.intersection(other.plain).count
    guard d >= 2 || p >= 2 else { return 0 }
    return 2 * d + p
  }

  /// The shared distinctive words, sorted: what a pair cites.
  func shared(_ other: QuoteTokens) -> [String] { distinctive.intersection(other.distinctive).sorted() }
}

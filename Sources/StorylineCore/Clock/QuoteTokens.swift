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
    Self.scan(text) { word, distinctive in
      let w = String(decoding: word, as: UTF8.self)
      if distinctive { self.distinctive.insert(w) } else { plain.insert(w) }
    }
  }

  /// The words' hashes (``FNV1a``), each list sorted and without repeats: what a
  /// ``QuoteFinder`` holds of a message, a few bytes a word. Equal words hash equal, so the
  /// hashes two texts share count at least the words they share (unless two words of one text
  /// hash alike, one chance in 2^64), and more only when words of the two hash alike.
  static func hashes(_ text: String, distinctive: inout [UInt64], plain: inout [UInt64]) {
    distinctive.removeAll(keepingCapacity: true)
    plain.removeAll(keepingCapacity: true)
    scan(text) { word, isDistinctive in
      if isDistinctive { distinctive.append(FNV1a.of(word)) } else { plain.append(FNV1a.of(word)) }
    }
    sortUnique(&distinctive)
    sortUnique(&plain)
  }

  private static func sortUnique(_ list: inout [UInt64]) {
    list.sort()
    var kept = 0
    for i in list.indices where kept == 0 || list[kept - 1] != list[i] {
      list[kept] = list[i]
      kept += 1
    }
    list.removeLast(list.count - kept)
  }

  /// Each word of `text` that counts, lower-cased, and whether it is distinctive (else plain),
  /// in the order they come (repeats included).
  static func scan(_ text: String, _ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) {
    var t = text
    var lowered: [UInt8] = []
    t.withUTF8 { b in
      var i = 0
      while i < b.count {
        guard isWordByte(b[i]) else {
          i += 1
          continue
        }
        var j = i
        while j < b.count && isWordByte(b[j]) { j += 1 }
        var s = i
        var e = j
        while s < e && isTrim(b[s]) { s += 1 }
        while e > s && isTrim(b[e - 1]) { e -= 1 }
        if e - s >= 3, let distinctive = kind(UnsafeBufferPointer(rebasing: b[s..<e])) {
          lowered.removeAll(keepingCapacity: true)
          for c in b[s..<e] { lowered.append(c >= 65 && c <= 90 ? c + 32 : c) }
          lowered.withUnsafeBufferPointer { body($0, distinctive) }
        }
        i = j
      }
    }
  }

  /// Whether a word is distinctive (true) or plain (false); nil when it does not count
  /// (numbers, dates and times; a plain word under 5 bytes).
  private static func kind(_ w: UnsafeBufferPointer<UInt8>) -> Bool? {
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
    guard letters else { return nil }  // numbers, dates, times
    if digit || joined || innerCapital || w.count >= 10 { return true }
    return w.count >= 5 ? false : nil
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

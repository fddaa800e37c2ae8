/// Lower-case ASCII phrases a note or message may say (`fixed`, `back up`), with their bytes
/// and first letters kept for the byte scan in front of ``Signals/says(_:_:)``.
struct SaidPhrases: ExpressibleByArrayLiteral {
  let texts: [String]
  let bytes: [[UInt8]]
  /// Which bytes start a phrase.
  private let starts: [Bool]

  init(_ texts: [String]) {
    self.texts = texts
    bytes = texts.map { Array($0.utf8) }
    var s = [Bool](repeating: false, count: 256)
    for b in bytes { if let f = b.first { s[Int(f)] = true } }
    starts = s
  }

  init(arrayLiteral elements: String...) { self.init(elements) }

  /// Whether one of the phrases occurs in `text`, its ASCII letters in either case. Never false
  /// where the Foundation search of ``Signals/search(_:_:)`` finds one: the Kelvin sign, the
  /// one non-ASCII letter that lower-cases to an ASCII one, answers true.
  func mayOccur(in text: String) -> Bool {
    var copy = text
    return copy.withUTF8 { b in
      let n = b.count
      @inline(__always) func fold(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
      var i = 0
      while i < n {
        let c = fold(b[i])
        if c == 0xE2, i + 2 < n, b[i + 1] == 0x84, b[i + 2] == 0xAA { return true }  // K (Kelvin)
        if starts[Int(c)] {
          for p in bytes where p[0] == c && i + p.count <= n {
            var k = 1
            while k < p.count && fold(b[i + k]) == p[k] { k += 1 }
            if k == p.count { return true }
          }
        }
        i += 1
      }
      return false
    }
  }
}

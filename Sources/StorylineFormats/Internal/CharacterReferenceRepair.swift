/// Rewrites UTF-16 surrogate pairs written as two XML character references
/// (`&#55357;&#56832;`, `&#xD83D;&#xDE00;`), as some exporters do, into one reference to the real
/// code point (`&#128512;`), which XML parsers accept. A lone surrogate becomes `&#65533;` (�).
///
/// Works on a stream in chunks: a reference cut by a chunk boundary is held until the next one.
struct CharacterReferenceRepair {
  /// Pairs joined and lone halves replaced so far.
  private(set) var pairsJoined = 0
  private(set) var loneReplaced = 0
  private var carry: [UInt8] = []

  /// Longest `&#…;` reference looked at (`&#x0000DFFF;`).
  static let maxReference = 12

  /// The repaired bytes of `chunk`; pass `final` with the last one.
  mutating func process(_ chunk: UnsafeBufferPointer<UInt8>, final: Bool) -> [UInt8] {
    repaired(chunk, final: final) ?? Array(chunk)
  }

  /// The repaired bytes of `chunk`, nil when they are the chunk as it is (most chunks: no
  /// reference in them can be a surrogate, and nothing is held from the one before); pass
  /// `final` with the last one.
  mutating func repaired(_ chunk: UnsafeBufferPointer<UInt8>, final: Bool) -> [UInt8]? {
    if carry.isEmpty && !CharacterReferenceRepair.mayHoldSurrogate(chunk) { return nil }
    var input = carry
    input.append(contentsOf: chunk)
    carry.removeAll(keepingCapacity: true)
    var out: [UInt8] = []
    out.reserveCapacity(input.count)
    var i = 0
    let n = input.count
    while i < n {
      // Copy up to the next '&' in one go: most of a file has no references at all.
      let next = input.withUnsafeBufferPointer { Bytes.index(of: 0x26, in: $0, from: i) }
      if next > i {
        out.append(contentsOf: input[i..<next])
        i = next
        continue
      }
      let b = input[i]
      // Not enough bytes to see a whole pair: keep the tail for the next chunk.
      if !final && n - i < 2 * CharacterReferenceRepair.maxReference {
        carry.append(contentsOf: input[i...])
        break
      }
      guard let (v, len) = CharacterReferenceRepair.reference(input, at: i), v >= 0xD800 && v <= 0xDFFF else {
        out.append(b)
        i += 1
        continue
      }
      if v <= 0xDBFF, let (low, len2) = CharacterReferenceRepair.reference(input, at: i + len),
        low >= 0xDC00 && low <= 0xDFFF
      {
        let cp = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
        out.append(contentsOf: Array("&#\(cp);".utf8))
        pairsJoined += 1
        i += len + len2
      } else {
        out.append(contentsOf: Array("&#65533;".utf8))
        loneReplaced += 1
        i += len
      }
    }
    return out
  }

  /// Whether a character reference in `b` may be a surrogate's (`&#5[5-7]…`, `&#xD[8-F]…`,
  /// after any leading zeros), or is cut off by its end before that can be told. False means
  /// ``repaired(_:final:)`` has nothing to change or hold back in it: `&amp;`, `&#10;` and the
  /// like are passed over at the speed of `memchr`.
  static func mayHoldSurrogate(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = Bytes.index(of: 0x26, in: b)
    let n = b.count
    while i < n {
      var k = i + 1
      guard k < n else { return true }
      if b[k] == 0x23 {  // '#'
        k += 1
        let hex = k < n && (b[k] | 0x20) == 0x78
        if hex { k += 1 }
        while k < n && b[k] == 0x30 { k += 1 }
        guard k + 1 < n else { return true }
        let (c, d) = (b[k] | 0x20, b[k + 1] | 0x20)
        if hex ? c == 0x64 && (d == 0x38 || d == 0x39 || (d >= 0x61 && d <= 0x66)) : c == 0x35 && d >= 0x35 && d <= 0x37
        {
          return true
        }
      }
      i = Bytes.index(of: 0x26, in: b, from: i + 1)
    }
    return false
  }

  /// The value and length of a character reference `&#123;` or `&#x7B;` starting at `i`.
  static func reference(_ p: [UInt8], at i: Int) -> (Int, Int)? {
    guard i + 3 < p.count, p[i] == 0x26, p[i + 1] == 0x23 else { return nil }
    var k = i + 2
    let hex = p[k] == 0x78 || p[k] == 0x58
    if hex { k += 1 }
    var v = 0
    let start = k
    while k < p.count && k - i < maxReference {
      let c = p[k]
      if c == 0x3B { break }
      let d: Int
      if c >= 0x30 && c <= 0x39 {
        d = Int(c - 0x30)
      } else if hex && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 {
        d = Int((c | 0x20) - 0x61 + 10)
      } else {
        return nil
      }
      v = v * (hex ? 16 : 10) + d
      k += 1
    }
    guard k < p.count, p[k] == 0x3B, k > start else { return nil }
    return (v, k + 1 - i)
  }
}

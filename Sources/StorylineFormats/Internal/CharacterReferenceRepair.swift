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
    // Most chunks hold no reference at all: copied once.
    if carry.isEmpty && Bytes.index(of: 0x26, in: chunk) == chunk.count { return Array(chunk) }
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

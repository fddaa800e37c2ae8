/// JSON string quoting shared by every JSON writer (reports, `storyline merge --format jsonl`).
public enum JSONText {
  /// RFC 8259 string escaping, quotes included; U+2028 and U+2029 are escaped too, for
  /// JavaScript consumers.
  public static func quote(_ s: String, into out: inout String) {
    var s = s
    if s.withUTF8({ isPlain($0) }) {
      out += "\""
      out += s
      out += "\""
      return
    }
    var bytes: [UInt8] = []
    quote(s, into: &bytes)
    out += String(decoding: bytes, as: UTF8.self)
  }

  /// ``quote(_:into:)`` appending UTF-8 bytes. A long text is escaped a part at a time (each
  /// part ending where a character does), so that the room made for it stays small.
  public static func quote(_ s: String, into out: inout [UInt8]) {
    var s = s
    s.withUTF8 { b in
      guard b.count > part else { return out.append(atMost: room(b.count)) { quote(b, to: &$0) } }
      out.append(0x22)
      var from = 0
      while from < b.count {
        var to = min(from + part, b.count)
        while to < b.count && b[to] & 0xC0 == 0x80 { to -= 1 }
        let piece = UnsafeBufferPointer(rebasing: b[from..<to])
        out.append(atMost: 6 * piece.count) { c in
          c.write(atMost: 6 * piece.count) { escape(piece, at: $0.baseAddress!) }
        }
        from = to
      }
      out.append(0x22)
    }
  }

  /// The bytes of a text escaped at once, at most.
  static let part = 1 << 16

  /// The most bytes the quoted text of `utf8Count` bytes of UTF-8 takes: each byte escaped as
  /// `\u00XX`, and the two quotes.
  @inlinable
  public static func room(_ utf8Count: Int) -> Int { 6 * utf8Count + 2 }

  /// ``quote(_:into:)`` written through a cursor with ``room(_:)`` for it.
  public static func quote(_ s: String, to c: inout ByteCursor) {
    // Without copying the string where its UTF-8 is at hand (always, for a native string).
    if s.utf8.withContiguousStorageIfAvailable({ quote($0, to: &c) }) != nil { return }
    var s = s
    s.withUTF8 { quote($0, to: &c) }
  }

  /// The text (valid UTF-8) quoted through a cursor with ``room(_:)`` for it.
  package static func quote(_ b: UnsafeBufferPointer<UInt8>, to c: inout ByteCursor) {
    c.write(atMost: room(b.count)) { out in
      let o = out.baseAddress!
      o[0] = 0x22
      let k = 1 + escape(b, at: o + 1)
      o[k] = 0x22
      return k + 1
    }
  }

  /// The one implementation of the escaping, without the quotes, at `o` (room for `6 × b.count`
  /// bytes): how many bytes. Plain ASCII is copied eight bytes at a time.
  static func escape(_ b: UnsafeBufferPointer<UInt8>, at o: UnsafeMutablePointer<UInt8>) -> Int {
    var k = 0
    let n = b.count
    var i = 0
    // From here on the output is the input as it is (nothing escaped since).
    var verbatim = 0
    guard let base = UnsafeRawPointer(b.baseAddress) else { return 0 }
    if n >= 2 && n < 8 {
      // A short text as one word padded with spaces (the room, 6n, holds the eight bytes).
      var w: UInt64 = 0x2020_2020_2020_2020
      withUnsafeMutableBytes(of: &w) { $0.baseAddress!.copyMemory(from: base, byteCount: n) }
      if !mayNeedEscape(w) {
        UnsafeMutableRawPointer(o).storeBytes(of: w, as: UInt64.self)
        return n
      }
    }
    while i < n {
      while i + 8 <= n {
        let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        if mayNeedEscape(w) { break }
        UnsafeMutableRawPointer(o + k).storeBytes(of: w, as: UInt64.self)
        i += 8
        k += 8
      }
      // The last few bytes: the last eight again, when they are plain and everything from them
      // on was copied as it is.
      if i + 8 > n && i < n && n - 8 >= verbatim {
        let w = base.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        if !mayNeedEscape(w) {
          UnsafeMutableRawPointer(o + k - (i - (n - 8))).storeBytes(of: w, as: UInt64.self)
          return k + n - i
        }
      }
      // Byte by byte through the word that may need escaping (or the last few bytes).
      let stop = min(i + 8, n)
      while i < stop {
        let x = b[i]
        i += 1
        if x >= 0x20 && x < 0x7F && x != 0x22 && x != 0x5C || x >= 0x80 && x != 0xE2 {
          o[k] = x
          k += 1
          continue
        }
        k += escape(x, b, &i, at: o + k)
        verbatim = i
      }
    }
    return k
  }

  /// The escaped form of `x`, the byte before `i` in `b`, written at `p` (U+2028 and U+2029
  /// move `i` past their last two bytes): how many bytes.
  private static func escape(
    _ x: UInt8, _ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, at p: UnsafeMutablePointer<UInt8>
  )
    -> Int
  {
    switch x {
    case 0x22, 0x5C:
      p[0] = 0x5C
      p[1] = x
    case 0x0A:
      p[0] = 0x5C
      p[1] = 0x6E
    case 0x0D:
      p[0] = 0x5C
      p[1] = 0x72
    case 0x09:
      p[0] = 0x5C
      p[1] = 0x74
    case 0xE2 where i + 1 < b.count && b[i] == 0x80 && (b[i + 1] == 0xA8 || b[i + 1] == 0xA9):
      let v: UInt16 = b[i + 1] == 0xA8 ? 0x2028 : 0x2029
      i += 2
      return unicodeEscape(v, at: p)
    case 0xE2:
      p[0] = x
      return 1
    default:
      return unicodeEscape(UInt16(x), at: p)
    }
    return 2
  }

  /// `\u` and four lower-case hex digits at `p`; 6, the bytes written.
  private static func unicodeEscape(_ v: UInt16, at p: UnsafeMutablePointer<UInt8>) -> Int {
    let hex: StaticString = "0123456789abcdef"
    p[0] = 0x5C
    p[1] = 0x75
    for d in 0..<4 { p[2 + d] = hex.utf8Start[Int((v >> UInt16(12 - 4 * d)) & 0xF)] }
    return 6
  }

  /// Whether nothing in the UTF-8 needs escaping.
  private static func isPlain(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    // Eight bytes at a time while they are plain ASCII; from the first word that may not be, byte
    // by byte.
    var i = 0
    if let base = UnsafeRawPointer(b.baseAddress) {
      while i + 8 <= b.count && !mayNeedEscape(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8 }
    }
    let rest = UnsafeBufferPointer(rebasing: b[i...])
    // One pass: a byte that needs escaping, or the lead byte of U+2028/U+2029 (checked then).
    for c in rest where c < 0x20 || c == 0x22 || c == 0x5C || c == 0x7F || c == 0xE2 {
      return c == 0xE2 ? !hasLineSeparator(rest) && !rest.contains(where: needsEscape) : false
    }
    return true
  }

  /// Whether any of the eight bytes of `w` is below 0x20, a quote, a backslash, DEL or not ASCII.
  /// Exact as a yes or no (the classic zero-byte tests): a borrow can mark a higher byte only
  /// when a lower one really is such a byte.
  @inline(__always)
  private static func mayNeedEscape(_ w: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = 0x8080_8080_8080_8080
    let quote = w ^ (ones &* 0x22)
    let backslash = w ^ (ones &* 0x5C)
    let delete = w ^ (ones &* 0x7F)
    let zeroQuote = (quote &- ones) & ~quote
    let zeroBackslash = (backslash &- ones) & ~backslash
    let zeroDelete = (delete &- ones) & ~delete
    let control = (w &- ones &* 0x20) & ~w
    return (zeroQuote | zeroBackslash | zeroDelete | control | w) & high != 0
  }

  /// A byte that is escaped whatever follows it.
  @inline(__always)
  private static func needsEscape(_ b: UInt8) -> Bool { b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F }

  /// Whether the UTF-8 holds U+2028 or U+2029 (E2 80 A8, E2 80 A9).
  private static func hasLineSeparator(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    while i + 2 < b.count {
      if b[i] == 0xE2 && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9) { return true }
      i += 1
    }
    return false
  }

  /// The quoted string.
  public static func quoted(_ s: String) -> String {
    var out = ""
    quote(s, into: &out)
    return out
  }
}

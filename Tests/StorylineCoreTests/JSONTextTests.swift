import StorylineTestSupport
import Testing

@testable import StorylineCore

/// The one JSON quoting (every JSON output goes through it), on its fast and slow paths.
@Suite("JSON text")
struct JSONTextTests {
  @Test(arguments: [
    ("plain text", #""plain text""#),
    ("quote \" backslash \\", #""quote \" backslash \\""#),
    ("line\nfeed\r\ttab", #""line\nfeed\r\ttab""#),
    ("bell\u{07} del\u{7F}", #""bell\u0007 del\u007f""#),
    ("中文 é — ≈", #""中文 é — ≈""#),  // E2 80 94 (—) and E2 89 88 (≈) are not line separators
    ("a\u{2028}b\u{2029}c", #""a\u2028b\u2029c""#),
    ("—\"", #""—\"""#),  // a lead byte E2 first, then a byte to escape: the slow path still escapes it
    ("", #""""#),
  ])
  func quoting(raw: String, quoted: String) {
    var bytes: [UInt8] = []
    JSONText.quote(raw, into: &bytes)
    #expect(String(decoding: bytes, as: UTF8.self) == quoted)
    #expect(JSONText.quoted(raw) == quoted)
  }

  /// The fast path (eight bytes at a time) never lets through a text that needs escaping: 20,000
  /// random texts of mostly plain ASCII with, at a random place, one byte or character that needs
  /// a look (every control byte, quote, backslash, DEL, non-ASCII, U+2028/9), each quoted as the
  /// byte-by-byte rule says.
  @Test func theWordAtATimeScanMissesNothing() {
    var rng = SeededGenerator(seed: 0x4A53_4F4E)
    let odd: [String] =
      (0..<0x20).map { String(UnicodeScalar(UInt8($0))) } + [
        "\"", "\\", "\u{7F}", "é", "—", "\u{2028}", "\u{2029}", "中", "~", " ",
      ]
    for _ in 0..<20_000 {
      let length = Int.random(in: 0...40, using: &rng)
      var text = String((0..<length).map { _ in Character(UnicodeScalar(UInt8.random(in: 0x20...0x7E, using: &rng))) })
      if Bool.random(using: &rng) {
        let at = text.index(text.startIndex, offsetBy: Int.random(in: 0...length, using: &rng))
        text.insert(contentsOf: odd.randomElement(using: &rng)!, at: at)
      }
      var bytes: [UInt8] = []
      JSONText.quote(text, into: &bytes)
      #expect(String(decoding: bytes, as: UTF8.self) == Self.reference(text), "\(Array(text.utf8))")
    }
  }

  /// Texts with several pieces to escape or to look at, anywhere (the last eight bytes copied
  /// again only while nothing before them was escaped), and a text of nothing but control bytes,
  /// which fills the room quoting makes for it (six bytes each, and the quotes) exactly.
  @Test func severalEscapesAnywhereAndTheWorstCase() {
    var rng = SeededGenerator(seed: 0x5155_4F54)
    let odd = ["\"", "\\", "\n", "\u{01}", "\u{7F}", "é", "—", "\u{2028}", "中", "\u{2029}x"]
    for _ in 0..<20_000 {
      var text = ""
      for _ in 0..<Int.random(in: 0...6, using: &rng) {
        text += String(repeating: "a", count: Int.random(in: 0...12, using: &rng))
        if Bool.random(using: &rng) { text += odd.randomElement(using: &rng)! }
      }
      var bytes: [UInt8] = [1, 2]
      JSONText.quote(text, into: &bytes)
      #expect(bytes[..<2] == [1, 2])
      #expect(String(decoding: bytes[2...], as: UTF8.self) == Self.reference(text), "\(Array(text.utf8))")
    }
    let worst = String(repeating: "\u{01}", count: 37)
    var bytes: [UInt8] = []
    JSONText.quote(worst, into: &bytes)
    #expect(bytes.count == JSONText.room(37) && String(decoding: bytes, as: UTF8.self) == Self.reference(worst))
  }

  /// A text longer than a part (64 KiB) is escaped a part at a time, each part ending where a
  /// character does: U+2028 and four-byte characters across every boundary come out as whole.
  @Test func aLongTextIsEscapedInParts() {
    for shift in 0..<4 {
      let pad = String(repeating: "a", count: JSONText.part - 2 + shift)
      let text = pad + "\u{2028}😀é\"\u{01}" + pad + "😀\u{2029}" + pad
      var bytes: [UInt8] = []
      JSONText.quote(text, into: &bytes)
      #expect(String(decoding: bytes, as: UTF8.self) == Self.reference(text), "shift \(shift)")
    }
  }

  /// A cursor writes within its room only: a write that does not fit is not made, and the cursor
  /// is then full; an append whose room was too small is given up whole.
  @Test func aCursorStaysInItsRoom() {
    var out: [UInt8] = [7]
    let fitted = out.append(ifWithin: 6) { c -> Int in
      c.put("abc" as StaticString)
      c.put(UInt8(0x64))
      return c.count
    }
    #expect(fitted == 4 && out == [7] + Array("abcd".utf8) && out.count == 5)
    let overflowed = out.append(ifWithin: 6) { c -> Bool in
      c.put("abcd" as StaticString)
      c.put("efg" as StaticString)  // does not fit: not written
      c.put(UInt8(0x68))  // nor anything after
      return c.full
    }
    #expect(overflowed == nil && out == [7] + Array("abcd".utf8))
    out.append(atMost: 30) { c in c.putDecimal(Int.min) }
    #expect(String(decoding: out[5...], as: UTF8.self) == String(Int.min))
  }

  /// The escaping, one scalar at a time.
  static func reference(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where u.value < 0x20 || u.value == 0x7F || u.value == 0x2028 || u.value == 0x2029:
        out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
      default: out.unicodeScalars.append(u)
      }
    }
    return out + "\""
  }

  @Test func newlinesAtEveryDepth() {
    for level in [0, 2, 40, 63, 64, 100] {
      var out: [UInt8] = []
      JSONValue.newline(level, into: &out)
      #expect(out == [0x0A] + Array(repeating: 0x20, count: level), "\(level)")
    }
  }
}

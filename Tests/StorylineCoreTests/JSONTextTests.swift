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

  @Test func newlinesAtEveryDepth() {
    for level in [0, 2, 40, 63, 64, 100] {
      var out: [UInt8] = []
      JSONValue.newline(level, into: &out)
      #expect(out == [0x0A] + Array(repeating: 0x20, count: level), "\(level)")
    }
  }
}

import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineFormats
@testable import StorylinePipeline

/// The streaming line reader under the log readers and `storyline merge`.
@Suite("Line reader")
struct LineReaderTests {
  static func lines(_ bytes: [UInt8], maxLineBytes: Int = 1 << 20) throws -> [(String, Bool)] {
    let path = temporaryFile("lines.txt", "")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let r = try LineReader(path: path, maxLineBytes: maxLineBytes)
    var out: [(String, Bool)] = []
    while r.withNextLine({ l, _, truncated in out.append((String(decoding: l, as: UTF8.self), truncated)) }) {}
    return out
  }

  @Test func everyLineEndAndTheByteOrderMark() throws {
    let got = try Self.lines(Array("\u{FEFF}a\r\nb\rc\nd".utf8)).map(\.0)
    #expect(got == ["a", "b", "c", "d"])
    #expect(try Self.lines(Array("x\n\ny\n".utf8)).map(\.0) == ["x", "", "y"])
    #expect(try Self.lines([]).isEmpty)
  }

  @Test func aCRLFSplitAcrossTheBufferIsOneLineEnd() throws {
    // The buffer holds 1 MiB + 1 + 64 KiB: put a line's \r as its last byte.
    let capacity = (1 << 20) + 1 + (1 << 16)
    var bytes: [UInt8] = []
    let line = Array(String(repeating: "a", count: 99).utf8) + [13, 10]
    let n = (capacity - 1) / line.count - 1
    for _ in 0..<n { bytes += line }
    let last = capacity - 1 - bytes.count
    bytes += Array(String(repeating: "b", count: last).utf8) + [13, 10] + Array("tail".utf8)
    let got = try Self.lines(bytes)
    #expect(got.count == n + 2)
    #expect(got[n].0.count == last && got[n + 1].0 == "tail")
    #expect(!got.contains { $0.0.contains("\r") || $0.0.isEmpty })
  }

  @Test func anOverlongLineIsCutAndTheNextLineIsWhole() throws {
    let long = [UInt8](repeating: 0x78, count: 3 * (1 << 20) + 17)
    let got = try Self.lines(long + [0x0D, 0x0A] + Array("next".utf8) + [0x0A] + long)
    #expect(got.count == 3)
    #expect(got[0].0.utf8.count == 1 << 20 && got[0].1)
    #expect(got[1].0 == "next" && !got[1].1)
    #expect(got[2].0.utf8.count == 1 << 20 && got[2].1)
    // Small limits too: a line of exactly the limit is whole.
    let small = try Self.lines(Array("12345\n123456789\nok".utf8), maxLineBytes: 5)
    #expect(small.map(\.0) == ["12345", "12345", "ok"] && small.map(\.1) == [false, true, false])
  }
}

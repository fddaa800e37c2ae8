import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineFormats

/// The XML reader under SMS Backup & Restore: libxml2 parses on a thread of its own and hands
/// each chunk's elements over (#13). What it gives must not depend on that thread.
@Suite("XML stream reader")
struct XMLStreamReaderTests {
  /// `count` elements `<sms n="…" body="…" …/>` under `<smses>`, one per line.
  static func backup(_ count: Int, broken: Int? = nil) -> String {
    var lines = ["<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>", "<smses count=\"\(count)\">"]
    for k in 0..<count {
      lines.append(
        k == broken
          ? "<sms n=\"\(k)\" body=\"unclosed"
          : "<sms n=\"\(k)\" body=\"text &amp; more \(k)\" address=\"+1 555 \(k)\" skipped=\"x\" />")
    }
    lines.append("</smses>")
    return lines.joined(separator: "\n")
  }

  @Test func everyElementInOrderWithItsLineAndTheAttributesAskedFor() throws {
    let path = temporaryFile("backup.xml", Self.backup(20_000))
    let xml = try XMLStreamReader(path: path, keep: ["n", "body", "address"])
    var starts = 0
    var ends = 0
    while try xml.read() {
      if xml.kind == .endElement {
        ends += 1
        continue
      }
      guard xml.name == "sms" else { continue }
      // By position; `missing` is not in the element.
      #expect(xml.values(named: .init(["body", "missing", "n"])) == ["text & more \(starts)", nil, "\(starts)"])
      #expect(xml.attributes()["address"] == "+1 555 \(starts)")
      #expect(xml.attributes()["skipped"] == nil)  // not kept
      #expect(xml.line == starts + 3 && xml.depth == 1)
      starts += 1
    }
    #expect(starts == 20_000 && ends == 20_001)
    #expect(try xml.read() == false)
  }

  /// More attribute names than the parser's name cache has slots (256), kept and not in turns:
  /// each element still gives exactly its kept attributes, whatever the names' addresses share.
  @Test func keptAttributesAmongManyNames() throws {
    var lines = ["<r>"]
    for k in 0..<3_000 {
      let a = k % 700
      let b = (k * 7 + 1) % 700
      lines.append("<e a\(a)=\"\(k)\" b\(b)=\"x\(k)\" keep=\"\(k)\"/>")
    }
    lines.append("</r>")
    let path = temporaryFile("names.xml", lines.joined(separator: "\n"))
    // Every tenth `a` name is kept, and `keep`.
    let kept = Set((0..<70).map { "a\($0 * 10)" } + ["keep"])
    let xml = try XMLStreamReader(path: path, keep: kept)
    var k = 0
    while try xml.read() {
      guard xml.kind == .element, xml.name == "e" else { continue }
      let a = k % 700
      var expected = [(name: String, value: String)]()
      if a % 10 == 0 { expected.append(("a\(a)", "\(k)")) }
      expected.append(("keep", "\(k)"))
      let got = xml.attributes().pairs
      #expect(got.map(\.name) == expected.map(\.name) && got.map(\.value) == expected.map(\.value), "element \(k)")
      k += 1
    }
    #expect(k == 3_000)
  }

  /// A reader let go half-way (the build stopped): its parsing thread, blocked on a full queue,
  /// ends and the file is closed; nothing hangs.
  @Test(.timeLimit(.minutes(1))) func aReaderLetGoHalfWayEndsItsThread() throws {
    let path = temporaryFile("backup.xml", Self.backup(200_000))
    let started = Date()
    for _ in 0..<20 {
      let xml = try XMLStreamReader(path: path)
      for _ in 0..<10 { _ = try xml.read() }
    }
    #expect(Date().timeIntervalSince(started) < 10)
  }

  /// The elements before an error, then the error with its line, then the end.
  @Test func theElementsBeforeAnErrorThenTheError() throws {
    let path = temporaryFile("broken.xml", Self.backup(5_000, broken: 4_000))
    let xml = try XMLStreamReader(path: path)
    var starts = 0
    do {
      while try xml.read() { if xml.kind == .element && xml.name == "sms" { starts += 1 } }
      Issue.record("no error")
    } catch let e as XMLStreamReader.ParseError {
      // Element 4000 (line 4003) never closes its value; libxml2 stops at the `<` on the next line.
      #expect(starts == 4_000)
      #expect(e.line == 4_004 && e.message == "Unescaped '<' not allowed in attributes values")
    }
    #expect(try xml.read() == false)
  }
}

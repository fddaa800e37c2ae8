import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

/// fixtures/hostile/: each file gives a clear diagnostic, no crash, in bounded time.
@Suite("Hostile corpus")
struct HostileCorpusTests {
  static var dir: String { TestPaths.root + "/fixtures/hostile" }

  func timed<T>(_ body: () throws -> T) rethrows -> T {
    let start = ContinuousClock.now
    defer { #expect(ContinuousClock.now - start < .seconds(5)) }
    return try body()
  }

  @Test func tenThousandLevelsOfNestingDoNotBreakTheReader() throws {
    let r = try timed { try readAll(Self.dir + "/deep-nesting.xml", zone: "UTC") }
    #expect(r.events.map(\.text) == ["after"] && r.error == nil)
  }

  @Test func anInvalidCharacterIsAnErrorWithItsPosition() throws {
    let r = try timed { try readAll(Self.dir + "/invalid-characters.xml", zone: "UTC") }
    #expect(r.error?.line == 4 && r.error?.column == 58)
    #expect(r.error?.message == "not well-formed XML: invalid character in attribute value")
    // The record before the error stands (xmlTextReader used to lose it).
    #expect(r.events.map(\.text) == ["ok"])
  }

  @Test func brokenHTMLWithScriptsIsReadAsText() throws {
    let r = try timed {
      try readAll(Self.dir + "/Mallory - Text - 2023-10-22T17_28_34Z.html", zone: "UTC", region: "US")
    }
    #expect(r.summary.format == "google-voice")
    #expect(r.events.count == 1 && r.summary.rejected.map(\.reason) == ["timestamp 'not a time': no timestamp found"])
    #expect(r.events[0].utc == "2023-10-22T17:28:34.100Z")
    // The script's text is evidence text, kept as text (reports escape it).
    #expect(r.events[0].text.hasPrefix("hi unclosed"))
  }

  @Test func impossibleTimesAreRejectedOrFlaggedWithTheirLine() throws {
    let r = try timed { try readAll(Self.dir + "/hostile-times.md", zone: "UTC", date: "2024-01-01") }
    #expect(
      r.events.map(\.utc) == [
        "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", "2024-01-01T23:59:59.999Z", "2024-01-01T10:00:00Z",
      ])
    #expect(r.summary.rejected.map(\.line) == [6, 10])
    #expect(
      r.summary.rejected.map(\.reason) == [
        "timestamp '25:00': not a valid time of day", "timestamp '10:00': year 9999 is outside 1900–2199",
      ])
    #expect(r.summary.warnings.map(\.line) == [7])
  }

  @Test func yamlAliasBombsFailFast() throws {
    var lines = ["title: T", "sources:", "  - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    var previous = "a"
    for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
      lines.append("  - &\(name) [" + Array(repeating: "*" + previous, count: 9).joined(separator: ", ") + "]")
      previous = name
    }
    lines += ["people:", "  - id: x", "    aliases: *i"]
    let path = temporaryFile("case.yml", lines.joined(separator: "\n") + "\n")
    let start = ContinuousClock.now
    #expect(throws: CaseFileError.self) { try CaseFileLoader.load(path: path) }
    #expect(ContinuousClock.now - start < .seconds(2))
  }

  @Test func aSymlinkOutOfTheCaseFolderIsRefused() throws {
    let dir = scratchDirectory() + "storyline-symlink-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: dir + "/passwd.txt", withDestinationPath: "/etc/passwd")
    try "sources:\n  - path: passwd.txt\n".write(toFile: dir + "/case.yml", atomically: true, encoding: .utf8)
    do {
      _ = try CaseFileLoader.load(path: dir)
      Issue.record("a symlink out of the case folder was accepted")
    } catch let e as CaseFileError {
      #expect(e.line == 2 && e.message.hasPrefix("'passwd.txt' is outside the case folder: refused"))
    }
    #expect(try CaseFileLoader.load(path: dir, allowOutside: true).sources.count == 1)
  }
}

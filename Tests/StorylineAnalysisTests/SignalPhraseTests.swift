import StorylineCore
import StorylineTestSupport
import Testing

@testable import StorylineAnalysis

/// The byte scan in front of the words a note or message says (`fixed`, `back up`): it may let
/// a text through that says none, never stop one that says one.
@Suite("Signal phrases")
struct SignalPhraseTests {
  static let phrases = SaidPhrases(Signals.recoveryPhrases.texts + Signals.resolutionPhrases.texts)

  @Test func theScanLetsThroughEveryTextTheSearchFinds() {
    let pieces = [
      "Fixed", "FIXED", "fixed", "not fixed", "unresolved", "Back Up", "BAC\u{212A} UP", "ba\u{212A} up",
      "resolved yet",
      "系统已恢复", "已修复", "ok", " ", "\n", "é", "ROOT CAUSE FOUND", "root  cause", "all", "clear", "Ａll clear",
      "running", "again", "İncident closed", "incident", "closed", "re", "stored", "Restored!", "up", "back",
    ]
    var rng = SeededGenerator(seed: 17)
    var found = 0
    for _ in 0..<5_000 {
      let text = (0..<Int.random(in: 1...5, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }
        .joined(separator: Bool.random(using: &rng) ? " " : "")
      let search = Signals.search(text, Self.phrases.texts)
      if search != nil {
        found += 1
        #expect(Self.phrases.mayOccur(in: text), "\(text)")
      }
      #expect(Signals.says(text, Self.phrases) == search, "\(text)")
    }
    #expect(found > 500)
  }

  /// The byte search the log signals use finds a needle exactly where its bytes are: random
  /// texts of needles, their prefixes and near misses, against a search of the UTF-8 bytes.
  @Test func logSignalSearchIsByteForByte() {
    let needles: [StaticString] = ["[STUCK]", "OutOfMemoryError", "HEALTH_OK", "health check passed"]
    let pieces = [
      "[STUCK]", "[STUCK", "STUCK]", "OutOfMemory", "Error", "HEALTH_", "OK", "health check ", "passed", "é", "\u{301}",
      "日本", " ", "\n", "[", "H",
    ]
    var rng = SeededGenerator(seed: 23)
    for _ in 0..<5_000 {
      let text = (0..<Int(rng.next() % 8)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
      for n in needles {
        let bytes = Array(n.description.utf8)
        let expected = Array(text.utf8).firstRange(of: bytes) != nil
        #expect(Signals.holds(text, n) == expected, "\(text) / \(n)")
      }
    }
    #expect(Signals.holds("x [STUCK] y", "[STUCK]") && !Signals.holds("[STUC", "[STUCK]") && !Signals.holds("", "x"))
  }

  @Test func exactCases() {
    #expect(Signals.says("DB FIXED at 12:20", Self.phrases) == "fixed")
    #expect(Signals.says("not fixed yet", Self.phrases) == nil)
    #expect(Signals.says("BAC\u{212A} UP since noon", Self.phrases) == "back up")
    #expect(Signals.says("系统已恢复 restored", Self.phrases) == "restored")
    #expect(!Self.phrases.mayOccur(in: "系统已恢复，请确认"))
    #expect(!Self.phrases.mayOccur(in: "Call me when you can"))
  }
}

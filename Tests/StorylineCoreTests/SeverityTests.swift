import StorylineTestSupport
import Testing

@testable import StorylineCore

@Suite("Severity")
struct SeverityTests {
  /// The rank is the place on the scale, as the order of the cases declares it.
  @Test func rankIsThePlaceOnTheScale() {
    #expect(Severity.allCases.map(\.rank) == Array(0..<9))
    #expect(Severity.trace < .debug && .error < .critical && .alert < .emergency)
  }

  @Test(arguments: [
    ("WARN", Severity.warning), ("SEVERE", .error), ("crit", .critical), ("DEBUG3", .debug), ("FATAL", .critical),
    ("emerg", .emergency), ("Information", .info),
  ])
  func wordsAsLogsWriteThem(word: String, severity: Severity) {
    #expect(Severity(word: word) == severity)
  }
}

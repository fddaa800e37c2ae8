import Testing

@testable import StorylineCore

@Suite struct EventIDTests {
  @Test(arguments: [
    (0, 1, "s1-r1"),
    (1, 14, "s2-r14"),
    (8, 844_487, "s9-r844487"),
    // 15 bytes, the most a string holds without an allocation, and one more.
    (9, 1_234_567_890, "s10-r1234567890"),
    (99, 1_234_567_890, "s100-r1234567890"),
    (Int.max - 1, Int.max, "s9223372036854775807-r9223372036854775807"),
  ])
  func idNamesTheSourceAndTheRecord(source: Int, record: Int, id: String) {
    let e = Event(
      instant: Instant(seconds: 0), precision: .second, kind: .note, text: "",
      source: Provenance(path: "a", format: "test", record: record, line: record, originalTime: "", corrections: []),
      sourceIndex: source, sequence: record)
    #expect(e.id == id)
  }
}

import StorylineTestSupport
import Testing

@testable import StorylineCore

private func ev(
  _ seconds: Int64, _ precision: TimePrecision = .second, source: Int, seq: Int, kind: EventKind = .note,
  text: String = "", uncertainty: Int64 = 0, from: String? = nil
) -> Event {
  Event(
    instant: Instant(seconds: seconds), precision: precision, uncertaintyMicros: uncertainty, kind: kind,
    from: from.map { Party(person: $0, raw: $0) }, text: text.isEmpty ? "s\(source) r\(seq)" : text,
    source: Provenance(path: "src\(source)", format: "test", record: seq, line: seq, originalTime: "", corrections: []),
    sourceIndex: source, sequence: seq)
}

@Suite("Merge")
struct MergeTests {
  @Test func totalOrderInstantThenPrecisionThenSourceThenRecord() {
    let a = [ev(100, .second, source: 0, seq: 1), ev(200, .minute, source: 0, seq: 2)]
    let b = [
      ev(100, .millisecond, source: 1, seq: 1), ev(200, .second, source: 1, seq: 2),
      ev(200, .second, source: 1, seq: 3),
    ]
    let c = [ev(100, .second, source: 2, seq: 1)]
    let merged = TimelineMerger.merge([a, b, c]).events.map(\.id)
    #expect(merged == ["s2-r1", "s1-r1", "s3-r1", "s2-r2", "s2-r3", "s1-r2"])
  }

  @Test func unorderedSourcesAreSortedStably() {
    let a = [
      ev(300, source: 0, seq: 1), ev(100, source: 0, seq: 2), ev(100, source: 0, seq: 3), ev(200, source: 0, seq: 4),
    ]
    #expect(TimelineMerger.merge([a]).events.map(\.id) == ["s1-r2", "s1-r3", "s1-r4", "s1-r1"])
  }

  /// The documented order, written out here rather than taken from the merger: time, then
  /// precision (finer first), then the source's place in the case, then the record's.
  static func oracle(_ events: [Event]) -> [String] { sortedByHand(events).map(\.id) }

  static func sortedByHand(_ events: [Event]) -> [Event] {
    events.sorted {
      ($0.instant.microseconds, $0.precision.granuleMicroseconds, $0.sourceIndex, $0.sequence)
        < ($1.instant.microseconds, $1.precision.granuleMicroseconds, $1.sourceIndex, $1.sequence)
    }
  }

  @Test(arguments: [1 as UInt64, 2, 3, 42, 2008])
  func mergeIsDeterministicWhateverTheInputOrderOfEqualEvents(seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    let a = (0..<50).map { ev(Int64($0 % 5), source: 0, seq: $0) }
    let b = (0..<50).map { ev(Int64($0 % 7), source: 1, seq: $0) }
    let one = TimelineMerger.merge([a, b]).events.map(\.id)
    let two = TimelineMerger.merge([a.reversed(), b.shuffled(using: &rng)]).events.map(\.id)
    #expect(one == two)
    #expect(one == Self.oracle(a + b))
    #expect(one.count == 100)
  }

  @Test(arguments: [7 as UInt64, 99, 12345])
  func heapMergeMatchesTheDocumentedOrder(seed: UInt64) {
    var sources: [[Event]] = []
    var rng = SeededGenerator(seed: seed)
    for s in 0..<6 {
      var t: Int64 = 0
      // A source reaches the heap in its own order (the merge's precondition).
      sources.append(
        Self.sortedByHand(
          (0..<200).map { i in
            t += Int64.random(in: 0...3, using: &rng)
            return ev(t, i % 3 == 0 ? .minute : .second, source: s, seq: i)
          }))
    }
    var it = MergeIterator(sources.map { $0.makeIterator() })
    var heapOrder: [String] = []
    while let e = it.next() { heapOrder.append(e.id) }
    #expect(heapOrder.count == 1200)
    #expect(heapOrder == Self.oracle(sources.flatMap { $0 }))
  }

  @Test func duplicatesAcrossSourcesFoldIntoTheFirstAndAreCounted() {
    let a = [ev(100, source: 0, seq: 1, kind: .sms, text: "server down", from: "cdw")]
    let b = [
      ev(100, source: 1, seq: 7, kind: .sms, text: "server down", from: "cdw"),
      ev(100, source: 1, seq: 8, kind: .sms, text: "other", from: "cdw"),
    ]
    let r = TimelineMerger.merge([a, b])
    #expect(r.events.map(\.id) == ["s1-r1", "s2-r8"])
    #expect(r.events[0].alsoIn.map(\.citation) == ["src1:7"])
    #expect(r.mergedCounts == [1: 1])
  }

  @Test func overlappingWindowsFromDifferentSourcesAreOrderUncertain() {
    let approx = ev(12 * 3600, .approximate, source: 0, seq: 1, uncertainty: 900_000_000)
    let near = ev(12 * 3600 + 600, .second, source: 1, seq: 1)
    let far = ev(12 * 3600 + 1800, .second, source: 1, seq: 2)
    let sameSecondA = ev(20 * 3600, .second, source: 0, seq: 2)
    let sameSecondB = ev(20 * 3600, .millisecond, source: 1, seq: 3)
    let r = TimelineMerger.merge([[approx, sameSecondA], [near, far, sameSecondB]]).events
    let flags = Dictionary(uniqueKeysWithValues: r.map { ($0.id, $0.orderUncertain) })
    #expect(flags == ["s1-r1": true, "s2-r1": true, "s2-r2": false, "s1-r2": true, "s2-r3": true])
  }

  @Test func sameSourceNeighboursAreNotUncertain() {
    let r = TimelineMerger.merge([[ev(10, source: 0, seq: 1), ev(10, source: 0, seq: 2)]]).events
    #expect(r.allSatisfy { !$0.orderUncertain })
  }
}

@Suite("The same communication from several sources")
struct CommunicationMatcherTests {
  private func call(
    _ seconds: Int64, source: Int, seq: Int, from: String = "a", to: String = "b", outcome: Outcome = .completed,
    precision: TimePrecision = .second, uncertainty: Int64 = 0, text: String = "answered",
    format: String = "sms-backup-xml"
  ) -> Event {
    Event(
      instant: Instant(seconds: seconds), precision: precision, uncertaintyMicros: uncertainty, kind: .call,
      from: Party(person: from, raw: from), to: [Party(person: to, raw: to)], text: text, outcome: outcome,
      source: Provenance(
        path: "src\(source)", format: format, record: seq, line: seq, originalTime: "", corrections: []),
      sourceIndex: source, sequence: seq)
  }

  @Test func bothEndsOfACallFoldWithinTheClockTolerance() {
    let caller = [call(1000, source: 0, seq: 1)]
    let callee = [call(1009, source: 1, seq: 1), call(1200, source: 1, seq: 2)]
    let r = TimelineMerger.merge([caller, callee])
    #expect(r.events.map(\.id) == ["s1-r1", "s2-r2"])
    #expect(r.events[0].alsoIn.map(\.citation) == ["src1:1"])
    #expect(r.mergedCounts == [1: 1])
    var pair = ClockPair(
      kind: .sameCommunication, source: 1, reference: 0, differenceMicros: 9_000_000, sourceCitation: "src1:1",
      referenceCitation: "src0:1", detail: "call a → b", atMicros: 1_000_000_000)
    pair.why = ClockReason("communication", ["kind": "@pair.kind.call", "from": "a", "to": "b"])
    #expect(r.clockPairs == [pair])
  }

  @Test func notesOfACallFoldIntoTheExactRecordAndKeepTheirText() {
    let note = call(
      1000 - 300, source: 0, seq: 1, precision: .approximate, uncertainty: 900_000_000, text: "asked for numbers",
      format: "notes")
    let log = call(1000, source: 1, seq: 1)
    let r = TimelineMerger.merge([[note], [log]])
    #expect(r.events.count == 1)
    #expect(r.events[0].id == "s2-r1" && r.events[0].text == "answered\nasked for numbers")
    #expect(r.mergedCounts == [0: 1])
    #expect(r.clockPairs.isEmpty)
  }

  @Test func differentFatesPartiesOrTimesStayApart() {
    let a = [call(1000, source: 0, seq: 1)]
    let missed = [call(1005, source: 1, seq: 1, outcome: .missed)]
    let otherPeople = [call(1005, source: 2, seq: 1, to: "c")]
    let later = [call(1300, source: 3, seq: 1)]
    let sameSource = [call(1000, source: 0, seq: 2)]
    #expect(TimelineMerger.merge([a + sameSource, missed, otherPeople, later]).events.count == 5)
  }

  @Test func missedAndUnansweredAreOneFailedCall() {
    let caller = [call(1000, source: 0, seq: 1, outcome: .unanswered)]
    let callee = [call(1002, source: 1, seq: 1, outcome: .missed)]
    #expect(TimelineMerger.merge([caller, callee]).events.count == 1)
  }
}

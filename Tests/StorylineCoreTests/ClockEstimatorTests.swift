import StorylineTestSupport
import Testing

@testable import StorylineCore

private func exact(_ source: Int, _ reference: Int, _ seconds: Double, line: Int = 1) -> ClockPair {
  ClockPair(
    kind: .sameCommunication, source: source, reference: reference, differenceMicros: Int64(seconds * 1_000_000),
    sourceCitation: "s\(source):\(line)", referenceCitation: "s\(reference):\(line)", detail: "sms a → b")
}

private func quote(_ source: Int, _ reference: Int, _ seconds: Double, line: Int = 1) -> ClockPair {
  ClockPair(
    kind: .quotes, source: source, reference: reference, differenceMicros: Int64(seconds * 1_000_000),
    maxDelayMicros: 60_000_000, sourceCitation: "s\(source):\(line)", referenceCitation: "s\(reference):\(line)",
    detail: "quotes")
}

private func sources(_ n: Int, log: Int? = nil, reference: Int? = nil) -> [ClockEstimator.Source] {
  (0..<n).map { ClockEstimator.Source(path: "s\($0)", reference: $0 == reference, isLog: $0 == log) }
}

@Suite("Clock estimates from pairs of evidence")
struct ClockEstimatorTests {
  @Test func exactPairsAgreeingWithinFiveSecondsGiveTheMiddleOfTheirRange() {
    // Source 1 reads 40 s late; one message each way (+-1 s delivery) and a stray pair.
    let pairs = [exact(1, 0, 41), exact(1, 0, 39), exact(1, 0, 40.5), exact(1, 0, 95)]
    let t = ClockEstimator.estimate(pairs, sources: sources(2, reference: 0))
    let e = t.estimates[1]
    #expect(e.status == .applied && e.offsetMicros == -40_000_000 && e.uncertaintyMicros == 1_000_000)
    #expect(e.pairs == 4 && e.consistent == 3 && e.spreadMicros == 2_000_000 && e.confidence == .high)
    #expect(e.reason == "applied: 3 consistent exact pairs")
    #expect(t.estimates[0].status == .anchor)
  }

  @Test func twoExactPairsAreShownNotApplied() {
    let t = ClockEstimator.estimate([exact(1, 0, 30), exact(1, 0, 30)], sources: sources(2))
    #expect(t.estimates[1].status == .notApplied && t.estimates[1].offsetMicros == -30_000_000)
    #expect(t.estimates[1].reason == "rests on 2 consistent exact pairs; 3 are needed")
  }

  @Test func anEstimateWithinItsUncertaintyOfZeroIsNotApplied() {
    let t = ClockEstimator.estimate([exact(1, 0, 0.5), exact(1, 0, -0.5), exact(1, 0, 0.2)], sources: sources(2))
    #expect(t.estimates[1].status == .notApplied)
    #expect(t.estimates[1].reason == "within its uncertainty of zero: the clock agrees with s0")
  }

  @Test func causalBoundsKeepTheLargestAgreeingSetAndPinTheRange() {
    // Source 1 (messages) quotes source 0 (a log) 5, 20, 50 s after its records; truth: o1 - o0 = -100 s.
    // One more pair matched the wrong record (an outlier).
    let pairs = [quote(1, 0, 105), quote(1, 0, 120), quote(1, 0, 150), quote(1, 0, 400)]
    let t = ClockEstimator.estimate(pairs, sources: sources(2, log: 0))
    let e = t.estimates[1]
    // Bounds: [-105,-45] ∩ [-120,-60] ∩ [-150,-90] = [-105,-90].
    #expect(e.lowerMicros == -105_000_000 && e.upperMicros == -90_000_000)
    #expect(e.offsetMicros == -97_500_000 && e.uncertaintyMicros == 7_500_000)
    #expect(e.consistent == 3 && e.pairs == 4 && e.status == .applied && e.confidence == .medium)
    #expect(t.estimates[0].reason == "anchor: a server log, the one with the most pairs in its group")
  }

  @Test func wideBoundsAreNotApplied() {
    let t = ClockEstimator.estimate([quote(1, 0, 30)], sources: sources(2, log: 0))
    #expect(t.estimates[1].status == .notApplied)
    #expect(t.estimates[1].reason == "the bounds allow -30 s to +30 s: wider than ±10 s")
  }

  @Test func aChainIsOnlyAsFirmAsItsWeakestStep() {
    // 0 is the reference; 1 is tied to it loosely, 2 firmly to 1.
    let pairs = [quote(1, 0, 30), exact(2, 1, 20), exact(2, 1, 20), exact(2, 1, 20)]
    let t = ClockEstimator.estimate(pairs, sources: sources(3, reference: 0))
    #expect(t.estimates[2].via == 1 && t.estimates[2].status == .notApplied)
    #expect(t.estimates[2].reason == "measured through s1, whose estimate is not firm")
    #expect(t.estimates[2].offsetMicros == -20_000_000 + t.estimates[1].offsetMicros!)
  }

  @Test func aDeviceSharesOneClockAndPairsFromAnotherStepAreChecked() {
    var s = sources(4, reference: 0)
    s[1].device = "phone of a"
    s[2].device = "phone of a"
    // Sources 1 and 2 are one phone: their pairs with 0 add up to three.
    let pairs = [
      exact(1, 0, 10), exact(1, 0, 10, line: 2), exact(2, 0, 10, line: 3),
      exact(3, 0, 5), exact(3, 0, 5, line: 2), exact(3, 0, 5, line: 3),
      // 3 against the phone: it should read -5 s against it, but reads +30 s.
      exact(3, 1, 30), exact(3, 1, 30, line: 2),
    ]
    let t = ClockEstimator.estimate(pairs, sources: s)
    #expect(t.estimates[1].status == .applied && t.estimates[2].status == .applied)
    #expect(t.estimates[1].offsetMicros == -10_000_000 && t.estimates[2].offsetMicros == -10_000_000)
    #expect(t.estimates[2].reason == "applied: 3 consistent exact pairs (one device with s1)")
    #expect(t.conflicts.count == 1)
    #expect(t.conflicts.first?.description.hasPrefix("2 pairs between s1 and s3 put s3 at -30 s against it") == true)
  }

  @Test func offLeavesEveryEstimateUnapplied() {
    let t = ClockEstimator.estimate(
      [exact(1, 0, 30), exact(1, 0, 30), exact(1, 0, 30)], sources: sources(2), auto: false)
    #expect(t.estimates[1].status == .notApplied && t.estimates[1].reason == "clock: none" && t.applied.isEmpty)
  }

  @Test func sourcesWithoutPairsSaySo() {
    let t = ClockEstimator.estimate([], sources: sources(2))
    #expect(t.estimates.map(\.status) == [.noPairs, .noPairs] && !t.hasPairs)
  }
}

@Suite("Messages quoting log records")
struct QuoteFinderTests {
  private func event(
    _ kind: EventKind, _ seconds: Int64, _ text: String, source: Int, seq: Int
  ) -> Event {
    Event(
      instant: Instant(seconds: seconds), precision: .second, kind: kind,
      from: kind == .log ? nil : Party(person: nil, raw: "+447700900100"),
      to: kind == .log ? [] : [Party(person: "a", raw: "a")],
      text: text,
      source: Provenance(path: "s\(source)", format: "t", record: seq, line: seq, originalTime: "", corrections: []),
      sourceIndex: source, sequence: seq)
  }

  @Test func distinctiveWordsNameThingsNotNumbersOrTimes() {
    let t = QuoteTokens(
      "ERROR 03:14:07 OrderService gw-eu-2 timeout after 30000 ms HikariPool-2 2026-11-12 replication")
    #expect(t.distinctive == ["orderservice", "gw-eu-2", "hikaripool-2", "replication"])
    #expect(t.plain == ["error", "timeout", "after"])
  }

  @Test func aMessageQuotingARecordPairsWithIt() {
    let record = event(.log, 1000, "payment gateway timeout after 30000 ms (gw-eu-2)", source: 0, seq: 7)
    let sms = event(.sms, 1170, "[CRIT] payment gateway timeout (gw-eu-2)", source: 1, seq: 3)
    var f = QuoteFinder([sms])
    f.consider(event(.log, 990, "order 81234 placed", source: 0, seq: 6))
    f.consider(record)
    let pairs = f.pairs()
    #expect(pairs.count == 1)
    #expect(pairs.first?.differenceMicros == 170_000_000 && pairs.first?.referenceCitation == "s0:7")
    #expect(pairs.first?.bounds == -170_000_000 ... -110_000_000)
  }

  /// With no log streamed past and no record among the events, nothing can be quoted: no message
  /// is read for words or held (a long message history alone costs no memory here).
  @Test func withNothingToQuoteNoMessageIsHeld() {
    let sms = event(.sms, 1170, "[CRIT] payment gateway timeout (gw-eu-2)", source: 1, seq: 3)
    #expect(QuoteFinder([sms], recordsElsewhere: false).isEmpty)
    #expect(!QuoteFinder([sms], recordsElsewhere: true).isEmpty)
    let record = event(.log, 1000, "payment gateway timeout after 30000 ms (gw-eu-2)", source: 0, seq: 7)
    var f = QuoteFinder([record, sms], recordsElsewhere: false)
    for e in [record, sms] where QuoteFinder.quotable(e) { f.consider(e) }
    #expect(f.pairs().map(\.referenceCitation) == ["s0:7"])
  }

  /// The finder holds its messages' words as hashes and counts on them first: it finds exactly
  /// what comparing the words themselves finds — random messages and records over a small
  /// vocabulary (so that words are shared, common words included), on several threads too.
  @Test func hashedWordsFindWhatTheWordsFind() {
    let vocabulary = [
      "gw-eu-2", "db01.prod", "ORA-00060", "OrderService", "job-7", "job-8", "inv-sync-3", "app01", "timeout",
      "failed", "upstream", "payment", "gateway", "breaker", "circuit", "restarted", "node-1", "node-2",
    ]
    var g = SeededGenerator(seed: 60)
    func text() -> String {
      (0..<Int.random(in: 1...6, using: &g)).map { _ in vocabulary.randomElement(using: &g)! }.joined(separator: " ")
    }
    var found = 0
    for round in 0..<40 {
      let messages = (0..<Int.random(in: 1...120, using: &g)).map { k in
        event(.sms, Int64.random(in: 0...4_000, using: &g), text(), source: Int.random(in: 1...2, using: &g), seq: k)
      }
      let records = (0..<300).map { k in
        event(.log, Int64.random(in: 0...4_000, using: &g), text(), source: Int.random(in: 0...2, using: &g), seq: k)
      }
      var f = QuoteFinder(messages)
      for r in records { f.consider(r) }
      var a = QuoteFinder(messages)
      var b = QuoteFinder(messages)
      for r in records { if r.sequence % 2 == 0 { a.consider(r) } else { b.consider(r) } }
      var combined = QuoteFinder(messages)
      combined.absorb(a)
      combined.absorb(b)
      let expected = Self.reference(messages, records)
      #expect(f.pairs().map(Self.describe) == expected, "round \(round)")
      #expect(combined.pairs().map(Self.describe) == expected, "round \(round)")
      found += expected.count
    }
    // Not a comparison of empty lists.
    #expect(found > 100, "\(found) pairs")
  }

  /// The finder's rules on the words themselves, every message against every record.
  static func reference(_ messages: [Event], _ records: [Event]) -> [String] {
    let held = messages.filter { QuoteFinder.isNotification($0) && !QuoteTokens($0.text).distinctive.isEmpty }
      .sorted { ($0.instant, $0.sourceIndex, $0.sequence) < ($1.instant, $1.sourceIndex, $1.sequence) }
    var holders: [String: Int] = [:]
    for m in held { for w in QuoteTokens(m.text).distinctive { holders[w, default: 0] += 1 } }
    var out: [String] = []
    for m in held {
      let words = QuoteTokens(m.text)
      var best: (score: Int, first: Event, last: Int64)? = nil
      for r in records where r.sourceIndex != m.sourceIndex {
        guard abs(r.instant.microseconds - m.instant.microseconds) <= QuoteFinder.windowMicros else { continue }
        let tokens = QuoteTokens(r.text)
        // A candidate only through a word few messages hold.
        guard
          tokens.distinctive.contains(where: {
            words.distinctive.contains($0) && holders[$0]! <= QuoteFinder.commonWord
          })
        else { continue }
        let score = words.quoteScore(tokens)
        guard score > 0, score >= best?.score ?? 0 else { continue }
        if let b = best, b.score == score {
          let first = r.instant < b.first.instant ? r : b.first
          best = (score, first, max(b.last, r.instant.microseconds))
        } else {
          best = (score, r, r.instant.microseconds)
        }
      }
      guard let b = best, b.last - b.first.instant.microseconds <= QuoteFinder.maxDelayMicros else { continue }
      let shared = words.shared(QuoteTokens(b.first.text)).prefix(4).map { "\"\($0)\"" }.joined(separator: ", ")
      out.append(
        "\(m.source.citation) \(b.first.source.citation) \(m.instant.microseconds - b.first.instant.microseconds) \(shared)"
      )
    }
    return out
  }

  static func describe(_ p: ClockPair) -> String {
    "\(p.sourceCitation) \(p.referenceCitation) \(p.differenceMicros) \(p.detail.dropFirst("quotes ".count))"
  }

  @Test func oneSharedNameIsNotAQuote() {
    var f = QuoteFinder([event(.sms, 1010, "is gw-eu-2 ok?", source: 1, seq: 1)])
    f.consider(event(.log, 1000, "payment gateway timeout (gw-eu-2)", source: 0, seq: 1))
    #expect(f.pairs().isEmpty)
  }

  @Test func aRecordRepeatedMinutesApartIsAmbiguousAndABurstIsItsFirst() {
    let text = "circuit breaker gw-eu-2 OPEN"
    var ambiguous = QuoteFinder([event(.sms, 1300, text, source: 1, seq: 1)])
    ambiguous.consider(event(.log, 1000, text, source: 0, seq: 1))
    ambiguous.consider(event(.log, 1200, text, source: 0, seq: 2))
    #expect(ambiguous.pairs().isEmpty)
    var burst = QuoteFinder([event(.sms, 1300, text, source: 1, seq: 1)])
    burst.consider(event(.log, 1010, text, source: 0, seq: 2))
    burst.consider(event(.log, 1000, text, source: 0, seq: 1))
    #expect(burst.pairs().map(\.referenceCitation) == ["s0:1"])
  }

  @Test func findersOnSeveralThreadsAbsorbIntoWhatOneFinds() {
    let text = "circuit breaker gw-eu-2 OPEN"
    let messages = [
      event(.sms, 1300, text, source: 2, seq: 1),
      event(.sms, 1400, "job inv-sync-7 failed upstream", source: 2, seq: 2),
    ]
    let records = [
      event(.log, 1010, text, source: 0, seq: 2),
      event(.log, 1350, "job inv-sync-7 failed: upstream 503", source: 1, seq: 1),
      event(.log, 1000, text, source: 1, seq: 5), event(.log, 1390, "inv-sync-7 failed", source: 0, seq: 9),
    ]
    var one = QuoteFinder(messages)
    for r in records { one.consider(r) }
    var a = QuoteFinder(messages)
    var b = QuoteFinder(messages)
    for r in records { if r.sourceIndex == 0 { a.consider(r) } else { b.consider(r) } }
    var combined = QuoteFinder(messages)
    combined.absorb(b)
    combined.absorb(a)
    #expect(combined.pairs() == one.pairs())
    #expect(one.pairs().map(\.referenceCitation) == ["s1:5", "s1:1"])
  }

  /// A bot that names the same host in thousands of alerts: the host names nothing in
  /// particular, and each record is compared with the few messages that share a rarer word —
  /// a flood of notifications against a long log stays linear.
  @Test func aWordThousandsOfMessagesHoldNamesNothing() {
    let n = 3_000
    let messages = (0..<n).map { i in event(.sms, 10_000 + Int64(i), "[CRIT] app01 job-\(i) failed", source: 1, seq: i)
    }
    var f = QuoteFinder(messages)
    for j in 0..<30_000 {
      f.consider(event(.log, 9_990 + Int64(j % n), "app01 job-\(j % n) failed with code 7", source: 0, seq: j))
    }
    let pairs = f.pairs()
    #expect(pairs.count == n)
    #expect(pairs.first?.referenceCitation == "s0#0" && pairs.first?.differenceMicros == 10_000_000)
    // A message whose only distinctive word is the common one is no quote of anything.
    var g = QuoteFinder(messages + [event(.sms, 10_500, "app01 service degraded again", source: 1, seq: n)])
    g.consider(event(.log, 10_490, "app01 service degraded again", source: 0, seq: 1))
    #expect(g.pairs().isEmpty)
  }

  @Test func aRecordInTheMessagesOwnSourceOrFarAwayIsNotQuoted() {
    let text = "circuit breaker gw-eu-2 OPEN"
    var f = QuoteFinder([event(.sms, 5000, text, source: 1, seq: 1)])
    f.consider(event(.log, 4990, text, source: 1, seq: 2))
    f.consider(event(.log, 5000 - 31 * 60, text, source: 0, seq: 1))
    #expect(f.pairs().isEmpty)
  }
}

@Suite("Clock estimates: bounds that do not tell")
struct ClockBoundsAmbiguityTests {
  @Test func boundsAgreeingInTwoPlacesOrInAMinorityAreNotApplied() {
    func quote(_ seconds: Double, _ line: Int) -> ClockPair {
      ClockPair(
        kind: .quotes, source: 1, reference: 0, differenceMicros: Int64(seconds * 1_000_000),
        maxDelayMicros: 60_000_000, sourceCitation: "s1:\(line)", referenceCitation: "s0:\(line)", detail: "quotes")
    }
    let sources = [ClockEstimator.Source(path: "s0", isLog: true), ClockEstimator.Source(path: "s1")]
    // Two pages sent at once, two more minutes later (an escalation): two places, two each.
    let twoPlaces = ClockEstimator.estimate(
      [quote(26, 1), quote(26, 2), quote(326, 3), quote(386, 4)], sources: sources)
    #expect(twoPlaces.estimates[1].status == .notApplied)
    #expect(
      twoPlaces.estimates[1].reason == "the bounds agree as well in two places apart: the pairs do not tell which")
    // Two of five agree tightly, three scatter: not a majority.
    let minority = ClockEstimator.estimate(
      [quote(10, 1), quote(65, 2), quote(300, 3), quote(700, 4), quote(1200, 5)], sources: sources)
    #expect(minority.estimates[1].status == .notApplied)
    #expect(minority.estimates[1].reason == "only 2 of 5 bounds agree: not a majority")
  }
}

@Suite("Clock estimates: random cases against their truth")
struct ClockEstimatorPropertyTests {
  /// 300 random cases: 2–6 sources with true offsets up to ±5 min, exact pairs (±1.5 s of
  /// delivery delay either way) and causal pairs (0–60 s after), a few wild pairs among them.
  /// Every applied estimate must hold the truth (relative to its anchor) within its
  /// uncertainty plus the exact pairs' tolerance; the table must not depend on the pairs' order.
  @Test func appliedEstimatesHoldTheTruthAndTheOrderOfPairsDoesNotMatter() {
    var rng = SeededGenerator(seed: 16)
    var applied = 0
    for round in 0..<300 {
      let n = Int.random(in: 2...6, using: &rng)
      let truth = (0..<n).map { _ in Int64.random(in: -300_000_000...300_000_000, using: &rng) }
      var pairs: [ClockPair] = []
      var line = 0
      for _ in 0..<Int.random(in: 1...24, using: &rng) {
        let a = Int.random(in: 0..<n, using: &rng)
        var b = Int.random(in: 0..<n, using: &rng)
        if a == b { b = (b + 1) % n }
        line += 1
        // Readings: reading = true time - offset, so o[a] - o[b] = -(reading a - reading b) + (true a - true b).
        let wild = Int.random(in: 0..<10, using: &rng) == 0
        if Bool.random(using: &rng) {
          let delay = Int64.random(in: -1_500_000...1_500_000, using: &rng) + (wild ? 90_000_000 : 0)
          let difference = -(truth[a] - truth[b]) + delay
          pairs.append(
            ClockPair(
              kind: .sameCommunication, source: a, reference: b, differenceMicros: difference,
              sourceCitation: "s\(a):\(line)", referenceCitation: "s\(b):\(line)", detail: "sms"))
        } else {
          // a's record comes 0–60 s after b's in true time.
          let delay = wild ? -200_000_000 : Int64.random(in: 0...60_000_000, using: &rng)
          let difference = delay - (truth[a] - truth[b])
          pairs.append(
            ClockPair(
              kind: .quotes, source: a, reference: b, differenceMicros: difference, maxDelayMicros: 60_000_000,
              sourceCitation: "s\(a):\(line)", referenceCitation: "s\(b):\(line)", detail: "quotes"))
        }
      }
      let sources = (0..<n).map { ClockEstimator.Source(path: "s\($0)", isLog: $0 == 0) }
      let table = ClockEstimator.estimate(pairs, sources: sources)
      var shuffled = pairs
      shuffled.shuffle(using: &rng)
      #expect(ClockEstimator.estimate(shuffled, sources: sources) == table, "round \(round)")
      for e in table.estimates where e.status == .applied {
        applied += 1
        let anchor = e.anchor!
        let expected = truth[e.source] - truth[anchor]
        let slack = e.uncertaintyMicros + ClockPair.exactToleranceMicros * 2
        #expect(
          abs(e.offsetMicros! - expected) <= slack, "round \(round): s\(e.source) \(e.offsetMicros!) vs \(expected)")
      }
    }
    #expect(applied > 50)  // the property is exercised, not vacuous
  }
}

@Suite("Clock estimates: drift over days")
struct ClockDriftTests {
  /// A phone whose clock gains 20 ppm (1.7 s a day) against another over three days: the drift
  /// is shown; one offset is applied, at the pairs' middle.
  @Test func exactPairsOverDaysShowTheDrift() {
    let day: Int64 = 86_400_000_000
    let pairs = (0..<8).map { k -> ClockPair in
      let at = Int64(k) * day * 3 / 7
      // Source 1 reads 30 s late, and 20 µs later per second that passes.
      let difference = 30_000_000 + at / 50_000
      return ClockPair(
        kind: .sameCommunication, source: 1, reference: 0, differenceMicros: difference,
        sourceCitation: "s1:\(k + 1)", referenceCitation: "s0:\(k + 1)", detail: "sms", atMicros: at + 1)
    }
    let t = ClockEstimator.estimate(pairs, sources: [.init(path: "s0", reference: true), .init(path: "s1")])
    let e = t.estimates[1]
    #expect(e.driftPPM == -20)  // its offset shrinks as its reading runs ahead
    #expect(e.reason.hasSuffix("; the clock drifts -20 ppm against s0 over the pairs' days: one offset"))
    // Pairs within a day show none.
    let short = pairs.map { p -> ClockPair in
      var q = p
      q.atMicros = p.atMicros / 10
      return q
    }
    #expect(
      ClockEstimator.estimate(short, sources: [.init(path: "s0"), .init(path: "s1")]).estimates[1].driftPPM == nil)
  }
}

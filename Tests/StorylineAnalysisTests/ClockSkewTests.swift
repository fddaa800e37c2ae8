import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineAnalysis
@testable import StorylineCore
@testable import StorylineLocale
@testable import StorylinePipeline

/// The clock-skew case (fixtures/clock-skew, see its README): alice's phone ran 40 s fast, the
/// API server 2 min slow; bob's phone (the reference) and PagerDuty kept true time.
@Suite("Clocks estimated from the evidence: the clock-skew case")
struct ClockSkewTests {
  static let folder = TestPaths.root + "/fixtures/clock-skew"

  static func build(_ file: String) throws -> (CaseFile, Timeline, EscalationReport) {
    let c = try CaseFileLoader.load(path: folder + "/" + file)
    let t = TimelineBuilder.build(c).timeline
    return (c, t, EscalationAnalyzer.analyze(t, case: c))
  }

  /// The case as written, with clocks estimated (`clock: auto`, the default).
  static func estimated() throws -> (CaseFile, Timeline, EscalationReport) { try build("case.yml") }
  /// The same evidence with the true offsets written and estimation off.
  static func truth() throws -> (CaseFile, Timeline, EscalationReport) { try build("truth.yml") }

  func estimate(_ t: Timeline, _ path: String) throws -> ClockEstimate {
    try #require(t.clocks?.estimates.first { $0.path == path })
  }

  @Test func exactPairsGiveThePhoneWithinTwoSeconds() throws {
    let (_, t, _) = try Self.estimated()
    for path in ["phones/alice/sms.xml", "phones/alice/calls.xml"] {
      let e = try estimate(t, path)
      #expect(e.status == .applied && e.exact && e.confidence == .high)
      #expect(abs(e.offsetMicros! - -40_000_000) <= 2_000_000, "\(e.offsetMicros!)")
      #expect(e.offsetMicros == -39_900_000 && e.uncertaintyMicros == 1_200_000)
      #expect(e.pairs == 4 && e.consistent == 4 && e.via == 0)
    }
  }

  @Test func quotedRecordsBoundTheServerWithinTheirStatedRange() throws {
    let (_, t, _) = try Self.estimated()
    let log = try estimate(t, "logs/api.log")
    #expect(log.status == .applied && !log.exact && log.confidence == .medium)
    #expect(log.pairs == 4 && log.consistent == 4 && log.via == 2)
    // The truth (+120 s) lies within the bounds and within the estimate's uncertainty.
    #expect(log.lowerMicros! <= 120_000_000 && 120_000_000 <= log.upperMicros!)
    #expect(abs(log.offsetMicros! - 120_000_000) <= log.uncertaintyMicros)
    #expect(log.offsetMicros == 120_600_000 && log.uncertaintyMicros == 6_700_000)
    #expect(log.reason.hasPrefix("applied: 4 of 4 bounds agree, pinning it within ±5.500 s"))
  }

  @Test func pagesOnlyBoundPagerDutyLooselyAndAreNotApplied() throws {
    let (_, t, _) = try Self.estimated()
    let pd = try estimate(t, "pagerduty/log_entries.json")
    #expect(pd.status == .notApplied && pd.confidence == .low && pd.appliedMicros == 0)
    #expect(pd.lowerMicros! <= 0 && 0 <= pd.upperMicros!)  // its clock was true
    #expect(pd.reason == "the bounds allow -56.900 s to +3.100 s: wider than ±10 s")
    let kinds = t.clocks!.pairs.filter { $0.reference == 5 || $0.source == 5 }.map(\.kind)
    #expect(kinds == [.pageDelivered, .pageDelivered])
  }

  @Test func theAnchorIsTheReferenceAndTheDeviceIsOneClock() throws {
    let (_, t, _) = try Self.estimated()
    let table = try #require(t.clocks)
    #expect(table.estimates.map(\.status) == [.anchor, .anchor, .applied, .applied, .applied, .notApplied])
    #expect(table.estimates[0].reason == "anchor: marked reference: true")
    #expect(table.conflicts.isEmpty)
    #expect(
      table.pairs.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [
        .pageDelivered, .pageDelivered, .quotes, .quotes, .quotes, .quotes, .sameCommunication, .sameCommunication,
        .sameCommunication, .sameCommunication,
      ])
  }

  @Test func everyCorrectedEventCarriesTheEstimateAndItsUncertainty() throws {
    let (_, t, _) = try Self.estimated()
    let alert = try #require(t.events.first { $0.source.citation == "phones/alice/sms.xml:4" })
    // Written 03:14:46.250 on a clock 40 s fast; corrected by the estimate, -39.9 s.
    #expect(TimestampFormatter.utc(alert.instant, digits: 3) == "2026-11-12T03:14:06.350Z")
    #expect(alert.uncertaintyMicros == 1_200_000)
    let c = try #require(alert.source.corrections.first { $0.kind == "clock_estimated" })
    #expect(
      c.detail
        == "source clock corrected by -39.900 s ±1.200 s, estimated from 4 pairs of evidence against phones/bob/sms.xml"
    )
    let first = try #require(t.events.first { $0.source.citation == "logs/api.log:24" })
    #expect(TimestampFormatter.utc(first.instant, digits: 3) == "2026-11-12T03:14:00.850Z")  // truth 03:14:00.250
    #expect(t.events.filter { $0.source.path == "phones/bob/sms.xml" }.allSatisfy { $0.uncertaintyMicros == 0 })
  }

  @Test func theFindingsEqualThoseWithTrueClocks() throws {
    let (_, _, auto) = try Self.estimated()
    let (_, _, truth) = try Self.truth()
    #expect(auto.steps.map(\.status) == [.onTime, .onTime, .onTime, .never])
    #expect(auto.steps.map(\.status) == truth.steps.map(\.status))
    #expect(auto.steps.map(\.reachedBy) == truth.steps.map(\.reachedBy))
    #expect(
      auto.people.map { [$0.id, $0.from ?? "", $0.via ?? ""] }
        == truth.people.map { [$0.id, $0.from ?? "", $0.via ?? ""] })
    for (a, b) in zip(auto.people, truth.people) {
      if let x = a.knewAt, let y = b.knewAt { #expect(abs(x - y) <= 2_000_000, "\(a.id)") }
    }
    // The same sentences, but for the ~ an estimated time carries.
    #expect(
      auto.findings.map { $0.text.replacingOccurrences(of: "~", with: "") } == truth.findings.map(\.text))
    #expect(abs(auto.started!.instant - truth.started!.instant) <= 1_000_000)
  }

  @Test func withoutTheCorrectionTwoStepsFlipToLate() throws {
    let c = try CaseFileLoader.load(path: Self.folder)
    var off = c
    off.clockAuto = false
    let t = TimelineBuilder.build(off).timeline
    let r = EscalationAnalyzer.analyze(t, case: off)
    #expect(r.steps.map(\.status) == [.onTime, .late, .late, .never])
    #expect(t.clocks!.estimates.allSatisfy { $0.status != .applied })
    #expect(t.clocks!.estimates[2].reason == "clock: none")
    // The estimate is still shown, with the clock_offset that would apply it.
    let warnings = t.sources[2].warnings.map(\.message)
    #expect(warnings.contains { $0.contains("`clock_offset: -39.900s` would apply it") })
  }

  @Test func aWrittenOffsetWinsAndIsChecked() throws {
    var c = try CaseFileLoader.load(path: Self.folder)
    c.sources[2].clockOffsetMicros = -30_000_000  // wrong by 10 s
    c.sources[3].clockOffsetMicros = -30_000_000
    let t = TimelineBuilder.build(c).timeline
    let e = try estimate(t, "phones/alice/sms.xml")
    #expect(e.status == .written && e.writtenMicros == -30_000_000 && e.appliedMicros == 0)
    #expect(abs(e.offsetMicros! - -40_000_000) <= 2_000_000)
    #expect(
      t.sources[2].warnings.contains {
        $0.message.hasPrefix("clock_offset -30 s is written, but the evidence puts this clock at -39.900 s ±1.200 s")
      })
  }
}

@Suite("Clocks estimated from the evidence: the reference incident")
struct SystemEClockTests {
  @Test func pmAsPhoneIsMeasuredNineSecondsSlow() throws {
    let (t, _) = try systemE()
    let table = try #require(t.clocks)
    for path in ["phones/pm-a/sms-20080923184002.xml", "phones/pm-a/calls-20080923184002.xml"] {
      let e = try #require(table.estimates.first { $0.path == path })
      // The case writes clock_offset: 9s; the three communications both phones recorded agree.
      #expect(e.status == .written && e.writtenMicros == 9_000_000)
      #expect(abs(e.offsetMicros! - 9_000_000) <= 1_000_000 && e.consistent == 3 && e.exact)
      #expect(
        e.reason == "clock_offset +9 s written; the estimate agrees"
          || e.reason.hasPrefix("clock_offset +9 s written; the estimate agrees ("))
    }
    #expect(table.pairs.count == 3 && table.pairs.allSatisfy { $0.kind == .sameCommunication })
  }
}

@Suite("Clocks estimated from the evidence: e-mail and its first server's stamp")
struct MailClockTests {
  /// bob's laptop ran 30 s slow; his three sent e-mails reached the first server 1, 20 and 55 s
  /// after he sent them (the servers keep true time).
  @Test func sentMailIsMeasuredAgainstTheMailServers() throws {
    let dir = scratchDirectory() + "storyline-mail-clock-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    var mbox = ""
    for (k, (sent, delay)) in [(0, 1), (600, 20), (1200, 55)].enumerated() {
      func stamp(_ s: Int) -> String {
        let t = 3 * 3600 + 10 * 60 + s
        return String(format: "Thu, 12 Nov 2026 %02d:%02d:%02d +0000", t / 3600, t / 60 % 60, t % 60)
      }
      mbox += """
        From bob@example.com Thu Nov 12 03:10:00 2026
        Received: from mx.example.net by inbox.example.net; \(stamp(sent + delay + 5))
        Received: from [10.0.0.7] (laptop) by smtp.example.com with ESMTPSA; \(stamp(sent + delay))
        Date: \(stamp(sent - 30))
        From: Bob <bob@example.com>
        To: Dave <dave@example.com>
        Subject: update \(k + 1)

        Checkout is still down.


        """
    }
    try mbox.write(toFile: dir + "/bob.mbox", atomically: true, encoding: .utf8)
    try """
    title: Mail clock
    timezone: UTC
    date: 2026-11-12
    people:
      - id: bob
        emails: [bob@example.com]
      - id: dave
        emails: [dave@example.com]
    sources:
      - path: bob.mbox
        owner: bob
    """.write(toFile: dir + "/case.yml", atomically: true, encoding: .utf8)
    let c = try CaseFileLoader.load(path: dir)
    let t = TimelineBuilder.build(c).timeline
    let table = try #require(t.clocks)
    #expect(table.estimates.map(\.path) == ["bob.mbox", EvidenceStream.mailServers])
    #expect(table.pairs.map(\.kind) == [.mailReceived, .mailReceived, .mailReceived])
    #expect(table.pairs.allSatisfy { $0.why == ClockReason("mail", ["owner": "bob"]) })
    #expect(Language.english.text("pair.mail", table.pairs[0].why.args) == table.pairs[0].detail)
    #expect(
      table.pairs.map(\.sourceCitation) == ["bob.mbox:1 Received:", "bob.mbox:11 Received:", "bob.mbox:21 Received:"])
    let servers = table.estimates[1]
    #expect(servers.status == .anchor && servers.reason.hasPrefix("anchor: a clock outside the case"))
    let laptop = table.estimates[0]
    // Bounds [+25 s, +31 s]: the truth (+30 s) lies within them.
    #expect(laptop.lowerMicros == 25_000_000 && laptop.upperMicros == 31_000_000)
    #expect(laptop.status == .applied && laptop.offsetMicros == 28_000_000 && laptop.uncertaintyMicros == 3_000_000)
    let first = try #require(t.events.first)
    #expect(TimestampFormatter.utc(first.instant) == "2026-11-12T03:09:58Z")  // Date 03:09:30 + 28 s
    #expect(first.source.corrections.map(\.kind).contains("clock_estimated"))
    // Only the owner's sent mail is his clock: the same messages filed as received give no pair.
    var received = c
    received.sources[0].owner = "dave"
    #expect(TimelineBuilder.build(received).timeline.clocks?.pairs.isEmpty == true)
  }
}

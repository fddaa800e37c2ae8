import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineAnalysis
@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

@Suite("Log condensation: bursts and per-minute volume")
struct LogCondenserTests {
  static func log(_ minute: Int, _ second: Int, _ text: String, _ severity: Severity = .info, source: Int = 0, seq: Int)
    -> Event
  {
    Event(
      instant: Instant(microseconds: Int64(1_222_056_000 + minute * 60 + second) * 1_000_000), precision: .second,
      kind: .log, text: text, severity: severity,
      source: Provenance(
        path: "s\(source).log", format: "syslog", record: seq, line: seq, originalTime: "", corrections: []),
      sourceIndex: source, sequence: seq)
  }

  static func timeline(_ events: [Event]) -> Timeline {
    Timeline(
      title: "t", zone: .utc, zoneGiven: true, date: nil, people: [], sources: [], events: events, warnings: [])
  }

  @Test func templatesMaskNumbersIdsAndAddresses() {
    #expect(LogTemplate.mask("pool size 6, 3 in use by 10.20.1.5") == "pool size <*> <*> in use by <*>")
    #expect(LogTemplate.mask("session 9f86d081884c7d65 for bob@example.com\nstack") == "session <*> for <*>")
    #expect(LogTemplate.mask("Server state changed to RUNNING") == "Server state changed to RUNNING")
    #expect(LogTemplate.mask("BEA-000337 [STUCK] ExecuteThread: '12'") == "BEA-000337 [STUCK] ExecuteThread: <*>")
    #expect(LogTemplate.mask("AH00898: Error reading from 10.0.0.1") == "AH00898: Error reading from <*>")
  }

  /// The byte rules (one pass per word) give the template the word rules describe, and the
  /// template's hash is FNV-1a of it: random ASCII first lines of ids, numbers, hex, addresses.
  @Test func templatesFollowTheWordRules() {
    func reference(_ text: String) -> String {
      let line = text.prefix { $0 != "\n" }.prefix(300)
      return line.split(separator: " ", omittingEmptySubsequences: false).map { w -> String in
        let core = w.hasSuffix(":") ? w.dropLast() : w
        let letters = core.prefix { $0 >= "A" && $0 <= "Z" }
        let rest = core.dropFirst(letters.count)
        let digits = rest.hasPrefix("-") ? rest.dropFirst() : rest
        let isID = letters.count >= 2 && digits.count >= 4 && digits.allSatisfy { $0 >= "0" && $0 <= "9" }
        let hex = w.count >= 8 && w.allSatisfy { "0123456789abcdefABCDEF-:".contains($0) }
        return !isID && (w.contains { ($0 >= "0" && $0 <= "9") || $0 == "@" } || hex) ? "<*>" : String(w)
      }.joined(separator: " ")
    }
    func fnv(_ s: String) -> UInt64 {
      s.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }
    let pieces = [
      "BEA-000337", "AH00898:", "ab", "AB-12", "9f86d081", "deadBEEF", "cafe-f00d:", "x@y", "12", "a1", " ", "  ",
      "Error", "[STUCK]", "ORA-00054:", "G", "abcdefg", "ABCDEFGH", "\n", "-", ":",
    ]
    var rng = SeededGenerator(seed: 31)
    for _ in 0..<5_000 {
      let text = (0..<Int(rng.next() % 10)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
      #expect(LogTemplate.mask(text) == reference(text), "\(text)")
      #expect(LogTemplate.maskHash(text) == fnv(reference(text)), "\(text)")
    }
  }

  @Test func runsOfTheSameShapeBecomeBurstsStateChangesStay() {
    let events = [
      Self.log(0, 0, "request 1 served", seq: 1),
      Self.log(0, 20, "request 2 served", seq: 2),
      Self.log(0, 30, "Server state changed to FAILED", .notice, seq: 3),
      Self.log(0, 40, "request 3 served", seq: 4),
      Self.log(0, 50, "request 4 failed", .error, seq: 5),  // another severity: not the same run
      Self.log(1, 5, "request 5 served", source: 1, seq: 1),  // another source
      Self.log(12, 0, "request 6 served", seq: 6),  // more than 10 minutes later: a new run (of 1)
    ]
    let c = LogCondenser.condense(Self.timeline(events))
    #expect(c.bursts.count == 1)
    let b = c.bursts[0]
    #expect(b.id == "b1" && b.count == 3 && b.template == "request <*> served")
    #expect(b.first.id == "s1-r1" && b.last.id == "s1-r4")
    #expect(c.burstOf.filter { $0.value == "b1" }.keys.sorted() == ["s1-r1", "s1-r2", "s1-r4"])
    #expect(c.entries.count == 5)  // the burst, the state change, the error, the other source, the late one
    guard case .burst = c.entries[0], case .event(let state) = c.entries[1] else {
      Issue.record("the burst comes first, at its first record")
      return
    }
    #expect(state.text == "Server state changed to FAILED")
    #expect(c.burstOf["s1-r2"] == "b1" && c.burstOf["s1-r5"] == nil)
  }

  @Test func perMinuteVolumeAndErrors() {
    let events = [
      Self.log(0, 0, "a", seq: 1), Self.log(0, 59, "b", .error, seq: 2), Self.log(2, 0, "c", .critical, seq: 3),
      Self.log(2, 1, "d", source: 1, seq: 1),
    ]
    let v = LogCondenser.condense(Self.timeline(events)).volume
    #expect(v.map(\.sourceIndex) == [0, 1])
    #expect(v[0].minutes.map(\.records) == [2, 1] && v[0].minutes.map(\.errors) == [1, 1])
    #expect(TimestampFormatter.utc(v[0].minutes[1].start) == "2008-09-22T04:02:00Z")
  }

  @Test func faultAndRecoverySignalsInLogs() {
    func e(_ text: String, _ s: Severity = .info) -> Event { Self.log(0, 0, text, s, seq: 1) }
    #expect(
      Signals.fault(e("BEA-000365 Server state changed to FORCE_SHUTTING_DOWN"))?.text()
        == "server state changed to FORCE_SHUTTING_DOWN")
    #expect(Signals.fault(e("kernel: Out of memory: Killed process 4242 (java)"))?.text() == "out of memory")
    #expect(Signals.fault(e("java.lang.OutOfMemoryError: Java heap space", .critical))?.text() == "out of memory")
    #expect(
      Signals.fault(e("systemd: Stopped SysE managed server 1."))?.text() == "service stopped: SysE managed server 1.")
    #expect(Signals.fault(e("Health check failed: DOWN", .warning))?.text() == "health check failing")
    #expect(
      Signals.fault(e("BEA-310003 Free memory is low", .critical))?.text() == "first log record of severity critical")
    #expect(Signals.fault(e("all good"))?.text() == nil)
    #expect(
      Signals.recovery(e("systemd: Started SysE managed server 1."))?.text()
        == "service started: SysE managed server 1.")
    #expect(
      Signals.recovery(e("BEA-000365 Server state changed to RUNNING"))?.text() == "server state changed to RUNNING")
    #expect(Signals.recovery(e("Health check passed"))?.text() == "health check passing")
    #expect(Signals.isStateChange(e("systemd: Stopped x.")) && !Signals.isStateChange(e("request served")))
    #expect(Signals.fault(e("BEA-000365 サーバーの状態が FAILED に変更されました。"))?.text() == "server state changed to FAILED")
    #expect(Signals.recovery(e("BEA-000365 서버 상태가 RUNNING(으)로 변경되었습니다."))?.text() == "server state changed to RUNNING")
  }
}

// Times the escalation analysis on a large synthetic incident: 1 million communication events
// among 500 people over a day. Not a test: run it in release mode,
//
//     swift run -c release storyline-escalation-bench [events] [people]
//
// The baseline, measured in the same run, is one plain pass over the same events that reads
// each event's parties (the least any analysis must do).
import Foundation
import StorylineAnalysis
import StorylineCore
import StorylinePipeline

@main
struct Bench {
  static func main() throws {
    let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1_000_000 : 1_000_000
    let peopleCount = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 500 : 500
    var seed: UInt64 = 0x5EED_6
    func random(_ n: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(n))
    }

    // A case with `peopleCount` people and a five-step policy.
    var yaml = "title: Synthetic\ntimezone: UTC\ndate: 2024-01-10\nincident:\n  detected_by: [p0]\npeople:\n"
    for i in 0..<peopleCount { yaml += "  - id: p\(i)\n" }
    yaml += "escalation:\n"
    for (k, within) in ["15m", "30m", "1h", "2h", "4h"].enumerated() {
      yaml +=
        "  - notify: [p\(k * 7 + 1), p\(k * 7 + 2), p\(k * 7 + 3)]\n    require: \(k % 2 == 0 ? "any" : "all")\n    within: \(within)\n"
    }
    let c = try CaseFileLoader.parse(yaml: yaml, path: "bench.yml", directory: ".")

    // A fault at 00:00, then communications spread over the day in time order.
    let day: Int64 = 1_704_844_800  // 2024-01-10T00:00:00Z
    let kinds: [EventKind] = [.call, .sms, .chat, .email, .inPerson]
    let outcomes: [Outcome] = [.completed, .completed, .completed, .completed, .missed, .unanswered]
    func provenance(_ k: Int) -> Provenance {
      Provenance(path: "synthetic", format: "bench", record: k, line: k, originalTime: "", corrections: [])
    }
    var events: [Event] = [
      Event(
        instant: Instant(seconds: day), precision: .second, kind: .log, from: Party(person: nil, raw: "srv"),
        text: "Server state changed to FAILED", severity: .notice, source: provenance(1), sourceIndex: 0, sequence: 1)
    ]
    events.reserveCapacity(count + 1)
    for k in 0..<count {
      let from = random(peopleCount)
      var to = [random(peopleCount)]
      let kind = kinds[random(kinds.count)]
      if kind == .chat { to += [random(peopleCount), random(peopleCount)] }
      let t = Instant(microseconds: day * 1_000_000 + Int64(k) * 86_400_000_000 / Int64(count) + 1_000_000)
      events.append(
        Event(
          instant: t, precision: .second, kind: kind, from: Party(person: "p\(from)", raw: "p\(from)"),
          to: to.map { Party(person: "p\($0)", raw: "p\($0)") }, text: "", outcome: outcomes[random(outcomes.count)],
          source: provenance(k + 2), sourceIndex: 0, sequence: k + 2))
    }
    let timeline = Timeline(
      title: "Synthetic", zone: .utc, zoneGiven: true, date: c.date, people: c.people, sources: [], events: events,
      warnings: [])

    func seconds(_ body: () -> Void) -> Double {
      let start = DispatchTime.now().uptimeNanoseconds
      body()
      return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
    var touched = 0
    let baseline = seconds {
      for e in timeline.events where e.kind.isCommunication {
        if e.from?.person != nil { touched += 1 }
        for p in e.to where p.person != nil { touched += 1 }
      }
    }
    var report: EscalationReport? = nil
    let analysis = seconds { report = EscalationAnalyzer.analyze(timeline, case: c) }
    let knew = report!.people.filter { $0.knewAt != nil }.count
    print("events:    \(count) communications, \(peopleCount) people (\(touched) party references)")
    print(String(format: "baseline:  %.3f s  (one pass reading every event's parties)", baseline))
    print(String(format: "analysis:  %.3f s  (%.2f M events/s)", analysis, Double(count) / analysis / 1e6))
    print(String(format: "ratio:     %.1fx the baseline pass", analysis / baseline))
    print(
      "result:    \(knew) of \(peopleCount) people knew; \(report!.steps.map(\.status.rawValue)); \(report!.silences.count) silences; \(report!.failedAttempts.count) failed attempts"
    )
  }
}

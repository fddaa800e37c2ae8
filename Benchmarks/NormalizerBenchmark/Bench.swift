// Times Storyline's time normalizer against Foundation's ISO8601DateFormatter/DateFormatter on
// the same mixed timestamps, side by side. Not a test: run it in release mode,
//
//     swift run -c release storyline-bench [count]
//
// and read the ratio. Both sides parse every input to a UTC instant; a sample of results is
// compared so that the faster side is not skipping work.
import Foundation
import StorylineCore

/// The mixed forms: RFC 3339 UTC with ms, RFC 3339 with offset, log4j local, syslog (no year),
/// epoch milliseconds, Apache access log.
enum Form: Int, CaseIterable { case isoZ, isoOffset, log4j, syslog, epochMs, apache }

@main
struct Bench {
  static func main() {

    let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 10_000_000 : 10_000_000
    // `--storyline-only` skips the Foundation side (for profiling Storyline's).
    let storylineOnly = CommandLine.arguments.contains("--storyline-only")
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    // A deterministic generator (64-bit LCG) so every run times the same inputs.
    var seed: UInt64 = 0x5EED_2008_0922
    func nextRandom() -> UInt64 {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return seed >> 33
    }

    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    var inputs: [String] = []
    var forms: [Form] = []
    inputs.reserveCapacity(count)
    let base: Int64 = 1_704_067_200  // 2024-01-01T00:00:00Z
    for i in 0..<count {
      let form = Form(rawValue: i % Form.allCases.count)!
      let t = base + Int64(i) + Int64(nextRandom() % 3)  // in order, as a log is
      let ms = Int(nextRandom() % 1000)
      let d = CivilDate(daysSinceEpoch: t / 86_400)
      let sod = Int(t % 86_400)
      let (h, m, s) = (sod / 3600, sod / 60 % 60, sod % 60)
      let msText = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
      let text: String
      switch form {
      case .isoZ: text = "\(d.year)-\(two(d.month))-\(two(d.day))T\(two(h)):\(two(m)):\(two(s)).\(msText)Z"
      case .isoOffset: text = "\(d.year)-\(two(d.month))-\(two(d.day))T\(two(h)):\(two(m)):\(two(s))+08:00"
      case .log4j: text = "\(d.year)-\(two(d.month))-\(two(d.day)) \(two(h)):\(two(m)):\(two(s)),\(msText)"
      case .syslog:
        text = "\(months[d.month - 1]) \(d.day < 10 ? " \(d.day)" : "\(d.day)") \(two(h)):\(two(m)):\(two(s))"
      case .epochMs: text = "\(t * 1000 + Int64(ms))"
      case .apache: text = "\(two(d.day))/\(months[d.month - 1])/\(d.year):\(two(h)):\(two(m)):\(two(s)) +0100"
      }
      inputs.append(text)
      forms.append(form)
    }

    // All inputs in one byte buffer, as a reader sees them (bytes of a line, not Strings).
    var bytes: [UInt8] = []
    var offsets: [Int] = [0]
    for s in inputs {
      bytes.append(contentsOf: s.utf8)
      offsets.append(bytes.count)
    }

    func seconds(_ body: () -> Void) -> Double {
      let start = DispatchTime.now().uptimeNanoseconds
      body()
      return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    // Storyline.
    let normalizer = TimeNormalizer(
      caseZone: ZoneRules(identifier: "Asia/Shanghai")!, caseDate: CivilDate(year: 2024, month: 3, day: 1), region: "CN"
    )
    var storylineResults = [Int64](repeating: 0, count: count)
    var failures = 0
    let storylineTime = seconds {
      bytes.withUnsafeBufferPointer { all in
        var clock = normalizer.clock()
        for i in 0..<count {
          let slice = UnsafeBufferPointer(rebasing: all[offsets[i]..<offsets[i + 1]])
          switch clock.normalize(slice) {
          case .success(let t): storylineResults[i] = t.instant.microseconds / 1000
          case .failure: failures += 1
          }
        }
      }
    }

    // Foundation: the obvious formatter for each form, built once and reused.
    let isoFrac = ISO8601DateFormatter()
    isoFrac.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    let iso = ISO8601DateFormatter()
    func formatter(_ pattern: String, zone: TimeZone?) -> DateFormatter {
      let f = DateFormatter()
      f.locale = Locale(identifier: "en_US_POSIX")
      f.dateFormat = pattern
      if let zone { f.timeZone = zone }
      return f
    }
    let log4j = formatter("yyyy-MM-dd HH:mm:ss,SSS", zone: shanghai)
    let syslog = formatter("yyyy MMM d HH:mm:ss", zone: shanghai)
    let apache = formatter("dd/MMM/yyyy:HH:mm:ss Z", zone: nil)
    var foundationResults = [Int64](repeating: 0, count: count)
    var foundationFailures = 0
    let foundationTime = seconds {
      for i in 0..<count where !storylineOnly {
        let s = inputs[i]
        let date: Date?
        switch forms[i] {
        case .isoZ: date = isoFrac.date(from: s)
        case .isoOffset: date = iso.date(from: s)
        case .log4j: date = log4j.date(from: s)
        case .syslog: date = syslog.date(from: "2024 " + s)  // DateFormatter cannot infer a year
        case .epochMs: date = Double(s).map { Date(timeIntervalSince1970: $0 / 1000) }
        case .apache: date = apache.date(from: s)
        }
        if let date {
          foundationResults[i] = Int64((date.timeIntervalSince1970 * 1000).rounded())
        } else {
          foundationFailures += 1
        }
      }
    }

    var mismatches = 0
    for i in stride(from: 0, to: count, by: 7) where storylineResults[i] != foundationResults[i] {
      mismatches += 1
    }

    func rate(_ seconds: Double) -> String { String(format: "%.3f M/s", Double(count) / seconds / 1e6) }
    print("timestamps:  \(count) (six forms, mixed)")
    print(String(format: "storyline:   %.3f s  %@  (%d failed)", storylineTime, rate(storylineTime), failures))
    print(
      String(format: "foundation:  %.3f s  %@  (%d failed)", foundationTime, rate(foundationTime), foundationFailures))
    print(String(format: "ratio:       %.1fx faster", foundationTime / storylineTime))
    print("agreement:   \(mismatches) of \((count + 6) / 7) sampled results differ")
  }
}

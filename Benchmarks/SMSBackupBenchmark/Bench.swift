// Reads a large SMS Backup & Restore backup and reports records/s, MB/s and peak RSS, beside a
// plain read of the same file in the same run. Not a test: run it in release mode,
//
//     swift run -c release storyline-sms-bench generate /tmp/big.xml 1024   # ~1 GB, MMS up to 20 MB
//     swift run -c release storyline-sms-bench generate /tmp/sms.xml 256 sms-only  # text messages only
//     swift run -c release storyline-sms-bench read /tmp/big.xml
//     swift run -c release storyline-sms-bench read /tmp/sms.xml 7      # 7 runs, their median
//
// `read` streams every record through the reader without keeping the events, as `storyline
// merge` does, so that what is measured is the reader's own memory.
import Foundation
import StorylineCore
import StorylineFormats
import StorylinePipeline

#if canImport(Glibc)
  import Glibc
#endif

@main
struct Bench {
  static func main() throws {
    let args = CommandLine.arguments
    guard args.count >= 3 else {
      print("usage: storyline-sms-bench generate FILE [MB] [sms-only] | read FILE [RUNS]")
      exit(64)
    }
    if args[1] == "generate" {
      try generate(
        path: args[2], megabytes: args.count > 3 ? Int(args[3]) ?? 1024 : 1024, withMMS: !args.contains("sms-only"))
    } else {
      try read(path: args[2], runs: args.count > 3 ? max(1, Int(args[3]) ?? 1) : 1)
    }
  }

  static func generate(path: String, megabytes: Int, withMMS: Bool) throws {
    guard let f = fopen(path, "wb") else { throw CocoaError(.fileWriteNoPermission) }
    defer { fclose(f) }
    func write(_ s: String) {
      var s = s
      s.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, f) }
    }
    // One base64 block reused for attachment data (its content does not matter to the reader).
    let block = String(repeating: "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkw", count: 24_000)  // ~1 MB
    let target = Int64(megabytes) << 20
    var written: Int64 = 0
    var count = 0
    var seed: UInt64 = 42
    func random(_ n: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(n))
    }
    write(
      "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses backup_set=\"bench\" backup_date=\"1704189600000\">\n"
    )
    var date: Int64 = 1_704_067_200_000
    while written < target {
      date += Int64(1 + random(60_000))
      count += 1
      if withMMS && count % 400 == 0 {
        // An MMS with a photo or video of 1–20 MB.
        let mb = 1 + random(20)
        var s = "  <mms date=\"\(date)\" msg_box=\"1\" m_type=\"132\" address=\"+15550100111\" read=\"1\"><parts>"
        s += "<part seq=\"0\" ct=\"text/plain\" text=\"clip \(count)\" />"
        write(s + "<part seq=\"1\" ct=\"video/mp4\" name=\"clip.mp4\" data=\"")
        for _ in 0..<mb { write(block) }
        write("\" /></parts><addrs><addr address=\"+15550100111\" type=\"137\" /></addrs></mms>\n")
        written += Int64(mb * block.utf8.count + 300)
      } else {
        let line =
          "  <sms protocol=\"0\" address=\"+1555010\(1000 + random(9000))\" date=\"\(date)\" type=\"\(1 + random(2))\" subject=\"null\" body=\"Message number \(count): the quick brown fox &amp; the lazy dog\" toa=\"null\" sc_toa=\"null\" service_center=\"null\" read=\"1\" status=\"-1\" locked=\"0\" date_sent=\"0\" readable_date=\"Jan 2, 2024 10:00:00 AM\" contact_name=\"(Unknown)\" />\n"
        write(line)
        written += Int64(line.utf8.count)
      }
    }
    write("</smses>\n")
    print("wrote \(path): \(written >> 20) MB, \(count) records")
  }

  /// Reads the file `runs` times (after one plain read of it), each run checked to give every
  /// record as an event, the same number each time; prints each run and their median.
  static func read(path: String, runs: Int) throws {
    let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
    func seconds(_ body: () throws -> Void) rethrows -> Double {
      let start = DispatchTime.now().uptimeNanoseconds
      try body()
      return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
    // Baseline: read the bytes and nothing else.
    var sum = 0
    let baseline = seconds {
      guard let f = fopen(path, "rb") else { return }
      var buf = [UInt8](repeating: 0, count: 1 << 20)
      while true {
        let n = buf.withUnsafeMutableBytes { fread($0.baseAddress!, 1, $0.count, f) }
        if n == 0 { break }
        sum &+= Int(buf[0])
      }
      fclose(f)
    }
    var records = 0
    var events = 0
    var warnings: [Diagnostic] = []
    var times: [Double] = []
    for run in 1...runs {
      var (r, e) = (0, 0)
      let elapsed = try seconds {
        // The loop `build` runs: every record counted, rejections included.
        let spec = SourceSpec(path: path, resolvedPath: path, format: .smsBackupXML)
        let stream = try SourceLoader.stream(
          spec, index: 0, normalizer: TimeNormalizer(), directory: PeopleDirectory(people: [], region: "US")
        ) { item in
          r += 1
          if case .event = item { e += 1 }
        }
        warnings = stream.warnings
      }
      if run > 1 && (r, e) != (records, events) {
        print("FAILED: run \(run) gave \(r) records (\(e) events), run 1 gave \(records) (\(events))")
        exit(1)
      }
      (records, events) = (r, e)
      times.append(elapsed)
      if runs > 1 {
        print(String(format: "run %d:     %.2f s  %.0f MB/s", run, elapsed, Double(size) / 1_048_576 / elapsed))
      }
    }
    let elapsed = times.sorted()[times.count / 2]
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let mb = Double(size) / 1_048_576
    print(String(format: "file:      %.0f MB, %d records (%d events)", mb, records, events))
    print(String(format: "baseline:  %.2f s  %.0f MB/s  (plain read)", baseline, mb / baseline))
    print(
      String(
        format: "storyline: %.2f s  %.0f MB/s  %.0f records/s%@", elapsed, mb / elapsed, Double(records) / elapsed,
        runs > 1 ? " (median of \(runs))" : ""))
    print(String(format: "ratio:     %.1fx the plain read", elapsed / baseline))
    print("peak RSS:  \(usage.ru_maxrss / 1024) MB")
    for w in warnings { print("warning:   \(w.message)") }
  }
}

// libFuzzer targets for the time normalizer and every reader. Not part of `swift build`'s
// product set in normal use: built and run by Fuzz/run.sh with `-sanitize=fuzzer,address -D FUZZING`.
// The target is chosen with the STORYLINE_FUZZ_TARGET environment variable.
import Foundation
import StorylineCore
import StorylineFormats
import StorylinePipeline
import StorylineReports

#if canImport(Glibc)
  import Glibc
#endif

enum FuzzTarget {
  static let name = ProcessInfo.processInfo.environment["STORYLINE_FUZZ_TARGET"] ?? "normalizer"
  static let path = NSTemporaryDirectory() + "storyline-fuzz-\(ProcessInfo.processInfo.processIdentifier)"
  static let normalizer = TimeNormalizer(
    caseZone: ZoneCatalog.shared.zone(named: "America/Chicago")!, caseDate: CivilDate(year: 2024, month: 3, day: 10),
    region: "US")

  static let envelopeKey = ArchiveIdentity(name: "fuzz")

  /// One input: never expected to crash, hang or leak, whatever the bytes.
  static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
    if name == "normalizer" {
      var clock = normalizer.clock()
      _ = clock.normalize(bytes)
      _ = clock.normalizePrefix(bytes)
      return
    }
    // `report-html`: the bytes as a notes file (every line text the report shows), rendered as
    // HTML: evidence must never become markup. The report carries exactly one script and no
    // element that loads anything.
    if name == "report-html" {
      let file = path + "/notes.md"
      try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      FileManager.default.createFile(atPath: file, contents: Data(buffer: bytes))
      let t = TimelineBuilder.build(paths: [file], options: .init(timezone: .utc)).timeline
      for audience in [Audience.team, .owner] {
        guard let html = try? TemplateReport.render(t, escalation: nil, kind: .html, audience: audience) else {
          preconditionFailure("the shipped template must render")
        }
        precondition(html.components(separatedBy: "<script").count == 2, "evidence became a script element")
        for tag in ["<img", "<iframe", "<object", "<embed", "<link", "<a ", "<form", "<meta http-equiv=\"refresh"] {
          precondition(!html.contains(tag), "evidence became \(tag)")
        }
      }
      return
    }
    // `narrative`: the bytes as a case author's text, rendered as the reports render it. The HTML
    // holds only the subset's own tags; the Markdown no control or bidi character.
    if name == "narrative" {
      let text = String(decoding: bytes, as: UTF8.self)
      var rest = Substring(NarrativeText.html(text))
      let tags = ["p", "ul", "ol", "li", "h4", "strong", "em", "code"].flatMap { ["<\($0)>", "</\($0)>"] }
      while let open = rest.firstIndex(of: "<") {
        guard let tag = tags.first(where: { rest[open...].hasPrefix($0) }) else {
          preconditionFailure("narrative text became markup: \(rest[open...].prefix(40))")
        }
        rest = rest[open...].dropFirst(tag.count)
      }
      for u in NarrativeText.markdown(text).unicodeScalars {
        precondition(
          u == "\n" || !(u.value < 0x20 || u.value == 0x7F || u.value == 0x202E || u.value == 0x202D),
          "a control character reached the Markdown")
      }
      return
    }
    // The archive's parsers: a manifest, a key file, a time-stamp token and an encrypted
    // envelope are attacker-controlled. Each either reads or fails with its own error; an
    // envelope never writes plaintext unless it authenticates (which random bytes cannot).
    if name == "archive-manifest" {
      if case .success(let m) = ArchiveManifest.parse(Data(buffer: bytes)) {
        precondition(m.seal.count == 64, "a seal is a SHA-256")
      }
      return
    }
    if name == "key-file" {
      let text = String(decoding: bytes, as: UTF8.self)
      try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      FileManager.default.createFile(atPath: path + "/k", contents: Data(buffer: bytes))
      _ = try? ArchivePublicKey.read(path: path + "/k")
      _ = try? ArchiveIdentity.read(path: path + "/k", passphrase: text.isEmpty ? nil : "p")
      return
    }
    if name == "timestamp-token" {
      _ = try? TimestampToken(der: Array(bytes))
      return
    }
    if name == "envelope" {
      try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      FileManager.default.createFile(atPath: path + "/in.enc", contents: Data(buffer: bytes))
      let out = path + "/out.zip"
      try? FileManager.default.removeItem(atPath: out)
      do {
        try ArchiveEnvelope.open(path + "/in.enc", with: envelopeKey, output: out)
        preconditionFailure("random bytes authenticated")
      } catch {
        precondition(!FileManager.default.fileExists(atPath: out), "plaintext written after a failure")
      }
      return
    }
    // `merge:FORMAT`: the bytes as a file of that format, merged by the byte-level path. Every
    // record found is written or rejected, every line written is one record, and the output is
    // in time order but for the records the summary counts as out of order.
    if name.hasPrefix("merge:") {
      let file = path + "/input.log"
      try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      FileManager.default.createFile(atPath: file, contents: Data(buffer: bytes))
      let spec = SourceSpec(path: "input", resolvedPath: file, format: FormatID(rawValue: String(name.dropFirst(6))))
      let sink = MemorySink()
      guard
        let summary = try? LogMerger.merge(
          [spec], normalizer: normalizer, directory: PeopleDirectory(people: [], region: "US"),
          options: MergeOptions(output: .jsonl), to: sink)
      else { return }
      let lines = sink.bytes.split(separator: 0x0A)
      precondition(lines.count == summary.written, "\(lines.count) lines for \(summary.written) records written")
      let source = summary.sources[0]
      precondition(source.records == source.written + source.rejectedCount, "a record neither written nor rejected")
      var latest: (Substring, Int)? = nil
      var late = 0
      for line in lines {
        guard let key = utcKey(line) else { continue }
        if let l = latest, key < l { late += 1 } else { latest = key }
      }
      precondition(late == summary.outOfOrder, "\(late) records out of order, \(summary.outOfOrder) counted")
      return
    }
    // `case-file`: the bytes as a case.yml: it loads, or the error names case.yml.
    if name == "case-file" {
      try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      FileManager.default.createFile(atPath: path + "/case.yml", contents: Data(buffer: bytes))
      do {
        _ = try CaseFileLoader.load(path: path)
      } catch {
        precondition("\(error)".contains("case.yml"), "an error that does not name the case file: \(error)")
      }
      return
    }
    // `verify`: the bytes as an archive (seeded with a real one): verify never crashes, and an
    // archive it accepts has a manifest that lists every file it holds.
    if name == "verify" {
      try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      let file = path + "/archive.zip"
      FileManager.default.createFile(atPath: file, contents: Data(buffer: bytes))
      if let v = try? CaseArchive.verify(file, options: .init()), v.problems.isEmpty {
        precondition(v.manifest != nil, "accepted without a manifest")
      }
      return
    }
    // A reader: the bytes as a file in that format, read to the end. Every record is an event or
    // rejected; a file that cannot be read at all is an error that names it.
    let ext =
      [
        "sms-backup-xml": "xml", "google-voice": "html", "call-csv": "csv", "email": "eml", "notes": "md",
        "android-mmssms": "db", "android-calllog": "db", "ios-messages": "db", "ios-callhistory": "storedata",
        "slack": "zip", "whatsapp-zip": "zip", "alertmanager": "jsonl", "pagerduty": "json", "opsgenie": "json",
      ][name] ?? "txt"
    let format = name == "whatsapp-zip" ? "whatsapp" : name
    let file = path + (name == "google-voice" ? "/Fuzz - Text - 2024-01-01T00_00_00Z.html" : "/input." + ext)
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: file, contents: Data(buffer: bytes))
    let spec = SourceSpec(
      path: "input", resolvedPath: file, format: FormatID(rawValue: format), csv: CallCSVMapping.presets["twilio"])
    do {
      let read = try SourceLoader.read(
        spec, index: 0, normalizer: normalizer, directory: PeopleDirectory(people: [], region: "US"))
      precondition(read.summary.records == read.summary.events + read.summary.rejectedCount, "a record unaccounted for")
    } catch let e as SourceError {
      precondition(e.description.hasPrefix("input"), "an error that does not name the file: \(e)")
    } catch {
      preconditionFailure("not a SourceError: \(error)")
    }
  }

  /// A JSONL record's time as a sortable key: `2008-09-22T11:56:31` and the fraction in
  /// nanoseconds (the merge writes UTC, `Z`).
  static func utcKey(_ line: ArraySlice<UInt8>) -> (Substring, Int)? {
    let text = String(decoding: line.prefix(60), as: UTF8.self)
    guard let start = text.range(of: "{\"time\":\""), let end = text[start.upperBound...].firstIndex(of: "Z")
    else { return nil }
    let time = text[start.upperBound..<end]
    guard let dot = time.firstIndex(of: ".") else { return (time, 0) }
    let digits = time[time.index(after: dot)...].prefix(9)
    return (time[..<dot], (Int(digits) ?? 0) * Int(pow(10, Double(9 - digits.count))))
  }
}

#if FUZZING
  #if canImport(Glibc)
    import Glibc
  #endif

  /// libFuzzer's entry for one input.
  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.run(UnsafeBufferPointer(start: data, count: size))
    return 0
  }

  /// SwiftPM names an executable's entry point after its target; hand it to libFuzzer's driver.
  @_cdecl("storyline_fuzz_main")
  public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    typealias Driver =
      @convention(c) (
        UnsafeMutablePointer<CInt>, UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
      ) -> CInt
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "LLVMFuzzerRunDriver") else {
      FileHandle.standardError.write(Data("libFuzzer's LLVMFuzzerRunDriver is not linked in\n".utf8))
      return 2
    }
    // One-time initialisations (lazy globals, Foundation's caches) happen here, before libFuzzer
    // starts counting allocations per input: otherwise the first input to reach each would be
    // reported as a leak. The empty input and every seed given on the command line are run once.
    FuzzTarget.run(UnsafeBufferPointer(start: nil, count: 0))
    for k in 1..<Int(argc) {
      guard let a = argv?[k].map({ String(cString: $0) }), !a.hasPrefix("-") else { continue }
      for f in (try? FileManager.default.contentsOfDirectory(atPath: a)) ?? [] {
        guard let d = FileManager.default.contents(atPath: a + "/" + f), d.count <= 65536 else { continue }
        d.withUnsafeBytes { FuzzTarget.run($0.bindMemory(to: UInt8.self)) }
      }
    }
    let driver = unsafeBitCast(symbol, to: Driver.self)
    var count = argc
    var arguments = argv
    return driver(&count, &arguments, fuzzOne)
  }
#else
  @main
  struct FuzzMain {
    static func main() {
      // Without libFuzzer: run each file given as an input once (to replay a crash).
      for path in CommandLine.arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else { continue }
        [UInt8](data).withUnsafeBufferPointer { FuzzTarget.run($0) }
        print("\(path): ok")
      }
    }
  }
#endif

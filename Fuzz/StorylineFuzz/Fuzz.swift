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
    // `merge:FORMAT`: the bytes as a file of that format, merged to /dev/null by the byte-level path.
    if name.hasPrefix("merge:") {
      let file = path + "/input.log"
      try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      FileManager.default.createFile(atPath: file, contents: Data(buffer: bytes))
      let spec = SourceSpec(path: "input", resolvedPath: file, format: FormatID(rawValue: String(name.dropFirst(6))))
      var options = MergeOptions(output: .jsonl)
      options.grep = "a"
      _ = try? LogMerger.merge(
        [spec], normalizer: normalizer, directory: PeopleDirectory(people: [], region: "US"), options: options,
        to: MemorySink())
      return
    }
    // A reader: the bytes as a file in that format, read to the end.
    let ext =
      ["sms-backup-xml": "xml", "google-voice": "html", "call-csv": "csv", "email": "eml", "notes": "md"][name] ?? "txt"
    let file = path + (name == "google-voice" ? "/Fuzz - Text - 2024-01-01T00_00_00Z.html" : "/input." + ext)
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: file, contents: Data(buffer: bytes))
    let spec = SourceSpec(
      path: "input", resolvedPath: file, format: FormatID(rawValue: name), csv: CallCSVMapping.presets["twilio"])
    if let read = try? SourceLoader.read(
      spec, index: 0, normalizer: normalizer, directory: PeopleDirectory(people: [], region: "US"))
    {
      precondition(read.summary.records == read.summary.events + read.summary.rejected.count)
    }
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

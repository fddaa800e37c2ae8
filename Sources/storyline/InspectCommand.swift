import ArgumentParser
import Foundation
import StorylineCore
import StorylineFormats
import StorylinePipeline

struct InspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Show how Storyline reads one evidence file: format, records, time range, zone assumptions.",
    discussion: """
      Examples:
        storyline inspect fixtures/system-e/logs/sysE_ms1.log --timezone Asia/Shanghai
        storyline inspect fixtures/system-e/notes/dy.md --date 2008-09-22 --as notes
        cat fixtures/system-e/notes/dy.md | storyline inspect - --as notes
      """)

  @Argument(help: ArgumentHelp("The evidence file ('-' for stdin).", valueName: "file"), completion: .file())
  var file: String

  @Option(
    name: .customLong("as"), help: ArgumentHelp("Read as this format instead of sniffing.", valueName: "format"))
  var formatID: FormatID?

  @OptionGroup var clock: ClockOptions

  func run() throws {
    let path = try StdinSpool.path(for: file)
    defer { StdinSpool.remove(path, given: file) }
    guard FileManager.default.fileExists(atPath: path) else { throw CLIError("\(file): error: no such file") }
    let zone = try clock.zone()
    let normalizer = TimeNormalizer(caseZone: zone ?? .utc, caseDate: try clock.civilDate(), region: clock.region)
    let spec = SourceSpec(path: file, resolvedPath: path, format: formatID)
    let r: SourceRead
    do {
      // Counted as it streams: nothing of the file is held.
      r = try SourceLoader.read(
        spec, index: 0, normalizer: normalizer, directory: PeopleDirectory(people: [], region: clock.region),
        keepEvents: false)
    } catch {
      Stderr.print("\(error)")
      throw ExitCode.failure
    }
    let s = r.summary
    var out = "file:      \(file)\n"
    out += "format:    \(s.format)\n"
    out += "size:      \(s.bytes) bytes, sha256 \(s.sha256)\n"
    out += "records:   \(s.records) (\(s.events) events, \(s.rejectedCount) rejected)\n"
    if let f = s.first, let l = s.last {
      out += "from:      \(TimestampFormatter.utc(f)) (\(TimestampFormatter.local(f, in: normalizer.caseZone)))\n"
      out += "to:        \(TimestampFormatter.utc(l)) (\(TimestampFormatter.local(l, in: normalizer.caseZone)))\n"
    }
    out += "zone:      \(normalizer.caseZone.identifier)\(zone == nil ? " (default: no --timezone given)" : "")\n"
    let precisions = r.precisions
    out +=
      "precision: "
      + TimePrecision.allCases.compactMap { p in precisions[p].map { "\($0) \(p.rawValue)" } }.joined(separator: ", ")
      + "\n"
    if r.correctionCounts.isEmpty {
      out += "corrections: none\n"
    } else {
      out += "corrections:\n"
      for (k, n) in r.correctionCounts.sorted(by: { $0.key < $1.key }) {
        out += "  \(k): \(n) events, e.g. \(r.correctionExamples[k] ?? "")\n"
      }
    }
    let warnings = s.warnings + [s.noEventWarning()].compactMap { $0 }
    if !warnings.isEmpty {
      out += "warnings:\n"
      for w in warnings { out += "  \(w.description)\n" }
    }
    if !s.skippedLines.isEmpty {
      out += "skipped:\n"
      for k in s.skippedLines { out += "  \(k.summary)\n" }
    }
    if !s.rejected.isEmpty {
      out += "rejected:\n"
      for x in s.rejected { out += "  \(x.path):\(x.line): \(x.reason)\n" }
    }
    FileHandle.standardOutput.write(Data(TerminalText.safe(out).utf8))
    if r.error != nil { throw ExitCode.failure }
  }
}

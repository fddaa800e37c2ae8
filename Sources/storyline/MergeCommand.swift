import ArgumentParser
import Foundation
import StorylineCore
import StorylineFormats
import StorylinePipeline

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Stream every record of every file in one time order, each with its normalized time and source.",
    discussion: """
      Like plaso's psort or lnav: each record (a log line with its stack trace, or an event of other evidence) is written as `TIME SOURCE:LINE RECORD`, times in one zone. Files are read in parallel and streamed: memory stays flat however large they are. gzip files and rotated logs are read as they are. Rejected lines are reported on stderr with their file and line.

      Examples:
        storyline merge fixtures/system-e/logs --timezone +08:00 \\
          --date 2008-09-22
        storyline merge --case fixtures/system-e --from 11:50 --to 12:30
        storyline merge fixtures/logs/log4j.log fixtures/logs/messages.1.gz \\
          --min-severity error --date 2024-01-10
        storyline merge fixtures/logs/app.jsonl --format jsonl -o merged.jsonl
        storyline merge fixtures/logs/access-extended.log --grep ' 503 ' | less
      """)

  @Argument(help: ArgumentHelp("Evidence files and folders ('-' for stdin).", valueName: "file"), completion: .file())
  var paths: [String] = []

  @Option(
    name: .customLong("case"),
    help: ArgumentHelp(
      "Also merge every source of this case (folder or case.yml), with its zones and clock corrections.",
      valueName: "case"))
  var casePath: String?

  @Option(help: ArgumentHelp("Only records at or after this time (read in the case zone).", valueName: "time"))
  var from: String?

  @Option(help: ArgumentHelp("Only records before this time (read in the case zone).", valueName: "time"))
  var to: String?

  @Option(
    help: ArgumentHelp("Only records containing this text (case-sensitive, any line of the record).", valueName: "text")
  )
  var grep: String?

  @Option(
    help: ArgumentHelp(
      "Only records of at least this severity. Records without a severity are left out.", valueName: "level"))
  var minSeverity: Severity?

  @Option(help: "Output: text (TIME SOURCE:LINE RECORD) or jsonl (one object per record).")
  var format: MergeOptions.Output = .text

  @Option(
    name: .shortAndLong, help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"),
    completion: .file())
  var output: String?

  @OptionGroup var clock: ClockOptions

  @Flag(help: "List every rejected record (the first 1,000 per source), not one line per reason.")
  var verbose = false

  @Flag(help: "Allow case-file source paths outside the case folder.")
  var allowOutside = false

  func validate() throws {
    if paths.isEmpty && casePath == nil { throw ValidationError("give files or folders to merge, or --case") }
  }

  func run() throws {
    var (specs, normalizer, directory) = try caseSources()
    let files = try paths.map(StdinSpool.path(for:))
    defer { for (f, given) in zip(files, paths) { StdinSpool.remove(f, given: given) } }
    var errors: [Diagnostic] = []
    specs += givenSources(files, errors: &errors)
    for e in errors { Stderr.print(e.description) }
    let options = try mergeOptions(normalizer)
    let summary = try merge(specs, normalizer: normalizer, directory: directory, options: options)
    let failed = report(summary) || !errors.isEmpty
    if failed { throw ExitCode.failure }
  }

  /// The case's sources, zones and people with `--case`; else an empty list and the options' clock.
  private func caseSources() throws -> ([SourceSpec], TimeNormalizer, PeopleDirectory) {
    guard let casePath else {
      let normalizer = TimeNormalizer(
        caseZone: try clock.zone() ?? .utc, caseDate: try clock.civilDate(), region: clock.region)
      return ([], normalizer, PeopleDirectory(people: [], region: clock.region))
    }
    var path = casePath
    var isDir: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
      path = (path as NSString).appendingPathComponent("case.yml")
    }
    let c = try CaseLoading.load(path, allowOutside: allowOutside)
    // The case's clocks, estimated from its evidence as `build` estimates them: one clock.
    let stream = TimelineBuilder.stream(c, timezoneOverride: try clock.zone())
    let table = stream.estimateClocks()
    if verbose {
      for e in table.estimates where e.status == .applied {
        Stderr.print(
          "\(e.path): note: clock corrected by \(SignedDuration.describe(microseconds: e.appliedMicros)) "
            + "±\(SignedDuration.describe(microseconds: e.uncertaintyMicros, signed: false)), estimated from the "
            + "evidence (storyline clocks shows how)")
      }
    }
    return (stream.specs, stream.normalizer, c.peopleDirectory)
  }

  /// The files and folders given, as sources; a file whose format is not known is an error (the
  /// others are still merged), a folder's unknown files are skipped with a warning.
  private func givenSources(_ files: [String], errors: inout [Diagnostic]) -> [SourceSpec] {
    let given = TimelineBuilder.sources(
      paths: files,
      displayNames: Dictionary(zip(files, paths).filter { $0.0 != $0.1 }, uniquingKeysWith: { a, _ in a }))
    errors += given.errors
    for w in given.skipped { Stderr.print(w.description) }
    return given.specs.filter { spec in
      do {
        _ = try SourceLoader.format(for: spec)
        return true
      } catch {
        errors.append(Diagnostic(.error, path: spec.path, line: 0, "not a format Storyline recognises"))
        return false
      }
    }
  }

  /// The filters and output form.
  private func mergeOptions(_ normalizer: TimeNormalizer) throws -> MergeOptions {
    var options = MergeOptions(zone: normalizer.caseZone, output: format)
    if verbose { options.rejectionsKept = SourceSummary.listedRejections }
    options.grep = grep
    options.minimumSeverity = minSeverity
    options.from = try from.map { try instant($0, normalizer, "--from") }
    options.to = try to.map { try instant($0, normalizer, "--to") }
    return options
  }

  /// Runs the merge into the output, with progress on a terminal.
  private func merge(
    _ specs: [SourceSpec], normalizer: TimeNormalizer, directory: PeopleDirectory, options: MergeOptions
  ) throws -> MergeSummary {
    let target = output.flatMap { $0 == "-" ? nil : $0 }
    let fd: Int32
    if let target {
      fd = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
      guard fd >= 0 else { throw CLIError("\(target): error: cannot write: \(String(cString: strerror(errno)))") }
    } else {
      fd = 1
    }
    defer { if fd != 1 { close(fd) } }
    let progress = TerminalProgress.onTerminal("merging")
    let started = DispatchTime.now().uptimeNanoseconds
    let summary: MergeSummary
    do {
      summary = try LogMerger.merge(
        specs, normalizer: normalizer, directory: directory, options: options,
        to: FileDescriptorSink(descriptor: fd, path: target ?? "-"),
        progress: progress.map { p in { read, total in p.update(read: read, total: total) } })
    } catch let e as SourceError {
      throw CLIError(e.description)
    } catch let e as WriteError {
      throw CLIError(e.description)
    }
    if let progress {
      progress.finish()
      let secs = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
      let bytes = summary.sources.reduce(Int64(0)) { $0 + $1.bytes }
      Stderr.print(
        "merged \(summary.written) records from \(summary.sources.count) sources (\(bytes >> 20) MiB) in \(String(format: "%.2f", secs)) s"
      )
    }
    return summary
  }

  /// Prints each source's warnings and rejections; true when any was an error.
  private func report(_ summary: MergeSummary) -> Bool {
    var failed = false
    for s in summary.sources {
      for w in s.warnings {
        Stderr.print(w.description)
        if w.level == .error { failed = true }
      }
      if s.records == s.rejectedCount && !s.warnings.contains(where: { $0.level == .error }) {
        Stderr.print(
          "\(s.path): warning: no record placed from this file as \(s.format) (\(s.records) found, \(s.rejectedCount) rejected); check it with `storyline inspect`"
        )
      }
      RejectionDiagnostics.print(
        path: s.path, groups: s.rejections.groups, listed: s.rejected, count: s.rejectedCount, verbose: verbose)
      if verbose { RejectionDiagnostics.print(path: s.path, skipped: s.skippedLines) }
    }
    if summary.outOfOrder > 0 {
      Stderr.print(
        "warning: \(summary.outOfOrder) records were older than one already written (a source out of order): written where read"
      )
    }
    return failed
  }

  func instant(_ text: String, _ n: TimeNormalizer, _ option: String) throws -> Instant {
    var clock = n.clock()
    switch clock.normalize(text) {
    case .success(let t): return t.instant
    case .failure(let e): throw ValidationError("\(option) '\(text)': \(e)")
    }
  }
}

extension MergeOptions.Output: ExpressibleByArgument {}

/// `--min-severity LEVEL`: the parser lists the levels.
extension Severity: ExpressibleByArgument {}

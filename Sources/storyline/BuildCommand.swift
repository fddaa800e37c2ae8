import ArgumentParser
import Foundation
import StorylineAnalysis
import StorylineCore
import StorylineReports
import StorylineSources

struct BuildCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "build",
    abstract: "Build the merged timeline of a case (or of evidence files) and write a report.",
    discussion: """
      With a folder holding case.yml (or a case file), reads every source the case names.
      Otherwise reads each file given (or every file in each folder given), sniffing formats.

      Examples:
        storyline build fixtures/system-e
        storyline build fixtures/system-e --format json -o timeline.json
        storyline build notes.md server.log --timezone Asia/Shanghai --date 2008-09-22
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case markdown, json
  }

  @Argument(
    help: ArgumentHelp("A case folder or case.yml, or evidence files and folders ('-' for stdin).", valueName: "path"))
  var paths: [String]

  @Option(
    name: .shortAndLong, help: ArgumentHelp("Write the report to this file instead of stdout.", valueName: "file"))
  var output: String?

  @Option(help: "Report format: markdown or json.")
  var format: Format = .markdown

  @OptionGroup var clock: ClockOptions

  @Option(help: "Title of the report when there is no case file.")
  var title: String?

  @Flag(help: "Allow case-file source paths outside the case folder.")
  var allowOutside = false

  @Flag(help: "Treat every warning and rejected record as an error: exit 1 when there is any.")
  var strict = false

  func run() throws {
    let built: TimelineBuilder.Output
    var escalation: EscalationReport? = nil
    if let casePath = try caseFile() {
      let c = try CaseLoading.load(casePath, allowOutside: allowOutside)
      built = TimelineBuilder.build(c, timezoneOverride: try clock.zone())
      escalation = EscalationAnalyzer.analyze(built.timeline, case: c)
    } else {
      let files = try paths.map(StdinSpool.path(for:))
      defer { for (f, given) in zip(files, paths) { StdinSpool.remove(f, given: given) } }
      built = TimelineBuilder.build(
        paths: files,
        options: .init(timezone: try clock.zone(), date: try clock.civilDate(), region: clock.region, title: title))
    }
    let t = built.timeline
    for w in t.warnings + t.sources.flatMap(\.warnings) where w.level == .warning { Stderr.print(w.description) }
    for r in t.sources.flatMap(\.rejected) { Stderr.print("\(r.path):\(r.line): warning: rejected: \(r.reason)") }
    for e in built.errors { Stderr.print(e.description) }
    let text =
      format == .json ? JSONReport.render(t, escalation: escalation) : MarkdownReport.render(t, escalation: escalation)
    try OutputWriter.write(text, to: output)
    let doubtful = !t.warnings.isEmpty || t.sources.contains { !$0.warnings.isEmpty || !$0.rejected.isEmpty }
    if !built.errors.isEmpty || (strict && doubtful) { throw ExitCode.failure }
  }

  /// The case file to read, if the paths name one.
  func caseFile() throws -> String? {
    guard paths.count == 1, let p = paths.first, p != "-" else { return nil }
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else {
      throw ValidationError("no such file or folder: \(p)")
    }
    if isDir.boolValue {
      let c = (p as NSString).appendingPathComponent("case.yml")
      return FileManager.default.fileExists(atPath: c) ? c : nil
    }
    return p.hasSuffix(".yml") || p.hasSuffix(".yaml") ? p : nil
  }
}

import ArgumentParser
import Foundation
import StorylineAnalysis
import StorylineCore
import StorylineFormats
import StorylineLocale
import StorylinePipeline
import StorylineReports

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check a case's escalation against its policy: exit 1 when any step was late or missed.",
    discussion: """
      Prints the findings, most serious first. Exits 0 when every escalation step was reached on
      time, 1 when any step was late, only attempted, or never reached (or the case cannot be read).

      Examples:
        storyline check fixtures/system-e
        storyline check fixtures/system-e/case.yml && echo "escalation on time"
      """)

  @Argument(help: ArgumentHelp("The case folder or case file.", valueName: "case"), completion: .directory)
  var casePath: String

  @Flag(help: "Allow case-file source paths outside the case folder.")
  var allowOutside = false

  @OptionGroup var language: LanguageOption

  func run() throws {
    let c = try CaseLoading.load(casePath, allowOutside: allowOutside)
    // One streamed pass: the analysis keeps what it reads, not the timeline.
    let stream = TimelineBuilder.stream(c, language: language.lang)
    let reading = TerminalProgress.onTerminal("reading")
    let report = StreamedReport(
      stream, case: c, redaction: [],
      progress: reading.map { p in
        { read, total, n in p.update(read: read, total: total, records: n, sources: stream.sourceProgress()) }
      })
    reading?.finish()
    for e in stream.errors { Stderr.print(e.description) }
    let r = report.escalation!
    let l = Language.named(stream.language) ?? .english
    var out = "\(c.title)\n"
    for f in r.findings {
      out += "\(f.level.rawValue): \(f.text)"
      if !f.citations.isEmpty { out += " [\(f.citations.joined(separator: ", "))]" }
      out += "\n"
    }
    let late = r.steps.filter { $0.status != .onTime }.count
    out +=
      r.steps.isEmpty
      ? l.text("check.no_steps") + "\n"
      : l.text("check.steps_on_time", ["on": "\(r.steps.count - late)", "all": "\(r.steps.count)"]) + "\n"
    FileHandle.standardOutput.write(Data(TerminalText.safe(out).utf8))
    if r.hasGaps || r.steps.isEmpty && !c.escalation.isEmpty || !stream.errors.isEmpty { throw ExitCode.failure }
  }
}

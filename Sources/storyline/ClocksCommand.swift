import ArgumentParser
import Foundation
import StorylineCore
import StorylinePipeline
import StorylineReports

struct ClocksCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clocks",
    abstract: "Show every source's clock as the evidence shows it, and the pairs behind each estimate.",
    discussion: """
      Estimates each source's clock offset against the case's anchor clock from the evidence: the
      same call or SMS in two phones' exports (exact pairs), a page and the call or SMS it placed,
      a message quoting a log record or alert, an e-mail and its first server's Received: stamp
      (causal bounds). Prints the estimate, its uncertainty, the pairs that agree, the
      confidence, whether it is applied (`clock: auto`) and why, then every pair. Exits 0, or 1
      when the case cannot be read.

      Examples:
        storyline clocks fixtures/clock-skew
        storyline clocks fixtures/system-e/case.yml
      """)

  @Argument(help: ArgumentHelp("The case folder or case file.", valueName: "case"), completion: .directory)
  var casePath: String

  @Flag(help: "Allow case-file source paths outside the case folder.")
  var allowOutside = false

  func run() throws {
    let c = try CaseLoading.load(casePath, allowOutside: allowOutside)
    let stream = TimelineBuilder.stream(c)
    let table = stream.estimateClocks()
    for e in stream.errors { Stderr.print(e.description) }
    FileHandle.standardOutput.write(Data(TerminalText.safe(ClockTableText.render(table, title: c.title)).utf8))
    if !stream.errors.isEmpty { throw ExitCode.failure }
  }
}

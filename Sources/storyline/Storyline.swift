import ArgumentParser
import Foundation

@main
struct Storyline: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "storyline",
    abstract: "Reconstruct an incident's timeline from phones, chats, logs and notes.",
    discussion: """
      Storyline puts every timestamp of every piece of evidence on one true clock, merges it into one ordered timeline, and writes it as HTML, Markdown, JSON, CSV or Timesketch JSONL for the owner, the team or the archive, each event citing its evidence.

      Examples:
        storyline build fixtures/system-e
        storyline build fixtures/system-e --format json -o timeline.json
        storyline build fixtures/system-e --format html -o report.html
        storyline merge --case fixtures/system-e --min-severity error
        storyline inspect fixtures/logs/log4j.log --timezone Asia/Shanghai
        storyline formats
      """,
    version: "0.1.0",
    subcommands: [
      BuildCommand.self, CheckCommand.self, InspectCommand.self, FormatsCommand.self, ArchiveCommand.self,
      VerifyCommand.self, KeysCommand.self, MergeCommand.self, TemplateCommand.self, ClocksCommand.self,
    ]
  )

  /// Runs the command; a ``CLIError`` is printed as its own `path: error: …` line (no second
  /// prefix) and exits 1, anything else the way swift-argument-parser does.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let e as CLIError {
      Stderr.print(e.description)
      Foundation.exit(1)
    } catch {
      exit(withError: error)
    }
  }
}

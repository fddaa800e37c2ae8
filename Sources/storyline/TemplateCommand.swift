import ArgumentParser
import Foundation
import StorylineReports

/// Prints the shipped templates, to start a team's own.
struct TemplateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "template",
    abstract: "Print a shipped report template (Mustache), to start your own.",
    discussion: """
      Examples:
        storyline template markdown > postmortem.md.mustache
        storyline template html > report.html.mustache
        storyline build fixtures/system-e \\
          --template docs/templates/sre-postmortem.md.mustache
      """)

  @Argument(help: "Which template.")
  var kind: TemplateReport.Kind

  func run() throws {
    FileHandle.standardOutput.write(Data(TemplateReport.defaultTemplate(kind).utf8))
  }
}

extension TemplateReport.Kind: ExpressibleByArgument {}

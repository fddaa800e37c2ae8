import ArgumentParser
import Foundation
import StorylinePipeline
import StorylineReports

struct ArchiveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "archive",
    abstract: "Write a tamper-evident compliance archive of a case: case file, evidence, reports, manifest.",
    discussion: """
      The archive (a zip) holds:
        case.yml               the case file
        evidence/…             a copy of every evidence file (omitted with --no-copy: only
                               their hashes are in the manifest)
        reports/timeline.md    the archive-audience Markdown report
        reports/timeline.html  the archive-audience HTML report
        reports/timeline.json  the JSON timeline with the escalation analysis
        manifest.json          the SHA-256 and size of every file, the tool's version, the
                               options, the time of archiving, and a hash over the manifest
      Check it with `storyline verify`.

      Examples:
        storyline archive fixtures/system-e -o system-e.zip
        storyline archive fixtures/system-e/case.yml -o hashes-only.zip --no-copy
      """)

  @Argument(help: ArgumentHelp("The case folder or case file.", valueName: "case"), completion: .directory)
  var casePath: String

  @Option(name: .shortAndLong, help: ArgumentHelp("The archive to write (.zip).", valueName: "file"))
  var output: String

  @Flag(help: "Record the evidence's hashes without copying the files.")
  var noCopy = false

  @Flag(help: "Allow case-file source paths outside the case folder.")
  var allowOutside = false

  func run() throws {
    let c = try CaseLoading.load(casePath, allowOutside: allowOutside)
    do {
      try CaseArchive.create(c, to: output, copyEvidence: !noCopy)
    } catch {
      Stderr.print("\(output): error: cannot write the archive: \(error)")
      throw ExitCode.failure
    }
  }
}

import ArgumentParser
import Foundation
import StorylinePipeline
import StorylineReports

struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Verify a compliance archive: every hash, and the reports rebuilt from its evidence.",
    discussion: """
      Re-hashes every file against the manifest (and the manifest against its own hash), names any
      file that changed, is missing or was added, and rebuilds the reports from the archived
      evidence to compare them byte for byte. Exits 0 when everything matches, 1 otherwise.

      Example:
        storyline archive fixtures/system-e -o system-e.zip && storyline verify system-e.zip
      """)

  @Argument(
    help: ArgumentHelp("The archive written by `storyline archive`.", valueName: "archive"),
    completion: .file(extensions: ["zip"]))
  var archive: String

  func run() throws {
    guard FileManager.default.fileExists(atPath: archive) else { throw CLIError("\(archive): error: no such file") }
    let problems: [CaseArchive.Problem]
    do {
      problems = try CaseArchive.verify(archive)
    } catch {
      throw CLIError("\(archive): error: not a readable archive: \((error as NSError).localizedDescription)")
    }
    for p in problems { Stderr.print("\(archive): \(p.description)") }
    if !problems.isEmpty { throw ExitCode.failure }
    FileHandle.standardOutput.write(
      Data("\(archive): verified: every file matches its hash and the reports rebuild identically\n".utf8))
  }
}

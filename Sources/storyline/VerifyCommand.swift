import ArgumentParser
import Foundation
import StorylinePipeline
import StorylineReports

struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract:
      "Verify a compliance archive: every hash, its signature and seal, and the reports rebuilt from its evidence.",
    discussion: """
      Re-hashes every file against the manifest (and the manifest against its own hash), names any
      file that changed, is missing or was added, and rebuilds the reports from the archived
      evidence to compare them byte for byte. With --key, the archive must be signed by one of the
      keys given (.pub files or trust lists); --seal compares the seal recorded elsewhere;
      --timestamp-token checks an RFC 3161 token stamps the seal (a token in the archive,
      manifest.tsr, is always checked); --previous checks the archive revises that one (newest
      first for a longer chain) and reports what changed. An encrypted archive is opened with
      --decrypt-key. Exits 0 when everything holds, 1 otherwise.

      Examples:
        storyline archive fixtures/system-e -o system-e.zip && storyline verify system-e.zip
        storyline archive fixtures/system-e -o signed.zip --sign director.key
        storyline verify signed.zip --key director.pub --seal 4cc63594…
        storyline archive fixtures/system-e -o v2.zip --supersedes signed.zip
        storyline verify v2.zip --previous signed.zip
        storyline archive fixtures/system-e -o a.enc --encrypt-to auditor.pub
        storyline verify a.enc --decrypt-key auditor.key
      """)

  @Argument(
    help: ArgumentHelp("The archive written by `storyline archive`.", valueName: "archive"),
    completion: .file(extensions: ["zip"]))
  var archive: String

  @Option(
    name: .customLong("key"), help: ArgumentHelp("A trusted public key or trust list (repeatable).", valueName: "pub"))
  var keys: [String] = []

  @Option(help: ArgumentHelp("The seal recorded when the archive was made.", valueName: "hex"))
  var seal: String?

  @Option(help: ArgumentHelp("An RFC 3161 time-stamp token for the seal.", valueName: "file"))
  var timestampToken: String?

  @Option(help: ArgumentHelp("The archive this one revises (repeatable, newest first).", valueName: "archive"))
  var previous: [String] = []

  @Option(help: ArgumentHelp("Your private key, to open an encrypted archive.", valueName: "key"))
  var decryptKey: String?

  @OptionGroup var passphrase: PassphraseOption

  func run() throws {
    guard FileManager.default.fileExists(atPath: archive) else { throw CLIError("\(archive): error: no such file") }
    var options = CaseArchive.VerifyOptions(previous: previous)
    do {
      options.trusted = try keys.flatMap { try ArchivePublicKey.read(path: $0) }
    } catch let e as KeyFileError {
      throw CLIError(e.description)
    }
    options.seal = seal
    if let timestampToken {
      guard let data = FileManager.default.contents(atPath: timestampToken) else {
        throw CLIError("\(timestampToken): error: cannot read")
      }
      options.timestampToken = Array(data)
    }
    options.identity = try decryptKey.map { try passphrase.identity($0) }
    let v: CaseArchive.Verification
    let progress = StageProgress.onTerminal()
    defer { progress?.finish() }
    do {
      v = try CaseArchive.verify(
        archive, options: options, progress: progress.map { p in { p.update($0, done: $1, total: $2, events: $3) } })
      progress?.finish()
    } catch let e as ArchiveError {
      throw CLIError(e.description)
    } catch let e as EnvelopeError {
      throw CLIError(e.description)
    } catch {
      throw CLIError("\(archive): error: not a readable archive: \((error as NSError).localizedDescription)")
    }
    for n in v.notes { print("\(archive): \(n)") }
    for p in v.problems { Stderr.print("\(archive): \(p.description)") }
    if !v.problems.isEmpty { throw ExitCode.failure }
    print("\(archive): verified: every file matches its hash and the reports rebuild identically")
  }
}

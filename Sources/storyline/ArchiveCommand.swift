import ArgumentParser
import Foundation
import StorylinePipeline
import StorylineReports

struct ArchiveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "archive",
    abstract: "Write a tamper-evident compliance archive of a case: case file, evidence, reports, manifest.",
    discussion: """
      `storyline archive CASE -o FILE` (the `create` subcommand) writes the archive; `archive open`
      decrypts an encrypted one; `archive stamp` adds an RFC 3161 time-stamp token for its seal.
      Check any of them with `storyline verify`.

      Examples:
        storyline archive fixtures/system-e -o system-e.zip
        storyline archive fixtures/system-e -o signed.zip --sign director.key
        storyline archive fixtures/system-e -o a.enc --encrypt-to auditor.pub
        storyline archive open a.enc --key auditor.key -o opened.zip
        storyline archive stamp signed.zip seal.tsr
      """,
    subcommands: [Create.self, Open.self, Stamp.self],
    defaultSubcommand: Create.self)

  struct Create: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the archive of a case and print its seal.",
      discussion: """
        The archive (a zip) holds:
          case.yml               the case file
          evidence/…             a copy of every evidence file (omitted with --no-copy: only
                                 their hashes are in the manifest)
          reports/timeline.md    the archive-audience Markdown report
          reports/timeline.html  the archive-audience HTML report
          reports/timeline.json  the JSON timeline with the escalation analysis
          manifest.json          the SHA-256 and size of every file, the tool's version, the
                                 options, the time of archiving, the findings, the signer and
                                 the archive it revises, and a hash over the manifest
          manifest.sig           with --sign: the Ed25519 signature over manifest.json's bytes
        The seal (the SHA-256 of manifest.json) is printed: record it in a ticket, an e-mail or a
        register, and check it later with `verify --seal`.

        Examples:
          storyline archive fixtures/system-e -o system-e.zip
          storyline archive fixtures/system-e/case.yml -o hashes-only.zip --no-copy
          storyline archive fixtures/system-e -o signed.zip --sign director.key
          storyline archive fixtures/system-e -o v2.zip --supersedes signed.zip
          storyline archive fixtures/system-e -o a.enc --encrypt-to auditor.pub
        """)

    @Argument(help: ArgumentHelp("The case folder or case file.", valueName: "case"), completion: .directory)
    var casePath: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The archive to write (.zip).", valueName: "file"))
    var output: String

    @Flag(help: "Record the evidence's hashes without copying the files.")
    var noCopy = false

    @Flag(help: "Leave the PDF report out (by default it is printed when a Chromium is found).")
    var noPdf = false

    @Option(
      help: ArgumentHelp("The Chromium to print the PDF report with (default: the first on PATH).", valueName: "path"),
      completion: .file())
    var chromium: String?

    @Flag(help: "Allow case-file source paths outside the case folder.")
    var allowOutside = false

    @Option(help: ArgumentHelp("Sign the manifest with this private key (from `keys generate`).", valueName: "key"))
    var sign: String?

    @Option(help: ArgumentHelp("The earlier archive of this case that this one revises.", valueName: "archive"))
    var supersedes: String?

    @Option(help: ArgumentHelp("Encrypt the archive to this public key (.pub).", valueName: "pub"))
    var encryptTo: String?

    @OptionGroup var passphrase: PassphraseOption

    func run() throws {
      let c = try CaseLoading.load(casePath, allowOutside: allowOutside)
      var options = CaseArchive.SealOptions()
      options.signer = try sign.map { try passphrase.identity($0) }
      options.supersedes = supersedes
      if let encryptTo {
        do {
          options.encryptTo = try ArchivePublicKey.read(path: encryptTo).first
        } catch let e as KeyFileError {
          throw CLIError(e.description)
        }
      }
      var printer: PDFPrinter? = nil
      if !noPdf {
        do {
          printer = try PDFPrinter(browser: chromium)
        } catch let e as PDFPrinter.Failure {
          // A Chromium named and not usable is an error; none found is said, and the archive has no PDF.
          if chromium != nil { throw CLIError(e.description) }
          Stderr.print(
            "note: no Chromium found: the archive has no reports/timeline.pdf (install chromium, or --no-pdf)")
        }
      }
      let progress = StageProgress.onTerminal()
      defer { progress?.finish() }
      do {
        let seal = try CaseArchive.create(
          c, to: output, copyEvidence: !noCopy, seal: options, printer: printer,
          progress: progress.map { p in { p.update($0, done: $1, total: $2, events: $3) } })
        progress?.finish()
        print("\(output): seal \(seal)")
      } catch let e as ArchiveError {
        throw CLIError(e.description)
      } catch let e as EnvelopeError {
        throw CLIError(e.description)
      } catch {
        throw CLIError("\(output): error: cannot write the archive: \(error)")
      }
    }
  }

  struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Decrypt an encrypted archive with your private key.",
      discussion: """
        Nothing is written unless every chunk authenticates.

        Example:
          storyline archive open a.enc --key auditor.key -o opened.zip
        """)

    @Argument(help: ArgumentHelp("The encrypted archive.", valueName: "file"))
    var input: String

    @Option(help: ArgumentHelp("Your private key (.key).", valueName: "key"))
    var key: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The archive to write (.zip).", valueName: "file"))
    var output: String

    @OptionGroup var passphrase: PassphraseOption

    func run() throws {
      let identity = try passphrase.identity(key)
      do {
        try ArchiveEnvelope.open(input, with: identity, output: output)
      } catch let e as EnvelopeError {
        throw CLIError(e.description)
      }
    }
  }

  struct Stamp: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add an RFC 3161 time-stamp token for the archive's seal (as manifest.tsr).",
      discussion: """
        Obtain the token from a time-stamping authority for the printed seal, e.g.
          openssl ts -query -digest SEAL -sha256 -cert -out seal.tsq
          curl -H 'Content-Type: application/timestamp-query' --data-binary @seal.tsq URL > seal.tsr
        The token must stamp the archive's seal; the manifest and its signature are unchanged.

        Example:
          storyline archive fixtures/system-e -o signed.zip
          storyline archive stamp signed.zip seal.tsr
        """)

    @Argument(help: ArgumentHelp("The archive (.zip).", valueName: "archive"))
    var archive: String

    @Argument(help: ArgumentHelp("The token or the authority's whole response (DER).", valueName: "token"))
    var token: String

    func run() throws {
      guard let bytes = FileManager.default.contents(atPath: token) else {
        throw CLIError("\(token): error: cannot read")
      }
      do {
        let t = try CaseArchive.stamp(archive, token: Array(bytes))
        print("\(archive): time-stamped at \(t.time) (serial \(t.serial)); added as manifest.tsr")
      } catch let e as TimestampError {
        throw CLIError("\(token): error: \(e)")
      } catch let e as ArchiveError {
        throw CLIError(e.description)
      }
    }
  }
}

import ArgumentParser
import Foundation
import StorylinePipeline

/// `--passphrase-file`, else `STORYLINE_PASSPHRASE`, else none.
struct PassphraseOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "A file whose first line is the private key's passphrase (else $STORYLINE_PASSPHRASE).", valueName: "file"))
  var passphraseFile: String?

  func read() throws -> String? {
    if let passphraseFile {
      guard let data = FileManager.default.contents(atPath: passphraseFile) else {
        throw CLIError("\(passphraseFile): error: cannot read the passphrase file")
      }
      let line = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first
      let p = String(line ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
      guard !p.isEmpty else { throw CLIError("\(passphraseFile): error: the passphrase is empty") }
      return p
    }
    if let env = ProcessInfo.processInfo.environment["STORYLINE_PASSPHRASE"], !env.isEmpty { return env }
    return nil
  }

  /// Reads a private key file with this passphrase, errors as CLI errors.
  func identity(_ path: String) throws -> ArchiveIdentity {
    do {
      return try ArchiveIdentity.read(path: path, passphrase: try read())
    } catch let e as KeyFileError {
      throw CLIError(e.description)
    }
  }
}

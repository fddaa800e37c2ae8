import ArgumentParser
import Foundation
import StorylinePipeline

struct KeysCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "keys",
    abstract: "Make and show the keys that sign, encrypt and open compliance archives.",
    discussion: """
      `keys generate` writes NAME.key (private, mode 0600, never overwritten) and NAME.pub (public,
      to hand to whoever verifies or encrypts to you). Each holds an Ed25519 signing key and an
      X25519 encryption key as standard PEM blocks; OpenSSL reads the first block of either file.
      Several .pub files concatenated are a trust list for `verify --key`.

      Examples:
        storyline keys generate --name "Director A" -o director
        storyline keys generate --name "Director A" -o director --passphrase-file pass.txt
        storyline keys show director.pub
      """,
    subcommands: [Generate.self, Show.self])

  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a new key pair: NAME.key and NAME.pub.",
      discussion: """
        Example:
          storyline keys generate --name "Director A" -o director
        """)

    @Option(help: "The owner's name, written into both files and into every manifest they sign.")
    var name: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The files to write, without .key/.pub.", valueName: "base"))
    var output: String

    @OptionGroup var passphrase: PassphraseOption

    func run() throws {
      let identity = ArchiveIdentity(name: name)
      do {
        try identity.write(to: output, passphrase: try passphrase.read())
      } catch let e as KeyFileError {
        throw CLIError(e.description)
      }
      print("\(output).key: private key of \(name) (key id \(identity.publicKey.keyID)); keep it to yourself")
      print("\(output).pub: public key; give it to whoever verifies your archives or encrypts to you")
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the names and key ids in a public key file or trust list.",
      discussion: """
        Example:
          storyline keys show director.pub
        """)

    @Argument(help: ArgumentHelp("A .pub file or a trust list.", valueName: "file"))
    var file: String

    func run() throws {
      do {
        for k in try ArchivePublicKey.read(path: file) {
          print("\(k.keyID)  \(k.name)\(k.agreement == nil ? "  (signing only: cannot be encrypted to)" : "")")
        }
      } catch let e as KeyFileError {
        throw CLIError(e.description)
      }
    }
  }
}

import Crypto
import CryptoExtras
import Foundation

/// Someone's private keys, as `storyline keys generate` writes them to `NAME.key` (mode 0600):
/// an Ed25519 key that signs archive manifests and an X25519 key that opens archives encrypted
/// to them, with their name.
///
/// Unprotected, the file is two standard PEM `PRIVATE KEY` blocks (PKCS #8, RFC 8410) after a few
/// header lines, so OpenSSL can sign with it too. With a passphrase, the two raw keys are sealed
/// in one `STORYLINE ENCRYPTED KEYS` block: `salt (16) ‖ nonce (12) ‖ ciphertext (64) ‖ tag (16)`,
/// ChaCha20-Poly1305 under a key derived from the passphrase with scrypt (N = 2^15, r = 8, p = 1).
public struct ArchiveIdentity: Sendable {
  public var name: String
  public var signing: Curve25519.Signing.PrivateKey
  public var agreement: Curve25519.KeyAgreement.PrivateKey

  public init(name: String) {
    self.name = name
    signing = Curve25519.Signing.PrivateKey()
    agreement = Curve25519.KeyAgreement.PrivateKey()
  }

  init(name: String, signing: Curve25519.Signing.PrivateKey, agreement: Curve25519.KeyAgreement.PrivateKey) {
    self.name = name
    self.signing = signing
    self.agreement = agreement
  }

  /// The public half.
  public var publicKey: ArchivePublicKey {
    ArchivePublicKey(name: name, signing: signing.publicKey, agreement: agreement.publicKey)
  }

  static let sealedType = "STORYLINE ENCRYPTED KEYS"
  static let sealedLabel = Data("storyline-keys/1".utf8)

  /// The private key file's text, sealed with `passphrase` when one is given.
  public func fileText(passphrase: String? = nil) throws -> String {
    var out = "Storyline private key: \(name)\nKey-Id: \(publicKey.keyID)\n"
    guard let passphrase else {
      out += "\n" + KeyFileText.pem("PRIVATE KEY", signing.derRepresentation)
      return out + KeyFileText.pem("PRIVATE KEY", agreement.derRepresentation)
    }
    out += "Protection: scrypt N=32768 r=8 p=1, ChaCha20-Poly1305\n\n"
    let salt = (0..<16).map { _ in UInt8.random(in: 0...255) }
    let key = try Self.passphraseKey(passphrase, salt: salt)
    let box = try ChaChaPoly.seal(
      signing.rawRepresentation + agreement.rawRepresentation, using: key, authenticating: Self.sealedLabel)
    return out + KeyFileText.pem(Self.sealedType, salt + Array(box.combined))
  }

  static func passphraseKey(_ passphrase: String, salt: [UInt8]) throws -> SymmetricKey {
    try KDF.Scrypt.deriveKey(
      from: Array(passphrase.utf8), salt: salt, outputByteCount: 32, rounds: 1 << 15, blockSize: 8, parallelism: 1)
  }

  /// Reads a private key file; `passphrase` opens a protected one.
  public static func read(path: String, passphrase: String?) throws -> ArchiveIdentity {
    let data = try KeyFileText.read(path)
    let file = try KeyFileText(String(decoding: data, as: UTF8.self), path: path)
    guard let first = file.blocks.first else { throw KeyFileError.noKey(path: path, expected: "private key") }
    let name = first.headers["storyline private key"] ?? first.headers["name"] ?? "unnamed"
    if let sealed = file.blocks.first(where: { $0.type == sealedType }) {
      guard let passphrase else { throw KeyFileError.needsPassphrase(path: path) }
      guard sealed.der.count == 16 + 12 + 64 + 16 else {
        throw KeyFileError.badKey(path: path, line: sealed.line, reason: "the sealed block has the wrong length")
      }
      let key = try passphraseKey(passphrase, salt: Array(sealed.der[0..<16]))
      guard let box = try? ChaChaPoly.SealedBox(combined: sealed.der[16...]),
        let raw = try? ChaChaPoly.open(box, using: key, authenticating: sealedLabel)
      else { throw KeyFileError.wrongPassphrase(path: path) }
      return ArchiveIdentity(
        name: name, signing: try .init(rawRepresentation: raw.prefix(32)),
        agreement: try .init(rawRepresentation: raw.suffix(32)))
    }
    var signing: Curve25519.Signing.PrivateKey?
    var agreement: Curve25519.KeyAgreement.PrivateKey?
    for block in file.blocks where block.type == "PRIVATE KEY" {
      if signing == nil, let s = try? Curve25519.Signing.PrivateKey(derRepresentation: block.der) {
        signing = s
      } else if agreement == nil, let a = try? Curve25519.KeyAgreement.PrivateKey(derRepresentation: block.der) {
        agreement = a
      } else {
        throw KeyFileError.badKey(path: path, line: block.line, reason: "neither an Ed25519 nor an X25519 private key")
      }
    }
    guard let signing else { throw KeyFileError.noKey(path: path, expected: "Ed25519 private key") }
    // A bare Ed25519 key (e.g. from `openssl genpkey -algorithm ed25519`) signs but cannot open
    // encrypted archives: its X25519 half is made up and never written.
    return ArchiveIdentity(name: name, signing: signing, agreement: agreement ?? .init())
  }

  /// Writes `NAME.key` (mode 0600, created new: an existing key is never overwritten) and `NAME.pub`.
  public func write(to base: String, passphrase: String?) throws {
    let keyPath = base + ".key"
    let pubPath = base + ".pub"
    for p in [keyPath, pubPath] where FileManager.default.fileExists(atPath: p) {
      throw KeyFileError.exists(path: p)
    }
    let fd = open(keyPath, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard fd >= 0 else { throw KeyFileError.noKey(path: keyPath, expected: "writable place for the key") }
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    try handle.write(contentsOf: Data(try fileText(passphrase: passphrase).utf8))
    try handle.close()
    try Data(publicKey.fileText.utf8).write(to: URL(fileURLWithPath: pubPath))
  }
}

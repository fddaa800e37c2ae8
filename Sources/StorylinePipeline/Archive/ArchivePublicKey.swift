import Crypto
import CryptoExtras
import Foundation

/// Someone's public keys, as `storyline keys generate` writes them to `NAME.pub`: an Ed25519 key
/// that checks the archives they seal and an X25519 key that archives can be encrypted to, with
/// their name. Several `.pub` files concatenated are a trust list.
///
/// The file is two standard PEM `PUBLIC KEY` blocks (SubjectPublicKeyInfo, RFC 8410) after a few
/// header lines; OpenSSL reads its first block as the Ed25519 key, so an auditor can check a
/// signature with `openssl pkeyutl -verify -pubin -inkey NAME.pub -rawin -in manifest.json
/// -sigfile manifest.sig`.
public struct ArchivePublicKey: Sendable, Equatable {
  /// The owner's name as the key file gives it.
  public var name: String
  public var signing: Curve25519.Signing.PublicKey
  /// The key archives are encrypted to, when the file has one.
  public var agreement: Curve25519.KeyAgreement.PublicKey?

  /// The first 16 hex digits of the SHA-256 of the raw Ed25519 public key.
  public var keyID: String { Self.keyID(signing) }

  public init(name: String, signing: Curve25519.Signing.PublicKey, agreement: Curve25519.KeyAgreement.PublicKey?) {
    self.name = name
    self.signing = signing
    self.agreement = agreement
  }

  static func keyID(_ key: Curve25519.Signing.PublicKey) -> String {
    String(SHA256.hash(data: key.rawRepresentation).map { String(format: "%02x", $0) }.joined().prefix(16))
  }

  /// The file's text.
  public var fileText: String {
    var out = "Storyline public key: \(name)\nKey-Id: \(keyID)\n\n"
    out += KeyFileText.pem("PUBLIC KEY", signing.derRepresentation)
    if let agreement { out += KeyFileText.pem("PUBLIC KEY", agreement.derRepresentation) }
    return out
  }

  /// Every key in a public key file or a trust list (concatenated `.pub` files, or bare PEM
  /// public keys, e.g. from `openssl pkey -pubout`): each Ed25519 key, paired with the X25519
  /// key that follows it under the same header.
  public static func read(path: String) throws -> [ArchivePublicKey] {
    let data = try KeyFileText.read(path)
    return try parse(String(decoding: data, as: UTF8.self), path: path)
  }

  static func parse(_ text: String, path: String) throws -> [ArchivePublicKey] {
    var keys: [ArchivePublicKey] = []
    for block in try KeyFileText(text, path: path).blocks where block.type == "PUBLIC KEY" {
      if let s = try? Curve25519.Signing.PublicKey(derRepresentation: block.der) {
        let name = block.headers["storyline public key"] ?? block.headers["name"] ?? "key \(keyID(s))"
        keys.append(ArchivePublicKey(name: name, signing: s, agreement: nil))
      } else if let a = try? Curve25519.KeyAgreement.PublicKey(derRepresentation: block.der) {
        guard !keys.isEmpty, keys[keys.count - 1].agreement == nil else {
          throw KeyFileError.badKey(
            path: path, line: block.line, reason: "an X25519 key without its Ed25519 key above it")
        }
        keys[keys.count - 1].agreement = a
      } else {
        throw KeyFileError.badKey(path: path, line: block.line, reason: "neither an Ed25519 nor an X25519 public key")
      }
    }
    guard !keys.isEmpty else { throw KeyFileError.noKey(path: path, expected: "Ed25519 public key") }
    return keys
  }

  public static func == (a: ArchivePublicKey, b: ArchivePublicKey) -> Bool {
    a.name == b.name && a.signing.rawRepresentation == b.signing.rawRepresentation
      && a.agreement?.rawRepresentation == b.agreement?.rawRepresentation
  }
}

import Crypto
import Foundation
import StorylineCore

/// An archive encrypted to someone's X25519 key, streamed in chunks so that a multi-gigabyte
/// archive needs flat memory both ways.
///
/// Layout (all lengths big-endian):
///
///     "STORYLINE-ENC/1\n"                      16 bytes
///     header length (4) ‖ header (JSON)        cipher, recipient key id and name, the sender's
///                                              ephemeral X25519 key, chunk size, the archive's seal
///     chunk*: length (4) ‖ ciphertext ‖ tag    ChaCha20-Poly1305
///
/// The key is HKDF-SHA256 over the X25519 shared secret (salt: the ephemeral key ‖ the
/// recipient's key, info `storyline-archive-envelope/1`). Chunk `i`'s nonce is `i` in 11 bytes
/// then a byte that is 1 on the last chunk only, and every chunk authenticates the SHA-256 of the
/// magic and header, so chunks cannot be reordered, dropped, cut short or moved to another file.
public enum ArchiveEnvelope {
  static let magic = Data("STORYLINE-ENC/1\n".utf8)
  static let info = Data("storyline-archive-envelope/1".utf8)
  static let chunkSize = 1 << 20
  static let maxChunk = 16 << 20
  static let maxHeader = 64 << 10

  /// The readable part of an envelope: who it is for, and the seal of the archive inside.
  public struct Header: Sendable, Equatable {
    public var recipientKeyID: String
    public var recipientName: String
    public var seal: String
  }

  /// Whether `path` starts like an envelope.
  public static func isEnvelope(_ path: String) -> Bool {
    guard let h = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? h.close() }
    return (try? h.read(upToCount: magic.count)) == magic
  }

  /// Encrypts the file at `input` to `recipient`, writing `output`.
  public static func seal(_ input: String, to recipient: ArchivePublicKey, seal: String, output: String) throws {
    guard let agreement = recipient.agreement else {
      throw EnvelopeError.noEncryptionKey(name: recipient.name)
    }
    guard let inHandle = FileHandle(forReadingAtPath: input) else { throw EnvelopeError.unreadable(input) }
    defer { try? inHandle.close() }
    guard FileManager.default.createFile(atPath: output, contents: nil),
      let out = FileHandle(forWritingAtPath: output)
    else { throw EnvelopeError.unwritable(output) }
    defer { try? out.close() }
    let ephemeral = Curve25519.KeyAgreement.PrivateKey()
    let header = JSONValue.object([
      ("cipher", .string("ChaCha20-Poly1305")), ("key_agreement", .string("X25519, HKDF-SHA256")),
      ("recipient", .object([("key_id", .string(recipient.keyID)), ("name", .string(recipient.name))])),
      ("ephemeral_key", .string(ephemeral.publicKey.rawRepresentation.base64EncodedString())),
      ("chunk_bytes", .int(chunkSize)), ("seal", .string(seal)),
    ])
    let headerBytes = Data(header.rendered().utf8)
    try out.write(contentsOf: magic + be32(headerBytes.count) + headerBytes)
    let key = try derive(ephemeral.sharedSecretFromKeyAgreement(with: agreement), ephemeral.publicKey, agreement)
    let aad = Data(SHA256.hash(data: magic + headerBytes))
    var index: UInt64 = 0
    var chunk = try inHandle.read(upToCount: chunkSize) ?? Data()
    while true {
      let next = chunk.count < chunkSize ? Data() : (try inHandle.read(upToCount: chunkSize) ?? Data())
      let last = next.isEmpty
      let box = try ChaChaPoly.seal(chunk, using: key, nonce: nonce(index, last: last), authenticating: aad)
      try out.write(contentsOf: be32(box.ciphertext.count + box.tag.count) + box.ciphertext + box.tag)
      if last { break }
      chunk = next
      index += 1
    }
  }

  /// The header of the envelope at `path`.
  public static func header(_ path: String) throws -> Header {
    guard let h = FileHandle(forReadingAtPath: path) else { throw EnvelopeError.unreadable(path) }
    defer { try? h.close() }
    return try readHeader(h, path: path).header
  }

  /// Decrypts the envelope at `input` with `identity` into `output`, written whole or not at all:
  /// the plaintext goes to a temporary file renamed over `output` only when every chunk
  /// authenticated.
  public static func open(_ input: String, with identity: ArchiveIdentity, output: String) throws {
    guard let h = FileHandle(forReadingAtPath: input) else { throw EnvelopeError.unreadable(input) }
    defer { try? h.close() }
    let (header, headerBytes, ephemeral, chunkBytes) = try readHeader(h, path: input)
    guard header.recipientKeyID == identity.publicKey.keyID else {
      throw EnvelopeError.notForThisKey(path: input, recipient: header.recipientName, keyID: header.recipientKeyID)
    }
    let key = try derive(
      identity.agreement.sharedSecretFromKeyAgreement(with: ephemeral), ephemeral, identity.agreement.publicKey)
    let aad = Data(SHA256.hash(data: magic + headerBytes))
    let dir = (output as NSString).deletingLastPathComponent
    let temp = (dir.isEmpty ? "." : dir) + "/.\((output as NSString).lastPathComponent).storyline-\(getpid()).tmp"
    guard FileManager.default.createFile(atPath: temp, contents: nil, attributes: [.posixPermissions: 0o600]),
      let out = FileHandle(forWritingAtPath: temp)
    else { throw EnvelopeError.unwritable(output) }
    var done = false
    defer {
      try? out.close()
      if !done { try? FileManager.default.removeItem(atPath: temp) }
    }
    var index: UInt64 = 0
    while true {
      guard let lengthBytes = try h.read(upToCount: 4), lengthBytes.count == 4 else {
        throw EnvelopeError.truncated(path: input, chunk: Int(index))
      }
      let length = Int(lengthBytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
      guard length >= 16, length <= chunkBytes + 16 else { throw EnvelopeError.corrupt(path: input, chunk: Int(index)) }
      guard let body = try h.read(upToCount: length), body.count == length else {
        throw EnvelopeError.truncated(path: input, chunk: Int(index))
      }
      let atEnd = (try h.read(upToCount: 1) ?? Data()).isEmpty
      if !atEnd { try h.seek(toOffset: h.offsetInFile - 1) }
      let box = try ChaChaPoly.SealedBox(
        nonce: nonce(index, last: atEnd), ciphertext: body.prefix(length - 16), tag: body.suffix(16))
      guard let plain = try? ChaChaPoly.open(box, using: key, authenticating: aad) else {
        // A chunk that fails as the last one may be a cut-short file: try it as a middle chunk.
        if atEnd,
          let middle = try? ChaChaPoly.SealedBox(
            nonce: nonce(index, last: false), ciphertext: body.prefix(length - 16), tag: body.suffix(16)),
          (try? ChaChaPoly.open(middle, using: key, authenticating: aad)) != nil
        {
          throw EnvelopeError.truncated(path: input, chunk: Int(index) + 1)
        }
        throw EnvelopeError.authenticationFailed(path: input, chunk: Int(index))
      }
      try out.write(contentsOf: plain)
      if atEnd { break }
      index += 1
    }
    try out.close()
    if FileManager.default.fileExists(atPath: output) { try FileManager.default.removeItem(atPath: output) }
    try FileManager.default.moveItem(atPath: temp, toPath: output)
    done = true
  }

  private static func readHeader(_ h: FileHandle, path: String) throws -> (
    header: Header, bytes: Data, ephemeral: Curve25519.KeyAgreement.PublicKey, chunk: Int
  ) {
    guard try h.read(upToCount: magic.count) == magic else { throw EnvelopeError.notAnEnvelope(path) }
    guard let lengthBytes = try h.read(upToCount: 4), lengthBytes.count == 4 else {
      throw EnvelopeError.badHeader(path: path)
    }
    let length = Int(lengthBytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
    guard length <= maxHeader, let bytes = try h.read(upToCount: length), bytes.count == length,
      let o = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any],
      o["cipher"] as? String == "ChaCha20-Poly1305",
      let recipient = o["recipient"] as? [String: Any], let keyID = recipient["key_id"] as? String,
      let eph = (o["ephemeral_key"] as? String).flatMap({ Data(base64Encoded: $0) }),
      let ephemeral = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: eph),
      let chunk = o["chunk_bytes"] as? Int, chunk > 0, chunk <= maxChunk
    else { throw EnvelopeError.badHeader(path: path) }
    let header = Header(
      recipientKeyID: keyID, recipientName: recipient["name"] as? String ?? "", seal: o["seal"] as? String ?? "")
    return (header, bytes, ephemeral, chunk)
  }

  private static func derive(
    _ secret: SharedSecret, _ ephemeral: Curve25519.KeyAgreement.PublicKey,
    _ recipient: Curve25519.KeyAgreement.PublicKey
  ) -> SymmetricKey {
    secret.hkdfDerivedSymmetricKey(
      using: SHA256.self, salt: ephemeral.rawRepresentation + recipient.rawRepresentation, sharedInfo: info,
      outputByteCount: 32)
  }

  private static func nonce(_ index: UInt64, last: Bool) -> ChaChaPoly.Nonce {
    var bytes = [UInt8](repeating: 0, count: 12)
    for k in 0..<8 { bytes[3 + k] = UInt8(truncatingIfNeeded: index >> (8 * (7 - k))) }
    bytes[11] = last ? 1 : 0
    return try! ChaChaPoly.Nonce(data: bytes)
  }

  private static func be32(_ n: Int) -> Data {
    Data([
      UInt8(truncatingIfNeeded: n >> 24), UInt8(truncatingIfNeeded: n >> 16), UInt8(truncatingIfNeeded: n >> 8),
      UInt8(truncatingIfNeeded: n),
    ])
  }
}

/// Why an envelope cannot be made or opened.
public enum EnvelopeError: Error, Equatable, CustomStringConvertible {
  case noEncryptionKey(name: String)
  case unreadable(String)
  case unwritable(String)
  case notAnEnvelope(String)
  case badHeader(path: String)
  case notForThisKey(path: String, recipient: String, keyID: String)
  case truncated(path: String, chunk: Int)
  case corrupt(path: String, chunk: Int)
  case authenticationFailed(path: String, chunk: Int)

  public var description: String {
    switch self {
    case .noEncryptionKey(let n): return "error: the public key of \(n) has no X25519 key to encrypt to"
    case .unreadable(let p): return "\(p): error: cannot read"
    case .unwritable(let p): return "\(p): error: cannot write"
    case .notAnEnvelope(let p): return "\(p): error: not an encrypted Storyline archive"
    case .badHeader(let p): return "\(p): error: the envelope's header is damaged or not in the documented shape"
    case .notForThisKey(let p, let r, let k):
      return "\(p): error: encrypted to \(r) (key \(k)), not to this key"
    case .truncated(let p, let c): return "\(p): error: cut short at chunk \(c); nothing was written"
    case .corrupt(let p, let c): return "\(p): error: chunk \(c) has an impossible length; nothing was written"
    case .authenticationFailed(let p, let c):
      return "\(p): error: chunk \(c) fails authentication (changed, or not from this envelope); nothing was written"
    }
  }
}

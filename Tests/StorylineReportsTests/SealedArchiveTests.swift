import Crypto
import Foundation
import StorylineTestSupport
import Testing
import ZIPFoundation

@testable import StorylinePipeline

/// Signed, chained and encrypted archives: each attack of the "sealed archives" issue, with the
/// exact message that names it.
@Suite("Sealed compliance archives")
struct SealedArchiveTests {
  static let director = ArchiveIdentity(name: "Director A")
  static let auditor = ArchiveIdentity(name: "Auditor B")
  static let mallory = ArchiveIdentity(name: "Mallory")

  func temp(_ ext: String) -> String { scratchDirectory() + "storyline-sealed-\(UUID().uuidString).\(ext)" }

  /// System E archived, optionally from a copy whose `notes/pm-a.txt` is rewritten.
  func archive(
    forged: Bool = false, signer: ArchiveIdentity? = director, supersedes: String? = nil,
    encryptTo: ArchivePublicKey? = nil, created: Date = Date(timeIntervalSince1970: 1_800_000_000)
  ) throws -> String {
    var folder = TestPaths.root + "/fixtures/system-e"
    if forged {
      let copy = temp("case")
      try FileManager.default.copyItem(atPath: folder, toPath: copy)
      let notes = copy + "/notes/pm-a.txt"
      let text = try String(contentsOfFile: notes, encoding: .utf8)
      #expect(text.contains("Reported the outage to Z."))
      try text.replacingOccurrences(of: "Reported the outage to Z.", with: "Reported the outage to Z and the director.")
        .write(toFile: notes, atomically: true, encoding: .utf8)
      folder = copy
    }
    let out = temp(encryptTo == nil ? "zip" : "zip.enc")
    try CaseArchive.create(
      try CaseFileLoader.load(path: folder), to: out, created: created,
      seal: .init(signer: signer, supersedes: supersedes, encryptTo: encryptTo))
    return out
  }

  func entry(_ path: String, _ name: String) throws -> Data {
    let a = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    var d = Data()
    _ = try a.extract(a[name]!) { d.append($0) }
    return d
  }

  /// A copy of the archive with entries replaced (nil drops one).
  func rewritten(_ path: String, _ change: [String: Data?]) throws -> String {
    let source = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    let out = temp("zip")
    let target = try Archive(url: URL(fileURLWithPath: out), accessMode: .create)
    for e in source {
      var data = Data()
      _ = try source.extract(e) { data.append($0) }
      if let c = change[e.path] {
        guard let c else { continue }
        data = c
      }
      try target.addEntry(with: e.path, type: .file, uncompressedSize: Int64(data.count)) { p, n in
        data.subdata(in: Int(p)..<Int(p) + n)
      }
    }
    return out
  }

  func verify(_ path: String, trusted: [ArchiveIdentity] = [director], _ o: CaseArchive.VerifyOptions = .init())
    throws -> CaseArchive.Verification
  {
    var o = o
    o.trusted = trusted.map(\.publicKey)
    return try CaseArchive.verify(path, options: o)
  }

  @Test func aSignedArchiveVerifiesAndNamesItsSigner() throws {
    let path = try archive()
    let v = try verify(path)
    #expect(v.problems.isEmpty)
    let id = Self.director.publicKey.keyID
    #expect(v.notes.contains("sealed by Director A (key \(id)) at 2027-01-15T08:00:00Z, a trusted key"))
    #expect(
      v.notes.first
        == "seal (SHA-256 of manifest.json): \(ArchiveManifest.hex(SHA256.hash(data: try entry(path, "manifest.json"))))"
    )
    // The signature is over manifest.json's exact bytes.
    let sig = try entry(path, "manifest.sig")
    #expect(sig.count == 64)
    #expect(Self.director.signing.publicKey.isValidSignature(sig, for: try entry(path, "manifest.json")))
  }

  @Test func theForgeryOfTheIssueFailsWhenAKeyIsRequired() throws {
    // Unsigned, rebuilt from rewritten notes: every hash holds, so only the key requirement catches it.
    let unsigned = try archive(forged: true, signer: nil)
    #expect(try verify(unsigned, trusted: []).problems.isEmpty)
    #expect(
      try verify(unsigned).problems == [
        .init(path: "manifest.sig", message: "not signed: a signature by a trusted key is required (Director A)")
      ])
    // Signed by someone else's key.
    let other = try archive(forged: true, signer: Self.mallory)
    #expect(
      try verify(other).problems == [
        .init(
          path: "manifest.sig",
          message: "signed by Mallory (key \(Self.mallory.publicKey.keyID)), which is not a trusted key")
      ])
  }

  @Test func aSignatureOverAnotherManifestAWrongKeyAndACutSignatureAreRejected() throws {
    let a = try archive()
    let b = try archive(created: Date(timeIntervalSince1970: 1_800_000_100))
    let swapped = try rewritten(a, ["manifest.sig": try entry(b, "manifest.sig")])
    #expect(
      try verify(swapped).problems == [
        .init(
          path: "manifest.sig",
          message: "does not match the manifest: the manifest was changed or signed by another key")
      ])
    #expect(
      try verify(a, trusted: [Self.auditor]).problems == [
        .init(
          path: "manifest.sig",
          message: "signed by Director A (key \(Self.director.publicKey.keyID)), which is not a trusted key")
      ])
    let cut = try rewritten(a, ["manifest.sig": try entry(a, "manifest.sig").prefix(63)])
    #expect(
      try verify(cut).problems == [.init(path: "manifest.sig", message: "not an Ed25519 signature (63 bytes, not 64)")])
    let dropped = try rewritten(a, ["manifest.sig": nil])
    #expect(
      try verify(dropped, trusted: []).problems == [
        .init(path: "manifest.sig", message: "missing: the manifest names a signer but the signature is gone")
      ])
  }

  @Test func swappedFilesAreNamedEvenUnderAValidSignature() throws {
    let a = try archive()
    let x = "evidence/notes/pm-a.txt"
    let y = "evidence/notes/dy.md"
    let swapped = try rewritten(a, [x: try entry(a, y), y: try entry(a, x)])
    #expect(
      try verify(swapped).problems
        == [
          .init(path: y, message: "changed: its SHA-256 does not match the manifest"),
          .init(path: x, message: "changed: its SHA-256 does not match the manifest"),
        ].sorted { $0.path > $1.path })
  }

  @Test func theSealRecordedElsewhereIsCompared() throws {
    let a = try archive()
    let seal = ArchiveManifest.hex(SHA256.hash(data: try entry(a, "manifest.json")))
    #expect(try verify(a, .init(seal: seal.uppercased())).problems.isEmpty)
    let wrong = String(repeating: "0", count: 64)
    #expect(
      try verify(a, .init(seal: wrong)).problems == [
        .init(path: "manifest.json", message: "its seal is \(seal), not the \(wrong) given")
      ])
  }

  @Test func aRevisionNamesWhatChangedAndAReplayedArchiveIsRejected() throws {
    let v1 = try archive()
    let v2 = try archive(forged: true, supersedes: v1, created: Date(timeIntervalSince1970: 1_800_000_600))
    let v = try verify(v2, .init(previous: [v1]))
    #expect(v.problems.isEmpty)
    let seal1 = ArchiveManifest.hex(SHA256.hash(data: try entry(v1, "manifest.json")))
    let name1 = (v1 as NSString).lastPathComponent
    #expect(v.notes.contains("revision of \(name1) (seal \(seal1), created 2027-01-15T08:00:00Z)"))
    #expect(
      v.notes.contains(
        "  files changed: evidence/notes/pm-a.txt, reports/timeline.html, reports/timeline.json, reports/timeline.md"))
    #expect(v.notes.contains("\(v1): the archive revised (seal \(seal1)) verifies"))
    // The older archive presented as the newer: it revises nothing.
    #expect(
      try verify(v1, .init(previous: [v2])).problems == [
        .init(path: "manifest.json", message: "names no archive it revises, so it does not revise \(v2)")
      ])
    // Another archive of the case in place of the one revised.
    let other = try archive(created: Date(timeIntervalSince1970: 1_800_000_300))
    let sealOther = ArchiveManifest.hex(SHA256.hash(data: try entry(other, "manifest.json")))
    #expect(
      try verify(v2, .init(previous: [other])).problems == [
        .init(path: other, message: "its seal is \(sealOther), but manifest.json revises the archive sealed \(seal1)")
      ])
  }

  @Test func anEncryptedArchiveOpensOnlyWithItsKeyAndOnlyWhole() throws {
    let enc = try archive(encryptTo: Self.auditor.publicKey)
    #expect(ArchiveEnvelope.isEnvelope(enc))
    #expect(try ArchiveEnvelope.header(enc).recipientKeyID == Self.auditor.publicKey.keyID)
    let v = try verify(enc, .init(identity: Self.auditor))
    #expect(v.problems.isEmpty)
    #expect(v.notes.first == "decrypted with the key of Auditor B (\(Self.auditor.publicKey.keyID))")
    // The header's seal is the seal of the manifest inside.
    let opened = temp("zip")
    try ArchiveEnvelope.open(enc, with: Self.auditor, output: opened)
    #expect(
      try ArchiveEnvelope.header(enc).seal == ArchiveManifest.hex(SHA256.hash(data: try entry(opened, "manifest.json")))
    )
    #expect(throws: EnvelopeError.notForThisKey(path: enc, recipient: "Auditor B", keyID: Self.auditor.publicKey.keyID))
    {
      try ArchiveEnvelope.open(enc, with: Self.director, output: temp("zip"))
    }
    var bytes = try Data(contentsOf: URL(fileURLWithPath: enc))
    bytes[bytes.count - 100] ^= 0x01
    let tampered = temp("enc")
    try bytes.write(to: URL(fileURLWithPath: tampered))
    let out = temp("zip")
    #expect(throws: EnvelopeError.authenticationFailed(path: tampered, chunk: 0)) {
      try ArchiveEnvelope.open(tampered, with: Self.auditor, output: out)
    }
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func envelopeChunksCannotBeDroppedCutOrReordered() throws {
    // 2.5 chunks of plaintext: three chunks, the last one flagged.
    let plain = temp("bin")
    let data = Data((0..<(ArchiveEnvelope.chunkSize * 5 / 2)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
    try data.write(to: URL(fileURLWithPath: plain))
    let enc = temp("enc")
    try ArchiveEnvelope.seal(plain, to: Self.auditor.publicKey, seal: "s", output: enc)
    let back = temp("bin")
    try ArchiveEnvelope.open(enc, with: Self.auditor, output: back)
    #expect(try Data(contentsOf: URL(fileURLWithPath: back)) == data)
    let whole = try Data(contentsOf: URL(fileURLWithPath: enc))
    let headerEnd = 16 + 4 + Int(whole[16...19].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
    let chunk = 4 + ArchiveEnvelope.chunkSize + 16
    func attempt(_ d: Data) -> EnvelopeError? {
      let f = temp("enc")
      try? d.write(to: URL(fileURLWithPath: f))
      do {
        try ArchiveEnvelope.open(f, with: Self.auditor, output: temp("bin"))
        return nil
      } catch let e as EnvelopeError {
        if case .authenticationFailed(_, let c) = e { return .authenticationFailed(path: "", chunk: c) }
        if case .truncated(_, let c) = e { return .truncated(path: "", chunk: c) }
        return e
      } catch { return nil }
    }
    // The last chunk dropped: the file ends on a chunk that is not the last.
    #expect(attempt(whole.prefix(headerEnd + 2 * chunk)) == .truncated(path: "", chunk: 2))
    // The middle chunk dropped: the last chunk sits where the second should.
    #expect(
      attempt(whole.prefix(headerEnd + chunk) + whole.suffix(from: headerEnd + 2 * chunk))
        == .authenticationFailed(path: "", chunk: 1))
    // First and second swapped.
    let first = whole[headerEnd..<(headerEnd + chunk)]
    let second = whole[(headerEnd + chunk)..<(headerEnd + 2 * chunk)]
    #expect(
      attempt(whole.prefix(headerEnd) + second + first + whole.suffix(from: headerEnd + 2 * chunk))
        == .authenticationFailed(path: "", chunk: 0))
    // Cut inside a chunk.
    #expect(attempt(whole.prefix(headerEnd + chunk + 100)) == .truncated(path: "", chunk: 1))
  }

  @Test func keyFilesRoundTripWithAndWithoutAPassphraseAndOpenSSLKeysSign() throws {
    let base = temp("key")
    try Self.director.write(to: base, passphrase: "correct horse")
    let mode = try FileManager.default.attributesOfItem(atPath: base + ".key")[.posixPermissions] as? NSNumber
    #expect(mode?.intValue == 0o600)
    #expect(throws: KeyFileError.needsPassphrase(path: base + ".key")) {
      try ArchiveIdentity.read(path: base + ".key", passphrase: nil)
    }
    #expect(throws: KeyFileError.wrongPassphrase(path: base + ".key")) {
      try ArchiveIdentity.read(path: base + ".key", passphrase: "wrong")
    }
    let back = try ArchiveIdentity.read(path: base + ".key", passphrase: "correct horse")
    #expect(back.publicKey == Self.director.publicKey)
    #expect(throws: KeyFileError.exists(path: base + ".key")) { try Self.director.write(to: base, passphrase: nil) }
    // The public file: the Ed25519 SubjectPublicKeyInfo first (what OpenSSL reads), then X25519.
    let pub = try ArchivePublicKey.read(path: base + ".pub")
    #expect(pub == [Self.director.publicKey])
    let blocks = try KeyFileText(String(contentsOfFile: base + ".pub", encoding: .utf8), path: "p").blocks
    #expect(
      blocks.map { ArchiveManifest.hex($0.der.prefix(12)) } == ["302a300506032b6570032100", "302a300506032b656e032100"])
    // A bare Ed25519 key written by `openssl genpkey -algorithm ed25519` signs.
    let openssl = try ArchiveIdentity.read(
      path: TestPaths.root + "/fixtures/archive/openssl-ed25519.pem", passphrase: nil)
    let sig = try openssl.signing.signature(for: Data("m".utf8))
    #expect(openssl.signing.publicKey.isValidSignature(sig, for: Data("m".utf8)))
    // A trust list: two .pub files concatenated, each key under its own name.
    let list = try ArchivePublicKey.parse(Self.director.publicKey.fileText + Self.auditor.publicKey.fileText, path: "t")
    #expect(list.map(\.name) == ["Director A", "Auditor B"])
    #expect(list.map(\.keyID) == [Self.director.publicKey.keyID, Self.auditor.publicKey.keyID])
  }

  @Test func aTimeStampTokenFromOpenSSLIsReadAndMatchedToTheSeal() throws {
    // fixtures/archive/token.tsr: `openssl ts -reply` (a test TSA, fixtures/archive/tsa.crt) for
    // the SHA-256 of "storyline archive seal test"; token-only.tst is the bare token inside it.
    let expected = ArchiveManifest.hex(SHA256.hash(data: Data("storyline archive seal test".utf8)))
    #expect(expected == "9b1204a52b156eab8c80aa85424bac108cecfccac94c2403932b9d22152b24c4")
    for file in ["token.tsr", "token-only.tst"] {
      let bytes = try Data(contentsOf: URL(fileURLWithPath: TestPaths.root + "/fixtures/archive/" + file))
      let t = try TimestampToken(der: Array(bytes))
      #expect(t.imprint == expected && t.time == "2026-12-01T05:38:39Z")
      #expect(t.serial == "03" && t.policy == "1.2.3.4.1")
      // One byte of the stamped hash changed (the DER stays valid): the signed digest of the
      // TSTInfo no longer matches it.
      var changed = Array(bytes)
      let hash = Array(SHA256.hash(data: Data("storyline archive seal test".utf8)))
      let at = try #require((0..<(changed.count - 32)).first { Array(changed[$0..<($0 + 32)]) == hash })
      changed[at + 5] ^= 0x01
      #expect(throws: TimestampError.inconsistent) { try TimestampToken(der: changed) }
    }
    // Against an archive: the token stamps another seal.
    let a = try archive()
    let token = Array(try Data(contentsOf: URL(fileURLWithPath: TestPaths.root + "/fixtures/archive/token.tsr")))
    #expect(
      try verify(a, .init(timestampToken: token)).problems == [
        .init(path: "--timestamp-token", message: "the time-stamp token stamps \(expected), not this archive's seal")
      ])
    #expect(throws: ArchiveError.self) { try CaseArchive.stamp(a, token: token) }
  }
}

extension SealedArchiveTests {
  /// A signed archive whose manifest's deflate data the fuzzer changed: `verify` used to spin in
  /// ZIPFoundation's reader forever; it now names the manifest as unreadable at once.
  @Test func aDamagedEntryIsAProblemNotAHang() throws {
    let v = try CaseArchive.verify(TestPaths.root + "/fixtures/hostile/cut-deflate-archive.zip", options: .init())
    #expect(v.problems == [.init(path: "manifest.json", message: "missing or unreadable")])
  }
}

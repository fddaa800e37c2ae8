import Crypto
import Foundation
import StorylineCore
import StorylineFormats
import ZIPFoundation

extension CaseArchive {
  /// What `verify` checks beyond the hashes.
  public struct VerifyOptions: Sendable {
    /// Keys trusted to seal archives; when any is given, the archive must carry a valid
    /// signature by one of them.
    public var trusted: [ArchivePublicKey]
    /// The seal recorded elsewhere (a ticket, an e-mail, a register), to compare with.
    public var seal: String?
    /// An RFC 3161 time-stamp token for the seal.
    public var timestampToken: [UInt8]?
    /// The archives this one revises, newest first: each must be the one the previous names.
    public var previous: [String]
    /// Opens an encrypted archive.
    public var identity: ArchiveIdentity?

    public init(
      trusted: [ArchivePublicKey] = [], seal: String? = nil, timestampToken: [UInt8]? = nil, previous: [String] = [],
      identity: ArchiveIdentity? = nil
    ) {
      self.trusted = trusted
      self.seal = seal
      self.timestampToken = timestampToken
      self.previous = previous
      self.identity = identity
    }
  }

  /// What `verify` found: the problems (none when the archive holds) and what it established.
  public struct Verification: Sendable {
    public var problems: [Problem] = []
    /// Lines for the user: the seal, who signed, when it was stamped, what a revision changed.
    public var notes: [String] = []
    public var manifest: ArchiveManifest?
  }

  /// Files in an archive that the manifest cannot list: the signature over it and a time-stamp
  /// token for its seal.
  static let sealFiles: Set<String> = ["manifest.json", "manifest.sig", "manifest.tsr"]

  /// Checks an archive: the manifest's own hash, every file's hash, files missing or added, and —
  /// when the evidence was copied — the reports rebuilt from it, byte for byte.
  public static func verify(_ path: String) throws -> [Problem] { try verify(path, options: .init()).problems }

  /// ``verify(_:)``, and the signature, the seal, a time-stamp token and the chain of revisions.
  /// An encrypted archive is opened (with `options.identity`) into a private temporary file first.
  /// `progress`: the hashing, the extracting and the rebuilding's reading and writing.
  public static func verify(_ path: String, options: VerifyOptions, progress: Progress? = nil) throws -> Verification {
    if ArchiveEnvelope.isEnvelope(path) {
      guard let identity = options.identity else {
        let h = try ArchiveEnvelope.header(path)
        throw ArchiveError.encrypted(path: path, recipient: h.recipientName, keyID: h.recipientKeyID)
      }
      let plain = NSTemporaryDirectory() + "storyline-open-\(UUID().uuidString).zip"
      defer { try? FileManager.default.removeItem(atPath: plain) }
      try ArchiveEnvelope.open(path, with: identity, output: plain)
      var v = try verify(plain, options: options, progress: progress)
      v.notes.insert("decrypted with the key of \(identity.name) (\(identity.publicKey.keyID))", at: 0)
      return v
    }
    // Read with Storyline's own bounded zip reader: a tampered archive is untrusted input, and
    // ZIPFoundation's reader spins forever on a cut deflate stream.
    let archive: ZipFile
    do {
      archive = try ZipFile(path: path)
    } catch {
      throw ArchiveError.notAZip(path: path, reason: "\(error)")
    }
    var v = Verification()
    func problem(_ p: String, _ m: String) { v.problems.append(Problem(path: p, message: m)) }
    func read(_ name: String, limit: Int) -> Data? {
      guard let entry = archive[name] else { return nil }
      return try? archive.data(entry, limit: UInt64(limit))
    }
    guard let manifestData = read("manifest.json", limit: ArchiveManifest.maxBytes) else {
      return Verification(problems: [Problem(path: "manifest.json", message: "missing or unreadable")])
    }
    let manifest: ArchiveManifest
    switch ArchiveManifest.parse(manifestData) {
    case .success(let m): manifest = m
    case .failure(let e): return Verification(problems: [Problem(path: "manifest.json", message: e.description)])
    }
    v.manifest = manifest
    v.notes.append("seal (SHA-256 of manifest.json): \(manifest.seal)")
    // The manifest's hash covers the manifest without its last line.
    let text = String(decoding: manifestData, as: UTF8.self)
    if let claimed = manifest.claimedSHA256, let cut = text.range(of: ",\n  \"manifest_sha256\"") {
      let body = String(text[..<cut.lowerBound]) + "\n}\n"
      if hex(Data(body.utf8)) != claimed { problem("manifest.json", "changed: its hash does not match") }
    } else {
      problem("manifest.json", "has no manifest_sha256")
    }
    checkSignature(manifest, read("manifest.sig", limit: 1024), options.trusted, &v)
    if let seal = options.seal, seal.lowercased() != manifest.seal {
      problem("manifest.json", "its seal is \(manifest.seal), not the \(seal) given")
    }
    for (token, origin) in [
      (options.timestampToken, "--timestamp-token"),
      (read("manifest.tsr", limit: TimestampToken.maxBytes).map(Array.init), "manifest.tsr"),
    ] {
      guard let token else { continue }
      do {
        let t = try TimestampToken(der: token)
        if t.imprint == manifest.seal {
          v.notes.append(
            "time-stamped at \(t.time) (token \(origin), serial \(t.serial), policy \(t.policy)); the authority's signature is not checked here: see `openssl ts -verify`"
          )
        } else {
          problem(origin, "the time-stamp token stamps \(t.imprint), not this archive's seal")
        }
      } catch {
        problem(origin, "\(error)")
      }
    }
    var listed = sealFiles
    let toHash = manifest.files.reduce(Int64(0)) { $0 + Int64(clamping: archive[$1.path]?.uncompressedSize ?? 0) }
    var hashed: Int64 = 0
    for f in manifest.files {
      listed.insert(f.path)
      guard let entry = archive[f.path] else {
        problem(f.path, "missing from the archive")
        continue
      }
      var hasher = SHA256()
      do {
        try archive.read(entry) {
          hasher.update(bufferPointer: $0)
          hashed += Int64($0.count)
          progress?(.hashing, hashed, max(toHash, hashed), nil)
        }
      } catch {
        problem(f.path, "unreadable: \(error)")
        continue
      }
      if ArchiveManifest.hex(hasher.finalize()) != f.sha256 {
        problem(f.path, "changed: its SHA-256 does not match the manifest")
      }
    }
    for entry in archive.entries where !entry.isDirectory && !listed.contains(entry.path) {
      problem(entry.path, "added: not in the manifest")
    }
    try checkChain(manifest, options, &v)
    // Rebuild the reports from the archived case and evidence.
    guard manifest.copiedEvidence, v.problems.isEmpty else { return v }
    try checkRebuild(archive, manifest, read: { read($0, limit: Int.max) }, progress: progress, &v)
    return v
  }

  /// The signature: present and valid when keys are trusted, valid whenever present.
  static func checkSignature(_ m: ArchiveManifest, _ sig: Data?, _ trusted: [ArchivePublicKey], _ v: inout Verification)
  {
    guard let sig else {
      if m.signer != nil {
        v.problems.append(
          Problem(path: "manifest.sig", message: "missing: the manifest names a signer but the signature is gone"))
      } else if !trusted.isEmpty {
        v.problems.append(
          Problem(
            path: "manifest.sig",
            message:
              "not signed: a signature by a trusted key is required (\(trusted.map(\.name).joined(separator: ", ")))"))
      }
      return
    }
    guard let signer = m.signer, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: signer.publicKey) else {
      v.problems.append(Problem(path: "manifest.sig", message: "the manifest names no signer to check it against"))
      return
    }
    guard sig.count == 64 else {
      v.problems.append(Problem(path: "manifest.sig", message: "not an Ed25519 signature (\(sig.count) bytes, not 64)"))
      return
    }
    guard key.isValidSignature(sig, for: m.bytes) else {
      v.problems.append(
        Problem(
          path: "manifest.sig",
          message: "does not match the manifest: the manifest was changed or signed by another key"))
      return
    }
    let id = ArchivePublicKey.keyID(key)
    if id != signer.keyID {
      v.problems.append(
        Problem(path: "manifest.json", message: "its signer's key id \(signer.keyID) is not the id of its key (\(id))"))
    }
    if trusted.isEmpty {
      v.notes.append("signed by \(signer.name) (key \(id)), not checked against a trusted key: give --key")
    } else if let t = trusted.first(where: { $0.signing.rawRepresentation == key.rawRepresentation }) {
      v.notes.append("sealed by \(t.name) (key \(id)) at \(m.created), a trusted key")
    } else {
      v.problems.append(
        Problem(path: "manifest.sig", message: "signed by \(signer.name) (key \(id)), which is not a trusted key"))
    }
  }

  /// The chain of revisions: what this archive says it revises, what changed, and — for each
  /// earlier archive given — that it is the one named.
  static func checkChain(_ m: ArchiveManifest, _ options: VerifyOptions, _ v: inout Verification) throws {
    var current = m
    var name = "manifest.json"
    if let p = m.previous { v.notes.append(contentsOf: revisionNotes(m, p)) }
    for path in options.previous {
      guard let p = current.previous else {
        v.problems.append(Problem(path: name, message: "names no archive it revises, so it does not revise \(path)"))
        return
      }
      var sub = options
      sub.previous = []
      sub.seal = nil
      sub.timestampToken = nil
      let older = try verify(path, options: sub)
      guard let om = older.manifest else {
        v.problems.append(contentsOf: older.problems.map { Problem(path: "\(path): \($0.path)", message: $0.message) })
        return
      }
      if om.seal != p.seal {
        v.problems.append(
          Problem(path: path, message: "its seal is \(om.seal), but \(name) revises the archive sealed \(p.seal)"))
        return
      }
      if om.created > current.created {
        v.problems.append(
          Problem(
            path: path, message: "created \(om.created), not before the archive that revises it (\(current.created))"))
      }
      v.problems.append(contentsOf: older.problems.map { Problem(path: "\(path): \($0.path)", message: $0.message) })
      v.notes.append(
        "\(path): the archive revised (seal \(om.seal)) verifies\(older.problems.isEmpty ? "" : " with problems")")
      current = om
      name = path
    }
  }

  static func revisionNotes(_ m: ArchiveManifest, _ p: ArchiveManifest.Previous) -> [String] {
    let old = Dictionary(p.files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
    let new = Dictionary(m.files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
    var out = ["revision of \(p.archive) (seal \(p.seal), created \(p.created))"]
    let added = new.keys.filter { old[$0] == nil }.sorted()
    let removed = old.keys.filter { new[$0] == nil }.sorted()
    let changed = new.keys.filter { old[$0] != nil && old[$0] != new[$0] }.sorted()
    for (label, list) in [("added", added), ("removed", removed), ("changed", changed)] where !list.isEmpty {
      out.append("  files \(label): \(list.joined(separator: ", "))")
    }
    if added.isEmpty && removed.isEmpty && changed.isEmpty { out.append("  files: none changed") }
    let before = Set(p.findings)
    let after = Set(m.findings)
    for f in m.findings where !before.contains(f) { out.append("  finding new: \(f)") }
    for f in p.findings where !after.contains(f) { out.append("  finding gone: \(f)") }
    return out
  }

  /// Rebuilds the reports from the archived case and evidence and compares them.
  static func checkRebuild(
    _ archive: ZipFile, _ manifest: ArchiveManifest, read: (String) -> Data?, progress: Progress?,
    _ v: inout Verification
  ) throws {
    let folder = NSTemporaryDirectory() + "storyline-verify-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let entries = archive.entries.filter {
      !$0.isDirectory && ($0.path == "case.yml" || $0.path.hasPrefix("evidence/"))
    }
    let toExtract = entries.reduce(Int64(0)) { $0 + Int64(clamping: $1.uncompressedSize) }
    var extracted: Int64 = 0
    for entry in entries {
      let target = entry.path == "case.yml" ? "case.yml" : String(entry.path.dropFirst("evidence/".count))
      guard !target.split(separator: "/").contains("..") else { continue }
      let url = URL(fileURLWithPath: folder).appendingPathComponent(target)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      // Through a file handle, not `extract(_:to:)`, which leaks the path's C string on Linux.
      guard FileManager.default.createFile(atPath: url.path, contents: nil),
        let out = FileHandle(forWritingAtPath: url.path)
      else { throw ArchiveError.notAnArchive(path: entry.path) }
      defer { try? out.close() }
      try archive.read(entry) {
        try out.write(contentsOf: Data($0))
        extracted += Int64($0.count)
        progress?(.extracting, extracted, max(toExtract, extracted), nil)
      }
    }
    let c = try CaseFileLoader.load(path: folder)
    let rebuilt = try Reports(c, progress: progress)
    defer { rebuilt.remove() }
    if read("reports/timeline.html") != rebuilt.html {
      v.problems.append(
        Problem(path: "reports/timeline.html", message: "differs from the report rebuilt from the archived evidence"))
    }
    // The JSON and the Markdown hold every event: compared by their hashes, both sides streamed.
    for (name, sha) in [("reports/timeline.json", rebuilt.jsonSHA256), ("reports/timeline.md", rebuilt.markdownSHA256)]
    where sha != manifest.files.first(where: { $0.path == name })?.sha256 {
      v.problems.append(Problem(path: name, message: "differs from the report rebuilt from the archived evidence"))
    }
    if rebuilt.findings != manifest.findings && manifest.schema == schema {
      v.problems.append(
        Problem(path: "manifest.json", message: "its findings differ from those rebuilt from the archived evidence"))
    }
  }
}

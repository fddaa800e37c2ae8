import Crypto
import Foundation

/// An archive's `manifest.json`, read back: what `verify` checks against. The manifest is
/// attacker-controlled input like any other: it is read with a size cap, and every field it
/// lacks or gives in the wrong shape is a problem named by its key, never a crash.
public struct ArchiveManifest: Sendable {
  /// One file the manifest lists.
  public struct File: Sendable, Equatable {
    public var path: String
    public var role: String
    public var sha256: String
  }

  /// Who sealed the archive, as the manifest says (the signature over the manifest proves it).
  public struct Signer: Sendable, Equatable {
    public var name: String
    public var keyID: String
    /// The raw Ed25519 public key the manifest names.
    public var publicKey: [UInt8]
  }

  /// The archive this one revises.
  public struct Previous: Sendable, Equatable {
    public var archive: String
    public var seal: String
    public var created: String
    public var files: [File]
    public var findings: [String]
  }

  /// The manifest's exact bytes.
  public var bytes: Data
  public var schema: String
  public var created: String
  public var caseTitle: String
  public var copiedEvidence: Bool
  public var files: [File]
  public var findings: [String]
  public var signer: Signer?
  public var previous: Previous?
  /// The manifest's own claimed hash (over the manifest without its last member).
  public var claimedSHA256: String?

  /// The seal: the SHA-256 of the manifest's exact bytes, in hex.
  public var seal: String { ArchiveManifest.hex(SHA256.hash(data: bytes)) }

  /// Manifests are small (a few hundred bytes per file); anything over this is not one.
  static let maxBytes = 64 << 20

  /// Reads a manifest; nil with the reason when it is not one.
  public static func parse(_ data: Data) -> Result<ArchiveManifest, ManifestError> {
    guard data.count <= maxBytes else { return .failure(.tooLarge) }
    guard let o = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return .failure(.notJSON) }
    guard let schema = o["schema"] as? String else { return .failure(.missing("schema")) }
    guard schema == CaseArchive.schema || schema == "storyline-archive/1" else {
      return .failure(.unknownSchema(schema))
    }
    guard let rawFiles = o["files"] as? [Any] else { return .failure(.missing("files")) }
    guard let files = parseFiles(rawFiles) else { return .failure(.malformed("files")) }
    var m = ArchiveManifest(
      bytes: data, schema: schema, created: o["created"] as? String ?? "", caseTitle: o["case"] as? String ?? "",
      copiedEvidence: ((o["options"] as? [String: Any])?["copy_evidence"] as? Bool) ?? false, files: files,
      findings: [], signer: nil, previous: nil, claimedSHA256: o["manifest_sha256"] as? String)
    if let f = o["findings"] {
      guard let list = f as? [String] else { return .failure(.malformed("findings")) }
      m.findings = list
    }
    if let s = o["signer"] {
      guard let s = s as? [String: Any], s["algorithm"] as? String == "Ed25519", let id = s["key_id"] as? String,
        let key = (s["public_key"] as? String).flatMap({ Data(base64Encoded: $0) }), key.count == 32
      else { return .failure(.malformed("signer")) }
      m.signer = Signer(name: s["name"] as? String ?? "", keyID: id, publicKey: Array(key))
    }
    if let p = o["supersedes"] {
      guard let p = p as? [String: Any], let seal = p["seal"] as? String, let raw = p["files"] as? [Any],
        let pf = parseFiles(raw), let findings = (p["findings"] ?? [String]()) as? [String]
      else { return .failure(.malformed("supersedes")) }
      m.previous = Previous(
        archive: p["archive"] as? String ?? "", seal: seal, created: p["created"] as? String ?? "", files: pf,
        findings: findings)
    }
    return .success(m)
  }

  private static func parseFiles(_ raw: [Any]) -> [File]? {
    var out: [File] = []
    for f in raw {
      guard let f = f as? [String: Any], let path = f["path"] as? String, let sha = f["sha256"] as? String else {
        return nil
      }
      out.append(File(path: path, role: f["role"] as? String ?? "", sha256: sha))
    }
    return out
  }

  static func hex(_ d: some Sequence<UInt8>) -> String { d.map { String(format: "%02x", $0) }.joined() }
}

/// Why a manifest cannot be read.
public enum ManifestError: Error, Equatable, CustomStringConvertible {
  case tooLarge
  case notJSON
  case missing(String)
  case malformed(String)
  case unknownSchema(String)

  public var description: String {
    switch self {
    case .tooLarge: return "larger than \(ArchiveManifest.maxBytes >> 20) MiB: not a manifest"
    case .notJSON: return "not a JSON object"
    case .missing(let k): return "has no \"\(k)\""
    case .malformed(let k): return "its \"\(k)\" is not in the documented shape"
    case .unknownSchema(let s): return "schema \"\(s)\" is not one this version reads"
    }
  }
}

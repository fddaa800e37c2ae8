/// Why an archive cannot be made or checked at all.
public enum ArchiveError: Error, CustomStringConvertible {
  case encrypted(path: String, recipient: String, keyID: String)
  case previousFails(path: String, problems: [String])
  case notAnArchive(path: String)
  case notAZip(path: String, reason: String)
  case tokenForAnotherSeal(path: String, imprint: String, seal: String)

  public var description: String {
    switch self {
    case .encrypted(let p, let r, let k):
      return "\(p): error: encrypted to \(r) (key \(k)); give their private key with --decrypt-key"
    case .previousFails(let p, let problems):
      return "\(p): error: the archive to revise does not verify: \(problems.joined(separator: "; "))"
    case .notAnArchive(let p): return "\(p): error: not a Storyline archive (no readable manifest.json)"
    case .notAZip(let p, let why): return "\(p): error: \(why)"
    case .tokenForAnotherSeal(let p, let i, let s):
      return "\(p): error: the token stamps \(i), not this archive's seal \(s)"
    }
  }
}

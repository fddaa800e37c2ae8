/// Why a source or a case could not be read at all.
public enum SourceError: Error, Equatable, Sendable, CustomStringConvertible {
  case cannotOpen(path: String, reason: String)
  /// No format fits: `hint` names the first line none fits and the formats that fit some lines.
  case unknownFormat(path: String, hint: String = "")
  case notAFormat(path: String, id: String)
  /// A file's content is unusable from a position on (e.g. XML that is not well formed).
  case malformed(path: String, line: Int, column: Int, reason: String)

  public var description: String {
    switch self {
    case .cannotOpen(let p, let r): "\(p): error: cannot open: \(r)"
    case .unknownFormat(let p, let hint):
      "\(p): error: not a format Storyline recognises; name it with `format:` (see `storyline formats`)"
        + (hint.isEmpty ? "" : "; " + hint)
    case .notAFormat(let p, let id): "\(p): error: unknown format '\(id)' (see `storyline formats`)"
    case .malformed(let p, let l, let c, let r): "\(p):\(l):\(c): error: \(r)"
    }
  }
}

import Foundation

/// The text of a Storyline key file: `Label: value` header lines, then PEM blocks. Several
/// public key files concatenated are one trust list: each key takes the header lines above it.
struct KeyFileText {
  /// One PEM block and the header lines written before it (since the previous block's header).
  struct Block {
    var type: String
    var der: [UInt8]
    var headers: [String: String]
    /// The block's first line in the file, from 1.
    var line: Int
  }

  var blocks: [Block] = []

  /// Parses `text`; a block that does not end, or whose body is not base64, is an error naming
  /// its line.
  init(_ text: String, path: String) throws {
    var headers: [String: String] = [:]
    var headersUsed = false
    var open: (type: String, line: Int, body: String)? = nil
    for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
      if let o = open {
        if line == "-----END \(o.type)-----" {
          guard let der = Data(base64Encoded: o.body) else { throw KeyFileError.badBase64(path: path, line: o.line) }
          blocks.append(Block(type: o.type, der: Array(der), headers: headers, line: o.line))
          headersUsed = true
          open = nil
        } else {
          open?.body += line
        }
        continue
      }
      if line.hasPrefix("-----BEGIN "), line.hasSuffix("-----") {
        open = (String(line.dropFirst(11).dropLast(5)), n + 1, "")
        continue
      }
      if let colon = line.firstIndex(of: ":"), !line.hasPrefix("#") {
        if headersUsed {
          headers = [:]
          headersUsed = false
        }
        headers[line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()] = line[line.index(after: colon)...]
          .trimmingCharacters(in: .whitespaces)
      }
    }
    if let o = open { throw KeyFileError.unterminated(path: path, line: o.line, type: o.type) }
  }

  /// Key files are a few hundred bytes; a trust list of thousands of keys is far below this.
  static let maxBytes = 4 << 20

  /// A key file's bytes, capped.
  static func read(_ path: String) throws -> Data {
    guard let h = FileHandle(forReadingAtPath: path) else {
      throw KeyFileError.unreadable(path: path)
    }
    defer { try? h.close() }
    let data = try h.read(upToCount: maxBytes + 1) ?? Data()
    guard data.count <= maxBytes else { throw KeyFileError.badKey(path: path, line: 1, reason: "larger than 4 MiB") }
    return data
  }

  /// A PEM block: 64 base64 characters per line.
  static func pem(_ type: String, _ der: some Collection<UInt8>) -> String {
    let b64 = Data(der).base64EncodedString()
    var out = "-----BEGIN \(type)-----\n"
    var i = b64.startIndex
    while i < b64.endIndex {
      let j = b64.index(i, offsetBy: 64, limitedBy: b64.endIndex) ?? b64.endIndex
      out += b64[i..<j] + "\n"
      i = j
    }
    return out + "-----END \(type)-----\n"
  }
}

/// A key file that cannot be used.
public enum KeyFileError: Error, CustomStringConvertible, Equatable {
  case badBase64(path: String, line: Int)
  case unterminated(path: String, line: Int, type: String)
  case noKey(path: String, expected: String)
  case badKey(path: String, line: Int, reason: String)
  case needsPassphrase(path: String)
  case wrongPassphrase(path: String)
  case exists(path: String)
  case unreadable(path: String)

  public var description: String {
    switch self {
    case .badBase64(let p, let l): return "\(p):\(l): error: the key block is not base64"
    case .unterminated(let p, let l, let t): return "\(p):\(l): error: the \(t) block has no END line"
    case .noKey(let p, let e): return "\(p): error: no \(e) in this file"
    case .badKey(let p, let l, let r): return "\(p):\(l): error: not a usable key: \(r)"
    case .needsPassphrase(let p):
      return
        "\(p): error: the private key is protected by a passphrase; give it with --passphrase-file or STORYLINE_PASSPHRASE"
    case .wrongPassphrase(let p): return "\(p): error: wrong passphrase (or the key file was changed)"
    case .exists(let p): return "\(p): error: exists already (a key file is never overwritten)"
    case .unreadable(let p): return "\(p): error: cannot read the key file"
    }
  }
}

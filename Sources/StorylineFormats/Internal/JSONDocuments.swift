import Foundation

/// A file of JSON documents written one after another (an API's pages).
enum JSONDocuments {
  /// The file's top-level JSON documents (pages written one after another), each with the line
  /// it starts on; a file of one document gives it whole.
  static func split(_ data: Data) -> [(Int, Data)] {
    let b = [UInt8](data)
    var out: [(Int, Data)] = []
    var depth = 0
    var inString = false
    var escaped = false
    var start = -1
    var line = 1
    var startLine = 1
    for (i, c) in b.enumerated() {
      if c == 0x0A { line += 1 }
      if inString {
        if escaped { escaped = false } else if c == 0x5C { escaped = true } else if c == 0x22 { inString = false }
        continue
      }
      switch c {
      case 0x22: inString = true
      case 0x7B, 0x5B:
        if depth == 0 {
          start = i
          startLine = line
        }
        depth += 1
      case 0x7D, 0x5D:
        depth -= 1
        if depth == 0 && start >= 0 {
          out.append((startLine, Data(b[start...i])))
          start = -1
        }
        if depth < 0 { return [(1, data)] }  // not balanced: let the parser say where
      default: break
      }
    }
    if depth != 0 || out.isEmpty { return [(1, data)] }
    return out
  }
}

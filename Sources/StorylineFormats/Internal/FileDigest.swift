import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// SHA-256 and size of a file, read in chunks.
package enum FileDigest {
  package static func sha256(path: String) throws -> (hex: String, bytes: Int64) {
    var isDir: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
      return try folderDigest(path: path)
    }
    guard let f = fopen(path, "rb") else {
      throw SourceError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
    }
    defer { fclose(f) }
    var hasher = SHA256()
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    var total: Int64 = 0
    while true {
      let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress!, 1, $0.count, f) }
      if n == 0 { break }
      total += Int64(n)
      chunk.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
    }
    let hex = hasher.finalize().map { b in
      let s = String(b, radix: 16)
      return s.count == 1 ? "0" + s : s
    }.joined()
    return (hex, total)
  }

  /// A folder's digest: SHA-256 over its files in name order, each as its relative path, a NUL,
  /// its own SHA-256 and a newline; the size is the files' total.
  package static func folderDigest(path: String) throws -> (hex: String, bytes: Int64) {
    let files = ((FileManager.default.enumerator(atPath: path)?.allObjects as? [String]) ?? []).sorted()
    var hasher = SHA256()
    var total: Int64 = 0
    for f in files {
      let full = (path as NSString).appendingPathComponent(f)
      var d: ObjCBool = false
      guard FileManager.default.fileExists(atPath: full, isDirectory: &d), !d.boolValue else { continue }
      let (hex, bytes) = try sha256(path: full)
      total += bytes
      hasher.update(data: Data((f + "\u{0}" + hex + "\n").utf8))
    }
    return (hasher.finalize().map { String(format: "%02x", $0) }.joined(), total)
  }

  /// A whole (small) file's bytes, at most `limit`; nil when it cannot be read or is larger.
  /// (Foundation's `FileManager.contents(atPath:)` leaks a buffer on empty files on Linux.)
  package static func contents(path: String, limit: Int) -> [UInt8]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress!, 1, $0.count, f) }
      if n == 0 { break }
      out.append(contentsOf: chunk[0..<n])
      if out.count > limit { return nil }
    }
    return out
  }

  /// Up to `count` bytes from the start of a file, decompressed when it is gzip.
  package static func head(path: String, count: Int = 4096) throws -> [UInt8] {
    let input = try FileInput(path: path)
    var buf = [UInt8](repeating: 0, count: count)
    var n = 0
    while n < count {
      let k = buf.withUnsafeMutableBytes { input.read(into: $0.baseAddress! + n, count: count - n) }
      if k == 0 { break }
      n += k
    }
    return Array(buf[0..<n])
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Byte searches and comparisons through libc (`memchr`, `memcmp`): the XML reader's hot path
/// scans every byte of a backup several times.
enum Bytes {
  /// The index of the first `byte` in `b` at or after `from`; `b.count` when there is none.
  @inline(__always)
  static func index(of byte: UInt8, in b: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int {
    guard from < b.count, let base = b.baseAddress,
      let hit = memchr(base + from, Int32(byte), b.count - from)
    else { return b.count }
    return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
  }

  /// Whether the two hold the same bytes.
  @inline(__always)
  static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    guard a.count > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return true }
    return memcmp(pa, pb, a.count) == 0
  }

  /// Whether `name` is one of `names`.
  @inline(__always)
  static func contains(_ names: [[UInt8]], _ name: UnsafeBufferPointer<UInt8>) -> Bool {
    for n in names where n.count == name.count {
      if n.withUnsafeBufferPointer({ equal($0, name) }) { return true }
    }
    return false
  }
}

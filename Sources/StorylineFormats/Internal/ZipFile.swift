import Foundation

/// A zip archive read for evidence and for `verify`: the central directory (ZIP64 included) and
/// each entry streamed, stored or deflated, with every size and the CRC-32 checked. Untrusted
/// archives end in an error, never in a loop: a cut or damaged entry is ``ZipError/damaged(_:)``,
/// an entry larger than it claims or than the caller allows is refused.
package final class ZipFile {
  package struct Entry: Sendable {
    package let path: String
    package let method: UInt16
    package let compressedSize: UInt64
    package let uncompressedSize: UInt64
    package let crc32: UInt32
    let localHeaderOffset: UInt64
    package var isDirectory: Bool { path.hasSuffix("/") }
  }

  package let entries: [Entry]
  private let handle: FileHandle
  private let size: UInt64
  private let byPath: [String: Int]

  static let maxEntries = 1_000_000
  static let maxDirectoryBytes: UInt64 = 256 << 20

  package init(path: String) throws {
    guard let h = FileHandle(forReadingAtPath: path) else { throw ZipError.notAZip("cannot open") }
    handle = h
    size = try h.seekToEnd()
    // The end of central directory record: within the last 64 KiB + 22 bytes.
    let tail = min(size, 65_557)
    let end = try Self.read(h, at: size - tail, count: Int(tail))
    guard let eocd = Self.lastIndex(of: [0x50, 0x4B, 0x05, 0x06], in: end), eocd + 22 <= end.count else {
      throw ZipError.notAZip("no end of central directory")
    }
    var count = UInt64(Self.u16(end, eocd + 10))
    var directorySize = UInt64(Self.u32(end, eocd + 12))
    var directoryOffset = UInt64(Self.u32(end, eocd + 16))
    if count == 0xFFFF || directoryOffset == 0xFFFF_FFFF || directorySize == 0xFFFF_FFFF {
      // ZIP64: the locator sits just before, and points at the ZIP64 end record.
      guard eocd >= 20, Array(end[(eocd - 20)..<(eocd - 16)]) == [0x50, 0x4B, 0x06, 0x07] else {
        throw ZipError.notAZip("a ZIP64 archive without its locator")
      }
      let at = Self.u64(end, eocd - 12)
      guard at + 56 <= size else { throw ZipError.notAZip("the ZIP64 end record is outside the file") }
      let z = try Self.read(h, at: at, count: 56)
      guard Array(z[0..<4]) == [0x50, 0x4B, 0x06, 0x06] else { throw ZipError.notAZip("no ZIP64 end record") }
      count = Self.u64(z, 32)
      directorySize = Self.u64(z, 40)
      directoryOffset = Self.u64(z, 48)
    }
    guard count <= UInt64(Self.maxEntries), directorySize <= Self.maxDirectoryBytes,
      directoryOffset + directorySize <= size
    else { throw ZipError.notAZip("the central directory is impossible") }
    let d = try Self.read(h, at: directoryOffset, count: Int(directorySize))
    var list: [Entry] = []
    var i = 0
    for _ in 0..<count {
      guard i + 46 <= d.count, Array(d[i..<(i + 4)]) == [0x50, 0x4B, 0x01, 0x02] else {
        throw ZipError.notAZip("central directory entry \(list.count + 1) is damaged")
      }
      let method = Self.u16(d, i + 10)
      let crc = Self.u32(d, i + 16)
      var compressed = UInt64(Self.u32(d, i + 20))
      var uncompressed = UInt64(Self.u32(d, i + 24))
      let nameLength = Int(Self.u16(d, i + 28))
      let extraLength = Int(Self.u16(d, i + 30))
      let commentLength = Int(Self.u16(d, i + 32))
      var offset = UInt64(Self.u32(d, i + 42))
      guard i + 46 + nameLength + extraLength + commentLength <= d.count else {
        throw ZipError.notAZip("central directory entry \(list.count + 1) runs past the directory")
      }
      let name = String(decoding: d[(i + 46)..<(i + 46 + nameLength)], as: UTF8.self)
      // ZIP64 extra field: the 64-bit values of the fields that say 0xFFFFFFFF, in order.
      var e = i + 46 + nameLength
      let extraEnd = e + extraLength
      while e + 4 <= extraEnd {
        let id = Self.u16(d, e)
        let length = Int(Self.u16(d, e + 2))
        var p = e + 4
        if id == 0x0001 {
          if uncompressed == 0xFFFF_FFFF, p + 8 <= e + 4 + length {
            uncompressed = Self.u64(d, p)
            p += 8
          }
          if compressed == 0xFFFF_FFFF, p + 8 <= e + 4 + length {
            compressed = Self.u64(d, p)
            p += 8
          }
          if offset == 0xFFFF_FFFF, p + 8 <= e + 4 + length { offset = Self.u64(d, p) }
        }
        e += 4 + length
      }
      list.append(
        Entry(
          path: name, method: method, compressedSize: compressed, uncompressedSize: uncompressed, crc32: crc,
          localHeaderOffset: offset))
      i += 46 + nameLength + extraLength + commentLength
    }
    entries = list
    byPath = Dictionary(list.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
  }

  deinit { try? handle.close() }

  package subscript(path: String) -> Entry? { byPath[path].map { entries[$0] } }

  /// Streams an entry's bytes to `consumer`, refusing more than `limit` of them.
  package func read(_ e: Entry, limit: UInt64 = .max, _ consumer: (UnsafeRawBufferPointer) throws -> Void) throws {
    guard e.uncompressedSize <= limit else { throw ZipError.tooLarge(e.path) }
    guard e.localHeaderOffset + 30 <= size else { throw ZipError.damaged("\(e.path): its header is outside the file") }
    let header = try Self.read(handle, at: e.localHeaderOffset, count: 30)
    guard Array(header[0..<4]) == [0x50, 0x4B, 0x03, 0x04] else {
      throw ZipError.damaged("\(e.path): no local header where the directory says")
    }
    let start = e.localHeaderOffset + 30 + UInt64(Self.u16(header, 26)) + UInt64(Self.u16(header, 28))
    guard start + e.compressedSize <= size else { throw ZipError.damaged("\(e.path): its data runs past the file") }
    guard e.method == 0 || e.method == 8 else {
      throw ZipError.damaged("\(e.path): compression method \(e.method) is not read")
    }
    var written: UInt64 = 0
    var crc: UInt32 = 0
    func emit(_ chunk: UnsafeRawBufferPointer) throws {
      written += UInt64(chunk.count)
      guard written <= e.uncompressedSize else { throw ZipError.damaged("\(e.path): larger than the directory says") }
      crc = RawInflater.crc32(crc, chunk)
      try consumer(chunk)
    }
    try handle.seek(toOffset: start)
    let inflater = e.method == 8 ? try RawInflater() : nil
    var left = e.compressedSize
    while left > 0 {
      let chunk = try handle.read(upToCount: Int(min(left, 1 << 16))) ?? Data()
      guard !chunk.isEmpty else { throw ZipError.damaged("\(e.path): the file ends inside its data") }
      left -= UInt64(chunk.count)
      try chunk.withUnsafeBytes { b in
        if let inflater { try inflater.feed(b, out: emit) } else { try emit(b) }
      }
    }
    if let inflater { try inflater.feed(UnsafeRawBufferPointer(start: nil, count: 0), out: emit) }
    guard written == e.uncompressedSize else { throw ZipError.damaged("\(e.path): shorter than the directory says") }
    guard crc == e.crc32 else { throw ZipError.damaged("\(e.path): its CRC-32 does not match") }
  }

  /// An entry's bytes, at most `limit`.
  package func data(_ e: Entry, limit: UInt64) throws -> Data {
    var out = Data()
    try read(e, limit: limit) { out.append(contentsOf: $0) }
    return out
  }

  private static func read(_ h: FileHandle, at offset: UInt64, count: Int) throws -> [UInt8] {
    try h.seek(toOffset: offset)
    let d = try h.read(upToCount: count) ?? Data()
    guard d.count == count else { throw ZipError.notAZip("cut short") }
    return Array(d)
  }

  private static func lastIndex(of pattern: [UInt8], in b: [UInt8]) -> Int? {
    guard b.count >= pattern.count else { return nil }
    var i = b.count - pattern.count
    while i >= 0 {
      if b[i] == pattern[0] && Array(b[i..<(i + pattern.count)]) == pattern { return i }
      i -= 1
    }
    return nil
  }

  private static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
  private static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
    UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
  }
  private static func u64(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(u32(b, i)) | UInt64(u32(b, i + 4)) << 32 }
}

/// Why a zip archive or one of its entries cannot be read.
package enum ZipError: Error, CustomStringConvertible, Equatable {
  case notAZip(String)
  case damaged(String)
  case tooLarge(String)

  package var description: String {
    switch self {
    case .notAZip(let why): "not a readable zip archive: \(why)"
    case .damaged(let why): "a damaged zip entry: \(why)"
    case .tooLarge(let path): "\(path): larger than Storyline reads from an archive"
    }
  }
}

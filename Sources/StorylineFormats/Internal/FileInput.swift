import CGzip
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file's bytes, decompressed when it is gzip (`server.log.gz`, `messages.2.gz`): the only
/// file that touches zlib. A gzip file is recognised by its magic bytes, not its name.
package final class FileInput {
  private enum Handle {
    case plain(UnsafeMutablePointer<FILE>)
    case gzip(gzFile)
  }
  private let handle: Handle
  /// Whether the file is gzip-compressed.
  let isCompressed: Bool

  /// Opens a file; throws ``SourceError/cannotOpen`` when it cannot be read.
  init(path: String) throws {
    guard let f = fopen(path, "rb") else {
      throw SourceError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
    }
    var magic: [UInt8] = [0, 0]
    let n = magic.withUnsafeMutableBytes { fread($0.baseAddress!, 1, 2, f) }
    if n == 2 && magic == [0x1F, 0x8B] {
      fclose(f)
      guard let g = gzopen(path, "rb") else {
        throw SourceError.cannotOpen(path: path, reason: "cannot open as gzip")
      }
      gzbuffer(g, 1 << 17)
      handle = .gzip(g)
      isCompressed = true
    } else {
      rewind(f)
      handle = .plain(f)
      isCompressed = false
    }
  }

  /// A source a reader reads whole (decompressed when gzip): at most `limit` bytes, else an
  /// error naming it and `what` it holds.
  static func whole(_ input: SourceInput, limit: Int, what: String) throws -> Data {
    let bytes: [UInt8]?
    do {
      bytes = try contents(path: input.url, limit: limit)
    } catch {
      throw SourceError.cannotOpen(path: input.displayPath, reason: "unreadable")
    }
    guard let bytes else {
      throw SourceError.cannotOpen(
        path: input.displayPath, reason: "larger than the \(limit >> 20) MiB read whole for \(what)")
    }
    return Data(bytes)
  }

  /// A whole file (decompressed when gzip), or nil when it holds more than `limit` bytes.
  static func contents(path: String, limit: Int) throws -> [UInt8]? {
    let input = try FileInput(path: path)
    var out: [UInt8] = []
    let chunk = 1 << 16
    while true {
      let start = out.count
      out.append(contentsOf: repeatElement(0, count: chunk))
      let n = out.withUnsafeMutableBytes { input.read(into: $0.baseAddress! + start, count: chunk) }
      out.removeLast(chunk - n)
      if out.count > limit { return nil }
      if n == 0 { return out }
    }
  }

  deinit {
    switch handle {
    case .plain(let f): fclose(f)
    case .gzip(let g): gzclose(g)
    }
  }

  /// Reads up to `count` bytes into `buffer`; 0 at the end. A corrupt gzip stream ends the input
  /// and sets ``damaged``.
  func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
    switch handle {
    case .plain(let f): return fread(buffer, 1, count, f)
    case .gzip(let g):
      let n = gzread(g, buffer, UInt32(min(count, Int(Int32.max))))
      if n < 0 {
        damaged = true
        return 0
      }
      if n == 0 {
        // At the end: a truncated stream reads as an end with Z_BUF_ERROR ("unexpected end of file").
        var code: Int32 = Z_OK
        _ = gzerror(g, &code)
        if code != Z_OK && code != Z_STREAM_END { damaged = true }
      }
      return Int(n)
    }
  }

  /// Whether a compressed stream turned out corrupt or truncated.
  private(set) var damaged = false

  /// Whether the file is gzip and its stream is corrupt or truncated (read to the end to know).
  package static func isDamagedGzip(path: String) -> Bool {
    guard let input = try? FileInput(path: path), input.isCompressed else { return false }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while chunk.withUnsafeMutableBytes({ input.read(into: $0.baseAddress!, count: $0.count) }) > 0 {}
    return input.damaged
  }
}

/// Raw deflate (a zip entry's data), inflated chunk by chunk with zlib — bounded: it stops at the
/// stream's end, at `limit` output bytes, or with an error at damaged or missing input, and never
/// waits for input that will not come (ZIPFoundation's own loop spins forever on a cut stream).
package final class RawInflater {
  private var stream = z_stream()
  private var open = false
  private(set) var finished = false

  package init() throws {
    let status = inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else { throw ZipError.damaged("zlib cannot start (\(status))") }
    open = true
  }

  deinit { if open { inflateEnd(&stream) } }

  /// Inflates `input` (the next compressed bytes; empty at the end of the entry's data), passing
  /// each output chunk to `out`. Throws when the data is damaged, or ends before the stream does.
  package func feed(_ input: UnsafeRawBufferPointer, out: (UnsafeRawBufferPointer) throws -> Void) throws {
    if finished { return }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
    stream.avail_in = UInt32(input.count)
    let atEnd = input.isEmpty
    repeat {
      let status = buffer.withUnsafeMutableBytes { b -> Int32 in
        stream.next_out = b.baseAddress!.assumingMemoryBound(to: UInt8.self)
        stream.avail_out = UInt32(b.count)
        return inflate(&stream, Z_NO_FLUSH)
      }
      let produced = buffer.count - Int(stream.avail_out)
      if produced > 0 { try buffer.withUnsafeBytes { try out(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) } }
      switch status {
      case Z_STREAM_END:
        finished = true
        return
      case Z_OK: continue
      case Z_BUF_ERROR:
        // No progress possible: more input is needed, and at the end there is none.
        if atEnd { throw ZipError.damaged("the compressed data ends before its stream does") }
        if stream.avail_in == 0 { return }
      default:
        throw ZipError.damaged("the compressed data is damaged (zlib \(status))")
      }
    } while stream.avail_in > 0 || stream.avail_out == 0
    if atEnd && !finished { throw ZipError.damaged("the compressed data ends before its stream does") }
  }

  /// The CRC-32 of `bytes` continuing `crc` (zlib's).
  package static func crc32(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return crc }
    return UInt32(CGzip.crc32(UInt(crc), base.assumingMemoryBound(to: UInt8.self), UInt32(bytes.count)))
  }
}

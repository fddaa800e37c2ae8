import CFileSpace
import Foundation
import StorylineCore

#if canImport(Glibc)
  import Glibc
#endif

/// A build's temporary file of written events (``EventSpill``): chunks of bytes, each with the
/// holes left in it, appended on one pass and read back in order once. It has no name (made
/// without one, or removed as soon as it is made), so that nothing is left behind however the
/// build ends.
final class SpillFile: @unchecked Sendable {
  /// Where it is, for messages.
  let directory: String
  private let descriptor: Int32
  /// Bytes written so far.
  private(set) var size: Int64 = 0
  /// Bytes it may hold.
  let limit: Int64

  /// It would grow beyond its limit: it is emptied, and takes nothing more.
  struct Full: Error {}

  /// A new file in `directory` that takes at most `limit` bytes.
  init(directory: String, limit: Int64 = .max) throws {
    self.directory = directory
    self.limit = limit
    // Made with no name where the system can (O_TMPFILE); else named and unlinked at once.
    var fd = storyline_open_unnamed(directory)
    if fd < 0 {
      var template = Array((directory as NSString).appendingPathComponent(".storyline-spill-XXXXXX").utf8CString)
      fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
      guard fd >= 0 else { throw Self.failure(directory, errno) }
      template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    }
    descriptor = fd
  }

  deinit { close(descriptor) }

  /// Appends a chunk and its holes, each as (offset, a, b): a burst's run as its source and
  /// sequence, an event left for later as -1 and its number. Throws ``Full`` rather than grow
  /// beyond the limit, and ``SpillError`` when the write fails; either way the file is emptied
  /// (its space given back while the build goes on without it).
  func append<Hole>(_ bytes: [UInt8], _ holes: [Hole], _ encode: (Hole) -> (Int, Int, Int)) throws {
    do {
      if size > limit - Int64(8 * (2 + 3 * holes.count) + bytes.count) { throw Full() }
      var head: [Int] = [bytes.count, holes.count]
      head.reserveCapacity(2 + 3 * holes.count)
      for h in holes {
        let (o, a, b) = encode(h)
        head += [o, a, b]
      }
      try head.withUnsafeBytes { try write($0) }
      try bytes.withUnsafeBytes { try write($0) }
    } catch {
      _ = ftruncate(descriptor, 0)
      size = 0
      throw error
    }
  }

  private func write(_ b: UnsafeRawBufferPointer) throws {
    var sink = FileDescriptorSink(descriptor: descriptor, path: directory)
    do {
      try sink.write(b)
    } catch let e as WriteError {
      throw SpillError(directory: directory, reason: e.reason)
    }
    size += Int64(b.count)
  }

  /// Reads the chunks back in order, from the first, once. The file's storage is given back as
  /// it is read: the report written from it takes its place, on disk and in the page cache.
  /// The reading and the giving back run on a thread of their own, a chunk or two ahead of
  /// `body`, which gets them on the calling thread.
  func chunks(_ body: (_ bytes: UnsafeRawBufferPointer, _ holes: UnsafeBufferPointer<Int>) throws -> Void) throws {
    guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw Self.failure(directory, errno) }
    let full = BatchQueue<Result<Chunk, Error>>(capacity: 2)
    let empty = BatchQueue<Chunk>(capacity: 3)
    for _ in 0..<3 { empty.put(Chunk()) }
    let reader = Thread { [self] in
      var done: Int64 = 0
      while let c = empty.take() {
        var c = c
        do {
          guard let length = try read(into: &c) else { break }
          // Where the file system cannot, the storage is given back when the file is closed.
          _ = storyline_punch_hole(descriptor, done, length)
          done += length
          guard full.put(.success(c)) else { return }
        } catch {
          full.put(.failure(error))
          break
        }
      }
      full.finish()
    }
    reader.start()
    defer {
      // Stops the reader wherever it is (it waits for room or for a buffer).
      empty.cancel()
      full.cancel()
    }
    while let next = full.take() {
      let c = try next.get()
      try c.bytes.withUnsafeBytes { b in
        try c.holes.withUnsafeBufferPointer {
          try body(.init(rebasing: b.prefix(c.size)), .init(rebasing: $0.prefix(c.count)))
        }
      }
      empty.put(c)
    }
  }

  /// A chunk read back: its bytes and holes at the start of buffers reused from chunk to chunk
  /// (a chunk is about a megabyte).
  private struct Chunk {
    var bytes: [UInt8] = []
    var holes: [Int] = []
    var size = 0
    var count = 0
  }

  /// Reads the next chunk into `c`: the bytes of the file it took; nil at the end.
  private func read(into c: inout Chunk) throws -> Int64? {
    var head = [Int](repeating: 0, count: 2)
    guard try head.withUnsafeMutableBytes({ try read($0, orEnd: true) }) else { return nil }
    (c.size, c.count) = (head[0], 3 * head[1])
    if c.holes.count < c.count { c.holes = [Int](repeating: 0, count: c.count) }
    if c.bytes.count < c.size { c.bytes = [UInt8](repeating: 0, count: c.size) }
    let count = c.count
    let size = c.size
    try c.holes.withUnsafeMutableBytes { _ = try read(.init(rebasing: $0.prefix(8 * count)), orEnd: false) }
    try c.bytes.withUnsafeMutableBytes { _ = try read(.init(rebasing: $0.prefix(size)), orEnd: false) }
    return Int64(8 * (2 + count) + size)
  }

  /// Fills `b`; false at the end of the file when `orEnd` allows it there.
  private func read(_ b: UnsafeMutableRawBufferPointer, orEnd: Bool) throws -> Bool {
    var done = 0
    while done < b.count {
      let n = Glibc.read(descriptor, b.baseAddress! + done, b.count - done)
      if n < 0 {
        if errno == EINTR { continue }
        throw Self.failure(directory, errno)
      }
      if n == 0 {
        if orEnd && done == 0 { return false }
        throw SpillError(directory: directory, reason: "it ended early")
      }
      done += n
    }
    return true
  }

  private static func failure(_ directory: String, _ code: Int32) -> SpillError {
    SpillError(directory: directory, reason: String(cString: strerror(code)))
  }
}

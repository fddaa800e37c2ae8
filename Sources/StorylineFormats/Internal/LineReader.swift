#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Streams a file's lines as bytes, in a fixed-size buffer: memory does not grow with the file.
/// gzip files are decompressed on the way (``FileInput``).
///
/// Lines end at `\n`, `\r\n` or a lone `\r`. A UTF-8 byte-order mark at the start is dropped.
/// A line longer than `maxLineBytes` is cut there (``lastLineTruncated`` says so) and the rest
/// of it is skipped. ``withNextLine(_:)`` lends the line in place, for the length of a closure
/// (the hot path of every log reader and of `storyline merge`); ``next()`` returns a copy.
package final class LineReader {
  private let file: FileInput
  private let buffer: UnsafeMutablePointer<UInt8>
  private let capacity: Int
  private var start = 0
  private var end = 0
  private var eof = false
  private var first = true
  /// The number of the line last returned, from 1.
  package var lineNumber: Int { number }
  // Private stored state (the package-visible values are computed from it), so the compiler
  // proves accesses exclusive and checks none at run time on the hot path.
  private var number = 0
  /// Bytes consumed so far (decompressed), terminators included: for progress reports.
  package var bytesConsumed: Int64 { consumed }
  private var consumed: Int64 = 0
  /// Whether the line last returned was cut at `maxLineBytes`.
  private(set) var lastLineTruncated = false
  let maxLineBytes: Int

  /// Opens a file for reading; throws ``SourceError/cannotOpen`` when it cannot be read.
  package init(path: String, maxLineBytes: Int = 1 << 20) throws {
    file = try FileInput(path: path)
    self.maxLineBytes = maxLineBytes
    capacity = max(maxLineBytes + 1, 1 << 16) + (1 << 16)
    buffer = .allocate(capacity: capacity)
  }

  deinit {
    buffer.deallocate()
    spill?.deallocate()
  }

  /// Whether a gzip file turned out corrupt or truncated (what was read before stands).
  package var inputDamaged: Bool { file.damaged }

  /// Refills the buffer after moving the unread bytes to its front. Returns false at end of file.
  private func fill() -> Bool {
    if eof { return false }
    if start > 0 {
      if start < end { memmove(buffer, buffer + start, end - start) }
      end -= start
      start = 0
    }
    if end == capacity { return true }
    let n = file.read(into: buffer + end, count: capacity - end)
    if n == 0 {
      eof = true
      return false
    }
    end += n
    if first {
      first = false
      if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
    }
    return true
  }

  /// The next line without its terminator, copied; nil at the end of the file.
  func next() -> ArraySlice<UInt8>? {
    guard let l = nextLine() else { return nil }
    return Array(l)[...]
  }

  /// Lends the next line, without its terminator, to `body` with its number and whether it was
  /// cut at `maxLineBytes`; the bytes are valid only inside `body`. False at the end of the input.
  @inline(__always)
  package func withNextLine(
    _ body: (_ line: UnsafeBufferPointer<UInt8>, _ number: Int, _ truncated: Bool) throws -> Void
  ) rethrows -> Bool {
    guard let l = nextLine() else { return false }
    try body(l, number, lastLineTruncated)
    return true
  }

  /// The next line without its terminator, in place: valid until the next call. Nil at the end.
  private func nextLine() -> UnsafeBufferPointer<UInt8>? {
    lastLineTruncated = false
    var scanFrom = start
    while true {
      // The first \n, and any \r before it (a lone \r also ends a line).
      let count = end - scanFrom
      var k = end
      if count > 0, let nl = memchr(buffer + scanFrom, 0x0A, count) {
        k = scanFrom + (buffer + scanFrom).distance(to: nl.assumingMemoryBound(to: UInt8.self))
      }
      if k - scanFrom > 0, let cr = memchr(buffer + scanFrom, 0x0D, k - scanFrom) {
        k = scanFrom + (buffer + scanFrom).distance(to: cr.assumingMemoryBound(to: UInt8.self))
      }
      if k < end {
        if buffer[k] == 0x0D && k + 1 == end && !eof {
          // A \r at the end of the buffer: read more to see whether \n follows.
          let offset = k - start
          if !fill() { return emit(lineEnd: start + offset, next: start + offset + 1) }
          k = start + offset
        }
        let terminatorLength = buffer[k] == 0x0D && k + 1 < end && buffer[k + 1] == 0x0A ? 2 : 1
        if k - start > maxLineBytes {
          let line = emit(lineEnd: start + maxLineBytes, next: k + terminatorLength)
          lastLineTruncated = true
          return line
        }
        return emit(lineEnd: k, next: k + terminatorLength)
      }
      if end - start >= maxLineBytes {
        // Too long: keep the first part aside, skip the rest of the line.
        if spill == nil { spill = .allocate(capacity: maxLineBytes) }
        spill!.update(from: buffer + start, count: maxLineBytes)
        consumed += Int64(maxLineBytes)
        start += maxLineBytes
        number += 1
        skipRestOfLine()
        lastLineTruncated = true
        return UnsafeBufferPointer(start: spill, count: maxLineBytes)
      }
      let scanned = end - start
      if !fill() {
        if start < end { return emit(lineEnd: end, next: end) }
        return nil
      }
      scanFrom = start + scanned
    }
  }

  /// Holds the kept part of an over-long line while the rest of it is skipped.
  private var spill: UnsafeMutablePointer<UInt8>? = nil

  private func emit(lineEnd: Int, next: Int) -> UnsafeBufferPointer<UInt8> {
    let line = UnsafeBufferPointer(start: buffer + start, count: lineEnd - start)
    consumed += Int64(next - start)
    start = next
    number += 1
    return line
  }

  private func skipRestOfLine() {
    while true {
      while start < end {
        let b = buffer[start]
        start += 1
        consumed += 1
        if b == 0x0A { return }
        if b == 0x0D {
          if start == end { _ = fill() }
          if start < end && buffer[start] == 0x0A {
            start += 1
            consumed += 1
          }
          return
        }
      }
      if !fill() { return }
    }
  }
}

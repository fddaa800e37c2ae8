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
/// of it is skipped.
final class LineReader {
  private let file: FileInput
  private var buffer: [UInt8]
  private var start = 0
  private var end = 0
  private var eof = false
  private var first = true
  /// The number of the line last returned, from 1.
  private(set) var lineNumber = 0
  /// Whether the line last returned was cut at `maxLineBytes`.
  private(set) var lastLineTruncated = false
  let maxLineBytes: Int

  /// Opens a file for reading; throws ``SourceError/cannotOpen`` when it cannot be read.
  init(path: String, maxLineBytes: Int = 1 << 20) throws {
    file = try FileInput(path: path)
    self.maxLineBytes = maxLineBytes
    buffer = [UInt8](repeating: 0, count: max(maxLineBytes + 1, 1 << 16) + (1 << 16))
  }

  /// Whether a gzip file turned out corrupt or truncated (what was read before stands).
  var inputDamaged: Bool { file.damaged }

  /// Refills the buffer after moving the unread bytes to its front. Returns false at end of file.
  private func fill() -> Bool {
    if eof { return false }
    if start > 0 {
      if start < end {
        buffer.withUnsafeMutableBytes { b in
          _ = memmove(b.baseAddress!, b.baseAddress! + start, end - start)
        }
      }
      end -= start
      start = 0
    }
    if end == buffer.count { return true }
    let n = buffer.withUnsafeMutableBytes { b in file.read(into: b.baseAddress! + end, count: b.count - end) }
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

  /// The next line without its terminator, or nil at the end of the file.
  func next() -> ArraySlice<UInt8>? {
    lastLineTruncated = false
    var scanFrom = start
    while true {
      // Look for a terminator in what is buffered.
      var k = scanFrom
      while k < end {
        let b = buffer[k]
        if b == 0x0A || b == 0x0D { break }
        k += 1
      }
      if k < end {
        if buffer[k] == 0x0D && k + 1 == end && !eof {
          // A \r at the end of the buffer: read more to see whether \n follows.
          let offset = k - start
          if !fill() { return emit(lineEnd: start + offset, next: start + offset + 1) }
          k = start + offset
        }
        let terminatorLength = buffer[k] == 0x0D && k + 1 < end && buffer[k + 1] == 0x0A ? 2 : 1
        return emit(lineEnd: k, next: k + terminatorLength)
      }
      if end - start >= maxLineBytes {
        // Too long: return the first part, skip the rest of the line.
        let line = emit(lineEnd: start + maxLineBytes, next: start + maxLineBytes)
        lastLineTruncated = true
        skipRestOfLine()
        return line
      }
      let scanned = end - start
      if !fill() {
        if start < end { return emit(lineEnd: end, next: end) }
        return nil
      }
      scanFrom = start + scanned
    }
  }

  private func emit(lineEnd: Int, next: Int) -> ArraySlice<UInt8> {
    let line = buffer[start..<lineEnd]
    start = next
    lineNumber += 1
    return line
  }

  private func skipRestOfLine() {
    while true {
      while start < end {
        let b = buffer[start]
        start += 1
        if b == 0x0A { return }
        if b == 0x0D {
          if start < end && buffer[start] == 0x0A { start += 1 }
          return
        }
      }
      if !fill() { return }
    }
  }
}

import CFileSpace

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where `storyline merge` writes its output: bytes in, a write failure thrown as one.
public protocol ByteSink {
  /// Writes all of `bytes`, or throws ``WriteError``.
  mutating func write(_ bytes: UnsafeRawBufferPointer) throws
}

/// A write that failed: the output named, and the system's reason.
public struct WriteError: Error, Sendable, CustomStringConvertible {
  public var path: String
  public var reason: String
  public var description: String { "\(path): error: cannot write: \(reason)" }
}

/// A file descriptor as a sink (standard output, or a file the caller opened).
public struct FileDescriptorSink: ByteSink {
  /// The descriptor written to; the caller closes it.
  public let descriptor: Int32
  /// How errors name the output (`-` for standard output).
  public let path: String

  /// Bytes written, and how many of them have been sent on to the disk.
  private var written: Int64 = 0
  private var sentOn: Int64 = 0
  private let writesBack: Bool

  /// With `writesBack` (a file from its start, to be `fsync`ed), every
  /// ``writeBackEvery`` bytes are sent on to the disk as they are written, without waiting
  /// for them: the disk works while the rest is made, and the final `fsync` waits only for
  /// the last of it.
  public init(descriptor: Int32, path: String, writesBack: Bool = false) {
    self.descriptor = descriptor
    self.path = path
    self.writesBack = writesBack
  }

  /// How many bytes are sent on to the disk at a time (``init(descriptor:path:writesBack:)``).
  public static let writeBackEvery: Int64 = 32 << 20

  public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
    guard var p = bytes.baseAddress else { return }
    var left = bytes.count
    while left > 0 {
      let n = Glibc.write(descriptor, p, left)
      if n < 0 {
        if errno == EINTR { continue }
        throw WriteError(path: path, reason: String(cString: strerror(errno)))
      }
      p += n
      left -= n
    }
    written += Int64(bytes.count)
    if writesBack && written - sentOn >= Self.writeBackEvery {
      // Where the system cannot, the final fsync writes it all, as it would have anyway.
      _ = storyline_start_writeback(descriptor, sentOn, written - sentOn)
      sentOn = written
    }
  }
}

/// Bytes collected in memory (tests, small outputs); a reference, so the caller reads what the
/// merge wrote.
public final class MemorySink: ByteSink {
  public private(set) var bytes: [UInt8] = []
  public init() {}
  public func write(_ b: UnsafeRawBufferPointer) throws { bytes.append(contentsOf: b) }
}

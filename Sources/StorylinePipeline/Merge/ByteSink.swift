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

  public init(descriptor: Int32, path: String) {
    self.descriptor = descriptor
    self.path = path
  }

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
  }
}

/// Bytes collected in memory (tests, small outputs); a reference, so the caller reads what the
/// merge wrote.
public final class MemorySink: ByteSink {
  public private(set) var bytes: [UInt8] = []
  public init() {}
  public func write(_ b: UnsafeRawBufferPointer) throws { bytes.append(contentsOf: b) }
}

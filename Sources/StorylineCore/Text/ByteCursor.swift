/// Writes bytes through a pointer, into room made for them beforehand
/// (``Swift/Array/append(atMost:_:)``): for the hot paths that write many small pieces, each of
/// which, appended to an array, would cost a call, a capacity check and a uniqueness check.
///
/// Every write checks that it fits in the room left. One that does not is not written: the
/// cursor is then ``full`` and writes nothing more, and its bytes are to be given up.
public struct ByteCursor {
  @usableFromInline var position: UnsafeMutablePointer<UInt8>
  @usableFromInline let start: UnsafeMutablePointer<UInt8>
  @usableFromInline let end: UnsafeMutablePointer<UInt8>
  /// A write did not fit: what was written is incomplete.
  public private(set) var full = false

  /// A cursor at the start of `room`.
  @inlinable
  public init(_ room: UnsafeMutableBufferPointer<UInt8>) {
    start = room.baseAddress ?? UnsafeMutablePointer(bitPattern: 1)!
    position = start
    end = start + room.count
  }

  /// Bytes written so far.
  @inlinable public var count: Int { position - start }

  /// Bytes that may still be written.
  @inlinable public var room: Int { end - position }

  /// A write did not fit: nothing more is written.
  @usableFromInline
  mutating func overflow() {
    full = true
    position = end
  }

  /// One byte.
  @inlinable
  public mutating func put(_ b: UInt8) {
    guard position < end else { return overflow() }
    position.pointee = b
    position += 1
  }

  /// The bytes as they are.
  @inlinable
  public mutating func put(_ b: UnsafeRawBufferPointer) {
    guard let from = b.baseAddress, b.count > 0 else { return }
    guard b.count <= end - position else { return overflow() }
    UnsafeMutableRawPointer(position).copyMemory(from: from, byteCount: b.count)
    position += b.count
  }

  /// A literal's UTF-8.
  @inlinable
  public mutating func put(_ s: StaticString) {
    put(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
  }

  /// A string's UTF-8 as it is.
  @inlinable
  public mutating func put(_ s: String) {
    var s = s
    s.withUTF8 { put(UnsafeRawBufferPointer($0)) }
  }

  /// `v` in decimal (at most 20 bytes).
  public mutating func putDecimal(_ v: Int) {
    write(atMost: 20) { b in
      var n = v.magnitude
      var digits = 0
      repeat {
        digits += 1
        n /= 10
      } while n > 0
      let sign = v < 0 ? 1 : 0
      if sign == 1 { b[0] = 0x2D }
      n = v.magnitude
      var i = sign + digits
      repeat {
        i -= 1
        b[i] = UInt8(0x30 + n % 10)
        n /= 10
      } while n > 0
      return sign + digits
    }
  }

  /// Lets `body` fill up to `n` bytes of the room at once (one check); it returns how many it
  /// wrote. Without `n` bytes of room left, `body` is not run and the cursor is full.
  @inlinable
  public mutating func write(atMost n: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
    guard n <= end - position else { return overflow() }
    let k = body(UnsafeMutableBufferPointer(start: position, count: n))
    precondition(k >= 0 && k <= n, "wrote \(k) bytes in room for \(n)")
    position += k
  }
}

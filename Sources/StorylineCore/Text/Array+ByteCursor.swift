extension Array where Element == UInt8 {
  /// Appends at most `n` bytes, written through a cursor into room made for them at the end (the
  /// bytes the cursor does not fill are taken off again). Returns what `body` returns. For a
  /// room known to suffice: the cursor running out of it is a programming error.
  @inlinable
  public mutating func append<R>(atMost n: Int, _ body: (inout ByteCursor) -> R) -> R {
    let (result, full) = append(room: n, body)
    precondition(!full, "the room of \(n) bytes made to append was too small")
    return result
  }

  /// ``append(atMost:_:)`` for a room that may not suffice: nil, and nothing appended, when
  /// the cursor ran out of it.
  @inlinable
  public mutating func append<R>(ifWithin n: Int, _ body: (inout ByteCursor) -> R) -> R? {
    let (result, full) = append(room: n, body)
    return full ? nil : result
  }

  @inlinable
  mutating func append<R>(room n: Int, _ body: (inout ByteCursor) -> R) -> (R, full: Bool) {
    let start = count
    if capacity - start < n { reserveCapacity(Swift.max(start + n, 2 * capacity)) }
    // The cheapest way to make the room part of the array: copy zeros into it.
    var left = n
    while left > 0 {
      let k = Swift.min(left, zeroes.count)
      zeroes.withUnsafeBufferPointer { append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<k])) }
      left -= k
    }
    let (result, used, full) = withUnsafeMutableBufferPointer { b in
      var c = ByteCursor(UnsafeMutableBufferPointer(rebasing: b[start...]))
      let r = body(&c)
      return (r, c.count, c.full)
    }
    removeLast(full ? n : n - used)
    return (result, full)
  }
}

/// The room ``Swift/Array/append(atMost:_:)`` makes is copied from here.
@usableFromInline let zeroes = [UInt8](repeating: 0, count: 4096)

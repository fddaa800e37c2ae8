/// FNV-1a, 64 bits: a hash of bytes that is the same on every run and machine (Swift's `Hasher`
/// is seeded per process), for keys that decide nothing by themselves — a log template's run,
/// a quote word's holders.
package struct FNV1a {
  package var value: UInt64 = 0xCBF2_9CE4_8422_2325

  @inlinable package init() {}

  @inline(__always) @inlinable
  package mutating func append(_ byte: UInt8) { value = (value ^ UInt64(byte)) &* 0x100_0000_01B3 }

  @inline(__always) @inlinable
  package mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
    for b in bytes { append(b) }
  }

  /// The hash of `bytes`.
  @inlinable
  package static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h = FNV1a()
    h.append(contentsOf: bytes)
    return h.value
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Decodes text in any charset the C library's iconv knows (GB18030, GBK, UTF-16, ISO-8859-x,
/// windows-125x, …) into a Swift string; invalid sequences become U+FFFD, never a failure.
enum TextDecoding {
  /// Whether the bytes are valid UTF-8.
  static func isUTF8(_ bytes: some Collection<UInt8>) -> Bool {
    var it = bytes.makeIterator()
    var decoder = UTF8()
    while true {
      switch decoder.decode(&it) {
      case .scalarValue: continue
      case .emptyInput: return true
      case .error: return false
      }
    }
  }

  /// The text of `bytes` in `charset`; nil when iconv does not know the charset.
  static func decode(_ bytes: [UInt8], charset: String) -> String? {
    let name = charset.uppercased()
    if name == "UTF-8" || name == "UTF8" || name == "US-ASCII" || name == "ASCII" {
      return String(decoding: bytes, as: UTF8.self)
    }
    let cd = iconv_open("UTF-8", name)
    guard cd != iconv_t(bitPattern: -1) else { return nil }
    defer { iconv_close(cd) }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    var input = bytes
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    input.withUnsafeMutableBufferPointer { inBuf in
      var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?.assumingMemoryBound(
        to: CChar.self)
      var inLeft = inBuf.count
      while inLeft > 0 {
        let (produced, stop) = chunk.withUnsafeMutableBufferPointer { outBuf -> (Int, Bool) in
          var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?.assumingMemoryBound(
            to: CChar.self)
          var outLeft = outBuf.count
          let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
          let n = outBuf.count - outLeft
          if r == -1 && errno != E2BIG {
            // An invalid or truncated sequence: write U+FFFD, skip one byte, go on.
            return (n, true)
          }
          return (n, false)
        }
        out.append(contentsOf: chunk[0..<produced])
        if stop {
          out.append(contentsOf: [0xEF, 0xBF, 0xBD])
          inPtr = inPtr.map { $0 + 1 }
          inLeft -= 1
        }
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}

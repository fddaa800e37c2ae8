import StorylineCore

/// Writes a JSON object member by member — for the hot paths that build no tree.
struct JSONObjectWriter {
  private var container: JSONContainer

  /// Opens the object.
  init(level: Int?, into out: inout [UInt8]) {
    container = JSONContainer(opening: 0x7B, closing: 0x7D, level: level, into: &out)
  }

  /// The depth of the members' values.
  var inner: Int? { container.inner }

  /// Starts a member; its value is written next.
  mutating func key(_ k: String, into out: inout [UInt8]) {
    container.next(into: &out)
    JSONText.quote(k, into: &out)
    out.append(0x3A)
    if container.level != nil { out.append(0x20) }
  }

  /// ``key(_:into:)`` for a key written in the source: plain ASCII, nothing to escape.
  mutating func key(_ k: StaticString, into out: inout [UInt8]) {
    container.next(key: k, into: &out)
  }

  /// A member whose key is data (an attribute's name): quoted as any string.
  mutating func string(named k: String, _ v: String, into out: inout [UInt8]) {
    key(k, into: &out)
    JSONText.quote(v, into: &out)
  }

  mutating func string(_ k: StaticString, _ v: String?, into out: inout [UInt8]) {
    key(k, into: &out)
    if let v { JSONText.quote(v, into: &out) } else { out.append(contentsOf: "null".utf8) }
  }

  mutating func int(_ k: StaticString, _ v: Int?, into out: inout [UInt8]) {
    key(k, into: &out)
    guard let v else { return out.append(contentsOf: "null".utf8) }
    Self.digits(v, into: &out)
  }

  /// `v` in decimal, without a `String` in between.
  static func digits(_ v: Int, into out: inout [UInt8]) {
    if v >= 0 && v < 10 { return out.append(UInt8(0x30 + v)) }
    var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for any Int
    withUnsafeMutableBytes(of: &buffer) { b in
      var n = v.magnitude
      var i = b.count
      repeat {
        i -= 1
        b[i] = UInt8(0x30 + n % 10)
        n /= 10
      } while n > 0
      if v < 0 {
        i -= 1
        b[i] = 0x2D
      }
      out.append(contentsOf: UnsafeRawBufferPointer(rebasing: b[i...]))
    }
  }

  mutating func bool(_ k: StaticString, _ v: Bool?, into out: inout [UInt8]) {
    key(k, into: &out)
    out.append(contentsOf: (v.map { $0 ? "true" : "false" } ?? "null").utf8)
  }

  mutating func strings(_ k: StaticString, _ v: [String], into out: inout [UInt8]) {
    strings(k, v, { $0 }, into: &out)
  }

  /// ``strings(_:_:into:)`` of a property of each element, without an array in between.
  mutating func strings<T>(_ k: StaticString, _ v: [T], _ text: (T) -> String, into out: inout [UInt8]) {
    key(k, into: &out)
    var a = JSONArrayWriter(level: inner, into: &out)
    for x in v {
      a.item(into: &out)
      JSONText.quote(text(x), into: &out)
    }
    a.close(into: &out)
  }

  func close(into out: inout [UInt8]) { container.close(into: &out) }
}

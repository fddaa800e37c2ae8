import StorylineCore

/// What writing a JSON object and a JSON array share, laid out exactly as ``JSONValue`` lays out a
/// tree at the same depth (`level` nil: compact): the opening bracket, a comma and the indentation
/// before each member or item, the closing bracket on its own line.
struct JSONContainer {
  let level: Int?
  private let closing: UInt8
  private var count = 0

  init(opening: UInt8, closing: UInt8, level: Int?, into out: inout [UInt8]) {
    self.level = level
    self.closing = closing
    out.append(opening)
  }

  /// The depth of the members or items.
  var inner: Int? { level.map { $0 + 2 } }

  /// Starts the next member or item.
  mutating func next(into out: inout [UInt8]) {
    if count > 0 { out.append(0x2C) }
    count += 1
    JSONValue.newline(inner, into: &out)
  }

  /// Starts the next member, `"key": ` and all, appended at once (the hot path: a key written in
  /// the source, plain ASCII, at a usual depth). Lays out what ``next(into:)`` and a quoted key
  /// would.
  mutating func next(key k: StaticString, into out: inout [UInt8]) {
    let indent = inner ?? -1
    let n = k.utf8CodeUnitCount
    guard indent < 64 else {
      next(into: &out)
      out.append(0x22)
      out.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: n))
      out.append(contentsOf: [0x22, 0x3A, 0x20])
      return
    }
    let comma = count > 0
    count += 1
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n + 70) { b in
      var i = 0
      if comma {
        b[i] = 0x2C
        i += 1
      }
      if indent >= 0 {
        b[i] = 0x0A
        i += 1
        for _ in 0..<indent {
          b[i] = 0x20
          i += 1
        }
      }
      b[i] = 0x22
      i += 1
      UnsafeMutableRawPointer(b.baseAddress! + i).copyMemory(from: k.utf8Start, byteCount: n)
      i += n
      b[i] = 0x22
      b[i + 1] = 0x3A
      i += 2
      if indent >= 0 {
        b[i] = 0x20
        i += 1
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: b[0..<i]))
    }
  }

  func close(into out: inout [UInt8]) {
    if count > 0 { JSONValue.newline(level, into: &out) }
    out.append(closing)
  }
}

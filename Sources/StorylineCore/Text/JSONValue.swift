import StorylineCore

/// A JSON value with object keys in a fixed order, so that reports read in the documented order
/// and are byte-identical from run to run.
package indirect enum JSONValue {
  case object([(String, JSONValue)])
  case array([JSONValue])
  case string(String)
  case int(Int64)
  case bool(Bool)
  case null
  /// A value written by a function (a hot path that builds no tree); it is given the depth the
  /// value sits at (nil: compact) and writes exactly what the equivalent tree would.
  case written(@Sendable (inout [UInt8], Int?) -> Void)

  package static func int(_ v: Int) -> JSONValue { .int(Int64(v)) }
  package static func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
  package static func optional(_ v: Int?) -> JSONValue { v.map { .int(Int64($0)) } ?? .null }
  package static func strings(_ a: [String]) -> JSONValue { .array(a.map { .string($0) }) }

  /// Two-space indented JSON text, ending in a newline.
  package func rendered() -> String {
    var out: [UInt8] = []
    write(into: &out, indent: 0)
    out.append(0x0A)
    return String(decoding: out, as: UTF8.self)
  }

  /// The value on one line, without spaces (JSON lines); indented like ``rendered()`` otherwise.
  package func rendered(compact: Bool) -> String {
    guard compact else { return rendered() }
    var out: [UInt8] = []
    write(into: &out, indent: nil)
    return String(decoding: out, as: UTF8.self)
  }

  /// ``rendered(compact:)`` appended to `out` as UTF-8 (without the indented text's last newline).
  package func write(into out: inout [UInt8], compact: Bool) { write(into: &out, indent: compact ? nil : 0) }

  /// A scalar as plain text (CSV cells): strings as they are, null empty.
  package var plainText: String {
    switch self {
    case .null: ""
    case .bool(let b): b ? "true" : "false"
    case .int(let i): String(i)
    case .string(let s): s
    case .array, .object, .written: rendered(compact: true)
    }
  }

  /// Writes the value as UTF-8; `indent` nil writes it on one line without spaces.
  private func write(into out: inout [UInt8], indent: Int?) {
    let inner = indent.map { $0 + 2 }
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .int(let i): out.append(atMost: 20) { $0.putDecimal(Int(i)) }
    case .string(let s): JSONText.quote(s, into: &out)
    case .written(let write): write(&out, indent)
    case .array(let items):
      out.append(0x5B)
      for (k, item) in items.enumerated() {
        if k > 0 { out.append(0x2C) }
        JSONValue.newline(inner, into: &out)
        item.write(into: &out, indent: inner)
      }
      if !items.isEmpty { JSONValue.newline(indent, into: &out) }
      out.append(0x5D)
    case .object(let members):
      out.append(0x7B)
      for (k, (key, value)) in members.enumerated() {
        if k > 0 { out.append(0x2C) }
        JSONValue.newline(inner, into: &out)
        JSONText.quote(key, into: &out)
        out.append(0x3A)
        if indent != nil { out.append(0x20) }
        value.write(into: &out, indent: inner)
      }
      if !members.isEmpty { JSONValue.newline(indent, into: &out) }
      out.append(0x7D)
    }
  }

  /// A newline and `level` spaces before a member or item (nothing when compact).
  package static func newline(_ level: Int?, into out: inout [UInt8]) {
    guard let level else { return }
    out.append(atMost: level + 1) { newline(level, to: &$0) }
  }

  /// ``newline(_:into:)`` through a cursor with `level + 1` bytes of room.
  @inlinable
  package static func newline(_ level: Int?, to c: inout ByteCursor) {
    guard let level else { return }
    c.write(atMost: level + 1) { b in
      b[0] = 0x0A
      spaces(level, at: b.baseAddress! + 1)
      return level + 1
    }
  }

  /// `n` spaces at `p`, eight at a time.
  @inlinable
  package static func spaces(_ n: Int, at p: UnsafeMutablePointer<UInt8>) {
    var i = 0
    while i + 8 <= n {
      UnsafeMutableRawPointer(p + i).storeBytes(of: 0x2020_2020_2020_2020 as UInt64, as: UInt64.self)
      i += 8
    }
    while i < n {
      p[i] = 0x20
      i += 1
    }
  }

  /// A member's start, `,` (unless `first`), the newline and indentation of `level` (none when
  /// nil: compact) and `"key": ` (`"key":` compact), through a cursor with
  /// ``memberRoom(_:level:)`` of room.
  @inlinable
  package static func member(_ key: StaticString, first: Bool, level: Int?, to c: inout ByteCursor) {
    let n = key.utf8CodeUnitCount
    c.write(atMost: memberRoom(key, level: level)) { b in
      let p = b.baseAddress!
      var k = 0
      if !first {
        p[0] = 0x2C
        k = 1
      }
      if let level {
        p[k] = 0x0A
        spaces(level, at: p + k + 1)
        k += level + 1
      }
      p[k] = 0x22
      UnsafeMutableRawPointer(p + k + 1).copyMemory(from: key.utf8Start, byteCount: n)
      k += n + 1
      p[k] = 0x22
      p[k + 1] = 0x3A
      k += 2
      if level != nil {
        p[k] = 0x20
        k += 1
      }
      return k
    }
  }

  /// The most room ``member(_:first:level:to:)`` takes.
  @inlinable
  package static func memberRoom(_ key: StaticString, level: Int?) -> Int {
    key.utf8CodeUnitCount + 6 + (level ?? 0)
  }

}

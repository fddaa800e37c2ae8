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
    var out = ""
    write(into: &out, indent: 0)
    out += "\n"
    return out
  }

  /// The value on one line, without spaces (JSON lines); indented like ``rendered()`` otherwise.
  package func rendered(compact: Bool) -> String {
    guard compact else { return rendered() }
    var out = ""
    write(into: &out, indent: nil)
    return out
  }

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

  /// Writes the value; `indent` nil writes it on one line without spaces.
  private func write(into out: inout String, indent: Int?) {
    let inner = indent.map { $0 + 2 }
    func newline(_ level: Int?) {
      guard let level else { return }
      out += level < JSONValue.newlines.count ? JSONValue.newlines[level] : "\n" + String(repeating: " ", count: level)
    }
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .string(let s): JSONValue.quote(s, into: &out)
    case .written(let write):
      var bytes: [UInt8] = []
      write(&bytes, indent)
      out += String(decoding: bytes, as: UTF8.self)
    case .array(let items):
      out += "["
      for (k, item) in items.enumerated() {
        if k > 0 { out += "," }
        newline(inner)
        item.write(into: &out, indent: inner)
      }
      if !items.isEmpty { newline(indent) }
      out += "]"
    case .object(let members):
      out += "{"
      for (k, (key, value)) in members.enumerated() {
        if k > 0 { out += "," }
        newline(inner)
        JSONValue.quote(key, into: &out)
        out += indent == nil ? ":" : ": "
        value.write(into: &out, indent: inner)
      }
      if !members.isEmpty { newline(indent) }
      out += "}"
    }
  }

  package static func quote(_ s: String, into out: inout String) { JSONText.quote(s, into: &out) }

  /// A newline and `level` spaces before a member or item (nothing when compact).
  package static func newline(_ level: Int?, into out: inout [UInt8]) {
    guard let level else { return }
    if level < newlineBytes.count {
      newlineBytes.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0...level])) }
    } else {
      out.append(0x0A)
      out.append(contentsOf: repeatElement(UInt8(0x20), count: level))
    }
  }

  /// A newline and spaces, for the usual depths: the first `level + 1` bytes.
  private static let newlineBytes: [UInt8] = [0x0A] + Array(repeating: 0x20, count: 63)

  /// A newline and `n` spaces, for the usual depths.
  private static let newlines: [String] = (0..<40).map { "\n" + String(repeating: " ", count: $0) }
}

import StorylineCore

/// A JSON value with object keys in a fixed order, so that reports read in the documented order
/// and are byte-identical from run to run.
indirect enum JSONValue {
  case object([(String, JSONValue)])
  case array([JSONValue])
  case string(String)
  case int(Int64)
  case bool(Bool)
  case null

  static func int(_ v: Int) -> JSONValue { .int(Int64(v)) }
  static func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
  static func optional(_ v: Int?) -> JSONValue { v.map { .int(Int64($0)) } ?? .null }
  static func strings(_ a: [String]) -> JSONValue { .array(a.map { .string($0) }) }

  /// Two-space indented JSON text, ending in a newline.
  func rendered() -> String {
    var out = ""
    write(into: &out, indent: 0)
    out += "\n"
    return out
  }

  /// The value on one line, without spaces (JSON lines).
  func rendered(compact: Bool) -> String {
    guard compact else { return rendered() }
    var out = ""
    writeCompact(into: &out)
    return out
  }

  private func writeCompact(into out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .string(let s): JSONValue.quote(s, into: &out)
    case .array(let items):
      out += "["
      for (k, item) in items.enumerated() {
        if k > 0 { out += "," }
        item.writeCompact(into: &out)
      }
      out += "]"
    case .object(let members):
      out += "{"
      for (k, (key, value)) in members.enumerated() {
        if k > 0 { out += "," }
        JSONValue.quote(key, into: &out)
        out += ":"
        value.writeCompact(into: &out)
      }
      out += "}"
    }
  }

  /// A scalar as plain text (CSV cells): strings as they are, null empty.
  var plainText: String {
    switch self {
    case .null: ""
    case .bool(let b): b ? "true" : "false"
    case .int(let i): String(i)
    case .string(let s): s
    case .array, .object: rendered(compact: true)
    }
  }

  private func write(into out: inout String, indent: Int) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .string(let s): JSONValue.quote(s, into: &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "[\n"
      for (k, item) in items.enumerated() {
        out += String(repeating: " ", count: indent + 2)
        item.write(into: &out, indent: indent + 2)
        out += k + 1 < items.count ? ",\n" : "\n"
      }
      out += String(repeating: " ", count: indent) + "]"
    case .object(let members):
      if members.isEmpty {
        out += "{}"
        return
      }
      out += "{\n"
      for (k, (key, value)) in members.enumerated() {
        out += String(repeating: " ", count: indent + 2)
        JSONValue.quote(key, into: &out)
        out += ": "
        value.write(into: &out, indent: indent + 2)
        out += k + 1 < members.count ? ",\n" : "\n"
      }
      out += String(repeating: " ", count: indent) + "}"
    }
  }

  static func quote(_ s: String, into out: inout String) { JSONText.quote(s, into: &out) }
}

import StorylineCore

/// Writes a JSON object member by member, laid out exactly as ``JSONValue`` lays out a tree at the
/// same depth (`level` nil: compact) — for the hot paths that build no tree.
struct JSONObjectWriter {
  let level: Int?
  private var count = 0

  /// Opens the object.
  init(level: Int?, into out: inout String) {
    self.level = level
    out += "{"
  }

  /// The depth of the members' values.
  var inner: Int? { level.map { $0 + 2 } }

  /// Starts a member; its value is written next.
  mutating func key(_ k: String, into out: inout String) {
    if count > 0 { out += "," }
    count += 1
    JSONValue.newline(inner, into: &out)
    JSONText.quote(k, into: &out)
    out += level == nil ? ":" : ": "
  }

  mutating func string(_ k: String, _ v: String?, into out: inout String) {
    key(k, into: &out)
    if let v { JSONText.quote(v, into: &out) } else { out += "null" }
  }

  mutating func int(_ k: String, _ v: Int?, into out: inout String) {
    key(k, into: &out)
    out += v.map { String($0) } ?? "null"
  }

  mutating func bool(_ k: String, _ v: Bool?, into out: inout String) {
    key(k, into: &out)
    out += v.map { $0 ? "true" : "false" } ?? "null"
  }

  mutating func strings(_ k: String, _ v: [String], into out: inout String) {
    key(k, into: &out)
    var a = JSONArrayWriter(level: inner, into: &out)
    for s in v {
      a.item(into: &out)
      JSONText.quote(s, into: &out)
    }
    a.close(into: &out)
  }

  func close(into out: inout String) {
    if count > 0 { JSONValue.newline(level, into: &out) }
    out += "}"
  }
}

/// Writes a JSON array item by item, laid out as ``JSONValue`` lays one out.
struct JSONArrayWriter {
  let level: Int?
  private var count = 0

  init(level: Int?, into out: inout String) {
    self.level = level
    out += "["
  }

  /// The depth of the items.
  var inner: Int? { level.map { $0 + 2 } }

  /// Starts an item; it is written next.
  mutating func item(into out: inout String) {
    if count > 0 { out += "," }
    count += 1
    JSONValue.newline(inner, into: &out)
  }

  func close(into out: inout String) {
    if count > 0 { JSONValue.newline(level, into: &out) }
    out += "]"
  }
}

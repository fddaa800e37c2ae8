import StorylineCore

/// Writes a JSON object member by member, laid out exactly as ``JSONValue`` lays out a tree at the
/// same depth (`level` nil: compact) — for the hot paths that build no tree.
struct JSONObjectWriter {
  let level: Int?
  private var count = 0

  /// Opens the object.
  init(level: Int?, into out: inout [UInt8]) {
    self.level = level
    out.append(0x7B)
  }

  /// The depth of the members' values.
  var inner: Int? { level.map { $0 + 2 } }

  /// Starts a member; its value is written next.
  mutating func key(_ k: String, into out: inout [UInt8]) {
    if count > 0 { out.append(0x2C) }
    count += 1
    JSONValue.newline(inner, into: &out)
    JSONText.quote(k, into: &out)
    out.append(0x3A)
    if level != nil { out.append(0x20) }
  }

  mutating func string(_ k: String, _ v: String?, into out: inout [UInt8]) {
    key(k, into: &out)
    if let v { JSONText.quote(v, into: &out) } else { out.append(contentsOf: "null".utf8) }
  }

  mutating func int(_ k: String, _ v: Int?, into out: inout [UInt8]) {
    key(k, into: &out)
    out.append(contentsOf: (v.map { String($0) } ?? "null").utf8)
  }

  mutating func bool(_ k: String, _ v: Bool?, into out: inout [UInt8]) {
    key(k, into: &out)
    out.append(contentsOf: (v.map { $0 ? "true" : "false" } ?? "null").utf8)
  }

  mutating func strings(_ k: String, _ v: [String], into out: inout [UInt8]) {
    key(k, into: &out)
    var a = JSONArrayWriter(level: inner, into: &out)
    for s in v {
      a.item(into: &out)
      JSONText.quote(s, into: &out)
    }
    a.close(into: &out)
  }

  func close(into out: inout [UInt8]) {
    if count > 0 { JSONValue.newline(level, into: &out) }
    out.append(0x7D)
  }
}

/// Writes a JSON array item by item, laid out as ``JSONValue`` lays one out.
struct JSONArrayWriter {
  let level: Int?
  private var count = 0

  init(level: Int?, into out: inout [UInt8]) {
    self.level = level
    out.append(0x5B)
  }

  /// The depth of the items.
  var inner: Int? { level.map { $0 + 2 } }

  /// Starts an item; it is written next.
  mutating func item(into out: inout [UInt8]) {
    if count > 0 { out.append(0x2C) }
    count += 1
    JSONValue.newline(inner, into: &out)
  }

  func close(into out: inout [UInt8]) {
    if count > 0 { JSONValue.newline(level, into: &out) }
    out.append(0x5D)
  }
}

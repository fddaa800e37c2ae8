import StorylineCore

/// Writes a JSON object member by member — for the hot paths that build no tree.
struct JSONObjectWriter {
  private var container: JSONContainer

  /// Opens the object.
  init<O: JSONOutput>(level: Int?, into out: inout O) {
    container = JSONContainer(opening: 0x7B, closing: 0x7D, level: level, into: &out)
  }

  /// The depth of the members' values.
  var inner: Int? { container.inner }

  /// Starts a member; its value is written next.
  mutating func key<O: JSONOutput>(_ k: String, into out: inout O) {
    container.next(into: &out)
    out.quote(k)
    out.byte(0x3A)
    if container.level != nil { out.byte(0x20) }
  }

  /// ``key(_:into:)`` for a key written in the source: plain ASCII, nothing to escape.
  mutating func key<O: JSONOutput>(_ k: StaticString, into out: inout O) {
    container.next(key: k, into: &out)
  }

  /// A member whose key is data (an attribute's name): quoted as any string.
  mutating func string<O: JSONOutput>(named k: String, _ v: String, into out: inout O) {
    key(k, into: &out)
    out.quote(v)
  }

  mutating func string<O: JSONOutput>(_ k: StaticString, _ v: String?, into out: inout O) {
    key(k, into: &out)
    if let v { out.quote(v) } else { out.text("null") }
  }

  mutating func int<O: JSONOutput>(_ k: StaticString, _ v: Int?, into out: inout O) {
    key(k, into: &out)
    if let v { out.decimal(v) } else { out.text("null") }
  }

  mutating func bool<O: JSONOutput>(_ k: StaticString, _ v: Bool?, into out: inout O) {
    key(k, into: &out)
    switch v {
    case true?: out.text("true")
    case false?: out.text("false")
    case nil: out.text("null")
    }
  }

  mutating func strings<O: JSONOutput>(_ k: StaticString, _ v: [String], into out: inout O) {
    strings(k, v, { $0 }, into: &out)
  }

  /// ``strings(_:_:into:)`` of a property of each element, without an array in between.
  mutating func strings<T, O: JSONOutput>(_ k: StaticString, _ v: [T], _ text: (T) -> String, into out: inout O) {
    key(k, into: &out)
    var a = JSONArrayWriter(level: inner, into: &out)
    for x in v {
      a.item(into: &out)
      out.quote(text(x))
    }
    a.close(into: &out)
  }

  func close<O: JSONOutput>(into out: inout O) { container.close(into: &out) }
}

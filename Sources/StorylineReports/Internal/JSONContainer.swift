import StorylineCore

/// What writing a JSON object and a JSON array share, laid out exactly as ``JSONValue`` lays out a
/// tree at the same depth (`level` nil: compact): the opening bracket, a comma and the indentation
/// before each member or item, the closing bracket on its own line.
struct JSONContainer {
  let level: Int?
  private let closing: UInt8
  private var count = 0

  init<O: JSONOutput>(opening: UInt8, closing: UInt8, level: Int?, into out: inout O) {
    self.level = level
    self.closing = closing
    out.byte(opening)
  }

  /// The depth of the members or items.
  var inner: Int? { level.map { $0 + 2 } }

  /// Starts the next member or item.
  mutating func next<O: JSONOutput>(into out: inout O) {
    if count > 0 { out.byte(0x2C) }
    count += 1
    out.newline(inner)
  }

  /// Starts the next member, `"key": ` and all: a key written in the source, plain ASCII.
  mutating func next<O: JSONOutput>(key k: StaticString, into out: inout O) {
    out.member(k, first: count == 0, level: inner)
    count += 1
  }

  func close<O: JSONOutput>(into out: inout O) {
    if count > 0 { out.newline(level) }
    out.byte(closing)
  }
}

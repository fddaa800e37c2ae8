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

  func close(into out: inout [UInt8]) {
    if count > 0 { JSONValue.newline(level, into: &out) }
    out.append(closing)
  }
}

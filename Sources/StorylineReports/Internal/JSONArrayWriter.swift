/// Writes a JSON array item by item.
struct JSONArrayWriter {
  private var container: JSONContainer

  init(level: Int?, into out: inout [UInt8]) {
    container = JSONContainer(opening: 0x5B, closing: 0x5D, level: level, into: &out)
  }

  /// The depth of the items.
  var inner: Int? { container.inner }

  /// Starts an item; it is written next.
  mutating func item(into out: inout [UInt8]) { container.next(into: &out) }

  func close(into out: inout [UInt8]) { container.close(into: &out) }
}

/// Writes a JSON array item by item.
struct JSONArrayWriter {
  private var container: JSONContainer

  init<O: JSONOutput>(level: Int?, into out: inout O) {
    container = JSONContainer(opening: 0x5B, closing: 0x5D, level: level, into: &out)
  }

  /// The depth of the items.
  var inner: Int? { container.inner }

  /// Starts an item; it is written next.
  mutating func item<O: JSONOutput>(into out: inout O) { container.next(into: &out) }

  func close<O: JSONOutput>(into out: inout O) { container.close(into: &out) }
}

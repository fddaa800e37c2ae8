/// An event's named details (`message_id`, `host`, `status` …), in the order the evidence gives
/// them; a name may repeat.
public struct Attributes: Sendable, RandomAccessCollection, ExpressibleByArrayLiteral {
  /// One detail.
  public typealias Element = (key: String, value: String)

  private var pairs: [Element]

  public init() { pairs = [] }
  public init(_ pairs: [Element]) { self.pairs = pairs }
  public init(arrayLiteral elements: Element...) { pairs = elements }

  public var startIndex: Int { pairs.startIndex }
  public var endIndex: Int { pairs.endIndex }
  public subscript(position: Int) -> Element { pairs[position] }

  /// The first value of this name.
  public subscript(key: String) -> String? { pairs.first { $0.key == key }?.value }

  /// Adds a detail at the end.
  public mutating func append(_ key: String, _ value: String) { pairs.append((key, value)) }
  public mutating func append(_ element: Element) { pairs.append(element) }
  public mutating func append(contentsOf other: Attributes) { pairs += other.pairs }

  /// Adds a detail at a position.
  public mutating func insert(_ element: Element, at index: Int) { pairs.insert(element, at: index) }

  /// Keeps the details `transform` returns, changed as it returns them.
  public func compactMap(_ transform: (Element) throws -> Element?) rethrows -> Attributes {
    Attributes(try pairs.compactMap(transform))
  }

  /// Every detail changed by `transform`.
  public func map(_ transform: (Element) throws -> Element) rethrows -> Attributes {
    Attributes(try pairs.map(transform))
  }

  /// Whether a name comes twice (a JSON object's keys must not): compared in place, without
  /// copying a detail out.
  public var repeatsAName: Bool {
    for i in pairs.indices {
      for j in 0..<i where pairs[j].key == pairs[i].key { return true }
    }
    return false
  }

  /// Whether a detail of this name is present.
  public func contains(key: String) -> Bool { pairs.contains { $0.key == key } }
}

/// An event's named details (`message_id`, `host`, `status` …), in the order the evidence gives
/// them; a name may repeat.
public struct Attributes: Sendable, RandomAccessCollection, ExpressibleByArrayLiteral {
  /// One detail.
  public typealias Element = (key: String, value: String)

  /// A detail as stored: a struct, not a tuple, so that freeing an event's details is a
  /// compiled destructor per detail rather than the runtime's generic one for tuples.
  private struct Pair: Sendable {
    var key: String
    var value: String
  }

  private var pairs: [Pair]

  public init() { pairs = [] }
  public init(_ pairs: [Element]) { self.pairs = pairs.map { Pair(key: $0.key, value: $0.value) } }
  public init(arrayLiteral elements: Element...) { self.init(elements) }

  /// No details yet, with room for `capacity` (a reader that knows how many it adds).
  public init(capacity: Int) {
    pairs = []
    pairs.reserveCapacity(capacity)
  }

  private init(pairs: [Pair]) { self.pairs = pairs }

  public var startIndex: Int { pairs.startIndex }
  public var endIndex: Int { pairs.endIndex }
  public subscript(position: Int) -> Element { (pairs[position].key, pairs[position].value) }

  /// The first value of this name.
  public subscript(key: String) -> String? { pairs.first { $0.key == key }?.value }

  /// Adds a detail at the end.
  public mutating func append(_ key: String, _ value: String) { pairs.append(Pair(key: key, value: value)) }
  public mutating func append(_ element: Element) { append(element.key, element.value) }
  public mutating func append(contentsOf other: Attributes) { pairs += other.pairs }

  /// Adds a detail at a position.
  public mutating func insert(_ element: Element, at index: Int) {
    pairs.insert(Pair(key: element.key, value: element.value), at: index)
  }

  /// Keeps the details `transform` returns, changed as it returns them.
  public func compactMap(_ transform: (Element) throws -> Element?) rethrows -> Attributes {
    Attributes(
      pairs: try pairs.compactMap { try transform(($0.key, $0.value)).map { Pair(key: $0.key, value: $0.value) } })
  }

  /// Every detail changed by `transform`.
  public func map(_ transform: (Element) throws -> Element) rethrows -> Attributes {
    Attributes(
      pairs: try pairs.map {
        let (k, v) = try transform(($0.key, $0.value))
        return Pair(key: k, value: v)
      })
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

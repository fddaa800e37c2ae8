/// A text with `{name}` slots, cut at its slots once so that filling it is appending, not
/// searching: the one way every catalogue text and every ``Phrase`` is filled.
public struct TextTemplate: Sendable, Hashable {
  /// A run of text or a slot.
  public enum Part: Sendable, Hashable {
    case text(String)
    case slot(String)
  }

  public let parts: [Part]

  /// `"{n} min"` → a slot `n` and the text ` min`. A brace that opens no `{name}` (letters and
  /// `_` only) is text.
  public init(_ s: String) {
    var out: [Part] = []
    var text = ""
    var rest = Substring(s)
    while let open = rest.firstIndex(of: "{") {
      text += rest[..<open]
      let after = rest[rest.index(after: open)...]
      if let close = after.firstIndex(of: "}"), !after[..<close].isEmpty,
        after[..<close].allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "_") })
      {
        if !text.isEmpty { out.append(.text(text)) }
        text = ""
        out.append(.slot(String(after[..<close])))
        rest = after[after.index(after: close)...]
      } else {
        text += "{"
        rest = after
      }
    }
    text += rest
    if !text.isEmpty { out.append(.text(text)) }
    parts = out
  }

  /// The names of the slots, in order.
  public var slots: [String] {
    parts.compactMap { if case .slot(let n) = $0 { n } else { nil } }
  }

  /// The text with each slot filled by `value(name)`; a slot it gives nil for stays `{name}`.
  public func fill(_ value: (String) -> String?) -> String {
    var out = ""
    for p in parts {
      switch p {
      case .text(let t): out += t
      case .slot(let name): out += value(name) ?? "{\(name)}"
      }
    }
    return out
  }
}

/// An element or text of an HTML document, as a plain Swift tree (built by libxml2's HTML
/// parser in `XMLStreamReader.swift`, the one file that touches the C library).
struct HTMLNode {
  var name: String
  var attributes: [String: String]
  var children: [HTMLNode]
  /// For text nodes (`name` is `#text`).
  var text: String
  /// The line the node starts on.
  var line: Int

  /// The `class` attribute's words.
  var classes: [Substring] { (attributes["class"] ?? "").split(separator: " ") }

  func hasClass(_ c: String) -> Bool { classes.contains { $0 == c } }

  /// Every element below this one, depth first, in document order.
  func descendants(where test: (HTMLNode) -> Bool) -> [HTMLNode] {
    var out: [HTMLNode] = []
    for c in children {
      if c.name != "#text" && test(c) { out.append(c) }
      out += c.descendants(where: test)
    }
    return out
  }

  func first(where test: (HTMLNode) -> Bool) -> HTMLNode? {
    for c in children {
      if c.name != "#text" && test(c) { return c }
      if let found = c.first(where: test) { return found }
    }
    return nil
  }

  /// The text inside, with `<br>` as a line break.
  var textContent: String {
    if name == "#text" { return text }
    if name == "br" { return "\n" }
    return children.map(\.textContent).joined()
  }
}

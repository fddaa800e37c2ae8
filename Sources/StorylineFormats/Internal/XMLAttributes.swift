/// An element's attributes in document order, looked up by name with a linear scan: an export's
/// elements have a dozen attributes or fewer, where hashing every name costs more than comparing.
struct XMLAttributes {
  var pairs: [(name: String, value: String)]

  /// The value of the attribute of this name, if present (the first, were it repeated).
  subscript(_ name: String) -> String? {
    for p in pairs where p.name == name { return p.value }
    return nil
  }
}

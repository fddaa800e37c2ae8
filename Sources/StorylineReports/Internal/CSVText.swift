/// CSV cells: RFC 4180 quoting and formula neutralization.
enum CSVText {
  /// A cell a spreadsheet would evaluate (`=`, `+`, `-`, `@`, tab, CR first) gets a leading `'`.
  static func neutralize(_ s: String) -> String {
    guard let first = s.unicodeScalars.first else { return s }
    return "=+-@\t\r".unicodeScalars.contains(first) ? "'" + s : s
  }

  static func cell(_ s: String) -> String {
    let v = neutralize(s)
    if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return v
  }

  static func row(_ cells: [String]) -> String { cells.map(cell).joined(separator: ",") + "\r\n" }

  /// The row appended as UTF-8.
  static func row(_ cells: [String], into out: inout [UInt8]) {
    for (k, c) in cells.enumerated() {
      if k > 0 { out.append(0x2C) }
      out.append(contentsOf: cell(c).utf8)
    }
    out.append(contentsOf: [0x0D, 0x0A])
  }
}

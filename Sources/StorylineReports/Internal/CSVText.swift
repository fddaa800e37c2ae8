/// CSV cells: RFC 4180 quoting, formula neutralization and control characters made visible.
enum CSVText {
  /// Control characters (C0 but tab, line feed and carriage return; DEL; C1) written as `\x1B`:
  /// a terminal that `cat`s the file or a viewer must not receive escape sequences.
  static func visibleControls(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: isHidden) else { return s }
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
      if isHidden(u) {
        out.append(contentsOf: String(format: "\\x%02X", u.value).unicodeScalars)
      } else {
        out.append(u)
      }
    }
    return String(out)
  }

  private static func isHidden(_ u: Unicode.Scalar) -> Bool {
    (u.value < 0x20 && u != "\t" && u != "\n" && u != "\r") || (u.value >= 0x7F && u.value < 0xA0)
  }

  /// A cell a spreadsheet would evaluate (`=`, `+`, `-`, `@`, tab, CR first) gets a leading `'`.
  static func neutralize(_ s: String) -> String {
    guard let first = s.unicodeScalars.first else { return s }
    return "=+-@\t\r".unicodeScalars.contains(first) ? "'" + s : s
  }

  /// The cell as written: quoted when it holds a comma, a quote or a line break, its quotes
  /// doubled (RFC 4180). Read on the bytes: a comma or quote followed by a combining mark is one
  /// `Character` with it, and so is CR LF, yet each still ends or breaks a field for a CSV reader.
  static func cell(_ s: String) -> String {
    let v = neutralize(visibleControls(s))
    guard v.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return v }
    var out: [UInt8] = [0x22]
    out.reserveCapacity(v.utf8.count + 8)
    for b in v.utf8 {
      out.append(b)
      if b == 0x22 { out.append(0x22) }
    }
    out.append(0x22)
    return String(decoding: out, as: UTF8.self)
  }

  static func row(_ cells: [String]) -> String { cells.map(cell).joined(separator: ",") + "\r\n" }

  /// The row appended as UTF-8; returns where in `out` the cell numbered `marking` starts.
  @discardableResult
  static func row(_ cells: [String], into out: inout [UInt8], marking: Int = 0) -> Int {
    var marked = out.count
    for (k, c) in cells.enumerated() {
      if k > 0 { out.append(0x2C) }
      if k == marking { marked = out.count }
      out.append(contentsOf: cell(c).utf8)
    }
    out.append(contentsOf: [0x0D, 0x0A])
    return marked
  }
}

/// CSV cells: RFC 4180 quoting, formula neutralization and control characters made visible.
///
/// Written from the UTF-8 bytes in one pass (a CSV report writes every event's sixteen cells):
/// a comma or quote followed by a combining mark is one `Character` with it, and so is CR LF,
/// yet each still ends or breaks a field for a CSV reader, so nothing here is decided on
/// `Character`s.
enum CSVText {
  /// The cell as written: control characters (C0 but tab, line feed and carriage return; DEL;
  /// C1) as `\x1B`, so that a terminal that `cat`s the file or a viewer receives no escape
  /// sequence; a cell a spreadsheet would evaluate (`=`, `+`, `-`, `@`, tab, CR first) with a
  /// leading `'`; quoted when it holds a comma, a quote or a line break, its quotes doubled (RFC 4180).
  static func cell(_ s: String) -> String {
    var out: [UInt8] = []
    append(cell: s, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  static func row(_ cells: [String]) -> String {
    var out: [UInt8] = []
    row(cells, into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// The row appended as UTF-8; returns where in `out` the cell numbered `marking` starts.
  @discardableResult
  static func row(_ cells: [String], into out: inout [UInt8], marking: Int = 0) -> Int {
    var marked = out.count
    for k in cells.indices {
      if k > 0 { out.append(0x2C) }
      if k == marking { marked = out.count }
      append(cell: cells[k], to: &out)
    }
    out.append(0x0D)
    out.append(0x0A)
    return marked
  }

  /// Appends ``cell(_:)`` of `s`, without making it.
  static func append(cell s: String, to out: inout [UInt8]) {
    var s = s
    s.withUTF8 { b in
      // A formula is neutralized by its first byte as shown: a hidden control is shown as `\x…`.
      let formula = !b.isEmpty && isFormulaStart(b[0])
      var quoted = false
      for c in b where c == 0x2C || c == 0x22 || c == 0x0A || c == 0x0D {
        quoted = true
        break
      }
      if quoted { out.append(0x22) }
      if formula { out.append(0x27) }
      if !quoted && !holdsHidden(b) {
        out.append(contentsOf: b)
      } else {
        appendVisible(b, doublingQuotes: quoted, to: &out)
      }
      if quoted { out.append(0x22) }
    }
  }

  /// `b` appended with its hidden controls as `\xHH` and, when `doublingQuotes`, each `"` twice.
  private static func appendVisible(_ b: UnsafeBufferPointer<UInt8>, doublingQuotes: Bool, to out: inout [UInt8]) {
    var kept = 0
    var i = 0
    while i < b.count {
      let c = b[i]
      let isQuote = doublingQuotes && c == 0x22
      let width = isQuote ? 0 : hiddenWidth(at: i, in: b)
      guard isQuote || width > 0 else {
        i += 1
        continue
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: b[kept..<i]))
      if isQuote {
        out.append(0x22)
        out.append(0x22)
        i += 1
      } else {
        // The scalar's value: a C0 control or DEL is its byte; a C1 control is C2 80–9F.
        let value = width == 1 ? c : b[i + 1]
        out.append(0x5C)  // "\"
        out.append(0x78)  // "x"
        out.append(hexDigits[Int(value >> 4)])
        out.append(hexDigits[Int(value & 0xF)])
        i += width
      }
      kept = i
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[kept...]))
  }

  private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

  /// The bytes of the hidden control starting at `i` (1 for C0 and DEL, 2 for C1), 0 if none.
  private static func hiddenWidth(at i: Int, in b: UnsafeBufferPointer<UInt8>) -> Int {
    let c = b[i]
    if c < 0x20 { return c == 0x09 || c == 0x0A || c == 0x0D ? 0 : 1 }
    if c == 0x7F { return 1 }
    if c == 0xC2 && i + 1 < b.count && b[i + 1] >= 0x80 && b[i + 1] <= 0x9F { return 2 }
    return 0
  }

  /// Whether `b` holds a hidden control.
  private static func holdsHidden(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    for i in b.indices where (b[i] < 0x20 || b[i] == 0x7F || b[i] == 0xC2) && hiddenWidth(at: i, in: b) > 0 {
      return true
    }
    return false
  }

  private static func isFormulaStart(_ c: UInt8) -> Bool {
    c == 0x3D || c == 0x2B || c == 0x2D || c == 0x40 || c == 0x09 || c == 0x0D
  }
}

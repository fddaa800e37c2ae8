import StorylineCore

/// The clock table as plain text: what `storyline clocks` prints.
public enum ClockTableText {
  /// The estimates, one line each, then the pairs behind them grouped by pair of sources.
  public static func render(_ table: ClockTable, title: String) -> String {
    var out = "\(title): source clocks (clock: \(table.auto ? "auto" : "none"))\n\n"
    let rows = table.estimates.map { e -> [String] in
      [
        e.path, e.offsetMicros.map { SignedDuration.describe(microseconds: $0) } ?? "-",
        e.offsetMicros == nil || e.status == .anchor
          ? "" : "±" + SignedDuration.describe(microseconds: e.uncertaintyMicros, signed: false),
        e.status == .anchor || e.offsetMicros == nil ? "" : "\(e.consistent)/\(e.pairs)",
        e.via.map { table.estimates[$0].path } ?? "",
        e.status == .anchor || e.offsetMicros == nil ? "" : e.confidence.rawValue, e.status.rawValue, e.reason,
      ]
    }
    out += columns([["source", "estimate", "uncertainty", "pairs", "via", "confidence", "status", "why"]] + rows)
    if !table.conflicts.isEmpty {
      out += "\nconflicts:\n" + table.conflicts.map { "  \($0.description)\n" }.joined()
    }
    if table.pairs.isEmpty {
      out += "\nno pairs: no communication, page or quoted record ties one source's clock to another's\n"
      return out
    }
    out += "\npairs (the first source's reading minus the second's):\n"
    var last: [Int] = []
    for p in table.pairs {
      let key = [p.source, p.reference]
      if key != last {
        out += "  \(table.estimates[p.source].path) against \(table.estimates[p.reference].path):\n"
        last = key
      }
      let bound =
        p.kind.isExact
        ? "" : ", after it by 0 to \(SignedDuration.describe(microseconds: p.maxDelayMicros, signed: false))"
      out +=
        "    \(p.kind.rawValue) \(SignedDuration.describe(microseconds: p.differenceMicros)) "
        + "\(p.sourceCitation) ↔ \(p.referenceCitation): \(p.detail)\(bound)\n"
    }
    return out
  }

  /// Left-aligned columns two spaces apart, the last one unpadded.
  static func columns(_ rows: [[String]]) -> String {
    guard let n = rows.first?.count else { return "" }
    let widths = (0..<n).map { c in rows.map { $0[c].count }.max() ?? 0 }
    return rows.map { row in
      row.enumerated().map { c, cell in
        c == n - 1 ? cell : cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
      }
      .joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
    }.joined()
  }
}

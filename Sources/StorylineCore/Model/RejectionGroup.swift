/// Rejected records that share a reason.
public struct RejectionGroup: Sendable, Equatable {
  /// The reason with the record's own text left out: `timestamp '…': the timestamp has no year`.
  public var reason: String
  /// The first record's whole reason.
  public var example: String
  public var count: Int
  public var firstLine: Int
  public var lastLine: Int

  public init(reason: String, example: String, count: Int, firstLine: Int, lastLine: Int) {
    self.reason = reason
    self.example = example
    self.count = count
    self.firstLine = firstLine
    self.lastLine = lastLine
  }

  mutating func add(line: Int) {
    count += 1
    firstLine = min(firstLine, line)
    lastLine = max(lastLine, line)
  }

  /// A reason without what it quotes of the record (text between single quotes).
  static func key(_ reason: String) -> String {
    guard reason.contains("'") else { return reason }
    var out = ""
    var quoted = false
    for ch in reason {
      if ch == "'" {
        out += quoted ? "'" : "'…"
        quoted.toggle()
      } else if !quoted {
        out.append(ch)
      }
    }
    return out
  }

  /// One line: `81,160 records rejected: timestamp '…': no year (lines 1–81,160)`.
  public var summary: String {
    let lines = firstLine == lastLine ? "line \(firstLine)" : "lines \(firstLine)–\(lastLine)"
    return "\(count) record\(count == 1 ? "" : "s") rejected: \(count == 1 ? example : reason) (\(lines))"
  }
}

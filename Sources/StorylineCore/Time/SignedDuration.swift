/// Durations as people write them in case files: `90s`, `-90s`, `15m`, `1h30m`, `2h`, `1d`.
public enum SignedDuration {
  /// Parses a duration into microseconds; nil when it is not one.
  public static func parse(_ text: String) -> Int64? {
    var s = Substring(text.trimmingCharacters(in: .whitespaces))
    var sign: Int64 = 1
    if s.hasPrefix("-") {
      sign = -1
      s = s.dropFirst()
    } else if s.hasPrefix("+") {
      s = s.dropFirst()
    }
    guard !s.isEmpty else { return nil }
    var total: Int64 = 0
    var number: Int64? = nil
    var sawUnit = false
    var it = s.makeIterator()
    var pending: Character? = it.next()
    while let ch = pending {
      pending = it.next()
      if let d = ch.wholeNumberValue, ch.isASCII {
        number = (number ?? 0) * 10 + Int64(d)
        if number! > 10_000_000 { return nil }
        continue
      }
      guard let n = number else { return nil }
      var unit = String(ch)
      if ch == "m", pending == "s" {
        unit = "ms"
        pending = it.next()
      }
      let scale: Int64
      switch unit {
      case "ms": scale = 1_000
      case "s": scale = 1_000_000
      case "m": scale = 60_000_000
      case "h": scale = 3_600_000_000
      case "d": scale = 86_400_000_000
      default: return nil
      }
      total += n * scale
      number = nil
      sawUnit = true
    }
    if let n = number {  // a bare number is seconds
      if sawUnit { return nil }
      total += n * 1_000_000
    }
    return sign * total
  }

  /// `+90 s`, `-1 h 30 min`, `15 min`.
  public static func describe(microseconds: Int64, signed: Bool = true) -> String {
    let sign = microseconds < 0 ? "-" : (signed ? "+" : "")
    var rest = abs(microseconds) / 1_000_000
    let ms = abs(microseconds) % 1_000_000 / 1_000
    var parts: [String] = []
    if rest >= 86_400 {
      parts.append("\(rest / 86_400) d")
      rest %= 86_400
    }
    if rest >= 3600 {
      parts.append("\(rest / 3600) h")
      rest %= 3600
    }
    if rest >= 60 {
      parts.append("\(rest / 60) min")
      rest %= 60
    }
    if rest > 0 || ms > 0 || parts.isEmpty {
      parts.append(ms > 0 ? "\(rest).\(TimestampFormatter.pad(Int(ms), 3)) s" : "\(rest) s")
    }
    return sign + parts.joined(separator: " ")
  }
}

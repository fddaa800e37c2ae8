import StorylineCore

/// Finds the severity word near the start of a log line's text (after its timestamp):
/// `INFO [main]`, `[main] ERROR`, `[error]`, `[core:error]`, `<Notice>`, `| WARN |`.
/// Looks at the first four tokens (BGL: `R02-M1-N0-C:J12-U11 RAS KERNEL INFO`); a bracketed group
/// counts as one token and names a severity only when that is all it holds (after a `module:`
/// prefix); a word ending in a colon ends the search (the message has begun).
enum LogSeverityWord {
  /// The severity and the byte range of its word, or nil.
  static func find(in p: UnsafeBufferPointer<UInt8>, from start: Int) -> (Severity, Range<Int>)? {
    var i = start
    var tokens = 0
    while i < p.count && tokens < 4 {
      while i < p.count && (p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x7C || p[i] == 0x2D) { i += 1 }
      guard i < p.count else { return nil }
      let open = p[i]
      if open == 0x5B || open == 0x3C || open == 0x28 {  // [ < (
        let close: UInt8 = open == 0x5B ? 0x5D : (open == 0x3C ? 0x3E : 0x29)
        var j = i + 1
        while j < p.count && p[j] != close && j - i < 80 { j += 1 }
        guard j < p.count, p[j] == close else { return nil }
        var wordStart = i + 1
        for k in (i + 1)..<j where p[k] == 0x3A { wordStart = k + 1 }
        if let s = severity(p, wordStart..<j) { return (s, wordStart..<j) }
        i = j + 1
      } else {
        // A word ends at a space, a bracket, or a colon that ends it (`logger: message`); a
        // colon inside a word (BGL's node `R02-M1-N0-C:J12-U11`) does not.
        var j = i
        while j < p.count && p[j] != 0x20 && p[j] != 0x09 && p[j] != 0x5B
          && !(p[j] == 0x3A && (j + 1 == p.count || p[j + 1] == 0x20 || p[j + 1] == 0x09))
        {
          j += 1
        }
        if let s = severity(p, i..<j) { return (s, i..<j) }
        if j < p.count && p[j] == 0x3A { return nil }  // `logger: message`: the text has begun
        i = j
      }
      tokens += 1
    }
    return nil
  }

  /// The severity a word names (`WARN`, `SEVERE`, `err`, `DEBUG3`), or nil. No allocation: the
  /// word's lower-cased letters are packed into an integer and looked up.
  static func severity(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Severity? {
    guard r.count >= 3 && r.count <= 13, TimestampBytes.isAlpha(p[r.lowerBound]) else { return nil }
    var key: UInt128 = 0
    var end = r.upperBound
    // DEBUG2 … DEBUG5, TRACE1: a digit after five letters
    if r.count == 6, TimestampBytes.isDigit(p[r.upperBound - 1]) { end -= 1 }
    for k in r.lowerBound..<end {
      let b = p[k]
      guard TimestampBytes.isAlpha(b) else { return nil }
      key = key << 8 | UInt128(b | 0x20)
    }
    return words[key]
  }

  private static let words: [UInt128: Severity] = {
    var d: [UInt128: Severity] = [:]
    for w in [
      "trace", "finest", "finer", "verbose", "debug", "fine", "config", "dbg", "info", "information", "informational",
      "notice", "note", "warn", "warning", "error", "err", "severe", "critical", "crit", "fatal", "alert", "emergency",
      "emerg", "panic",
    ] {
      var key: UInt128 = 0
      for b in w.utf8 { key = key << 8 | UInt128(b) }
      d[key] = Severity(word: w)!
    }
    return d
  }()
}

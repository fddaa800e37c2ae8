/// WebLogic's record fields: `<a> <b> <<c>> …`, each in angle brackets, brackets nesting
/// (`<<WLS Kernel>>`). Shared by the WebLogic reader and `storyline merge`'s scanner.
enum AngleGroups {
  /// Calls `visit` with each group's index and inside, from `start`, for at most `limit` groups
  /// or until `visit` returns false; returns how many were visited. Stops at the first text
  /// that is not a group.
  @discardableResult
  static func scan(
    _ p: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int, _ visit: (Int, Range<Int>) -> Bool
  ) -> Int {
    var i = start
    var count = 0
    while i < p.count && count < limit {
      while i < p.count && (p[i] == 0x20 || p[i] == 0x09) { i += 1 }
      guard i < p.count, p[i] == 0x3C else { break }
      var depth = 0
      var j = i
      while j < p.count {
        if p[j] == 0x3C {
          depth += 1
        } else if p[j] == 0x3E {
          depth -= 1
          if depth == 0 { break }
        }
        j += 1
      }
      guard j < p.count else { break }
      let goOn = visit(count, (i + 1)..<j)
      count += 1
      if !goOn { break }
      i = j + 1
    }
    return count
  }
}

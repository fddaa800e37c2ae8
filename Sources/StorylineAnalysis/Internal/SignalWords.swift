/// A byte-level look for the words a log signal is made of, so that the millions of records that
/// hold none of them never reach ``Signals``' string searches.
///
/// Every rule of ``Signals`` for log records needs one of these in the text: `Server state
/// changed to`, `BEA-000…`, `[STUCK]`, `OutOfMemoryError`, `Out of memory`, `health` in any case
/// (`HEALTH_OK`, `health check failed`), `Stopped `, `Started `, `Failed to start `, `Main process
/// exited`. A text without any of them has no signal; one with them goes through the full rules.
enum SignalWords {
  static func mayName(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { scan($0) }
  }

  private static func scan(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = b.count
    var i = 0
    while i < n {
      switch b[i] {
      case UInt8(ascii: "S"):
        if follows(b, i, "erver state changed to ") || follows(b, i, "topped ") || follows(b, i, "tarted ") {
          return true
        }
      case UInt8(ascii: "B"): if follows(b, i, "EA-000") { return true }
      case UInt8(ascii: "["): if follows(b, i, "STUCK]") { return true }
      case UInt8(ascii: "O"): if follows(b, i, "utOfMemoryError") || follows(b, i, "ut of memory") { return true }
      case UInt8(ascii: "H"), UInt8(ascii: "h"): if followsIgnoringCase(b, i, "ealth") { return true }
      case UInt8(ascii: "F"): if follows(b, i, "ailed to start ") { return true }
      case UInt8(ascii: "M"): if follows(b, i, "ain process exited") { return true }
      default: break
      }
      i += 1
    }
    return false
  }

  /// Whether `word` comes right after position `i`.
  private static func follows(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ word: StaticString) -> Bool {
    let w = word.utf8Start
    let m = word.utf8CodeUnitCount
    guard i + m < b.count else { return false }
    for k in 0..<m where b[i + 1 + k] != w[k] { return false }
    return true
  }

  /// `follows` with ASCII letters of either case (`word` in lower case).
  private static func followsIgnoringCase(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ word: StaticString) -> Bool {
    let w = word.utf8Start
    let m = word.utf8CodeUnitCount
    guard i + m < b.count else { return false }
    for k in 0..<m where b[i + 1 + k] | 0x20 != w[k] { return false }
    return true
  }
}

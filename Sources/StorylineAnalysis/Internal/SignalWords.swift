/// The words a log signal is made of, found on bytes in one pass, so that the millions of
/// records that hold none of them never reach ``Signals``' string searches, and those that do
/// go only through the rules that can match.
///
/// Every rule of ``Signals`` for log records needs its word in the text: `Server state changed
/// to ` or a leading `BEA-000365 ` (state), `[STUCK]` or a leading `BEA-000337` (stuck),
/// `OutOfMemoryError` or `Out of memory`, `health_` or `health check failed` and the like in any
/// case (`HEALTH_OK`), a leading `BEA-000388`, `BEA-000396` or `BEA-000238` (shutdown), and
/// `Stopped `, `Started `, `Failed to start ` or `Main process exited` (systemd).
///
/// Public so that a pass that hands a record to both the escalation evidence and the digest
/// (``EscalationEvidence/add(_:words:)``, ``TimelineDigest/add(_:words:)``) scans it once.
public struct SignalWords: OptionSet, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  static let state = SignalWords(rawValue: 1)
  static let stuck = SignalWords(rawValue: 2)
  static let memory = SignalWords(rawValue: 4)
  static let health = SignalWords(rawValue: 8)
  static let shutdown = SignalWords(rawValue: 16)
  static let systemd = SignalWords(rawValue: 32)

  /// The words `text` holds.
  public static func of(_ text: String) -> SignalWords {
    var text = text
    return text.withUTF8 { scan($0) }
  }

  private static func scan(_ b: UnsafeBufferPointer<UInt8>) -> SignalWords {
    var found: SignalWords = []
    if startsWith(b, "BEA-000") {
      if startsWith(b, "BEA-000365 ") { found.insert(.state) }
      if startsWith(b, "BEA-000337") { found.insert(.stuck) }
      if startsWith(b, "BEA-000388") || startsWith(b, "BEA-000396") || startsWith(b, "BEA-000238") {
        found.insert(.shutdown)
      }
    }
    let n = b.count
    var i = 0
    while i < n {
      switch b[i] {
      case UInt8(ascii: "S"):
        if follows(b, i, "erver state changed to ") { found.insert(.state) }
        if follows(b, i, "topped ") || follows(b, i, "tarted ") { found.insert(.systemd) }
      case UInt8(ascii: "["): if follows(b, i, "STUCK]") { found.insert(.stuck) }
      case UInt8(ascii: "O"):
        if follows(b, i, "utOfMemoryError") || follows(b, i, "ut of memory") { found.insert(.memory) }
      case UInt8(ascii: "H"), UInt8(ascii: "h"): if healthWords(b, i) { found.insert(.health) }
      case UInt8(ascii: "F"): if follows(b, i, "ailed to start ") { found.insert(.systemd) }
      case UInt8(ascii: "M"): if follows(b, i, "ain process exited") { found.insert(.systemd) }
      default: break
      }
      i += 1
    }
    return found
  }

  /// `health` in any case at `i`, then `_` (`HEALTH_OK`) or the words the rules look for after it
  /// (`health check failed`, `healthcheck passed`, `health failed`).
  private static func healthWords(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    guard followsIgnoringCase(b, i, "ealth") else { return false }
    let j = i + 5
    if j + 1 < b.count && b[j + 1] == UInt8(ascii: "_") { return true }
    return followsIgnoringCase(b, j, " check failed") || followsIgnoringCase(b, j, "check failed")
      || followsIgnoringCase(b, j, " failed") || followsIgnoringCase(b, j, " check passed")
      || followsIgnoringCase(b, j, "check passed")
  }

  private static func startsWith(_ b: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
    let w = word.utf8Start
    let m = word.utf8CodeUnitCount
    guard m <= b.count else { return false }
    for k in 0..<m where b[k] != w[k] { return false }
    return true
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
    for k in 0..<m where b[i + 1 + k] | 0x20 != w[k] | 0x20 { return false }
    return true
  }
}

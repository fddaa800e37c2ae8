import Foundation

/// Every ``ZoneRules`` built in the process, by index: lets a ``CorrectionSet`` name its zone
/// with an integer, so that normalized times copy without reference counting.
final class ZoneRegistry: @unchecked Sendable {
  static let shared = ZoneRegistry()
  private let lock = NSLock()
  private var zones: [ZoneRules?] = []

  func reserve() -> Int32 {
    lock.lock()
    defer { lock.unlock() }
    zones.append(nil)
    return Int32(zones.count - 1)
  }

  func store(_ z: ZoneRules) {
    lock.lock()
    zones[Int(z.index)] = z
    lock.unlock()
  }

  func zone(_ index: Int32) -> ZoneRules? {
    lock.lock()
    defer { lock.unlock() }
    return index >= 0 && Int(index) < zones.count ? zones[Int(index)] : nil
  }
}

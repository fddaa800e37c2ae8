import Foundation
import StorylineCore

extension SourceSpec {
  /// The clock this source's times are read on: its zone, clock offset and estimated offset, and its file's
  /// modification time for year-less timestamps when the case has no date. The build and the
  /// merge both read through it.
  func clock(_ normalizer: TimeNormalizer) -> SourceClock {
    var clock = normalizer.clock(zone: timezone, clockOffsetMicros: clockOffsetMicros)
    clock.estimate = estimate
    if let date = (try? FileManager.default.attributesOfItem(atPath: resolvedPath))?[.modificationDate] as? Date {
      clock.fileTime = Instant(microseconds: Int64((date.timeIntervalSince1970 * 1_000_000).rounded()))
    }
    return clock
  }
}

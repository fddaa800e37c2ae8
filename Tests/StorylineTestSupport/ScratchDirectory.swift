import Foundation

/// The folder (ending in `/`) where tests put the files they make: one per test process, under
/// the system's temporary folder, removed with everything in it when the process exits. A run
/// of the tests writes hundreds of megabytes (large logs, archives, reports); none of it is
/// left behind.
public func scratchDirectory() -> String { Scratch.path }

private enum Scratch {
  static let path: String = {
    removeLeftovers()
    let dir =
      NSTemporaryDirectory() + "storyline-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)/"
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: Scratch.path) }
    return dir
  }()

  /// Removes the folders of test processes that are gone without removing theirs (a run that
  /// failed or was stopped does not always reach its exit handlers).
  static func removeLeftovers() {
    let tmp = NSTemporaryDirectory()
    for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? []
    where name.hasPrefix("storyline-tests-") {
      let pid = name.dropFirst("storyline-tests-".count).prefix { $0.isNumber }
      // kill(pid, 0) fails with ESRCH only when no such process exists.
      guard let p = Int32(pid), kill(p, 0) != 0, errno == ESRCH else { continue }
      try? FileManager.default.removeItem(atPath: tmp + name)
    }
  }
}

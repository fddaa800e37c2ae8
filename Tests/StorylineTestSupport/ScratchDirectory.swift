import Foundation

/// The folder (ending in `/`) where tests put the files they make: one per test process, under
/// the system's temporary folder, removed with everything in it when the process exits. A run
/// of the tests writes hundreds of megabytes (large logs, archives, reports); none of it is
/// left behind.
public func scratchDirectory() -> String { Scratch.path }

private enum Scratch {
  static let path: String = {
    let dir =
      NSTemporaryDirectory() + "storyline-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)/"
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: Scratch.path) }
    return dir
  }()
}

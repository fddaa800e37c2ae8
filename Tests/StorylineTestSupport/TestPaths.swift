import Foundation
import Testing

/// Paths in the source tree, for every test target.
public enum TestPaths {
  /// The package root (two folders above this file's folder).
  public static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()
  public static var systemE: String { root + "/fixtures/system-e" }
  /// The formats tests' own fixtures.
  public static var fixtures: String { root + "/Tests/StorylineFormatsTests/Fixtures" }
  /// The reports tests' golden files.
  public static var golden: String { root + "/Tests/StorylineReportsTests/Golden" }
  /// `../shared/real-data`, when present.
  public static var realData: String? {
    let p = (root as NSString).deletingLastPathComponent + "/shared/real-data"
    return FileManager.default.fileExists(atPath: p) ? p : nil
  }
}

extension Trait where Self == ConditionTrait {
  /// For a test that reads `../shared/real-data`: without it the test is skipped and says why
  /// (and `.ci/run` fails before the tests, so in CI it always runs).
  public static var realData: Self {
    .enabled(if: TestPaths.realData != nil, "../shared/real-data is absent (.ci/run fails without it)")
  }

  /// For a test that prints a PDF: without a `chromium` on PATH the test is skipped and says
  /// why (`.ci/run` installs Debian's and fails without it, so in CI it always runs).
  public static var chromium: Self {
    .enabled(
      if: (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
        FileManager.default.isExecutableFile(atPath: "\($0)/chromium")
      }, "no chromium on PATH (.ci/run installs it and fails without it)")
  }
}

/// Writes text to a temporary file named `name` and returns its path.
public func temporaryFile(_ name: String, _ text: String) -> String {
  let dir = scratchDirectory() + "storyline-tests-\(UUID().uuidString)"
  try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  let path = dir + "/" + name
  try! text.write(toFile: path, atomically: true, encoding: .utf8)
  return path
}

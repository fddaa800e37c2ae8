import Foundation
import StorylineCore
import Testing

@testable import StorylineFormats
@testable import StorylinePipeline

/// Paths in the source tree.
enum TestPaths {
  /// The package root (two folders above this file's folder).
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()
  static var systemE: String { root + "/fixtures/system-e" }
  static var fixtures: String { root + "/Tests/StorylineFormatsTests/Fixtures" }
  /// `../shared/real-data`, when present.
  static var realData: String? {
    let p = (root as NSString).deletingLastPathComponent + "/shared/real-data"
    return FileManager.default.fileExists(atPath: p) ? p : nil
  }
}

extension Trait where Self == ConditionTrait {
  /// For a test that reads `../shared/real-data`: without it the test is skipped and says why
  /// (and `.ci/run` fails before the tests, so in CI it always runs).
  static var realData: Self {
    .enabled(if: TestPaths.realData != nil, "../shared/real-data is absent (.ci/run fails without it)")
  }
}

/// Writes text to a temporary file named `name` and returns its path.
func temporaryFile(_ name: String, _ text: String) -> String {
  let dir = NSTemporaryDirectory() + "storyline-tests-\(UUID().uuidString)"
  try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  let path = dir + "/" + name
  try! text.write(toFile: path, atomically: true, encoding: .utf8)
  return path
}

/// Reads one file with a format and case settings; returns the events, rejections and warnings.
func readAll(
  _ path: String, format: String? = nil, zone: String = "Asia/Shanghai", date: String? = "2008-09-22",
  region: String = "CN",
  people: [Person] = [], owner: String? = nil
) throws -> SourceRead {
  let n = TimeNormalizer(
    caseZone: ZoneCatalog.shared.zone(named: zone)!, caseDate: date.flatMap { CivilDate(iso: $0) }, region: region)
  return try SourceLoader.read(
    SourceSpec(
      path: (path as NSString).lastPathComponent, resolvedPath: path, format: format.map(FormatID.init(rawValue:)),
      owner: owner),
    index: 0, normalizer: n, directory: PeopleDirectory(people: people, region: region))
}

/// The people of the reference incident.
let referencePeople: [Person] = [
  Person(id: "director", name: "Delivery director", aliases: ["me", "I"], phones: ["+86 138 0000 0001"]),
  Person(id: "pm-a", name: "PM A", phones: ["+86 138 0000 0002"]),
  Person(id: "cdw", name: "CDW", phones: ["+86 138 0000 0003"]),
  Person(id: "z", name: "Z"), Person(id: "dy"), Person(id: "f", name: "F"),
]

extension Event {
  /// UTC time as RFC 3339.
  var utc: String { TimestampFormatter.utc(instant, digits: instant.subsecondMicroseconds == 0 ? 0 : 3) }
}

import Foundation

/// A case folder around fixtures/pagerduty's log entries (the March 2026 incident): alice and
/// bob as PagerDuty names them, any more people, and the escalation steps given.
public enum PagerDutyCase {
  /// Alice then Bob: within 15 and 45 minutes.
  public static let aliceThenBob = "  - notify: [alice]\n    within: 15m\n  - notify: [bob]\n    within: 45m\n"

  /// Writes the folder and returns its path.
  public static func make(people more: String = "", escalation: String = aliceThenBob) throws -> String {
    let dir = scratchDirectory() + "storyline-pd-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: TestPaths.root + "/fixtures/pagerduty/log_entries.json", toPath: dir + "/log_entries.json")
    let yaml =
      "title: Checkout outage\ntimezone: UTC\ndate: 2026-03-14\npeople:\n  - id: alice\n    name: Alice Ops\n"
      + "  - id: bob\n    name: Bob Lead\n" + more + "escalation:\n" + escalation
      + "sources:\n  - path: log_entries.json\n"
    try yaml.write(toFile: dir + "/case.yml", atomically: true, encoding: .utf8)
    return dir
  }
}

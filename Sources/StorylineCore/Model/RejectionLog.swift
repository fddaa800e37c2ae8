/// The rejected records of one source as they come: the first few listed, every one counted,
/// and grouped by reason with the first and last line of each, so that a file whose every line
/// fails for one reason reads as one line of diagnostics, not one per line. The one place
/// rejections are accounted, for the build and the merge alike.
public struct RejectionLog: Sendable {
  /// The first `keep` rejected records.
  public private(set) var listed: [Rejection] = []
  /// Every rejected record.
  public private(set) var count = 0
  /// Every reason, in the order first met; at most ``maxGroups``, the rest counted in the last.
  public private(set) var groups: [RejectionGroup] = []
  private var index: [String: Int] = [:]
  public let keep: Int

  /// Distinct reasons kept apart.
  public static let maxGroups = 50

  public init(keep: Int = SourceSummary.listedRejections) { self.keep = keep }

  public mutating func add(_ r: Rejection) {
    count += 1
    if listed.count < keep { listed.append(r) }
    let key = RejectionGroup.key(r.reason)
    if let k = index[key] {
      groups[k].add(line: r.line)
    } else if groups.count < Self.maxGroups {
      index[key] = groups.count
      groups.append(RejectionGroup(reason: key, example: r.reason, count: 1, firstLine: r.line, lastLine: r.line))
    } else {
      groups[groups.count - 1].reason = "other reasons"
      groups[groups.count - 1].add(line: r.line)
    }
  }
}

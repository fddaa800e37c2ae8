import Dispatch
import StorylineCore
import StorylineFormats

/// Every source's SHA-256, computed on another thread while the first pass reads.
final class HashJob: @unchecked Sendable {
  private var results: [(hex: String, bytes: Int64)?]
  private let group = DispatchGroup()

  init(_ specs: [SourceSpec]) {
    results = Array(repeating: nil, count: specs.count)
    let paths = specs.map(\.resolvedPath)
    group.enter()
    DispatchQueue.global().async {
      for (i, p) in paths.enumerated() { self.results[i] = try? FileDigest.sha256(path: p) }
      self.group.leave()
    }
  }

  func wait() -> [(hex: String, bytes: Int64)?] {
    group.wait()
    return results
  }
}

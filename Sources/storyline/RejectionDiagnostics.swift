import StorylineCore

/// Rejected records on stderr: one line per source and reason (`path:FIRST: warning: 81160
/// records rejected: … (lines 1–81160)`), a reason met once as the record's own line; with
/// `--verbose`, every listed record on its own line, and the lines in no record.
enum RejectionDiagnostics {
  static func print(path: String, groups: [RejectionGroup], listed: [Rejection], count: Int, verbose: Bool) {
    if verbose {
      for r in listed { Stderr.print("\(r.path):\(r.line): warning: rejected: \(r.reason)") }
      if count > listed.count {
        Stderr.print("\(path): warning: \(count - listed.count) more records rejected, not listed")
      }
      return
    }
    for g in groups {
      if g.count == 1 {
        Stderr.print("\(path):\(g.firstLine): warning: rejected: \(g.example)")
      } else {
        Stderr.print("\(path):\(g.firstLine): warning: \(g.summary)")
      }
    }
  }

  /// The lines in no record, one line per reason (`path:FIRST: note: 3 lines not read: …`).
  static func print(path: String, skipped: [SkippedLines]) {
    for k in skipped { Stderr.print("\(path):\(k.firstLine): note: \(k.summary)") }
  }
}

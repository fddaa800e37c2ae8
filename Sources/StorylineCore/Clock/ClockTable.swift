/// Every source's clock estimate and the pairs of evidence behind them: the `clocks` section of
/// a build.
public struct ClockTable: Hashable, Sendable {
  /// Whether estimates are applied (`clock: auto`, the default) or only shown (`clock: none`).
  public var auto: Bool
  /// One per source, in the case's order.
  public var estimates: [ClockEstimate]
  /// Every pair found, in a fixed order (by source pair, then citation).
  public var pairs: [ClockPair]
  /// Pairs between sources whose estimates they contradict, in words.
  public var conflicts: [Phrase]

  public init(auto: Bool, estimates: [ClockEstimate], pairs: [ClockPair], conflicts: [Phrase] = []) {
    self.auto = auto
    self.estimates = estimates
    self.pairs = pairs
    self.conflicts = conflicts
  }

  /// Whether any source's clock is related to another's by evidence.
  public var hasPairs: Bool { !pairs.isEmpty }

  /// The offsets to apply, by source index.
  public var applied: [Int: EstimatedOffset] {
    var out: [Int: EstimatedOffset] = [:]
    for e in estimates where e.status == .applied {
      out[e.source] = EstimatedOffset(
        offsetMicros: e.appliedMicros, uncertaintyMicros: e.uncertaintyMicros, pairs: e.pairs,
        anchor: e.anchor.map { estimates[$0].path } ?? "")
    }
    return out
  }
}

extension ClockTable {
  /// The table with its paths (and the paths of its citations) passed through `path` and its
  /// words through `text`; with `quotes` false, the words a pair matched (message text) are left
  /// out. For redacted reports.
  public func redacted(path: (String) -> String, text: (String) -> String, quotes: Bool = true) -> ClockTable {
    let paths = estimates.map(\.path).sorted { $0.count > $1.count }
    func cite(_ c: String) -> String {
      for p in paths where c.hasPrefix(p) && (c.dropFirst(p.count).first == ":" || c.dropFirst(p.count).first == "#") {
        return path(p) + c.dropFirst(p.count)
      }
      return path(c)
    }
    var t = self
    t.estimates = estimates.map { e in
      var x = e
      x.path = path(e.path)
      x.reason = text(paths.reduce(e.reason) { $0.replacingOccurrences(of: $1, with: path($1)) })
      x.why = e.why.map { r in
        ClockReason(
          r.key, r.args.mapValues { v in text(paths.reduce(v) { $0.replacingOccurrences(of: $1, with: path($1)) }) })
      }
      return x
    }
    t.pairs = pairs.map { p in
      var x = p
      x.sourceCitation = cite(p.sourceCitation)
      x.referenceCitation = cite(p.referenceCitation)
      x.detail = p.kind == .quotes && !quotes ? "quotes a record" : text(p.detail)
      x.why =
        p.kind == .quotes && !quotes
        ? ClockReason("quotes_hidden")
        : ClockReason(p.why.key, p.why.args.mapValues { $0.hasPrefix("@") ? $0 : text($0) })
      return x
    }
    t.conflicts = conflicts.map { c in
      c.mapTexts { v in text(paths.reduce(v) { $0.replacingOccurrences(of: $1, with: path($1)) }) }
    }
    return t
  }
}

/// Estimates every source's clock offset from pairs of evidence (``ClockPair``).
///
/// Pairs between two sources are combined robustly into one step: exact pairs by the largest
/// group of them within 5 s of each other, the estimate the middle of its range; causal pairs as bounds, keeping the largest set of them that
/// agree (the range where most of their intervals overlap). Steps are joined into a tree
/// rooted at each group's anchor — the source marked `reference: true`, else the server log
/// with the most pairs, else the source with the most pairs — taking the firmest steps first
/// (exact before bounds, more agreeing pairs first), so every estimate can be followed back to
/// the anchor pair by pair. Steps left out of the tree are checked against it.
///
/// An estimate is applied when every step to the anchor is firm (three or more consistent
/// exact pairs, or bounds within ±10 s that most of the causal pairs agree on, in one place) and it lies outside its own uncertainty of zero; a
/// written `clock_offset` always wins and is checked instead.
public enum ClockEstimator {
  /// What the estimator knows of a source.
  public struct Source: Sendable {
    public var path: String
    /// Its `clock_offset` (already applied to the pairs' readings).
    public var writtenMicros: Int64
    /// Marked `reference: true`.
    public var reference: Bool
    /// A server or application log (an anchor before phones).
    public var isLog: Bool
    /// Whether an estimate may be applied (`clock: auto` for the case and the source).
    public var auto: Bool
    /// The device whose clock the source's times come from, when several sources share one
    /// (a phone's SMS and call exports): sources of one device are one clock.
    public var device: String?
    /// A clock outside the case (mail servers' stamps): measured, never corrected.
    public var external: Bool

    public init(
      path: String, writtenMicros: Int64 = 0, reference: Bool = false, isLog: Bool = false, auto: Bool = true,
      device: String? = nil, external: Bool = false
    ) {
      self.path = path
      self.writtenMicros = writtenMicros
      self.reference = reference
      self.isLog = isLog
      self.auto = auto
      self.device = device
      self.external = external
    }
  }

  /// Consistent exact pairs an applied step needs.
  public static let exactPairsNeeded = 3
  /// How close exact pairs must lie to agree: a message is received a second or two after it is
  /// sent, a call rings a second or two after it is dialled.
  public static let exactAgreementMicros: Int64 = 5_000_000
  /// The widest half-range of bounds that is applied.
  public static let boundsApplied: Int64 = 10_000_000

  /// One combined step between two sources: `o[b] - o[a]`.
  struct Step {
    var a: Int
    var b: Int
    var estimate: Int64
    var uncertainty: Int64
    var lower: Int64
    var upper: Int64
    var pairs: Int
    var consistent: Int
    var exact: Bool
    var spread: Int64
    var firm: Bool
    /// Causal bounds that agree as well in two places apart.
    var ambiguous = false
    /// The drift of `o[b] - o[a]` over the exact pairs' span, in parts per million, when they
    /// span a day or more and it moves the offset by 2 s or more.
    var driftPPM: Int? = nil
    /// Sorts firmer steps first.
    var strength: (Int, Int, Int64) { (firm ? (exact ? 2 : 1) : 0, consistent, -uncertainty) }
  }

  /// The clock table for `sources` from `pairs`; `auto` false shows estimates without applying any.
  /// Sources of one device (and one written offset) are estimated as one clock, named by the
  /// first of them.
  public static func estimate(_ pairs: [ClockPair], sources given: [Source], auto: Bool = true) -> ClockTable {
    var first: [String: Int] = [:]
    var clockOf = Array(given.indices)
    var sources = given
    for (i, s) in given.enumerated() {
      guard let d = s.device else { continue }
      let key = "\(d)|\(s.writtenMicros)"
      if let f = first[key] {
        clockOf[i] = f
        sources[f].reference = sources[f].reference || s.reference
        sources[f].isLog = sources[f].isLog || s.isLog
        sources[f].auto = sources[f].auto && s.auto
      } else {
        first[key] = i
      }
    }
    let table = estimateClocks(pairs, sources: sources, clockOf: clockOf, auto: auto)
    // A device's other sources share its first source's estimate.
    var estimates = table.estimates
    for i in given.indices where clockOf[i] != i {
      var e = estimates[clockOf[i]]
      e.source = i
      e.path = given[i].path
      if e.status != .noPairs {
        e.reason += " (one device with \(given[clockOf[i]].path))"
        e.why.append(ClockReason("device", ["path": given[clockOf[i]].path]))
      }
      estimates[i] = e
    }
    return ClockTable(auto: auto, estimates: estimates, pairs: table.pairs, conflicts: table.conflicts)
  }

  static func estimateClocks(_ pairs: [ClockPair], sources: [Source], clockOf: [Int], auto: Bool) -> ClockTable {
    let ordered = pairs.sorted {
      ($0.source, $0.reference, $0.sourceCitation, $0.referenceCitation) < (
        $1.source, $1.reference, $1.sourceCitation, $1.referenceCitation
      )
    }
    // Each pair as the range it allows `o[b] - o[a]` (oriented from the lower index), by pair of clocks.
    var grouped: [[Int]: [(range: ClosedRange<Int64>, exact: Bool, at: Int64)]] = [:]
    for p in ordered where sources.indices.contains(p.source) && sources.indices.contains(p.reference) {
      let (x, y) = (clockOf[p.source], clockOf[p.reference])
      guard x != y else { continue }
      let (a, b) = (min(x, y), max(x, y))
      let r = p.bounds
      grouped[[a, b], default: []].append((x == b ? r : (-r.upperBound)...(-r.lowerBound), p.kind.isExact, p.atMicros))
    }
    var steps: [Step] = []
    for key in grouped.keys.sorted(by: { ($0[0], $0[1]) < ($1[0], $1[1]) }) {
      let observed = grouped[key]!
      let exact = observed.filter(\.exact)
      var st = step(a: key[0], b: key[1], exact: exact.map(\.range), causal: observed.filter { !$0.exact }.map(\.range))
      st.driftPPM = drift(exact.map { (($0.range.lowerBound + $0.range.upperBound) / 2, $0.at) })
      steps.append(st)
    }
    // Pairs per source, for choosing anchors.
    var count = Array(repeating: 0, count: sources.count)
    for s in steps {
      count[s.a] += s.pairs
      count[s.b] += s.pairs
    }
    var estimates: [ClockEstimate?] = Array(repeating: nil, count: sources.count)
    var offset = Array(repeating: Int64(0), count: sources.count)
    var uncertainty = Array(repeating: Int64(0), count: sources.count)
    var firm = Array(repeating: true, count: sources.count)
    var inTree = Array(repeating: false, count: sources.count)
    var treeSteps = Set<[Int]>()
    let related = Set(steps.flatMap { [$0.a, $0.b] })
    // Anchors first by the case's word, then logs, then by pairs; lower index between equals.
    let candidates = sources.indices.filter { related.contains($0) }.sorted {
      let x = (sources[$0].reference ? 1 : 0, sources[$0].isLog ? 1 : 0, count[$0])
      let y = (sources[$1].reference ? 1 : 0, sources[$1].isLog ? 1 : 0, count[$1])
      return x != y ? x > y : $0 < $1
    }
    for root in candidates where !inTree[root] {
      inTree[root] = true
      let (why, key) =
        sources[root].reference
        ? ("anchor: marked reference: true", "anchor.reference")
        : sources[root].external
          ? (
            "anchor: a clock outside the case that keeps network time, the one with the most pairs in its group",
            "anchor.external"
          )
          : sources[root].isLog
            ? ("anchor: a server log, the one with the most pairs in its group", "anchor.log")
            : (
              "anchor: the source with the most pairs in its group (no log or reference is related to it)",
              "anchor.pairs"
            )
      estimates[root] = ClockEstimate(
        source: root, path: sources[root].path,
        status: .anchor, offsetMicros: sources[root].writtenMicros, writtenMicros: sources[root].writtenMicros,
        anchor: root, confidence: .high, reason: why)
      estimates[root]!.why = [ClockReason(key)]
      // Prim: the firmest step from the tree to a source outside it, until none is left.
      while true {
        var best: (step: Step, from: Int, to: Int)? = nil
        for s in steps {
          let (from, to) =
            inTree[s.a] && !inTree[s.b] ? (s.a, s.b) : inTree[s.b] && !inTree[s.a] ? (s.b, s.a) : (-1, -1)
          guard from >= 0, estimates[from]?.anchor == root else { continue }
          if best == nil || s.strength > best!.step.strength
            || (s.strength == best!.step.strength && to < best!.to)
          {
            best = (s, from, to)
          }
        }
        guard let (s, from, to) = best else { break }
        inTree[to] = true
        treeSteps.insert([s.a, s.b])
        let delta = to == s.b ? s.estimate : -s.estimate
        offset[to] = offset[from] + delta
        uncertainty[to] = uncertainty[from] + s.uncertainty
        firm[to] = firm[from] && s.firm
        estimates[to] = decide(
          to, sources: sources, residual: offset[to], uncertainty: uncertainty[to], firm: firm[to], step: s,
          from: from, root: root, auto: auto)
      }
    }
    var conflicts: [Phrase] = []
    for s in steps where !treeSteps.contains([s.a, s.b]) {
      let expected = offset[s.b] - offset[s.a]
      let allowed = uncertainty[s.a] + uncertainty[s.b]
      if expected < s.lower - allowed || expected > s.upper + allowed {
        conflicts.append(
          Message.conflict(
            pairs: s.pairs, a: sources[s.a].path, b: sources[s.b].path, estimate: s.estimate, expected: expected))
      }
    }
    let all = sources.indices.map { i in
      // (A device's other sources are filled in by the caller.)
      if let e = estimates[i] { return e }
      let written = sources[i].writtenMicros != 0
      var e = ClockEstimate(
        source: i, path: sources[i].path, status: written ? .written : .noPairs,
        writtenMicros: sources[i].writtenMicros,
        reason: written
          ? "clock_offset written; no evidence relates the source to another to check it"
          : "no evidence relates the source to another")
      e.why = [ClockReason(written ? "no_pairs.written" : "no_pairs")]
      return e
    }
    return ClockTable(auto: auto, estimates: all, pairs: ordered, conflicts: conflicts)
  }

  /// Exact pairs spanning this long may show a drift.
  public static let driftSpanMicros: Int64 = 86_400_000_000

  /// The slope of the pairs' differences over their times (Theil–Sen: the median of the slopes
  /// between any two, robust to outliers), in ppm, when four or more pairs span a day or more and
  /// the slope moves the offset by 2 s or more across them; else nil. At most 200 pairs, evenly
  /// taken, are compared.
  static func drift(_ points: [(centre: Int64, at: Int64)]) -> Int? {
    let sorted = points.filter { $0.at != 0 }.sorted { ($0.at, $0.centre) < ($1.at, $1.centre) }
    guard sorted.count >= 4, let first = sorted.first, let last = sorted.last,
      last.at - first.at >= driftSpanMicros
    else { return nil }
    let step = max(1, sorted.count / 200)
    let sample = stride(from: 0, to: sorted.count, by: step).map { sorted[$0] }
    var slopes: [Double] = []
    for i in sample.indices {
      for j in sample.indices where j > i && sample[j].at != sample[i].at {
        slopes.append(Double(sample[j].centre - sample[i].centre) / Double(sample[j].at - sample[i].at))
      }
    }
    guard !slopes.isEmpty else { return nil }
    slopes.sort()
    let slope = slopes[slopes.count / 2]
    guard abs(slope * Double(last.at - first.at)) >= 2_000_000 else { return nil }
    return Int((slope * 1_000_000).rounded())
  }

  /// Combines the pairs between two sources into one step.
  static func step(a: Int, b: Int, exact: [ClosedRange<Int64>], causal: [ClosedRange<Int64>]) -> Step {
    if !exact.isEmpty {
      // The largest group of pairs within `exactAgreementMicros` of each other (the first such
      // group between equals); the estimate is the middle of their range, where a message's delay
      // one way and the reply's the other cancel out.
      let centres = exact.map { ($0.lowerBound + $0.upperBound) / 2 }.sorted()
      var (from, to) = (0, 0)
      var j = 0
      for i in centres.indices {
        while j + 1 < centres.count && centres[j + 1] - centres[i] <= exactAgreementMicros { j += 1 }
        if j - i > to - from { (from, to) = (i, j) }
      }
      let (lo, hi) = (centres[from], centres[to])
      let agreeing = to - from + 1
      let spread = hi - lo
      return Step(
        a: a, b: b, estimate: lo + spread / 2, uncertainty: max(ClockPair.exactToleranceMicros, (spread + 1) / 2),
        lower: lo - ClockPair.exactToleranceMicros, upper: hi + ClockPair.exactToleranceMicros,
        pairs: exact.count + causal.count, consistent: agreeing, exact: true, spread: spread,
        firm: agreeing >= exactPairsNeeded)
    }
    // The range most intervals cover: sweep their ends (an interval's start before another's
    // end at the same point, so touching intervals overlap).
    var ends: [(Int64, Int)] = []
    for r in causal {
      ends.append((r.lowerBound, 0))
      ends.append((r.upperBound, 1))
    }
    ends.sort { $0 != $1 ? ($0.0, $0.1) < ($1.0, $1.1) : false }
    var depth = 0
    var best = 0
    var lower: Int64 = 0
    var upper: Int64 = 0
    // Another range as covered as the best, apart from it: the bounds agree in two places.
    var ambiguous = false
    for (i, (x, kind)) in ends.enumerated() {
      if kind == 0 {
        depth += 1
        if depth > best {
          best = depth
          lower = x
          // The range lasts until the next end.
          upper = ends[(i + 1)...].first { $0.1 == 1 }?.0 ?? x
          ambiguous = false
        } else if depth == best && x > upper {
          ambiguous = true
        }
      } else {
        depth -= 1
      }
    }
    let u = max(ClockPair.exactToleranceMicros, (upper - lower + 1) / 2)
    return Step(
      a: a, b: b, estimate: lower + (upper - lower) / 2, uncertainty: u, lower: lower, upper: upper,
      pairs: causal.count, consistent: best, exact: false, spread: upper - lower,
      firm: (upper - lower) / 2 <= boundsApplied && !ambiguous && 2 * best > causal.count, ambiguous: ambiguous)
  }

  /// A source's estimate in the tree, and whether it is applied.
  static func decide(
    _ i: Int, sources: [Source], residual: Int64, uncertainty: Int64, firm: Bool, step s: Step, from: Int, root: Int,
    auto: Bool
  ) -> ClockEstimate {
    let source = sources[i]
    let confidence: ClockEstimate.Confidence = !firm ? .low : s.exact ? .high : .medium
    let total = source.writtenMicros + residual
    // The step's own range, seen from this source, moved to the anchor's clock.
    let base = residual - (i == s.b ? s.estimate : -s.estimate)
    let (lo, hi) = i == s.b ? (s.lower, s.upper) : (-s.upper, -s.lower)
    var e = ClockEstimate(
      source: i, path: source.path, status: .notApplied, offsetMicros: total, uncertaintyMicros: uncertainty,
      lowerMicros: source.writtenMicros + base + lo, upperMicros: source.writtenMicros + base + hi,
      writtenMicros: source.writtenMicros, via: from, anchor: root, pairs: s.pairs, consistent: s.consistent,
      exact: s.exact, spreadMicros: s.spread, confidence: confidence, reason: "")
    e.driftPPM = i == s.b ? s.driftPPM : s.driftPPM.map { -$0 }
    let within = abs(residual) <= uncertainty
    let written = describe(source.writtenMicros)
    let u = describe(uncertainty, signed: false)
    let via = sources[from].path
    func say(_ text: String, _ key: String, _ args: [String: String] = [:]) {
      e.reason += text
      e.why.append(ClockReason(key, args))
    }
    if source.writtenMicros != 0 {
      e.status = .written
      if within {
        say("clock_offset \(written) written; the estimate agrees", "written.agrees", ["written": written])
      } else {
        say(
          "clock_offset \(written) written and applied; the estimate differs by \(describe(residual)) (more than its ±\(u)): check it",
          "written.differs", ["written": written, "residual": describe(residual), "uncertainty": u])
      }
    } else if source.external {
      say("a clock outside the case: measured, not corrected", "external")
    } else if !auto || !source.auto {
      say("clock: none", "none")
    } else if !firm {
      if s.exact && !s.firm {
        say(
          "rests on \(s.consistent) consistent exact pair\(s.consistent == 1 ? "" : "s"); \(exactPairsNeeded) are needed",
          s.consistent == 1 ? "few_exact.one" : "few_exact", ["n": "\(s.consistent)", "needed": "\(exactPairsNeeded)"])
      } else if !s.exact && s.ambiguous {
        say("the bounds agree as well in two places apart: the pairs do not tell which", "ambiguous")
      } else if !s.exact && 2 * s.consistent <= s.pairs {
        say(
          "only \(s.consistent) of \(s.pairs) bounds agree: not a majority", "minority",
          ["agree": "\(s.consistent)", "pairs": "\(s.pairs)"])
      } else if !s.exact && !s.firm {
        let (lo, hi, limit) = (
          describe(e.lowerMicros!), describe(e.upperMicros!), describe(boundsApplied, signed: false)
        )
        say(
          "the bounds allow \(lo) to \(hi): wider than ±\(limit)", "wide", ["lower": lo, "upper": hi, "limit": limit])
      } else {
        say("measured through \(via), whose estimate is not firm", "through_not_firm", ["via": via])
      }
    } else if within {
      say(
        "within its uncertainty of zero: the clock agrees with \(sources[root].path)", "within",
        ["anchor": sources[root].path])
    } else {
      e.status = .applied
      e.appliedMicros = residual
      if s.exact {
        say("applied: \(s.consistent) consistent exact pairs", "applied.exact", ["n": "\(s.consistent)"])
      } else {
        let pin = describe(s.uncertainty, signed: false)
        say(
          "applied: \(s.consistent) of \(s.pairs) bounds agree, pinning it within ±\(pin)", "applied.bounds",
          ["agree": "\(s.consistent)", "pairs": "\(s.pairs)", "pin": pin])
      }
      if from != root { say(" (through \(via))", "through", ["via": via]) }
    }
    if let d = e.driftPPM {
      let drift = "\(d > 0 ? "+" : "")\(d)"
      say(
        "; the clock drifts \(drift) ppm against \(via) over the pairs' days: one offset", "drift",
        ["drift": drift, "via": via])
    }
    return e
  }

  private static func describe(_ micros: Int64, signed: Bool = true) -> String {
    SignedDuration.describe(microseconds: micros, signed: signed)
  }
}

private enum Message {
  static func conflict(pairs: Int, a: String, b: String, estimate: Int64, expected: Int64) -> Phrase {
    let values: [String: Phrase.Value] = [
      "pairs": "\(pairs)", "a": .text(a), "b": .text(b),
      "estimate": .text(SignedDuration.describe(microseconds: estimate)),
      "expected": .text(SignedDuration.describe(microseconds: expected)),
    ]
    return pairs == 1
      ? Phrase(
        "clock.conflict.one",
        "1 pair between {a} and {b} puts {b} at {estimate} against it; the estimates give {expected}", values)
      : Phrase(
        "clock.conflict",
        "{pairs} pairs between {a} and {b} put {b} at {estimate} against it; the estimates give {expected}",
        values)
  }
}

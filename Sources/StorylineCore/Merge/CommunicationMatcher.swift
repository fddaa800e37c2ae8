/// Finds the same communication seen from several sources — the sender's and the receiver's
/// phone, two backups of one phone, a call log and someone's notes — and keeps it once.
///
/// Two communications are the same when they come from different sources, are of the same
/// channel, have the same sender and recipients, agree on whether they got through, and lie
/// within `clockTolerance` of each other (phone clocks disagree by seconds to minutes), widened by
/// any uncertainty window (`~09:30` in notes) and by minute precision. The most precise one is
/// kept (between equals, the one whose source comes first in the case) and cites the others
/// (`alsoIn`); text from notes is kept with it. Between exact times the observed difference is
/// reported as a ``ClockPair``.
enum CommunicationMatcher {
  /// How far apart two devices' records of one communication may be.
  static let clockTolerance: Int64 = 120_000_000

  /// Folds matching communications. Returns how many of each source were folded into another
  /// event, and the pairs of exact times observed. `events` stays in timeline order.
  static func fold(_ events: inout [Event]) -> (merged: [Int: Int], pairs: [ClockPair]) {
    var merged: [Int: Int] = [:]
    var observations: [ClockPair] = []
    var keep: [Event] = []
    keep.reserveCapacity(events.count)
    var recent: [Int] = []  // indices in `keep` of communications still within reach
    var widest: Int64 = 0  // the widest reach of a kept communication
    var reordered = false
    for e in events {
      guard e.kind.isCommunication else {
        keep.append(e)
        continue
      }
      widest = max(widest, reach(e))
      recent.removeAll { e.instant - keep[$0].instant > widest + reach(e) }
      var best: Int? = nil
      var bestDistance = Int64.max
      for j in recent where same(keep[j], e) {
        let d = abs(e.instant - keep[j].instant)
        if d <= reach(e) + reach(keep[j]) && d < bestDistance {
          best = j
          bestDistance = d
        }
      }
      guard let j = best else {
        recent.append(keep.count)
        keep.append(e)
        continue
      }
      // The more precise record wins; between equals, the source listed first in the case.
      let eFirst = (e.precision, e.sourceIndex) < (keep[j].precision, keep[j].sourceIndex)
      let (primary, other) = eFirst ? (e, keep[j]) : (keep[j], e)
      if primary.uncertaintyMicros == 0 && other.uncertaintyMicros == 0 && other.precision <= .second
        && primary.precision <= .second
      {
        var pair =
          ClockPair(
            kind: .sameCommunication, source: other.sourceIndex, reference: primary.sourceIndex,
            differenceMicros: other.instant - primary.instant, sourceCitation: other.source.citation,
            referenceCitation: primary.source.citation, detail: describe(primary),
            atMicros: primary.instant.microseconds)
        pair.why = ClockReason(
          "communication",
          [
            "kind": "@pair.kind.\(primary.kind.rawValue)", "from": primary.from?.display ?? "?",
            "to": primary.to.map(\.display).joined(separator: ", "),
          ])
        observations.append(pair)
      }
      merged[other.sourceIndex, default: 0] += 1
      var kept = primary
      kept.alsoIn = primary.alsoIn + [other.source] + other.alsoIn
      if other.source.format == "notes" && !other.text.isEmpty && !kept.text.contains(other.text) {
        kept.text = kept.text.isEmpty ? other.text : kept.text + "\n" + other.text
      }
      if kept.instant != keep[j].instant || kept.precision != keep[j].precision { reordered = true }
      keep[j] = kept
    }
    if reordered { keep.sort(by: TimelineMerger.precedes) }
    events = keep
    return (merged, observations)
  }

  /// A communication in a pair's words: `sms pm-a → director`.
  static func describe(_ e: Event) -> String {
    "\(e.kind.rawValue) \(e.from?.display ?? "?") → \(e.to.map(\.display).joined(separator: ", "))"
  }

  /// Half the span within which another record of this communication may lie.
  static func reach(_ e: Event) -> Int64 {
    let slack = e.precision >= .minute ? e.precision.granuleMicroseconds : 0
    return clockTolerance / 2 + e.uncertaintyMicros + slack
  }

  /// Same channel, sender, recipients and fate, from another source not already folded in.
  static func same(_ a: Event, _ b: Event) -> Bool {
    guard a.sourceIndex != b.sourceIndex, family(a.kind) == family(b.kind) else { return false }
    guard a.from?.display == b.from?.display, Set(a.to.map(\.display)) == Set(b.to.map(\.display)) else { return false }
    guard (a.outcome ?? .completed).passesNews == (b.outcome ?? .completed).passesNews else { return false }
    return !a.alsoIn.contains { $0.path == b.source.path } && a.source.path != b.source.path
  }

  /// Channels that are one thing seen differently: an SMS and an MMS, a meeting and a talk in person.
  static func family(_ k: EventKind) -> EventKind {
    switch k {
    case .mms: .sms
    case .meeting: .inPerson
    default: k
    }
  }
}

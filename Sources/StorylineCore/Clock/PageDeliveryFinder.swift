/// Pairs a paging service's notifications with the calls and SMS they placed on the person's
/// phone, for ``ClockPair/Kind/pageDelivered`` pairs: the phone rang (or the SMS arrived) after
/// the service sent it, by at most ``maxDelayMicros``.
///
/// A page is an event a paging service's reader marks `paged_by`, by call or SMS, to one case
/// person. Its delivery is a call or SMS in another source, to that person, from an address
/// that is no case person (the service's number), on the page's channel and within
/// ``QuoteFinder/windowMicros``; an SMS must also quote the page (the incident's name). The
/// nearest delivery is taken; a delivery serves one page.
public enum PageDeliveryFinder {
  /// How long after the service sent a page the phone may ring or receive it.
  public static let maxDelayMicros: Int64 = 60_000_000

  /// The pairs among `events` (the sources read whole, any order).
  public static func pairs(_ events: [Event]) -> [ClockPair] {
    let pages = events.filter { e in
      e.attributes.contains(key: "paged_by") && (e.kind == .call || e.kind == .sms) && e.to.count == 1
        && e.to[0].person != nil
    }
    guard !pages.isEmpty else { return [] }
    // Each candidate delivery with its words read once (a call has none to compare).
    let deliveries = events.filter { e in
      !e.attributes.contains(key: "paged_by") && (e.kind == .call || e.kind == .sms || e.kind == .mms)
        && e.from != nil && e.from!.person == nil && e.to.contains { $0.person != nil }
    }.map { (event: $0, words: $0.kind == .call ? nil : QuoteTokens($0.text)) }
    var used = Set<String>()
    var out: [ClockPair] = []
    for p in pages.sorted(by: TimelineMerger.precedes) {
      let person = p.to[0].person!
      let words = QuoteTokens(p.text)
      var best: Event? = nil
      for (d, delivered) in deliveries
      where d.sourceIndex != p.sourceIndex && !used.contains(d.id)
        && (d.kind == .call) == (p.kind == .call) && d.to.contains(where: { $0.person == person })
        && abs(d.instant - p.instant) <= QuoteFinder.windowMicros
      {
        if let delivered, words.quoteScore(delivered) == 0 { continue }
        if best == nil || abs(d.instant - p.instant) < abs(best!.instant - p.instant) { best = d }
      }
      guard let d = best else { continue }
      used.insert(d.id)
      var pair =
        ClockPair(
          kind: .pageDelivered, source: d.sourceIndex, reference: p.sourceIndex,
          differenceMicros: d.instant - p.instant, maxDelayMicros: maxDelayMicros,
          sourceCitation: d.source.citation, referenceCitation: p.source.citation,
          detail: "\(p.kind == .call ? "call" : "SMS") page to \(person)")
      pair.why = ClockReason(p.kind == .call ? "page.call" : "page.sms", ["person": person])
      out.append(pair)
    }
    return out
  }
}

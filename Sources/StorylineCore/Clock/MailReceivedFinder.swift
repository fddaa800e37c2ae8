/// Pairs the e-mails a source's owner sent (`Date:`, the owner's clock) with the stamp of the
/// first mail server that received them (the bottom-most `Received:` header, the server's
/// clock), for ``ClockPair/Kind/mailReceived`` pairs: the server received the message 0 to
/// ``maxDelayMicros`` after its `Date:`.
///
/// Mail servers keep network time: their stamps are one clock outside the case (``server``), an
/// anchor the owner's device can be measured against. Messages the owner received carry their
/// senders' clocks, not the owner's, and give no pair.
public enum MailReceivedFinder {
  /// How long after its `Date:` a message may reach its first server.
  public static let maxDelayMicros: Int64 = 60_000_000

  /// The pairs among `events`: `owners` by source index, the servers' clock numbered `server`.
  public static func pairs(
    _ events: [Event], owners: [Int: String], normalizer: TimeNormalizer, server: Int
  ) -> [ClockPair] {
    var clock = normalizer.clock(zone: .utc)
    return events.compactMap { e in
      guard e.kind == .email, let stamp = e.attributes["received"], let owner = owners[e.sourceIndex],
        e.from?.person == owner, e.uncertaintyMicros == 0, e.precision <= .second,
        case .success(let t) = clock.normalize(stamp, line: e.source.line)
      else { return nil }
      var pair = ClockPair(
        kind: .mailReceived, source: server, reference: e.sourceIndex, differenceMicros: t.instant - e.instant,
        maxDelayMicros: maxDelayMicros, sourceCitation: e.source.citation + " Received:",
        referenceCitation: e.source.citation, detail: "e-mail sent by \(owner), stamped by its first server")
      pair.why = ClockReason("mail", ["owner": owner])
      return pair
    }
  }
}

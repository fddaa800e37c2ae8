import StorylineCore

/// Reads the pages, acknowledgements and escalations that paging services' readers give
/// (events marked `paged_by`; `acknowledgement`; `log_entry_type` `escalate_log_entry`) into a
/// ``PagingSummary``.
enum PagingTracker {
  /// The summary of `events` (in timeline order), nil when no service paged anyone.
  static func summary(_ events: [Event], steps: [CaseFile.EscalationStep], started: Instant?) -> PagingSummary? {
    var people: [String: PagingSummary.Person] = [:]
    var order: [String] = []
    var acks: [(who: String, at: Instant, citation: String, viewed: Bool)] = []
    var escalations: [PagingSummary.Escalation] = []
    for e in events {
      if e.attributes["log_entry_type"] == "escalate_log_entry" {
        escalations.append(
          .init(
            instant: e.instant, text: e.text, byTimeout: e.attributes["channel"] == "timeout",
            citation: e.source.citation))
        continue
      }
      guard e.kind.isCommunication, let service = e.attributes["paged_by"] else { continue }
      let to = e.to.map(\.display)
      if e.attributes["acknowledgement"] == "true" {
        for who in to { acks.append((who, e.instant, e.source.citation, e.attributes["viewed"] == "true")) }
        continue
      }
      let channel = channelName(e.attributes["medium"] ?? e.kind.rawValue)
      for who in to {
        if var p = people[who] {
          p.pages += 1
          p.lastPage = e.instant
          if !p.channels.contains(channel) { p.channels.append(channel) }
          if !p.services.contains(service) { p.services.append(service) }
          people[who] = p
        } else {
          order.append(who)
          people[who] = .init(
            id: who, services: [service], pages: 1, channels: [channel], firstPage: e.instant, lastPage: e.instant,
            acknowledgedAt: nil, citations: [e.source.citation])
        }
      }
    }
    guard !order.isEmpty else { return nil }
    for who in order {
      guard let first = people[who]?.firstPage, let ack = acks.first(where: { $0.who == who && $0.at >= first })
      else { continue }
      people[who]!.acknowledgedAt = ack.at
      people[who]!.viewed = ack.viewed
      people[who]!.citations.append(ack.citation)
    }
    let paged = order.map { people[$0]! }
    let firstPage = paged.map(\.firstPage).min()!
    let firstAck = acks.filter { $0.at >= firstPage }.map(\.at).min()
    var out: [PagingSummary.Step] = []
    for (k, s) in steps.enumerated() {
      let mine = paged.filter { s.notify.contains($0.id) }
      let first = mine.map(\.firstPage).min()
      let ack = first.flatMap { f in acks.filter { s.notify.contains($0.who) && $0.at >= f }.map(\.at).min() }
      let due = started.map { k == 0 ? $0 : $0 + steps[k - 1].withinMicros }
      // Someone the step names was never paged though nobody had acknowledged when it was due.
      var notPaged: [String] = []
      if let due, firstAck.map({ $0 > due }) ?? true {
        notPaged = s.notify.filter { id in !paged.contains { $0.id == id } }
      }
      out.append(.init(step: k + 1, firstPage: first, acknowledgedAt: ack, notPaged: notPaged, dueAt: due))
    }
    return PagingSummary(
      people: paged, steps: out, escalations: escalations, firstPage: firstPage, firstAcknowledgement: firstAck)
  }

  /// `sms_notification` → `sms`, `phone_notification` → `phone`, `push_notification` → `push`.
  static func channelName(_ medium: String) -> String {
    medium.hasSuffix("_notification") ? String(medium.dropLast("_notification".count)) : medium
  }
}

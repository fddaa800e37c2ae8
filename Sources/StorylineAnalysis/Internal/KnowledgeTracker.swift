import StorylineCore

/// Follows the news through the timeline's communications, one event at a time.
struct KnowledgeTracker {
  private struct Known {
    var at: Instant
    var precision: TimePrecision?
    var uncertainty: Int64
    var from: String?
    var via: String
    var eventID: String?
    var citation: String?
    var asked: Bool
  }

  private let ids: [String]
  private let index: [String: Int]
  private var known: [Known?]
  private var attempts: [[Attempt]]
  /// Every attempt that did not get through.
  private(set) var failedAttempts: [Attempt] = []
  /// When the news first passed beyond the people who detected it.
  private(set) var firstEscalation: Instant? = nil

  init(people: [String]) {
    ids = people
    var idx: [String: Int] = [:]
    for (i, p) in people.enumerated() where idx[p] == nil { idx[p] = i }
    index = idx
    known = Array(repeating: nil, count: people.count)
    attempts = Array(repeating: [], count: people.count)
  }

  /// Runs the timeline: before `seedAt` only attempts count; at `seedAt` the seeds know.
  mutating func run(_ events: [Event], seedAt: Instant, seedEvent: Milestone?, seeds: [String], started: Instant) {
    var seeded = false
    // Indexing rather than `for e in events` reads each event in place instead of copying it.
    for i in events.indices {
      if !seeded && events[i].instant >= seedAt {
        seed(seeds, at: seedAt, milestone: seedEvent)
        seeded = true
      }
      guard events[i].kind.isCommunication else { continue }
      let outcome = events[i].outcome
      if outcome == nil || outcome == .completed {
        if seeded { pass(events[i]) }
      } else if outcome != .draft {
        attempt(events[i], beforeStart: events[i].instant < started, countAgainstTargets: seeded)
      }
    }
    if !seeded { seed(seeds, at: seedAt, milestone: seedEvent) }
  }

  /// Without a start there is no news to pass: only the failed attempts are collected.
  mutating func recordAttemptsOnly(_ events: [Event]) {
    for e in events where e.kind.isCommunication && e.outcome != nil && e.outcome != .completed && e.outcome != .draft {
      attempt(e, beforeStart: false, countAgainstTargets: false)
    }
  }

  private mutating func seed(_ people: [String], at t: Instant, milestone: Milestone?) {
    for p in people {
      guard let i = index[p], known[i] == nil else { continue }
      known[i] = Known(
        at: milestone?.instant ?? t, precision: milestone?.precision, uncertainty: milestone?.uncertaintyMicros ?? 0,
        from: nil, via: "detection", eventID: milestone?.eventID, citation: milestone?.citation, asked: false)
    }
  }

  private func knows(_ p: String?) -> Bool {
    guard let p, let i = index[p] else { return false }
    return known[i] != nil
  }

  /// A communication that got through.
  private mutating func pass(_ e: Event) {
    let sender = e.from?.person
    let twoWay = e.kind == .call || e.kind == .meeting || e.kind == .inPerson
    // Who passes it: the sender if they know; in a two-way exchange, any participant who knows.
    var teller: String? = knows(sender) ? sender : nil
    if teller == nil && twoWay { teller = e.to.first { knows($0.person) }?.person }
    // A paging service's acknowledgement: the person it paged was reached, by the service.
    if teller == nil, e.attributes["acknowledgement"] == "true" { teller = e.from?.raw }
    guard let teller else { return }
    // One-way messages reach only their recipients; a two-way exchange reaches the sender too.
    if twoWay, let sender, sender != teller { learn(sender, from: teller, e, asked: true) }
    for party in e.to {
      guard let p = party.person, p != teller else { continue }
      learn(p, from: teller, e, asked: p == sender)
    }
  }

  private mutating func learn(_ p: String, from teller: String, _ e: Event, asked: Bool) {
    guard let i = index[p], known[i] == nil else { return }
    let via =
      e.attributes["acknowledgement"] == "true"
      ? (e.attributes["viewed"] == "true" ? "page viewed" : "page acknowledged") : e.kind.rawValue
    known[i] = Known(
      at: e.instant, precision: e.precision, uncertainty: e.uncertaintyMicros, from: teller, via: via,
      eventID: e.id, citation: e.source.citation, asked: asked)
    if firstEscalation == nil { firstEscalation = e.instant }
  }

  /// A communication that did not get through.
  private mutating func attempt(_ e: Event, beforeStart: Bool, countAgainstTargets: Bool) {
    guard let outcome = e.outcome else { return }
    let a = Attempt(
      eventID: e.id, instant: e.instant, kind: e.kind, outcome: outcome, from: e.from?.display ?? "?",
      to: e.to.map(\.display), citation: e.source.citation, beforeStart: beforeStart)
    failedAttempts.append(a)
    guard countAgainstTargets, knows(e.from?.person) else { return }
    for p in e.to.compactMap(\.person) {
      guard let i = index[p], known[i] == nil else { continue }
      attempts[i].append(a)
    }
  }

  func results(started: Instant?) -> [PersonKnowledge] {
    ids.indices.map { i in
      let k = known[i]
      return PersonKnowledge(
        id: ids[i], knewAt: k?.at, precision: k?.precision, uncertaintyMicros: k?.uncertainty ?? 0, from: k?.from,
        via: k?.via, eventID: k?.eventID, citation: k?.citation, asked: k?.asked ?? false, attempts: attempts[i],
        alreadyKnew: k.map { known in started.map { known.at < $0 } ?? false } ?? false)
    }
  }
}

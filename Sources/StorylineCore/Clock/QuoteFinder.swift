/// Finds the notifications that quote or name a log record or alert, for
/// ``ClockPair/Kind/quotes`` pairs: a notification (an SMS, chat message or e-mail from
/// monitoring or a bot: ``isNotification(_:)``) is sent after what it quotes, by at most
/// ``maxDelayMicros``.
///
/// The messages are few and held; the records (a log of any size) are streamed past with
/// ``consider(_:)``, and only those within ``windowMicros`` of a message are read for words. For
/// each message the record that quotes it best is kept (``QuoteTokens/quoteScore(_:)``); when the
/// best are several records far apart (a repeated error, minutes apart), the message is
/// ambiguous and gives no pair; within ``maxDelayMicros`` of each other (a burst), the first
/// is taken as the one the message reports.
public struct QuoteFinder {
  /// How long after a record a message quoting it may be sent: alerting pipelines wait, group
  /// and retry for seconds to a minute.
  public static let maxDelayMicros: Int64 = 60_000_000
  /// How far apart on their own clocks a record and a message may lie: the largest clock error
  /// found.
  public static let windowMicros: Int64 = 30 * 60_000_000

  struct Message {
    var event: Event
    var tokens: QuoteTokens
    var score = 0
    var first: (instant: Int64, source: Int, citation: String, shared: [String])? = nil
    var last: Int64 = 0
  }

  private var messages: [Message]
  /// The messages' instants, sorted with them.
  private var instants: [Int64]
  /// Which messages hold each distinctive word; a word more than ``commonWord`` messages hold
  /// names nothing in particular (a host every alert names) and is left out, so that a record
  /// is compared with a bounded number of messages, however many there are.
  private var holders: [String: [Int]] = [:]
  /// More messages than this holding a word make it common.
  public static let commonWord = 64

  /// A finder for the messages among `events` (communications with words that name something).
  /// `recordsElsewhere`: whether records may come from elsewhere than `events` (logs streamed
  /// past ``consider(_:)``); without them and with no record among `events`, there is nothing to
  /// quote and no message is read for words.
  public init(_ events: [Event], recordsElsewhere: Bool = true) {
    messages = []
    guard recordsElsewhere || events.contains(where: Self.quotable) else {
      instants = []
      return
    }
    // Only the messages kept are read for words and held (a message history can be long).
    for e in events where Self.isNotification(e) {
      let tokens = QuoteTokens(e.text)
      if !tokens.distinctive.isEmpty { messages.append(Message(event: e, tokens: tokens)) }
    }
    messages.sort {
      ($0.event.instant, $0.event.sourceIndex, $0.event.sequence) < (
        $1.event.instant, $1.event.sourceIndex, $1.event.sequence
      )
    }
    instants = messages.map(\.event.instant.microseconds)
    for (k, m) in messages.enumerated() {
      for w in m.tokens.distinctive { holders[w, default: []].append(k) }
    }
    holders = holders.filter { $0.value.count <= Self.commonWord }
  }

  /// Whether `e` is a notification that may quote a record: a communication with text from an
  /// address that is no case person (monitoring, a bot), not a paging service's page (pages
  /// that escalate are sent minutes after what they name: their deliveries are paired instead).
  /// People quote errors minutes later, in their own time: no bound.
  public static func isNotification(_ e: Event) -> Bool {
    e.kind.isCommunication && !e.text.isEmpty && e.from != nil && e.from!.person == nil
      && !e.attributes.contains(key: "paged_by")
  }

  /// Whether there is any message to find a quote of (else no record needs reading).
  public var isEmpty: Bool { messages.isEmpty }

  /// Whether `e` can be quoted: a log record or an alert.
  public static func quotable(_ e: Event) -> Bool { e.kind == .log || e.kind == .alert }

  /// Reads one record or alert (any order).
  public mutating func consider(_ e: Event) {
    guard Self.quotable(e), !messages.isEmpty, !e.text.isEmpty else { return }
    let t = e.instant.microseconds
    let near = lowerBound(t - Self.windowMicros)
    guard near < messages.count, instants[near] <= t + Self.windowMicros else { return }
    let tokens = QuoteTokens(e.text)
    // The messages that hold one of the record's words, within the window: at most
    // `commonWord` per word.
    var candidates: [Int] = []
    for w in tokens.distinctive {
      for m in holders[w] ?? [] where abs(instants[m] - t) <= Self.windowMicros { candidates.append(m) }
    }
    guard !candidates.isEmpty else { return }
    candidates.sort()
    var previous = -1
    for k in candidates {
      if k == previous { continue }
      previous = k
      guard messages[k].event.sourceIndex != e.sourceIndex else { continue }
      let score = messages[k].tokens.quoteScore(tokens)
      guard score > 0, score >= messages[k].score else { continue }
      let found = (
        instant: t, source: e.sourceIndex, citation: e.source.citation, shared: messages[k].tokens.shared(tokens)
      )
      if score > messages[k].score {
        messages[k].score = score
        messages[k].first = found
        messages[k].last = t
      } else {
        if t < messages[k].first!.instant { messages[k].first = found }
        messages[k].last = max(messages[k].last, t)
      }
    }
  }

  /// Takes in what another finder over the same messages found (records read on another
  /// thread): the best quotes of both, as if one finder had read every record.
  public mutating func absorb(_ other: QuoteFinder) {
    precondition(other.messages.count == messages.count)
    for k in messages.indices {
      let o = other.messages[k]
      guard let of = o.first, o.score >= messages[k].score else { continue }
      if o.score > messages[k].score || messages[k].first == nil {
        messages[k].score = o.score
        messages[k].first = of
        messages[k].last = o.last
      } else {
        if of.instant < messages[k].first!.instant { messages[k].first = of }
        messages[k].last = max(messages[k].last, o.last)
      }
    }
  }

  private func lowerBound(_ t: Int64) -> Int {
    var lo = 0
    var hi = instants.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if instants[mid] < t { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// The pairs found: one per message quoting a record unambiguously.
  public func pairs() -> [ClockPair] {
    messages.compactMap { m in
      guard let f = m.first, m.last - f.instant <= Self.maxDelayMicros else { return nil }
      let quoted = f.shared.prefix(4).map { "\"\($0)\"" }.joined(separator: ", ")
      var pair = ClockPair(
        kind: .quotes, source: m.event.sourceIndex, reference: f.source,
        differenceMicros: m.event.instant.microseconds - f.instant, maxDelayMicros: Self.maxDelayMicros,
        sourceCitation: m.event.source.citation, referenceCitation: f.citation, detail: "quotes \(quoted)")
      pair.why = ClockReason("quotes", ["words": quoted])
      return pair
    }
  }
}

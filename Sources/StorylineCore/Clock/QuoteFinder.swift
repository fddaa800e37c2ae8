/// Finds the notifications that quote or name a log record or alert, for
/// ``ClockPair/Kind/quotes`` pairs: a notification (an SMS, chat message or e-mail from
/// monitoring or a bot: ``isNotification(_:)``) is sent after what it quotes, by at most
/// ``maxDelayMicros``.
///
/// The messages are held, their words as hashes; the records (a log of any size) are streamed past with
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

  /// A message held: its event, and where its words' hashes lie in ``words`` (its distinctive
  /// words', then its plain words', each sorted).
  struct Message {
    var event: Event
    var start: Int
    var distinctive: Int32
    var plain: Int32
  }

  /// The record that quotes a message best so far (``QuoteTokens/quoteScore(_:)``): the first
  /// of them, and when the last was.
  struct Best {
    var score: Int
    var first: (instant: Int64, source: Int, citation: String, shared: [String])
    var last: Int64
  }

  private var messages: [Message] = []
  /// Every message's word hashes, one after the other: a message history of a million
  /// notifications holds a few bytes a word, not a set of strings each.
  private var words: [UInt64] = []
  /// The messages' instants, sorted with them.
  private var instants: [Int64] = []
  /// Which messages hold each distinctive word (by its hash); a word more than ``commonWord``
  /// messages hold names nothing in particular (a host every alert names) and is left out, so
  /// that a record is compared with a bounded number of messages, however many there are.
  private var holders: [UInt64: [Int]] = [:]
  /// The messages quoted so far, by number: most never are.
  private var best: [Int: Best] = [:]
  /// More messages than this holding a word make it common.
  public static let commonWord = 64

  /// A finder for the messages among `events` (communications with words that name something).
  /// `recordsElsewhere`: whether records may come from elsewhere than `events` (logs streamed
  /// past ``consider(_:)``); without them and with no record among `events`, there is nothing to
  /// quote and no message is read for words.
  public init(_ events: [Event], recordsElsewhere: Bool = true) {
    guard recordsElsewhere || events.contains(where: Self.quotable) else { return }
    let notifications = events.filter(Self.isNotification).sorted {
      ($0.instant, $0.sourceIndex, $0.sequence) < ($1.instant, $1.sourceIndex, $1.sequence)
    }
    var distinctive: [UInt64] = []
    var plain: [UInt64] = []
    for e in notifications {
      QuoteTokens.hashes(e.text, distinctive: &distinctive, plain: &plain)
      guard !distinctive.isEmpty else { continue }
      for h in distinctive { holders[h, default: []].append(messages.count) }
      messages.append(
        Message(event: e, start: words.count, distinctive: Int32(distinctive.count), plain: Int32(plain.count)))
      words += distinctive
      words += plain
    }
    instants = messages.map(\.event.instant.microseconds)
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
    let distinctive = Self.sortedHashes(tokens.distinctive)
    var candidates: [Int] = []
    for h in distinctive {
      for m in holders[h] ?? [] where abs(instants[m] - t) <= Self.windowMicros { candidates.append(m) }
    }
    guard !candidates.isEmpty else { return }
    let plain = Self.sortedHashes(tokens.plain)
    candidates.sort()
    var previous = -1
    for k in candidates {
      if k == previous { continue }
      previous = k
      guard messages[k].event.sourceIndex != e.sourceIndex else { continue }
      let current = best[k]?.score ?? 0
      // Counted on the hashes first, which can only count more than the words: a message
      // that cannot beat what it has is not read again.
      guard hashScore(k, distinctive, plain) >= max(current, 1) else { continue }
      let message = QuoteTokens(messages[k].event.text)
      let score = message.quoteScore(tokens)
      guard score > 0, score >= current else { continue }
      let found = (instant: t, source: e.sourceIndex, citation: e.source.citation, shared: message.shared(tokens))
      if let b = best[k], score == b.score {
        if t < b.first.instant { best[k]!.first = found }
        best[k]!.last = max(b.last, t)
      } else {
        best[k] = Best(score: score, first: found, last: t)
      }
    }
  }

  /// ``QuoteTokens/quoteScore(_:)`` of message `k` on the hashes (sorted): never less than on
  /// the words.
  private func hashScore(_ k: Int, _ distinctive: [UInt64], _ plain: [UInt64]) -> Int {
    let m = messages[k]
    let d = Self.shared(words[m.start..<m.start + Int(m.distinctive)], distinctive)
    guard d > 0 else { return 0 }
    let from = m.start + Int(m.distinctive)
    let p = Self.shared(words[from..<from + Int(m.plain)], plain)
    guard d >= 2 || p >= 2 else { return 0 }
    return 2 * d + p
  }

  /// How many values two sorted lists without repeats share.
  private static func shared(_ a: ArraySlice<UInt64>, _ b: [UInt64]) -> Int {
    var (i, j, n) = (a.startIndex, 0, 0)
    while i < a.endIndex && j < b.count {
      if a[i] < b[j] {
        i += 1
      } else if a[i] > b[j] {
        j += 1
      } else {
        n += 1
        i += 1
        j += 1
      }
    }
    return n
  }

  private static func sortedHashes(_ words: Set<String>) -> [UInt64] {
    words.map { w in
      var w = w
      return w.withUTF8 { FNV1a.of($0) }
    }.sorted()
  }

  /// Takes in what another finder over the same messages found (records read on another
  /// thread): the best quotes of both, as if one finder had read every record.
  public mutating func absorb(_ other: QuoteFinder) {
    precondition(other.messages.count == messages.count)
    for (k, o) in other.best {
      guard let b = best[k], o.score <= b.score else {
        best[k] = o
        continue
      }
      guard o.score == b.score else { continue }
      if o.first.instant < b.first.instant { best[k]!.first = o.first }
      best[k]!.last = max(b.last, o.last)
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
    messages.indices.compactMap { k in
      let m = messages[k]
      guard let b = best[k], b.last - b.first.instant <= Self.maxDelayMicros else { return nil }
      let f = b.first
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

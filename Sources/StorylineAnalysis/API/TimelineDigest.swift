import HeapModule
import StorylineCore

/// What the reports keep of a timeline, gathered in one pass over its events in timeline order:
/// the counts, the log bursts and per-minute volume (``LogCondenser``'s rules, online), and the
/// events a readable report shows — at most `shownOtherEvents` events that are not log records
/// (notes, alerts, signals and communications between people of the case first, then those
/// nearest the incident's start), and at most `shownLogRecords` log records, state changes and
/// signals first. Memory is bounded by what it keeps, not by the number of events that pass.
public struct TimelineDigest: Sendable {
  /// Log records a report lists at most, by default.
  public static let defaultShownLogRecords = 2_000
  /// Other events (communications, notes, alerts) a report lists at most, by default: every one
  /// of a case's, unless it holds a message history of thousands.
  public static let defaultShownOtherEvents = 3_000

  public let zone: ZoneRules
  private let paths: [String]
  private let shownLogLimit: Int
  private let shownOtherLimit: Int
  /// The instant the other events are kept nearest to (the incident's start), when known.
  private let focus: Instant?
  private let minimumRun: Int

  /// Events that passed.
  public private(set) var eventCount = 0
  /// Events of each kind.
  public private(set) var kinds: [EventKind: Int] = [:]
  /// The first event in timeline order.
  public private(set) var first: Event? = nil
  /// The last event's instant and precision.
  public private(set) var lastMoment: (instant: Instant, precision: TimePrecision)? = nil
  private var offsetMinute = Int64.min
  /// Whether any event's order against another source's is uncertain.
  public private(set) var orderUncertain = false
  /// The case zone's UTC offsets (seconds) at the events' instants.
  public private(set) var zoneOffsets: Set<Int> = []
  /// People named as a party of an event, in order of first appearance.
  public private(set) var people: [String] = []
  /// Sources that hold log records or alerts.
  public private(set) var logSources: Set<Int> = []
  /// The bursts, in timeline order (after ``finish()``).
  public private(set) var bursts: [LogBurst] = []
  /// Per-minute records and errors of every source holding log records (after ``finish()``).
  public private(set) var volume: [VolumeSeries] = []
  /// The events a report shows, in timeline order (after ``finish()``).
  public private(set) var shown: [Event] = []
  /// The burst of each shown event that belongs to one, by event id.
  public private(set) var burstOf: [String: String] = [:]
  /// Log records not among the shown ones.
  public private(set) var omitted = 0
  /// Other events not among the shown ones, and those among them (after ``finish()``).
  public private(set) var omittedOther = 0
  public private(set) var shownOther = 0

  private var tracker: LogRunTracker
  private var runs: [LogRunTracker.RunKey: Run] = [:]
  private var burstRuns: [Run] = []
  private var burstIDs: [LogRunTracker.RunKey: String] = [:]
  private var perMinute: [Int: [Int64: (records: Int, errors: Int)]] = [:]
  /// Each source's minute being counted (by source index), added to `perMinute` when another
  /// minute of the source comes: records come mostly in time order, so mostly once a minute.
  private var thisMinute: [(minute: Int64, records: Int, errors: Int)?] = []
  private var nonLog: [Shown] = []
  private var logs = Heap<Shown>()
  private var seenPeople: Set<String> = []
  private var burstOrdinals: [Int] = []

  /// A run being followed: what its burst would say.
  private struct Run: Sendable {
    var key: LogRunTracker.RunKey
    var count: Int
    var first: Event
    var ordinal: Int
    var last: Event
    var from: Party?
    var severity: Severity?

    /// The shape its records share, made only for a run that becomes a burst.
    var template: String { LogTemplate.mask(first.text) }

    mutating func add(_ e: Event) {
      count += 1
      last = e
      if from != e.from { from = nil }
      if let s = e.severity { severity = max(severity ?? s, s) }
    }
  }

  /// An event kept to be shown, with its place in the timeline and how much it matters.
  private struct Shown: Comparable, Sendable {
    var rank: Int
    /// From the focus (other events only; 0 for log records).
    var distance: Int64 = 0
    var ordinal: Int
    var event: Event
    var run: LogRunTracker.RunKey?
    static func < (a: Shown, b: Shown) -> Bool { (a.rank, a.distance, a.ordinal) < (b.rank, b.distance, b.ordinal) }
    static func == (a: Shown, b: Shown) -> Bool { a.ordinal == b.ordinal }
  }

  /// `sourcePaths`: the sources' paths by index (for the volume series); `focus`: the instant the
  /// other events shown are kept nearest to when there are more than `shownOtherEvents`.
  public init(
    zone: ZoneRules, sourcePaths: [String], people: [Person] = [], shownLogRecords: Int = defaultShownLogRecords,
    shownOtherEvents: Int = defaultShownOtherEvents, focus: Instant? = nil,
    minimumRun: Int = LogCondenser.defaultMinimumRun, maxGapMicros: Int64 = LogCondenser.defaultMaxGapMicros
  ) {
    self.zone = zone
    paths = sourcePaths
    shownLogLimit = shownLogRecords
    shownOtherLimit = max(1, shownOtherEvents)
    self.focus = focus
    self.minimumRun = minimumRun
    tracker = LogRunTracker(maxGapMicros: maxGapMicros)
    self.people = people.map(\.id)
    seenPeople = Set(self.people)
  }

  /// The digest of a timeline held in memory.
  public static func of(_ t: Timeline, shownLogRecords: Int = defaultShownLogRecords) -> TimelineDigest {
    var d = TimelineDigest(
      zone: t.zone, sourcePaths: t.sources.map(\.path), people: t.people, shownLogRecords: shownLogRecords)
    for e in t.events { d.add(e) }
    d.finish()
    return d
  }

  /// What the digest found of an event it took.
  public struct Taken: Sendable {
    /// The run of log records it belongs to (nil for other events), whose burst
    /// ``TimelineDigest/burst(of:)`` gives after ``TimelineDigest/finish()``.
    public var run: BurstRun?
    /// Its signal (``EventSignal/of(_:)``).
    public var signal: EventSignal?
  }

  /// Takes the next event of the timeline. `words`: the signal words of a log record's text
  /// when already found (``SignalWords/of(_:)``).
  @discardableResult
  public mutating func add(_ e: Event, words known: SignalWords? = nil) -> Taken {
    let ordinal = eventCount
    eventCount += 1
    kinds[e.kind, default: 0] += 1
    if first == nil { first = e }
    lastMoment = (e.instant, e.precision)
    if e.orderUncertain { orderUncertain = true }
    // The zone's offset changes at most at a transition: look it up once a minute of events.
    let minute = e.instant.microseconds / 60_000_000
    if minute != offsetMinute {
      offsetMinute = minute
      zoneOffsets.insert(zone.offset(at: e.instant))
    }
    if let id = e.from?.person, seenPeople.insert(id).inserted { people.append(id) }
    for p in e.to { if let id = p.person, seenPeople.insert(id).inserted { people.append(id) } }
    guard e.kind == .log else {
      if e.kind == .alert { logSources.insert(e.sourceIndex) }
      let signal = EventSignal.of(e)
      keepOther(
        Shown(
          rank: Self.otherRank(e, signal), distance: focus.map { abs(e.instant.microseconds - $0.microseconds) } ?? 0,
          ordinal: ordinal, event: e, run: nil))
      return Taken(run: nil, signal: signal)
    }
    logSources.insert(e.sourceIndex)
    count(e)
    let words = known ?? SignalWords.of(e.text)
    let signal = EventSignal.of(e, words: words)
    let assigned = tracker.assign(e, words: words)
    for k in tracker.closed { close(k) }
    if let (key, starts) = assigned {
      if starts {
        runs[key] = Run(key: key, count: 1, first: e, ordinal: ordinal, last: e, from: e.from, severity: e.severity)
      } else {
        runs[key]?.add(e)
      }
    }
    keep(Shown(rank: Self.rank(e, words, signal), ordinal: ordinal, event: e, run: assigned?.run))
    return Taken(run: assigned.map { BurstRun(source: $0.run.source, sequence: $0.run.sequence) }, signal: signal)
  }

  /// How much a log record matters to a reader: state changes, then signals, then warnings.
  static func rank(_ e: Event, _ words: SignalWords, _ signal: EventSignal?) -> Int {
    if Signals.isStateChange(e, words) { return 0 }
    if signal != nil { return 1 }
    if let s = e.severity, s >= .warning { return 2 }
    return 3
  }

  /// Which other events a long message history keeps first: notes, alerts and signals, and
  /// communications between two people of the case; then those with one; then the rest.
  static func otherRank(_ e: Event, _ signal: EventSignal?) -> Int {
    if e.kind == .note || e.kind == .alert || signal != nil { return 0 }
    let from = e.from?.person != nil
    let to = e.to.contains { $0.person != nil }
    return from && to ? 0 : from || to ? 1 : 2
  }

  /// Keeps an other event; past twice the limit, the least wanted are let go (counted).
  private mutating func keepOther(_ s: Shown) {
    nonLog.append(s)
    if nonLog.count - shownOtherLimit >= shownOtherLimit { pruneOther() }
  }

  private mutating func pruneOther() {
    guard nonLog.count > shownOtherLimit else { return }
    nonLog.sort()
    omittedOther += nonLog.count - shownOtherLimit
    nonLog.removeLast(nonLog.count - shownOtherLimit)
  }

  private mutating func count(_ e: Event) {
    let m = e.instant.microseconds
    let minute = m - ((m % 60_000_000) + 60_000_000) % 60_000_000
    let s = e.sourceIndex
    while thisMinute.count <= s { thisMinute.append(nil) }
    if let c = thisMinute[s], c.minute != minute { addMinute(of: s) }
    if thisMinute[s] == nil { thisMinute[s] = (minute, 0, 0) }
    thisMinute[s]!.records += 1
    if let v = e.severity, v >= .error { thisMinute[s]!.errors += 1 }
  }

  /// Adds the minute source `s` is counting to the series.
  private mutating func addMinute(of s: Int) {
    guard let c = thisMinute[s] else { return }
    thisMinute[s] = nil
    perMinute[s, default: [:]][c.minute, default: (0, 0)].records += c.records
    perMinute[s, default: [:]][c.minute, default: (0, 0)].errors += c.errors
  }

  private mutating func keep(_ s: Shown) {
    if logs.count < shownLogLimit {
      logs.insert(s)
    } else if let worst = logs.max, s < worst {
      _ = logs.replaceMax(with: s)
      omitted += 1
    } else {
      omitted += 1
    }
  }

  private mutating func close(_ key: LogRunTracker.RunKey) {
    guard let r = runs.removeValue(forKey: key) else { return }
    if r.count >= minimumRun { burstRuns.append(r) }
  }

  /// Marks the shown approximate events that a pass found to overlap another source's event.
  public mutating func markApproximate(_ ids: Set<String>) {
    for i in shown.indices where shown[i].uncertaintyMicros > 0 && ids.contains(shown[i].id) {
      shown[i].orderUncertain = true
    }
    for i in nonLog.indices where nonLog[i].event.uncertaintyMicros > 0 && ids.contains(nonLog[i].event.id) {
      nonLog[i].event.orderUncertain = true
    }
  }

  /// Closes the open runs, numbers the bursts and orders what is shown.
  public mutating func finish() {
    for k in tracker.remaining() { close(k) }
    pruneOther()
    shownOther = nonLog.count
    burstRuns.sort { $0.ordinal < $1.ordinal }
    bursts = []
    burstIDs = [:]
    burstOrdinals = []
    for r in burstRuns {
      let id = "b\(bursts.count + 1)"
      burstIDs[r.key] = id
      burstOrdinals.append(r.ordinal)
      bursts.append(
        LogBurst(
          id: id, sourceIndex: r.key.source, template: r.template, count: r.count, from: r.from, first: r.first,
          last: r.last, severity: r.severity))
    }
    let all = (nonLog + logs.unordered).sorted { $0.ordinal < $1.ordinal }
    shownOrdinals = all.map(\.ordinal)
    shown = all.map(\.event)
    burstOf = [:]
    for s in all {
      if let run = s.run, let id = burstIDs[run] { burstOf[s.event.id] = id }
    }
    for s in thisMinute.indices { addMinute(of: s) }
    volume = perMinute.keys.sorted().map { s in
      VolumeSeries(
        sourceIndex: s, path: s < paths.count ? paths[s] : "",
        minutes: perMinute[s]!.sorted { $0.key < $1.key }.map {
          VolumeSeries.Minute(start: Instant(microseconds: $0.key), records: $0.value.records, errors: $0.value.errors)
        })
    }
  }

  private var shownOrdinals: [Int] = []

  /// The condensed timeline of what is shown: each shown event that is not in a burst, and each
  /// burst at its first record's place.
  public var entries: [TimelineEntry] {
    var out: [TimelineEntry] = []
    var b = 0
    for (k, e) in shown.enumerated() {
      while b < bursts.count && burstOrdinals[b] <= shownOrdinals[k] {
        out.append(.burst(bursts[b]))
        b += 1
      }
      if burstOf[e.id] == nil { out.append(.event(e)) }
    }
    while b < bursts.count {
      out.append(.burst(bursts[b]))
      b += 1
    }
    return out
  }

  /// The id of the burst a run found on the digest's pass became (after ``finish()``), or nil.
  public func burst(of run: BurstRun) -> String? {
    burstIDs[LogRunTracker.RunKey(source: run.source, sequence: run.sequence)]
  }

  /// Labels events with their bursts on a later pass over the same events: feed it every event,
  /// in order, as the digest was fed.
  public func burstLabeller() -> BurstLabeller {
    BurstLabeller(tracker: LogRunTracker(maxGapMicros: tracker.maxGapMicros), ids: burstIDs)
  }
}

/// The burst of each event on a pass after a ``TimelineDigest``'s (see
/// ``TimelineDigest/burstLabeller()``).
public struct BurstLabeller: Sendable {
  fileprivate var tracker: LogRunTracker
  fileprivate let ids: [LogRunTracker.RunKey: String]

  /// The burst `e` belongs to, or nil.
  public mutating func burst(of e: Event) -> String? {
    guard let (run, _) = tracker.assign(e) else { return nil }
    return ids[run]
  }
}

import StorylineAnalysis
import StorylineCore

/// Renders a timeline as JSON, schema `storyline/1` (README.md, "JSON output"; docs/storyline.schema.json).
/// Keys come in the documented order and nothing depends on the clock or the machine, so equal
/// inputs give byte-identical output.
public enum JSONReport {
  /// The schema version written in every report.
  public static let schema = "storyline/1"

  /// The report of a timeline in memory; `escalation` is null without an escalation analysis
  /// (no case file).
  public static func render(_ t: Timeline, escalation: EscalationReport? = nil) -> String {
    let digest = TimelineDigest.of(t)
    var writer = Writer(t, digest: digest, escalation: escalation)
    return writer.render(t.events, labels: digest.burstLabeller())
  }

  /// Writes the report one event at a time: ``begin()``, ``write(_:burst:into:)`` for every event
  /// in timeline order, ``end()`` — the text ``render(_:escalation:)`` gives, without holding the
  /// events. The summary and the analysis before the events come from the `digest` of a pass
  /// made before.
  public struct Writer: TimelineWriter {
    private let head: String
    private let tail: String
    private let zone: ZoneRules
    private var count = 0
    /// The size of the last event written (for the room of the next).
    private var lastSize = 0
    /// The most room made for an event at once (a megabyte: the longest texts escaped at worst
    /// would need six times their size).
    static let largestRoom = 1 << 20

    /// A writer for the timeline `t` (its settings and sources) whose events went into `digest`.
    public init(_ t: Timeline, digest: TimelineDigest, escalation: EscalationReport?) {
      zone = t.zone
      let records = t.sources.reduce(0) { $0 + $1.records }
      let sentinel = "\u{1}storyline-events\u{1}"
      let doc: JSONValue = .object([
        ("schema", .string(schema)),
        ("generator", .string("storyline \(StorylineVersion.current)")),
        (
          "case",
          .object([
            ("title", .string(t.title)),
            ("timezone", .string(t.zone.identifier)),
            ("timezone_given", .bool(t.zoneGiven)),
            ("date", .optional(t.date?.description)),
            ("language", .string(t.language)),
            ("people", .array(t.people.map(person))),
          ])
        ),
        ("narrative", JSONReport.narrative(escalation?.narrative ?? Narrative())),
        (
          "summary",
          .object([
            ("sources", .int(t.sources.count)),
            ("records", .int(records)),
            ("events", .int(digest.eventCount)),
            ("merged", .int(t.sources.reduce(0) { $0 + $1.merged })),
            ("rejected", .int(t.sources.reduce(0) { $0 + $1.rejectedCount })),
            ("first", .optional(digest.first.map(time))),
            (
              "last",
              .optional(digest.lastMoment.map { TimestampFormatter.utc($0.instant, digits: digits($0.precision)) })
            ),
            (
              "kinds",
              .object(
                digest.kinds.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key.rawValue, .int($0.value)) })
            ),
          ])
        ),
        ("escalation", JSONReport.escalation(escalation, zone: t.zone)),
        ("sources", .array(t.sources.map(source))),
        ("clocks", JSONReport.clocks(t.clocks)),
        ("events", .array([.string(sentinel)])),
        ("logs", logs(digest, zone: t.zone)),
        ("warnings", .array(t.warnings.map(diagnostic))),
      ])
      let text = doc.rendered()
      // Found among the bytes (Foundation's search would bridge the whole document).
      let mark = text.utf8.firstRange(of: Array(("\n    " + JSONText.quoted(sentinel) + "\n  ]").utf8))!
      head = String(text[..<mark.lowerBound])
      tail = String(text[mark.upperBound...])
    }

    /// A writer of events alone, for writing them before the rest of the report is known (a
    /// build's one pass): its beginning and end are empty; its events are those of any writer
    /// for the same zone.
    public init(eventsIn zone: ZoneRules) {
      self.zone = zone
      head = ""
      tail = ""
    }

    public func begin() -> String { head }

    public mutating func write(_ e: Event, burst: String?, into out: inout [UInt8]) {
      _ = event(e, burst: burst, signal: EventSignal.of(e), into: &out)
    }

    public var leavesBursts: Bool { true }

    public mutating func writeLeavingBurst(_ e: Event, signal: EventSignal?, into out: inout [UInt8]) -> Int {
      event(e, burst: nil, signal: signal, into: &out)
    }

    /// The event after its separator; where its burst's value starts. Written through a cursor:
    /// into room for the last event's size and six times this one's text (escaped at worst),
    /// or, when that is not enough, into the room the same writing counts first; an event that
    /// could need more than ``largestRoom`` is appended piece by piece instead.
    private mutating func event(_ e: Event, burst: String?, signal: EventSignal?, into out: inout [UInt8]) -> Int {
      out.append(contentsOf: (count == 0 ? "\n    " : ",\n    ").utf8)
      count += 1
      let start = out.count
      let zone = zone
      func write(_ c: inout ByteCursor) -> Int {
        JSONReport.writeEvent(e, zone: zone, burst: burst, signal: signal, level: 4, into: &c)
      }
      let guess = lastSize + JSONText.room(e.text.utf8.count) + 1024
      let at: Int
      if guess <= Self.largestRoom, let fitted = out.append(ifWithin: guess, write) {
        at = start + fitted
      } else {
        var room = JSONRoom()
        JSONReport.writeEvent(e, zone: zone, burst: burst, signal: signal, level: 4, into: &room)
        if room.written <= Self.largestRoom {
          at = start + out.append(atMost: room.written, write)
        } else {
          // Long texts: appended piece by piece, not into room for six times their size.
          at = JSONReport.writeEvent(e, zone: zone, burst: burst, signal: signal, level: 4, into: &out)
        }
      }
      lastSize = out.count - start
      return at
    }

    public func burstText(_ burst: String?) -> [UInt8] {
      var out: [UInt8] = []
      JSONReport.writeBurst(burst, into: &out)
      return out
    }

    public func end() -> String { (count == 0 ? "]" : "\n  ]") + tail }

    /// Each event is the same text wherever it is written, after a comma once one is written.
    public func continuing() -> Writer? {
      var w = self
      w.count = max(count, 1)
      return w
    }
  }

  /// The case author's narrative as written (null when the case says none of it).
  static func narrative(_ n: Narrative) -> JSONValue {
    guard !n.isEmpty else { return .null }
    return .object([
      ("summary", .optional(n.summary)),
      (
        "impact",
        n.impact.map {
          .object([
            ("affected", .optional($0.affected)), ("duration", .optional($0.duration)),
            ("description", .optional($0.description)),
          ])
        } ?? .null
      ),
      ("root_cause", .optional(n.rootCause)),
      (
        "actions",
        .array(
          n.actions.map {
            .object([
              ("action", .string($0.text)), ("owner", .optional($0.owner)), ("due", .optional($0.due?.description)),
              ("status", .string($0.status.rawValue)),
            ])
          })
      ),
      ("sections", .array(n.sections.map { .object([("title", .string($0.title)), ("body", .string($0.body))]) })),
    ])
  }

  static func person(_ p: Person) -> JSONValue {
    .object([
      ("id", .string(p.id)), ("name", .optional(p.name)), ("role", .optional(p.role)), ("on_call", .bool(p.onCall)),
    ])
  }

  static func source(_ s: SourceSummary) -> JSONValue {
    .object([
      ("path", .string(s.path)),
      ("format", .string(s.format)),
      ("sha256", .string(s.sha256)),
      ("bytes", .int(s.bytes)),
      ("owner", .optional(s.owner)),
      ("timezone", .string(s.timezone)),
      ("clock_offset_ms", .int(s.clockOffsetMicros / 1_000)),
      ("records", .int(s.records)),
      ("events", .int(s.events)),
      ("merged", .int(s.merged)),
      ("rejected", .int(s.rejectedCount)),
      ("first", .optional(s.first.map { TimestampFormatter.utc($0) })),
      ("last", .optional(s.last.map { TimestampFormatter.utc($0) })),
      (
        "rejections",
        .array(
          s.rejected.map {
            .object([
              ("line", .int($0.line)), ("record", .int($0.record)), ("reason", .string($0.reason)),
              ("excerpt", .string($0.excerpt)),
            ])
          })
      ),
      (
        "rejected_by_reason",
        .array(
          s.rejectionGroups.map {
            .object([
              ("reason", .string($0.reason)), ("count", .int($0.count)), ("first_line", .int($0.firstLine)),
              ("last_line", .int($0.lastLine)),
            ])
          })
      ),
      (
        "skipped_lines",
        .array(
          s.skippedLines.map {
            .object([
              ("reason", .string($0.reason)), ("count", .int($0.count)), ("first_line", .int($0.firstLine)),
              ("last_line", .int($0.lastLine)),
            ])
          })
      ),
      ("warnings", .array(s.warnings.map(diagnostic))),
    ])
  }

  static func diagnostic(_ d: Diagnostic) -> JSONValue {
    .object([
      ("level", .string(d.level.rawValue)), ("path", .string(d.path)), ("line", .int(d.line)),
      ("column", .int(d.column)),
      ("message", .string(d.message)),
    ])
  }

  /// Fraction digits shown for a precision.
  static func digits(_ p: TimePrecision) -> Int {
    switch p {
    case .microsecond: 6
    case .millisecond: 3
    default: 0
    }
  }

  static func time(_ e: Event) -> String { TimestampFormatter.utc(e.instant, digits: digits(e.precision)) }

  static func provenance(_ p: Provenance) -> JSONValue {
    .written { out, level in writeProvenance(p, level: level, into: &out) }
  }

  /// A provenance object, written without a tree (see ``JSONObjectWriter``).
  static func writeProvenance<O: JSONOutput>(_ p: Provenance, level: Int?, into out: inout O) {
    var o = JSONObjectWriter(level: level, into: &out)
    o.string("path", p.path, into: &out)
    o.string("format", p.format, into: &out)
    o.int("record", p.record, into: &out)
    o.int("line", p.line, into: &out)
    o.string("original_time", p.originalTime, into: &out)
    o.key("corrections", into: &out)
    var list = JSONArrayWriter(level: o.inner, into: &out)
    for c in p.corrections {
      list.item(into: &out)
      var item = JSONObjectWriter(level: list.inner, into: &out)
      item.string("kind", c.kind, into: &out)
      item.string("detail", c.detail, into: &out)
      item.close(into: &out)
    }
    list.close(into: &out)
    o.close(into: &out)
  }

  /// Log bursts and per-minute volume (`logs` in the schema).
  static func logs(_ c: TimelineDigest, zone: ZoneRules) -> JSONValue {
    .object([
      (
        "bursts",
        .array(
          c.bursts.map { b in
            .object([
              ("id", .string(b.id)),
              ("source", .int(b.sourceIndex + 1)),
              ("template", .string(b.template)),
              ("count", .int(b.count)),
              ("severity", .optional(b.severity?.rawValue)),
              ("first", .string(time(b.first))),
              ("last", .string(time(b.last))),
              ("first_event", .string(b.first.id)),
              ("last_event", .string(b.last.id)),
              ("first_evidence", provenance(b.first.source)),
              ("last_evidence", provenance(b.last.source)),
              ("sample", .string(b.first.text)),
            ])
          })
      ),
      (
        "volume",
        .array(
          c.volume.map { v in
            .object([
              ("source", .int(v.sourceIndex + 1)),
              ("path", .string(v.path)),
              (
                "minutes",
                .array(
                  v.minutes.map {
                    .array([.string(TimestampFormatter.utc($0.start)), .int($0.records), .int($0.errors)])
                  })
              ),
            ])
          })
      ),
    ])
  }

  /// One event object, written without a tree: the hot path of a JSON report. Returns where
  /// the burst's value starts (what `out` had ``JSONOutput/written`` then).
  @discardableResult
  static func writeEvent<O: JSONOutput>(
    _ e: Event, zone: ZoneRules, burst: String?, signal: EventSignal?, level: Int?, into out: inout O
  ) -> Int {
    let digits = digits(e.precision)
    var o = JSONObjectWriter(level: level, into: &out)
    o.string("id", e.id, into: &out)
    // Timestamps need no escaping: written straight into the bytes.
    o.key("time", into: &out)
    out.byte(0x22)
    out.utc(e.instant, digits: digits)
    out.byte(0x22)
    o.key("local_time", into: &out)
    out.byte(0x22)
    out.local(e.instant, in: zone, digits: digits)
    out.byte(0x22)
    o.string("precision", e.precision.rawValue, into: &out)
    o.int("uncertainty_s", Int(e.uncertaintyMicros / 1_000_000), into: &out)
    o.bool("order_uncertain", e.orderUncertain, into: &out)
    o.string("kind", e.kind.rawValue, into: &out)
    o.string("from", e.from?.display, into: &out)
    o.string("from_raw", e.from?.raw, into: &out)
    o.strings("to", e.to, \.display, into: &out)
    o.strings("to_raw", e.to, \.raw, into: &out)
    o.string("text", e.text, into: &out)
    o.string("severity", e.severity?.rawValue, into: &out)
    o.string("outcome", e.outcome?.rawValue, into: &out)
    o.int("duration_s", e.durationSeconds, into: &out)
    o.key("end", into: &out)
    if let d = e.durationSeconds, d > 0 {
      out.byte(0x22)
      out.utc(e.instant + Int64(d) * 1_000_000, digits: digits)
      out.byte(0x22)
    } else {
      out.text("null")
    }
    // A draft was never sent: not a communication, so not an attempt either.
    o.bool(
      "attempt", e.kind.isCommunication && e.outcome != .draft ? !(e.outcome ?? .completed).passesNews : nil,
      into: &out)
    o.key("attributes", into: &out)
    var attributes = JSONObjectWriter(level: o.inner, into: &out)
    for a in uniqueKeys(e.attributes) { attributes.string(named: a.key, a.value, into: &out) }
    attributes.close(into: &out)
    o.key("burst", into: &out)
    let burstAt = out.written
    writeBurst(burst, into: &out)
    o.key("signal", into: &out)
    if let signal {
      var s = JSONObjectWriter(level: o.inner, into: &out)
      s.string("kind", signal.kind.rawValue, into: &out)
      s.string("reason", signal.reason, into: &out)
      s.close(into: &out)
    } else {
      out.text("null")
    }
    o.key("source", into: &out)
    writeProvenance(e.source, level: o.inner, into: &out)
    o.key("also_in", into: &out)
    var also = JSONArrayWriter(level: o.inner, into: &out)
    for p in e.alsoIn {
      also.item(into: &out)
      writeProvenance(p, level: also.inner, into: &out)
    }
    also.close(into: &out)
    o.close(into: &out)
    return burstAt
  }

  /// An event's `burst` value.
  static func writeBurst<O: JSONOutput>(_ burst: String?, into out: inout O) {
    if let burst { out.quote(burst) } else { out.text("null") }
  }

  /// Attributes with each key once (the first wins): a JSON object's keys must be unique.
  static func uniqueKeys(_ a: Attributes) -> Attributes {
    // Usually a handful of distinct keys: check that first, without a set.
    guard a.repeatsAName else { return a }
    var seen = Set<String>()
    return Attributes(a.filter { seen.insert($0.key).inserted })
  }
}

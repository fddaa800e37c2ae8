import StorylineAnalysis
import StorylineCore
import StorylineLocale
import StorylineReports

/// A case's reports from its ``EvidenceStream``, in bounded memory: the first pass redacts each
/// event, keeps what the escalation analysis reads and digests the timeline (counts, bursts,
/// volume, the events shown). Markdown and HTML render from it alone; JSON and CSV are written
/// during it as well (``EventSpill``); the other reports of every event (Timesketch, the
/// archive's) on a second pass.
///
/// Redaction is the in-memory one's, event by event: names before the analysis, numbers,
/// e-mail addresses and bodies after it.
public struct StreamedReport {
  /// The case's settings and sources, redacted (its events are not held).
  public private(set) var timeline: Timeline
  public private(set) var digest: TimelineDigest
  /// The escalation analysis (nil without a case file), redacted.
  public private(set) var escalation: EscalationReport?
  public let redaction: Redaction
  private let people: [Person]
  /// The approximate events the pass found to overlap another source's event.
  private let marked: Set<String>

  /// The first pass; every event goes on to `spill` too, once analysed and redacted.
  public init(
    _ stream: EvidenceStream, case c: CaseFile?, redaction: Redaction,
    shownLogRecords: Int = TimelineDigest.defaultShownLogRecords,
    shownOtherEvents: Int = TimelineDigest.defaultShownOtherEvents, progress: EvidenceStream.Progress? = nil,
    spill: TimelineSpill? = nil
  ) {
    self.redaction = redaction
    people = stream.header.people
    let content = ContentRedaction(redaction, language: Language.named(stream.header.language) ?? .english)
    var names = redaction.contains(.names) ? NameRedaction(people: people) : nil
    // The settings as the report shows them, for the digest (source paths, people).
    let shownHeader = Self.shownHeader(stream, case: c, redaction: redaction)
    var evidence = c.map { EscalationEvidence(zone: stream.header.zone, started: $0.incident.started?.instant) }
    var digest = TimelineDigest(
      zone: stream.header.zone, sourcePaths: shownHeader.sources.map(\.path), people: shownHeader.people,
      shownLogRecords: shownLogRecords, shownOtherEvents: shownOtherEvents,
      focus: Self.focus(c, zone: stream.header.zone))
    stream.pass(progress: progress) { event in
      var e = event
      names?.redact(&e)
      // A log record's signal words, found once for both (unless the redaction changes the text).
      let words = e.kind == .log ? SignalWords.of(e.text) : nil
      evidence?.add(e, words: words)
      content.redact(&e)
      let taken = digest.add(e, words: content.isActive ? nil : words)
      spill?.add(e, run: taken.run, signal: taken.signal)
    }
    marked = stream.approximateMarked
    digest.markApproximate(marked)
    digest.finish()
    self.digest = digest

    var header = stream.header
    var k = c
    names?.redact(case: &k, timeline: &header)
    var escalation: EscalationReport? = nil
    if let k, let evidence {
      var analysed = header
      analysed.events = evidence.events
      escalation = EscalationAnalyzer.analyze(analysed, case: k, end: evidence.end)
    }
    content.redact(timeline: &header, report: &escalation)
    timeline = header
    self.escalation = escalation
  }

  /// The case's settings and sources as the report shows them (redacted), known before the pass:
  /// the title a writer puts on every event's line (Timesketch) is this one's.
  public static func shownHeader(_ stream: EvidenceStream, case c: CaseFile?, redaction: Redaction) -> Timeline {
    var header = stream.header
    var k = c
    if redaction.contains(.names) {
      var names = NameRedaction(people: stream.header.people)
      names.redact(case: &k, timeline: &header)
    }
    var none: EscalationReport? = nil
    ContentRedaction(redaction, language: Language.named(stream.header.language) ?? .english)
      .redact(timeline: &header, report: &none)
    return header
  }

  /// The instant a long message history is shown nearest to: the incident's start, else noon
  /// of the case date; nil without either.
  static func focus(_ c: CaseFile?, zone: ZoneRules) -> Instant? {
    if let started = c?.incident.started?.instant { return started }
    guard let d = c?.date else { return nil }
    let noon = (Int64(d.daysSinceEpoch) * 86_400 + 43_200) * 1_000_000
    return Instant(microseconds: noon - Int64(zone.offset(at: Instant(microseconds: noon))) * 1_000_000)
  }

  /// The evidence gave another number of events on the second pass than on the first: a log
  /// was written to (or replaced) while the build read it, and the report does not hold together.
  public struct EvidenceChanged: Error, CustomStringConvertible {
    public var first: Int
    public var second: Int
    public var description: String {
      "error: the evidence changed while it was read: \(first) events on the first pass, \(second) on the "
        + "second (a log still being written?); the report does not hold together: build a copy of the logs"
    }
  }

  /// The report `spill` wrote during the first pass, `framing` its writer (beginning and end),
  /// to `emit` in chunks; false, with nothing emitted, when the spill outgrew its budget (write
  /// the report on a second pass, ``write(_:with:chunk:progress:emit:)``).
  @discardableResult
  public func write<Writer: TimelineWriter>(
    _ spill: EventSpill<Writer>, with framing: Writer, progress: EvidenceStream.Progress? = nil,
    emit: ([UInt8]) throws -> Void
  ) throws -> Bool {
    try spill.write(with: framing, bursts: digest, marked: marked, progress: progress, emit: emit)
  }

  /// The second pass: every event through `writer`, the UTF-8 handed to `emit` in order, in
  /// chunks of about `chunk` bytes (a batch's, when the writing runs on two threads). The writing
  /// runs off this thread (``RenderThread``), `emit` with it; both have ended when this returns. Throws ``EvidenceChanged`` (after writing)
  /// when the pass gave another number of events than the first.
  public func write<Writer: TimelineWriter>(
    _ stream: EvidenceStream, with writer: inout Writer, chunk: Int = 1 << 16,
    progress: EvidenceStream.Progress? = nil, emit: ([UInt8]) throws -> Void
  ) throws {
    try withoutActuallyEscaping(emit) { emit in
      let render = RenderThread(writer)
      render.start(chunk: chunk, emit: emit)
      let count: Int
      do {
        count = try pass(stream, progress: progress) { e, burst in try render.add(e, burst: burst) }
      } catch is RenderThread<Writer>.Stopped {
        try render.finish()  // throws what stopped the writing
        throw RenderThread<Writer>.Stopped()
      } catch {
        render.cancel()
        throw error
      }
      try render.finish()
      writer = render.writer
      try check(count)
    }
  }

  /// The second pass into two writers at once (the archive's JSON and Markdown), each with
  /// its own output and thread.
  public func write<First: TimelineWriter, Second: TimelineWriter>(
    _ stream: EvidenceStream, with first: inout First, emit: ([UInt8]) throws -> Void,
    and second: inout Second, emit emitSecond: ([UInt8]) throws -> Void, chunk: Int = 1 << 16,
    progress: EvidenceStream.Progress? = nil
  ) throws {
    try withoutActuallyEscaping(emit) { emit in
      try withoutActuallyEscaping(emitSecond) { emitSecond in
        let a = RenderThread(first)
        let b = RenderThread(second)
        a.start(chunk: chunk, emit: emit)
        b.start(chunk: chunk, emit: emitSecond)
        let count: Int
        do {
          count = try pass(stream, progress: progress) { e, burst in
            try a.add(e, burst: burst)
            try b.add(e, burst: burst)
          }
        } catch is RenderThread<First>.Stopped {
          b.cancel()
          try a.finish()
          throw RenderThread<First>.Stopped()
        } catch is RenderThread<Second>.Stopped {
          a.cancel()
          try b.finish()
          throw RenderThread<Second>.Stopped()
        } catch {
          a.cancel()
          b.cancel()
          throw error
        }
        do { try a.finish() } catch {
          b.cancel()
          throw error
        }
        try b.finish()
        first = a.writer
        second = b.writer
        try check(count)
      }
    }
  }

  /// Every event again, redacted as on the first pass and labelled with its burst; how many.
  private func pass(
    _ stream: EvidenceStream, progress: EvidenceStream.Progress?, _ body: (Event, String?) throws -> Void
  ) throws -> Int {
    let content = ContentRedaction(redaction, language: Language.named(stream.header.language) ?? .english)
    var names = redaction.contains(.names) ? NameRedaction(people: people) : nil
    var labels = digest.burstLabeller()
    var count = 0
    try stream.pass(progress: progress) { event in
      var e = event
      count += 1
      names?.redact(&e)
      content.redact(&e)
      try body(e, labels.burst(of: e))
    }
    return count
  }

  /// Throws ``EvidenceChanged`` when the second pass gave another number of events than the first.
  private func check(_ count: Int) throws {
    if count != digest.eventCount { throw EvidenceChanged(first: digest.eventCount, second: count) }
  }
}

import StorylineCore

/// What every reader carries: the case's context, the record it is on, and its warnings; and
/// the one way readers turn a record into an event or a rejection.
struct ReaderState {
  var context: ReaderContext
  let path: String
  let format: String
  /// Records begun so far: the current record's number.
  var records = 0
  /// The last corrections put in words, and the words: a source's records mostly share theirs.
  private var lastCorrections: (set: CorrectionSet, list: [Correction])? = nil
  private var own: [Diagnostic] = []
  /// Addresses already resolved: exports repeat the same few numbers thousands of times.
  private var parties: [String: Party] = [:]
  /// Warnings of each kind (by phrase key): how many, the first one's line, and the first and
  /// last lines of those beyond ``listedWarnings``, which are counted, not kept.
  private var warned: [String: (count: Int, line: Int, from: Int, to: Int)] = [:]
  /// Warnings of one kind kept whole; the rest are counted (a log can earn one on every record,
  /// a million times: memory and the diagnostics would grow with the file).
  static let listedWarnings = 3

  init(input: SourceInput, context: ReaderContext, format: String) {
    self.context = context
    self.path = input.displayPath
    self.format = format
    ownerAlone = [context.owner.map { Party(person: $0, raw: $0) } ?? Party(person: nil, raw: "(device owner)")]
  }

  /// The reader's own warnings (the first ``listedWarnings`` of a kind, then one line for the
  /// rest), then its clock's.
  var warnings: [Diagnostic] {
    let more = warned.filter { $0.value.count > Self.listedWarnings }.sorted { $0.value.line < $1.value.line }.map {
      Diagnostic(
        .warning, path: path, line: $0.value.from,
        Message.more($0.value.count - Self.listedWarnings, like: $0.value.line, from: $0.value.from, to: $0.value.to))
    }
    return own + more + context.clock.warnings.map { Diagnostic(.warning, path: path, line: $0.line, $0.phrase) }
  }

  /// The source's owner as a party (`(device owner)` when the case names none).
  var owner: Party { ownerAlone[0] }
  /// The owner alone, as the parties a message or call went to: one array that every such
  /// event shares (a phone's history of a million messages holds it once, not a million times).
  let ownerAlone: [Party]

  /// The party for a raw address (a number, a name, an e-mail), resolved through the case's people.
  mutating func party(_ raw: String) -> Party {
    if let p = parties[raw] { return p }
    let p = context.directory.party(raw)
    if parties.count > 100_000 { parties.removeAll(keepingCapacity: true) }
    parties[raw] = p
    return p
  }

  mutating func warn(_ phrase: Phrase, line: Int) {
    var w = warned[phrase.key] ?? (0, line, 0, 0)
    w.count += 1
    if w.count <= Self.listedWarnings {
      own.append(Diagnostic(.warning, path: path, line: line, phrase))
    } else {
      if w.count == Self.listedWarnings + 1 { w.from = line }
      w.to = line
    }
    warned[phrase.key] = w
  }

  /// The current record, rejected: throw it.
  func reject(_ reason: Phrase, line: Int, excerpt: String) -> RecordRejection {
    RecordRejection(Rejection(path: path, line: line, record: records, reason: reason, excerpt: excerpt))
  }

  /// The time a clock read, or the current record rejected with `reason` for the clock's error.
  func time(
    _ result: Result<NormalizedTime, TimeError>, line: Int, excerpt: @autoclosure () -> String,
    reason: (TimeError) -> Phrase
  ) throws(RecordRejection) -> NormalizedTime {
    switch result {
    case .success(let t): return t
    case .failure(let e): throw reject(reason(e), line: line, excerpt: excerpt())
    }
  }

  /// The corrections in words, from the last record's when they are the same.
  private mutating func corrections(_ set: CorrectionSet) -> [Correction] {
    if set.isEmpty { return [] }
    if let last = lastCorrections, last.set == set { return last.list }
    let list = set.list
    lastCorrections = (set, list)
    return list
  }

  /// The current record as an event, citing this source.
  mutating func event(
    _ t: NormalizedTime, line: Int, originalTime: String, kind: EventKind, from: Party?, to: [Party] = [], text: String,
    severity: Severity? = nil, outcome: Outcome? = nil, duration: Int? = nil,
    attributes: Attributes = []
  ) -> Event {
    let prov = Provenance(
      path: path, format: format, record: records, line: line, originalTime: originalTime,
      corrections: corrections(t.corrections))
    var e = Event(
      instant: t.instant, precision: t.precision, uncertaintyMicros: t.uncertaintyMicros, kind: kind, from: from,
      to: to,
      text: text, severity: severity, outcome: outcome, durationSeconds: duration, source: prov,
      sourceIndex: context.sourceIndex, sequence: records)
    e.attributes = attributes
    return e
  }
}

private enum Message {
  static func more(_ n: Int, like line: Int, from: Int, to: Int) -> Phrase {
    n == 1
      ? Phrase(
        "reader.more_warnings.one", "1 more warning like the one at line {line} (line {from})",
        ["line": "\(line)", "from": "\(from)"])
      : Phrase(
        "reader.more_warnings", "{n} more warnings like the one at line {line} (lines {from}–{to})",
        ["n": "\(n)", "line": "\(line)", "from": "\(from)", "to": "\(to)"])
  }
}

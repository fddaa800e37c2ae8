import StorylineAnalysis
import StorylineCore
import StorylineLocale

/// Masks phone numbers and e-mail addresses and takes out bodies, one event at a time, and in
/// the timeline's settings and the analysis. Run after the escalation analysis.
public struct ContentRedaction: Sendable {
  let redaction: Redaction
  private let text: TextMask
  /// The language of the placeholders that stand for bodies (`[sms body]`, `[短信 正文]`).
  let language: Language

  public init(_ redaction: Redaction, language: Language = .english) {
    self.redaction = redaction
    text = TextMask(redaction)
    self.language = language
  }

  /// Whether it changes anything (names are another redaction's).
  public var isActive: Bool { !redaction.subtracting(.names).isEmpty }

  private func party(_ p: Party) -> Party {
    var q = p
    if redaction.contains(.numbers) {
      q.number = q.number.map(TextMask.maskDigits)
      if q.person == nil && TextMask.looksLikeNumber(q.raw) { q.raw = TextMask.maskDigits(q.raw) }
    }
    if redaction.contains(.emails) && q.raw.contains("@") { q.raw = text.apply(q.raw) }
    if q.person != nil && (redaction.contains(.numbers) || redaction.contains(.emails)) { q.raw = q.person! }
    return q
  }

  /// Redacts one event. File names may hold numbers or addresses (`WhatsApp Chat with +44 7700
  /// 900123.txt`): paths are masked as text wherever they are cited.
  public func redact(_ e: inout Event) {
    guard isActive else { return }
    e.source.path = text.apply(e.source.path)
    e.alsoIn = e.alsoIn.map { p in
      var q = p
      q.path = text.apply(p.path)
      return q
    }
    e.from = e.from.map(party)
    e.to = e.to.map(party)
    if redaction.contains(.bodies) {
      e.text = Redactor.placeholder(e, language)
      e.attributes = []
    } else {
      e.text = text.apply(e.text)
      e.attributes = e.attributes.map { ($0.key, text.apply($0.value)) }
    }
  }

  /// Redacts the timeline's sources and warnings (not its events) and the analysis.
  public func redact(timeline t: inout Timeline, report r: inout EscalationReport?) {
    guard isActive else { return }
    for k in t.sources.indices {
      t.sources[k].path = text.apply(t.sources[k].path)
      t.sources[k].rejected = t.sources[k].rejected.map { x in
        var y = x
        y.path = text.apply(x.path)
        y.excerpt = redaction.contains(.bodies) ? "" : text.apply(x.excerpt)
        return y
      }
      t.sources[k].warnings = t.sources[k].warnings.map { d in
        var w = d
        w.path = text.apply(d.path)
        w.message = text.apply(d.message)
        w.phrase = d.phrase?.mapTexts(text.apply)
        return w
      }
    }
    t.warnings = t.warnings.map { d in
      var w = d
      w.path = text.apply(d.path)
      w.message = text.apply(d.message)
      w.phrase = d.phrase?.mapTexts(text.apply)
      return w
    }
    t.clocks = t.clocks?.redacted(path: text.apply, text: text.apply, quotes: !redaction.contains(.bodies))
    guard var report = r else { return }
    // The narrative is the author's, written for the reader: masked like any text; its root
    // cause and sections are the team's (internal detail), left out with the bodies.
    report.narrative = report.narrative.mapText(text.apply, owner: text.apply)
    if redaction.contains(.bodies) {
      report.narrative.rootCause = nil
      report.narrative.sections = []
    }
    for k in report.findings.indices {
      report.findings[k].text = text.apply(report.findings[k].text)
      report.findings[k].citations = report.findings[k].citations.map(text.apply)
    }
    func cite(_ m: Milestone?) -> Milestone? {
      guard var m else { return nil }
      m.citation = m.citation.map(text.apply)
      return m
    }
    report.started = cite(report.started)
    report.detected = cite(report.detected)
    report.mitigated = cite(report.mitigated)
    report.resolved = cite(report.resolved)
    for k in report.steps.indices { report.steps[k].citation = report.steps[k].citation.map(text.apply) }
    for k in report.people.indices { report.people[k].citation = report.people[k].citation.map(text.apply) }
    for k in report.silences.indices { report.silences[k].citations = report.silences[k].citations.map(text.apply) }
    for k in report.failedAttempts.indices {
      report.failedAttempts[k].citation = text.apply(report.failedAttempts[k].citation)
      report.failedAttempts[k].from = text.apply(report.failedAttempts[k].from)
      report.failedAttempts[k].to = report.failedAttempts[k].to.map(text.apply)
    }
    for k in report.people.indices { report.people[k].from = report.people[k].from.map(text.apply) }
    if var p = report.paging {
      for k in p.people.indices {
        p.people[k].id = text.apply(p.people[k].id)
        p.people[k].citations = p.people[k].citations.map(text.apply)
      }
      for k in p.steps.indices { p.steps[k].notPaged = p.steps[k].notPaged.map(text.apply) }
      for k in p.escalations.indices {
        p.escalations[k].citation = text.apply(p.escalations[k].citation)
        p.escalations[k].text = redaction.contains(.bodies) ? "escalated" : text.apply(p.escalations[k].text)
      }
      report.paging = p
    }
    r = report
  }
}

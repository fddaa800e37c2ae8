import Foundation
import StorylineAnalysis
import StorylineCore

/// Takes out of a case, its timeline and its analysis what a report must not show, before any
/// renderer sees them: nothing redacted can reach any output format.
///
/// Names are redacted first, before the escalation analysis (so that its findings name roles);
/// numbers, e-mail addresses and bodies after it (the analysis reads note text for its signals).
public enum Redactor {
  /// The label each person is shown by when names are redacted: their role (numbered when two
  /// people share one), else `person N`.
  public static func roleLabels(_ people: [Person]) -> [String: String] {
    func base(_ p: Person) -> String? {
      guard let role = p.role?.split(separator: ",").first.map({ String($0).trimmingCharacters(in: .whitespaces) }),
        !role.isEmpty
      else { return nil }
      return role
    }
    var counts: [String: Int] = [:]
    for p in people { if let b = base(p) { counts[b, default: 0] += 1 } }
    var seen: [String: Int] = [:]
    var labels: [String: String] = [:]
    for (k, p) in people.enumerated() {
      guard let b = base(p) else {
        labels[p.id] = "person \(k + 1)"
        continue
      }
      if counts[b]! > 1 {
        seen[b, default: 0] += 1
        labels[p.id] = "\(b) \(seen[b]!)"
      } else {
        labels[p.id] = b
      }
    }
    return labels
  }

  /// Replaces people's ids, names and aliases by role labels in the case and its timeline —
  /// texts, attributes, and file paths as cited (`notes/pm-a.txt` becomes
  /// `notes/project manager.txt`) — and numbers the other named parties. Run before the
  /// escalation analysis.
  public static func redactNames(case c: inout CaseFile?, timeline t: inout Timeline) {
    let labels = roleLabels(t.people)
    func id(_ s: String) -> String { labels[s] ?? s }
    var replacements: [(String, String)] = []
    var stems: [String: String] = [:]
    for p in t.people {
      let label = labels[p.id]!
      for n in [p.name, p.id].compactMap({ $0 }) + p.aliases where n.count >= 2 || !n.allSatisfy(\.isASCII) {
        if n == "me" || n == "I" || n == "Me" { continue }  // the owner's "me": not a name
        replacements.append((n, label))
      }
      stems[p.id.lowercased()] = label
      if let n = p.name { stems[n.lowercased()] = label }
    }
    replacements.sort { $0.0.count > $1.0.count }
    /// A cited path: a component named after a person (`notes/f.md`, `phones/pm-a/…`) becomes
    /// their label; names inside other components are replaced as words.
    func path(_ s: String) -> String {
      s.split(separator: "/", omittingEmptySubsequences: false).map { component -> String in
        let c = String(component)
        let dot = c.lastIndex(of: ".")
        let stem = dot.map { String(c[..<$0]) } ?? c
        if let label = stems[stem.lowercased()] { return label + (dot.map { String(c[$0...]) } ?? "") }
        return replace(c, replacements)
      }.joined(separator: "/")
    }
    var others: [String: String] = [:]
    func party(_ p: Party) -> Party {
      if let person = p.person { return Party(person: id(person), raw: id(person), number: nil) }
      if p.number != nil || p.raw.contains("@") || p.raw.allSatisfy({ $0.isNumber || "+ -()".contains($0) }) {
        return p
      }
      if let known = others[p.raw] { return Party(person: nil, raw: known) }
      let label = "party \(others.count + 1)"
      others[p.raw] = label
      return Party(person: nil, raw: label)
    }
    for k in t.events.indices {
      t.events[k].source.path = path(t.events[k].source.path)
      t.events[k].alsoIn = t.events[k].alsoIn.map { p in
        var q = p
        q.path = path(p.path)
        return q
      }
      // Hosts, servers and clients of log records are not people: only communications' parties.
      if t.events[k].kind != .log && t.events[k].kind != .alert {
        t.events[k].from = t.events[k].from.map(party)
        t.events[k].to = t.events[k].to.map(party)
      }
      t.events[k].text = replace(t.events[k].text, replacements)
      t.events[k].attributes = t.events[k].attributes.compactMap { a in
        a.key == "contact_name" ? nil : (a.key, replace(a.value, replacements))
      }
    }
    t.people = t.people.map { p in
      Person(id: id(p.id), name: nil, role: p.role, onCall: p.onCall)
    }
    for k in t.sources.indices {
      t.sources[k].owner = t.sources[k].owner.map(id)
      t.sources[k].path = path(t.sources[k].path)
      t.sources[k].rejected = t.sources[k].rejected.map { r in
        var x = r
        x.path = path(r.path)
        x.excerpt = replace(r.excerpt, replacements)
        return x
      }
      t.sources[k].warnings = t.sources[k].warnings.map { d in
        var w = d
        w.path = path(d.path)
        w.message = replace(d.message, replacements)
        return w
      }
    }
    t.title = replace(t.title, replacements)
    guard var k = c else { return }
    k.people = k.people.map { p in
      Person(id: id(p.id), name: nil, role: p.role, phones: p.phones, emails: p.emails, onCall: p.onCall)
    }
    for i in k.escalation.indices { k.escalation[i].notify = k.escalation[i].notify.map(id) }
    k.incident.detectedBy = k.incident.detectedBy.map(id)
    for i in k.sources.indices {
      k.sources[i].owner = k.sources[i].owner.map(id)
      k.sources[i].members = k.sources[i].members.map(id)
    }
    k.title = t.title
    c = k
  }

  /// Masks numbers and e-mail addresses and takes out bodies, in the timeline and the analysis.
  /// Run after the escalation analysis.
  public static func redactContent(_ t: inout Timeline, _ r: inout EscalationReport?, _ redaction: Redaction) {
    let text = TextMask(redaction)
    guard !redaction.subtracting(.names).isEmpty else { return }
    func party(_ p: Party) -> Party {
      var q = p
      if redaction.contains(.numbers) {
        q.number = q.number.map(TextMask.maskDigits)
        if q.person == nil && TextMask.looksLikeNumber(q.raw) { q.raw = TextMask.maskDigits(q.raw) }
      }
      if redaction.contains(.emails) && q.raw.contains("@") { q.raw = text.apply(q.raw) }
      if q.person != nil && (redaction.contains(.numbers) || redaction.contains(.emails)) { q.raw = q.person! }
      return q
    }
    // File names may hold numbers or addresses (`WhatsApp Chat with +44 7700 900123.txt`):
    // paths are masked as text wherever they are cited.
    for k in t.events.indices {
      var e = t.events[k]
      e.source.path = text.apply(e.source.path)
      e.alsoIn = e.alsoIn.map { p in
        var q = p
        q.path = text.apply(p.path)
        return q
      }
      e.from = e.from.map(party)
      e.to = e.to.map(party)
      if redaction.contains(.bodies) {
        e.text = placeholder(e)
        e.attributes = []
      } else {
        e.text = text.apply(e.text)
        e.attributes = e.attributes.map { ($0.key, text.apply($0.value)) }
      }
      t.events[k] = e
    }
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
        return w
      }
    }
    t.warnings = t.warnings.map { d in
      var w = d
      w.path = text.apply(d.path)
      w.message = text.apply(d.message)
      return w
    }
    guard var report = r else { return }
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
    r = report
  }

  /// What an event is, without its body: a log record's signal or severity, a note's kind.
  static func placeholder(_ e: Event) -> String {
    switch e.kind {
    case .log:
      if let s = EventSignal.of(e) { return "[\(s.kind.rawValue): \(s.reason)]" }
      return "[log record\(e.severity.map { ", \($0.rawValue)" } ?? "")]"
    case .note: return "[note]"
    default: return e.text.isEmpty ? "" : "[\(e.kind.rawValue.replacingOccurrences(of: "_", with: " ")) body]"
    }
  }

  /// Replaces whole words (or, for non-ASCII names, any occurrence).
  static func replace(_ s: String, _ pairs: [(String, String)]) -> String {
    var out = s
    for (needle, label) in pairs where out.contains(needle) {
      if needle.allSatisfy(\.isASCII) {
        let pattern = "(?<![\\p{L}\\p{N}_])" + NSRegularExpression.escapedPattern(for: needle) + "(?![\\p{L}\\p{N}_])"
        out = out.replacingOccurrences(
          of: pattern, with: NSRegularExpression.escapedTemplate(for: label), options: .regularExpression)
      } else {
        out = out.replacingOccurrences(of: needle, with: label)
      }
    }
    return out
  }
}

/// Masks phone numbers and e-mail addresses in free text.
struct TextMask {
  let redaction: Redaction
  init(_ r: Redaction) { redaction = r }

  static let phone = try! NSRegularExpression(pattern: #"(?<![\w.:/])\+?\d(?:[ \-().]?\d){6,16}(?![\w:/])"#)
  static let email = try! NSRegularExpression(pattern: #"[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+\.)+[A-Za-z]{2,}"#)
  static let dateLike = try! NSRegularExpression(pattern: #"^\d{4}[-./]\d{1,2}[-./]\d{1,2}"#)

  /// Every digit but the last two as `•`.
  static func maskDigits(_ s: String) -> String {
    let digits = s.filter(\.isNumber).count
    var seen = 0
    return String(
      s.map { c -> Character in
        guard c.isNumber else { return c }
        seen += 1
        return seen <= digits - 2 ? "•" : c
      })
  }

  /// `20080923091244`, `200809231200`, `20080923`: a date and time written without separators
  /// (export file names), not a phone number.
  static func isCompactTimestamp(_ s: String) -> Bool {
    let d = Array(s.utf8)
    guard [8, 12, 14].contains(d.count), d.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
    func n(_ r: Range<Int>) -> Int { r.reduce(0) { $0 * 10 + Int(d[$1] - 48) } }
    guard (1970...2099).contains(n(0..<4)), (1...12).contains(n(4..<6)), (1...31).contains(n(6..<8)) else {
      return false
    }
    return d.count == 8 || (n(8..<10) < 24 && n(10..<12) < 60 && (d.count == 12 || n(12..<14) < 61))
  }

  static func looksLikeNumber(_ s: String) -> Bool {
    s.filter(\.isNumber).count >= 5 && s.allSatisfy { $0.isNumber || "+ -().".contains($0) }
  }

  func apply(_ s: String) -> String {
    var out = s
    if redaction.contains(.emails) && out.contains("@") {
      let ns = out as NSString
      for m in TextMask.email.matches(in: out, range: NSRange(location: 0, length: ns.length)).reversed() {
        let address = ns.substring(with: m.range)
        let domain = address.split(separator: "@").last.map(String.init) ?? ""
        out = (out as NSString).replacingCharacters(in: m.range, with: "•••@" + domain)
      }
    }
    if redaction.contains(.numbers) && out.contains(where: \.isNumber) {
      let ns = out as NSString
      for m in TextMask.phone.matches(in: out, range: NSRange(location: 0, length: ns.length)).reversed() {
        let number = ns.substring(with: m.range)
        if TextMask.dateLike.firstMatch(in: number, range: NSRange(location: 0, length: (number as NSString).length))
          != nil || TextMask.isCompactTimestamp(number)
        {
          continue
        }
        out = (out as NSString).replacingCharacters(in: m.range, with: TextMask.maskDigits(number))
      }
    }
    return out
  }
}

import Foundation
import StorylineCore

/// Replaces people's ids, names and aliases by their role labels (``Redactor/roleLabels(_:)``),
/// one event at a time, and numbers the other named parties in the order they appear: two
/// passes over the same events in the same order redact them alike.
public struct NameRedaction: Sendable {
  private let labels: [String: String]
  private let replacements: [(String, String)]
  private let stems: [String: String]
  private var others: [String: String] = [:]

  /// The redaction of a case's people (as the case file names them).
  public init(people: [Person]) {
    let labels = Redactor.roleLabels(people)
    var replacements: [(String, String)] = []
    var stems: [String: String] = [:]
    for p in people {
      let label = labels[p.id]!
      for n in [p.name, p.id].compactMap({ $0 }) + p.aliases where n.count >= 2 || !n.allSatisfy(\.isASCII) {
        if n == "me" || n == "I" || n == "Me" { continue }  // the owner's "me": not a name
        replacements.append((n, label))
      }
      stems[p.id.lowercased()] = label
      if let n = p.name { stems[n.lowercased()] = label }
    }
    replacements.sort { $0.0.count > $1.0.count }
    self.labels = labels
    self.replacements = replacements
    self.stems = stems
  }

  func id(_ s: String) -> String { labels[s] ?? s }

  /// A cited path: a component named after a person (`notes/f.md`, `phones/pm-a/…`) becomes
  /// their label; names inside other components are replaced as words.
  func path(_ s: String) -> String {
    s.split(separator: "/", omittingEmptySubsequences: false).map { component -> String in
      let c = String(component)
      let dot = c.lastIndex(of: ".")
      let stem = dot.map { String(c[..<$0]) } ?? c
      if let label = stems[stem.lowercased()] { return label + (dot.map { String(c[$0...]) } ?? "") }
      return Redactor.replace(c, replacements)
    }.joined(separator: "/")
  }

  private mutating func party(_ p: Party) -> Party {
    if let person = p.person { return Party(person: id(person), raw: id(person), number: nil) }
    if p.number != nil || p.raw.contains("@") || p.raw.allSatisfy({ $0.isNumber || "+ -()".contains($0) }) {
      return p
    }
    if let known = others[p.raw] { return Party(person: nil, raw: known) }
    let label = "party \(others.count + 1)"
    others[p.raw] = label
    return Party(person: nil, raw: label)
  }

  /// Redacts the next event.
  public mutating func redact(_ e: inout Event) {
    e.source.path = path(e.source.path)
    if !e.alsoIn.isEmpty {
      e.alsoIn = e.alsoIn.map { p in
        var q = p
        q.path = path(p.path)
        return q
      }
    }
    // Hosts, servers and clients of log records are not people: only communications' parties.
    if e.kind != .log && e.kind != .alert {
      e.from = e.from.map { party($0) }
      var to = e.to
      for k in to.indices { to[k] = party(to[k]) }
      e.to = to
    }
    e.text = Redactor.replace(e.text, replacements)
    if !e.attributes.isEmpty {
      e.attributes = e.attributes.compactMap { a in
        a.key == "contact_name" ? nil : (a.key, Redactor.replace(a.value, replacements))
      }
    }
  }

  /// Redacts the case and the timeline's settings and sources (not its events).
  public func redact(case c: inout CaseFile?, timeline t: inout Timeline) {
    t.people = t.people.map { p in
      Person(id: id(p.id), name: nil, role: p.role, onCall: p.onCall)
    }
    for k in t.sources.indices {
      t.sources[k].owner = t.sources[k].owner.map(id)
      t.sources[k].path = path(t.sources[k].path)
      t.sources[k].rejected = t.sources[k].rejected.map { r in
        var x = r
        x.path = path(r.path)
        x.excerpt = Redactor.replace(r.excerpt, replacements)
        return x
      }
      t.sources[k].warnings = t.sources[k].warnings.map { d in
        var w = d
        w.path = path(d.path)
        w.message = Redactor.replace(d.message, replacements)
        w.phrase = d.phrase?.mapTexts { Redactor.replace($0, replacements) }
        return w
      }
    }
    t.title = Redactor.replace(t.title, replacements)
    t.clocks = t.clocks?.redacted(path: path, text: { Redactor.replace($0, replacements) })
    guard var k = c else { return }
    k.people = k.people.map { p in
      Person(id: id(p.id), name: nil, role: p.role, phones: p.phones, emails: p.emails, onCall: p.onCall)
    }
    for i in k.escalation.indices { k.escalation[i].notify = k.escalation[i].notify.map(id) }
    k.incident.detectedBy = k.incident.detectedBy.map(id)
    k.incident.narrative = k.incident.narrative.mapText(
      { Redactor.replace($0, replacements) }, owner: { Redactor.replace(id($0), replacements) })
    for i in k.sources.indices {
      k.sources[i].owner = k.sources[i].owner.map(id)
      k.sources[i].members = k.sources[i].members.map(id)
    }
    k.title = t.title
    c = k
  }
}

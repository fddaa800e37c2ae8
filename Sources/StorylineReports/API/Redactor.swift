import Foundation
import StorylineAnalysis
import StorylineCore
import StorylineLocale

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
    var names = NameRedaction(people: t.people)
    for k in t.events.indices { names.redact(&t.events[k]) }
    names.redact(case: &c, timeline: &t)
  }

  /// Masks numbers and e-mail addresses and takes out bodies, in the timeline and the analysis.
  /// Run after the escalation analysis.
  public static func redactContent(_ t: inout Timeline, _ r: inout EscalationReport?, _ redaction: Redaction) {
    let content = ContentRedaction(redaction)
    guard content.isActive else { return }
    for k in t.events.indices { content.redact(&t.events[k]) }
    content.redact(timeline: &t, report: &r)
  }

  /// What an event is, without its body: a log record's signal or severity, a note's kind.
  static func placeholder(_ e: Event, _ l: Language = .english) -> String {
    switch e.kind {
    case .log:
      if let s = EventSignal.of(e) {
        return l.text(
          "model.placeholder.signal", ["signal": l.text("model.signal.\(s.kind.rawValue)"), "reason": s.reason(in: l)])
      }
      return e.severity.map { l.text("model.placeholder.log_severity", ["severity": $0.rawValue]) }
        ?? l.text("model.placeholder.log")
    case .note: return l.text("model.placeholder.note")
    default:
      return e.text.isEmpty ? "" : l.text("model.placeholder.body", ["kind": l.text("model.kind.\(e.kind.rawValue)")])
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

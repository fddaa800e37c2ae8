import Foundation
import StorylineCore
import Yams

/// A language the reports are written in: its catalogue of every fixed string (one YAML file per
/// language in `Languages/`, which a translator edits without reading Swift), and its
/// conventions for dates, weekdays and durations. Evidence is never translated.
///
/// A catalogue is a flat map from a key (`finding.never_told`) to a text with `{name}`
/// placeholders; `date.day` and `duration.*` give the conventions. English is the reference:
/// every language has every key English has (a test says so).
public struct Language: Sendable {
  /// The language's tag: `en`, `zh-CN`.
  public let id: String
  private let strings: [String: String]
  /// Each text cut at its placeholders once, so that filling one is appending, not searching.
  private let parts: [String: TextTemplate]

  /// A language's catalogue from its text.
  public init(id: String, yaml: String) throws {
    guard let map = try Yams.load(yaml: yaml) as? [String: Any] else { throw LanguageError.notACatalogue(id) }
    var strings: [String: String] = [:]
    for (k, v) in map {
      guard let text = v as? String else { throw LanguageError.notText(id, k) }
      strings[k] = text
    }
    self.id = id
    self.strings = strings
    parts = strings.mapValues(TextTemplate.init)
  }

  /// The languages shipped, by tag, sorted.
  public static let available: [String] = {
    let dir = Bundle.module.resourceURL?.appendingPathComponent("Languages")
    let files = dir.flatMap { try? FileManager.default.contentsOfDirectory(atPath: $0.path) } ?? []
    return files.filter { $0.hasSuffix(".yml") }.map { String($0.dropLast(4)) }.sorted()
  }()

  /// The shipped language of this tag; nil when there is none.
  public static func named(_ id: String) -> Language? { cache[id] }

  private static let cache: [String: Language] = {
    var out: [String: Language] = [:]
    for id in available {
      guard let url = Bundle.module.url(forResource: id, withExtension: "yml", subdirectory: "Languages"),
        let text = try? String(contentsOf: url, encoding: .utf8), let l = try? Language(id: id, yaml: text)
      else { continue }
      out[id] = l
    }
    return out
  }()

  /// English, the reference language.
  public static let english: Language = named("en")!

  /// Every key of the catalogue.
  public var keys: Set<String> { Set(strings.keys) }

  /// The text of `key` with its `{placeholders}` filled from `args`; the key itself when the
  /// catalogue lacks it (a test keeps every catalogue whole).
  /// A value `@key` is itself a key of the catalogue, put in its place first.
  public func text(_ key: String, _ args: [String: String] = [:]) -> String {
    guard let template = parts[key] else { return key }
    if args.isEmpty { return strings[key]! }
    return template.fill { name in
      args[name].map { v in v.hasPrefix("@") ? (strings[String(v.dropFirst())] ?? v) : v }
    }
  }

  /// A diagnostic's phrase in this language (its text under `diagnostic.<key>`, its values
  /// filled as they are, nested phrases in this language too); its English when the catalogue
  /// lacks the key.
  public func text(_ phrase: Phrase) -> String {
    guard let template = parts["diagnostic." + phrase.key] else { return phrase.description }
    return template.fill { name in
      switch phrase.values[name] {
      case .text(let s): s
      case .phrase(let p): text(p)
      case .reasons(let rs, let english): text(reasons: rs, english: english)
      case nil: nil
      }
    }
  }

  /// A clock estimate's reasons (`clock.<key>`) in this language, one after another; `english`
  /// when the catalogue lacks one.
  public func text(reasons: [ClockReason], english: String) -> String {
    guard !reasons.isEmpty, reasons.allSatisfy({ has("clock." + $0.key) }) else { return english }
    return reasons.map { text("clock." + $0.key, $0.args) }.joined()
  }

  /// A diagnostic in this language: `path:line: 警告: message`.
  public func text(_ d: Diagnostic) -> String {
    guard let p = d.phrase else { return d.description }
    return "\(d.location): \(text("diagnostic.level." + d.level.rawValue)): \(text(p))"
  }

  /// Whether the catalogue has `key`.
  public func has(_ key: String) -> Bool { strings[key] != nil }

  /// The texts of every key under `prefix.` (the prefix left out): what a template receives.
  public func texts(under prefix: String) -> [String: String] {
    var out: [String: String] = [:]
    for (k, v) in strings where k.hasPrefix(prefix + ".") { out[String(k.dropFirst(prefix.count + 1))] = v }
    return out
  }

  /// A duration to the minute, in the language's words: `4 h 04 min`, `3 小时 4 分钟`, and
  /// `under a minute` / `不到一分钟`.
  public func duration(_ micros: Int64) -> String {
    let minutes = (abs(micros) + 30_000_000) / 60_000_000
    if minutes == 0 { return text("duration.under_a_minute") }
    if minutes < 60 { return text("duration.minutes", ["m": "\(minutes)"]) }
    let m = minutes % 60
    return text(
      "duration.hours_minutes", ["h": "\(minutes / 60)", "m": "\(m)", "mm": m < 10 ? "0\(m)" : "\(m)"])
  }

  /// A day as a heading: `Monday 22 September 2008`, `2008年9月22日 星期一`.
  public func date(_ d: CivilDate) -> String {
    text(
      "date.day",
      [
        "weekday": text("weekday.\(d.weekday)"), "day": "\(d.day)", "month": "\(d.month)",
        "month_name": text("month.\(d.month)"), "year": "\(d.year)",
      ])
  }
}

/// A catalogue that cannot be read.
public enum LanguageError: Error, CustomStringConvertible {
  case notACatalogue(String)
  case notText(String, String)

  public var description: String {
    switch self {
    case .notACatalogue(let id): "the catalogue of \(id) is not a YAML map of keys to texts"
    case .notText(let id, let key): "the catalogue of \(id): \(key) is not a text"
    }
  }
}

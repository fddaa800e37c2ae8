/// A fixed sentence of a diagnostic — why a record was rejected, what a reader warns of — as a
/// catalogue key (`diagnostic.<key>`), its English template and its values. ``description`` is
/// the English, for the terminal and the JSON; a report in another language fills that
/// language's text of the key with the same values.
///
/// Each parser writes its phrases at the bottom of its own file; the English catalogue holds
/// the same templates for translators, and a test reads the sources to keep them equal.
public struct Phrase: Hashable, Sendable, CustomStringConvertible {
  /// A value: evidence or a number (never translated), another phrase (translated too), or
  /// a clock estimate's reasons (catalogue keys `clock.<key>`, and their English).
  public indirect enum Value: Hashable, Sendable {
    case text(String)
    case phrase(Phrase)
    case reasons([ClockReason], english: String)
  }

  /// The key under `diagnostic.` in the catalogues.
  public let key: String
  /// The English, with `{name}` slots.
  public let template: String
  public let values: [String: Value]

  public init(_ key: String, _ template: String, _ values: [String: Value] = [:]) {
    self.key = key
    self.template = template
    self.values = values
  }

  /// The English.
  public var description: String {
    if values.isEmpty { return template }
    return TextTemplate(template).fill { name in
      switch values[name] {
      case .text(let s): s
      case .phrase(let p): p.description
      case .reasons(_, let english): english
      case nil: nil
      }
    }
  }
}

extension Phrase.Value: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
  public init(stringLiteral value: String) { self = .text(value) }
}

extension Phrase {
  /// The same phrase with `transform` applied to every text value, in nested phrases too (a
  /// redaction masks the evidence a phrase quotes).
  public func mapTexts(_ transform: (String) -> String) -> Phrase {
    Phrase(
      key, template,
      values.mapValues {
        switch $0 {
        case .text(let s): .text(transform(s))
        case .phrase(let p): .phrase(p.mapTexts(transform))
        case .reasons(let rs, let english):
          .reasons(
            rs.map { ClockReason($0.key, $0.args.mapValues { $0.hasPrefix("@") ? $0 : transform($0) }) },
            english: transform(english))
        }
      })
  }
}

extension Phrase {
  /// Values as one: `a`, `a or b`, `a or b or c`.
  public static func or(_ values: [Value]) -> Value {
    guard var out = values.first else { return .text("") }
    for v in values.dropFirst() { out = .phrase(Phrase("list.or", "{a} or {b}", ["a": out, "b": v])) }
    return out
  }
}

extension Phrase {
  /// A record's timestamp that could not be read: `timestamp '…': not a valid calendar date`.
  public static func badTimestamp(_ text: String, _ error: TimeError) -> Phrase {
    Phrase(
      "time.bad_timestamp", "timestamp '{text}': {error}", ["text": .text(text), "error": .phrase(error.phrase)])
  }

  /// A named field's time that could not be read: `created_at '…': not a valid calendar date`.
  public static func badTime(_ field: String, _ text: String, _ error: TimeError) -> Phrase {
    Phrase(
      "time.bad_field", "{field} '{text}': {error}",
      ["field": .text(field), "text": .text(text), "error": .phrase(error.phrase)])
  }
}

extension Phrase {
  /// A record without a date.
  public static let noDate = Phrase("record.no_date", "no date")

  /// A record whose type code the format does not define: `unknown sms type 9`.
  public static func unknownType(_ what: String, _ code: Int) -> Phrase {
    Phrase("record.unknown_type", "unknown {what} type {code}", ["what": .text(what), "code": "\(code)"])
  }

  /// How a numeric date was read: `day first`, `month first`.
  public static func order(dayFirst: Bool) -> Phrase {
    dayFirst ? Phrase("date.day_first", "day first") : Phrase("date.month_first", "month first")
  }
}

extension Phrase {
  /// A field's number that is no time: `date 1222056093: year 2980 is outside 1900–2199`.
  public static func badValue(_ field: String, _ value: String, _ error: TimeError) -> Phrase {
    Phrase(
      "time.bad_value", "{field} {value}: {error}",
      ["field": .text(field), "value": .text(value), "error": .phrase(error.phrase)])
  }
}

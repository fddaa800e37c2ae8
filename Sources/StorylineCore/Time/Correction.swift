/// One adjustment made while placing a timestamp on the one clock, kept with the event.
public struct Correction: Hashable, Sendable, Codable {
  /// A stable key: `zone_assumed`, `zone_named`, `abbreviation`, `dst_gap`, `dst_overlap`,
  /// `year_inferred`, `year_rollover`, `year_from_file_time`, `date_inferred`, `date_order`, `two_digit_year`,
  /// `clock_offset`, `clock_estimated`, `epoch_unit`, `leap_second`, `end_of_day`, `unknown_offset`, `approximate`.
  public var kind: String
  /// What was done, in English words.
  public var detail: String
  /// The same as a catalogue key (`correction.<key>`) and its values, for a report in another
  /// language; a value `@key` is itself a catalogue key (`@correction.whose.case`). Not in the JSON.
  public var key: String
  public var args: [String: String]

  public init(kind: String, detail: String, key: String? = nil, args: [String: String] = [:]) {
    self.kind = kind
    self.detail = detail
    self.key = key ?? kind
    self.args = args
  }

  enum CodingKeys: String, CodingKey { case kind, detail }

  /// Two corrections are equal when they say the same (the key and values are their words again).
  public static func == (a: Correction, b: Correction) -> Bool { a.kind == b.kind && a.detail == b.detail }
  public func hash(into h: inout Hasher) {
    h.combine(kind)
    h.combine(detail)
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(kind: try c.decode(String.self, forKey: .kind), detail: try c.decode(String.self, forKey: .detail))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(kind, forKey: .kind)
    try c.encode(detail, forKey: .detail)
  }
}

/// The corrections behind one normalized time, stored compactly; ``list`` spells them out.
public struct CorrectionSet: Sendable, Equatable {
  struct Flags: OptionSet, Sendable, Equatable {
    let rawValue: UInt32
    static let zoneAssumed = Flags(rawValue: 1 << 0)
    static let zoneNamed = Flags(rawValue: 1 << 1)
    static let abbreviationLocal = Flags(rawValue: 1 << 2)
    static let abbreviationDefault = Flags(rawValue: 1 << 3)
    static let dstGap = Flags(rawValue: 1 << 4)
    static let dstOverlap = Flags(rawValue: 1 << 5)
    static let daylight = Flags(rawValue: 1 << 6)
    static let yearInferred = Flags(rawValue: 1 << 7)
    static let yearRollover = Flags(rawValue: 1 << 8)
    static let dateInferred = Flags(rawValue: 1 << 9)
    static let dateOrderAssumed = Flags(rawValue: 1 << 10)
    static let twoDigitYear = Flags(rawValue: 1 << 11)
    static let clockOffset = Flags(rawValue: 1 << 12)
    static let epochGuessed = Flags(rawValue: 1 << 13)
    static let leapSecond = Flags(rawValue: 1 << 14)
    static let endOfDay = Flags(rawValue: 1 << 15)
    static let unknownOffset = Flags(rawValue: 1 << 16)
    static let approximate = Flags(rawValue: 1 << 17)
    static let dayFirst = Flags(rawValue: 1 << 18)
    static let sourceZone = Flags(rawValue: 1 << 19)
    static let yearFromFileTime = Flags(rawValue: 1 << 20)
    static let yearFirst = Flags(rawValue: 1 << 21)
    static let clockEstimated = Flags(rawValue: 1 << 22)
  }

  var flags: Flags = []
  /// The zone used for zone-less or named times (a ``ZoneRegistry`` index, -1 for none).
  var zoneIndex: Int32 = -1
  var zone: ZoneRules? { ZoneRegistry.shared.zone(zoneIndex) }
  /// The offset applied, seconds east of UTC.
  var offset: Int32 = 0
  /// The abbreviation read (index in ``ZoneAbbreviation/all``, -1 for none) and the candidate used.
  var abbreviationIndex: Int16 = -1
  var candidateIndex: Int8 = 0
  /// Length of a DST gap moved over, in seconds.
  var gapSeconds: Int32 = 0
  var year: Int32 = 0
  var date: CivilDate? = nil
  /// The line of the heading a date came from (0: the case date).
  var dateLine: Int32 = 0
  var clockOffsetMicros: Int64 = 0
  var estimate: EstimatedOffset? = nil
  var epochUnit: EpochUnit? = nil
  var epochDigits: Int8 = 0
  var uncertaintyMicros: Int64 = 0
  var dateOrderRule: DateOrderRule = .region

  /// Whether nothing was corrected.
  public var isEmpty: Bool { flags.isEmpty }

  /// Records that an all-numeric `nn/nn/nn` date was read year first (`17/06/09` as
  /// 2017-06-09), its two-digit year as `year`, and what decided the order.
  public mutating func noteYearFirst(year: Int, rule: DateOrderRule) {
    flags.formUnion([.dateOrderAssumed, .yearFirst, .twoDigitYear])
    self.year = Int32(year)
    dateOrderRule = rule
  }

  /// The corrections in words, in a fixed order.
  public var list: [Correction] {
    if flags.isEmpty { return [] }
    var out: [Correction] = []
    let off = TimestampFormatter.offset(Int(offset))
    if flags.contains(.epochGuessed), let u = epochUnit {
      out.append(
        .init(
          kind: "epoch_unit", detail: "a \(epochDigits)-digit number read as \(u.rawValue) since 1970-01-01Z",
          args: ["digits": "\(epochDigits)", "unit": u.rawValue]))
    }
    if flags.contains(.twoDigitYear) {
      out.append(.init(kind: "two_digit_year", detail: "two-digit year read as \(year)", args: ["year": "\(year)"]))
    }
    if flags.contains(.dateOrderAssumed) {
      let order =
        flags.contains(.yearFirst)
        ? "year first (yy/MM/dd)" : flags.contains(.dayFirst) ? "day before month" : "month before day"
      let orderKey = flags.contains(.yearFirst) ? "year_first" : flags.contains(.dayFirst) ? "day_first" : "month_first"
      out.append(
        .init(
          kind: "date_order", detail: "numeric date read \(order), \(dateOrderRule.words)",
          args: ["order": "@correction.order.\(orderKey)", "rule": "@correction.rule.\(dateOrderRule.key)"]))
    }
    if flags.contains(.yearInferred) {
      out.append(
        .init(
          kind: "year_inferred", detail: "no year in the source: \(year), the year that puts it nearest the case date",
          args: ["year": "\(year)"]))
    }
    if flags.contains(.yearFromFileTime) {
      out.append(
        .init(
          kind: "year_from_file_time",
          detail:
            "no year in the source: \(year), the latest year that puts it at or before the file's modification time",
          args: ["year": "\(year)"]))
    }
    if flags.contains(.yearRollover) {
      out.append(
        .init(
          kind: "year_rollover", detail: "no year in the source: \(year) after the months wrapped around",
          args: ["year": "\(year)"]))
    }
    if flags.contains(.dateInferred), let d = date {
      let from = dateLine > 0 ? "the date heading at line \(dateLine)" : "the case date"
      out.append(
        .init(
          kind: "date_inferred", detail: "no date in the source: \(d) taken from \(from)",
          key: dateLine > 0 ? "date_inferred.heading" : "date_inferred.case_date",
          args: ["date": d.description, "line": "\(dateLine)"]))
    }
    if flags.contains(.endOfDay) {
      out.append(.init(kind: "end_of_day", detail: "24:00 read as 00:00 of the next day"))
    }
    if flags.contains(.leapSecond) {
      out.append(.init(kind: "leap_second", detail: "leap second :60 read as :59.999999"))
    }
    if flags.contains(.zoneAssumed), let z = zone {
      let whose = flags.contains(.sourceZone) ? "the source's zone" : "the case zone"
      let kind = z.isFixed ? "" : (flags.contains(.daylight) ? ", daylight-saving time" : ", standard time")
      out.append(
        .init(
          kind: "zone_assumed", detail: "no zone in the source: read in \(whose) \(z.identifier) (UTC\(off)\(kind))",
          args: [
            "whose": flags.contains(.sourceZone) ? "@correction.whose.source" : "@correction.whose.case",
            "zone": z.identifier, "offset": off, "dst": "@correction.dst.\(dstKey(z))",
          ]))
    }
    if flags.contains(.zoneNamed), let z = zone {
      let kind = z.isFixed ? "" : (flags.contains(.daylight) ? ", daylight-saving time" : ", standard time")
      out.append(
        .init(
          kind: "zone_named", detail: "zone name read as \(z.identifier) (UTC\(off)\(kind))",
          args: ["zone": z.identifier, "offset": off, "dst": "@correction.dst.\(dstKey(z))"]))
    }
    if abbreviationIndex >= 0 {
      let abbr = ZoneAbbreviation.all[Int(abbreviationIndex)]
      let a = abbr.candidates[Int(candidateIndex)]
      let t = abbr.abbreviation
      if flags.contains(.abbreviationLocal) {
        out.append(
          .init(
            kind: "abbreviation", detail: "'\(t)' read as \(a.name) (UTC\(off)), the usage of the source's zone",
            key: "abbreviation.local", args: ["abbreviation": t, "name": a.name, "offset": off]))
      } else {
        out.append(
          .init(
            kind: "abbreviation",
            detail: "'\(t)' read as \(a.name) (UTC\(off)) by default: the source's zone does not use it",
            key: "abbreviation.default", args: ["abbreviation": t, "name": a.name, "offset": off]))
      }
    }
    if flags.contains(.unknownOffset) {
      out.append(.init(kind: "unknown_offset", detail: "offset -0000 (local time, offset unknown) read as UTC"))
    }
    if flags.contains(.dstGap) {
      out.append(
        .init(
          kind: "dst_gap",
          detail: "the local time did not exist (spring-forward gap): moved forward \(gapSeconds / 60) min",
          args: ["minutes": "\(gapSeconds / 60)"]))
    }
    if flags.contains(.dstOverlap) {
      out.append(
        .init(kind: "dst_overlap", detail: "the local time happened twice (fall-back overlap): the earlier was taken"))
    }
    if flags.contains(.clockOffset) {
      out.append(
        .init(
          kind: "clock_offset",
          detail: "source clock corrected by \(SignedDuration.describe(microseconds: clockOffsetMicros))",
          args: ["offset": SignedDuration.describe(microseconds: clockOffsetMicros)]))
    }
    if flags.contains(.clockEstimated), let e = estimate {
      out.append(
        .init(
          kind: "clock_estimated", detail: e.words, key: e.pairs == 1 ? "clock_estimated.one" : "clock_estimated",
          args: [
            "offset": SignedDuration.describe(microseconds: e.offsetMicros),
            "uncertainty": SignedDuration.describe(microseconds: e.uncertaintyMicros, signed: false),
            "pairs": "\(e.pairs)", "anchor": e.anchor,
          ]))
    }
    if flags.contains(.approximate) {
      out.append(
        .init(
          kind: "approximate",
          detail: "approximate time: ±\(SignedDuration.describe(microseconds: uncertaintyMicros, signed: false))",
          args: ["uncertainty": SignedDuration.describe(microseconds: uncertaintyMicros, signed: false)]))
    }
    return out
  }

  /// Which kind of local time a zone's offset was: `none` for a fixed zone.
  private func dstKey(_ z: ZoneRules) -> String {
    z.isFixed ? "none" : flags.contains(.daylight) ? "daylight" : "standard"
  }
}

/// A time on the one clock, with how exact it is and how it was obtained.
public struct NormalizedTime: Sendable, Equatable {
  /// The UTC instant (for approximate times, the centre of the window).
  public var instant: Instant
  public var precision: TimePrecision
  /// Half-width of the uncertainty window; 0 for exact times.
  public var uncertaintyMicros: Int64
  /// Every correction applied.
  public var corrections: CorrectionSet
}

/// A warning about a source's times, with the first line it concerns.
public struct ClockWarning: Sendable, Equatable {
  public var line: Int
  public var phrase: Phrase
  /// In English.
  public var message: String { phrase.description }
}

/// The clock of one source: reads its timestamps against the case's settings, the source's
/// zone and clock correction, and what the source said earlier (year rollover, date headings).
///
/// A value type moved `inout` through a reader; it keeps the warnings it raised, once each.
public struct SourceClock: Sendable {
  public let normalizer: TimeNormalizer
  /// The source's own zone, when the case gives one.
  public let sourceZone: ZoneRules?
  /// Added to every time read: `clock_offset` in the case file.
  public let clockOffsetMicros: Int64
  /// Added after ``clockOffsetMicros``: the offset estimated from the evidence (`clock: auto`),
  /// whose uncertainty widens every time read.
  public var estimate: EstimatedOffset? = nil
  /// The date a notes heading set for the entries after it, and the heading's line.
  public private(set) var headingDate: CivilDate?
  public private(set) var headingLine: Int = 0
  /// Warnings raised so far, each message once.
  public private(set) var warnings: [ClockWarning] = []
  private var warned: Set<Phrase> = []
  /// The source file's modification time: the year of year-less timestamps when the case has
  /// no date (as lnav and plaso take it).
  public var fileTime: Instant? = nil
  // Year inference for year-less timestamps.
  private var yearlessRolled = false
  private var yearlessYear: Int = 0
  private var yearlessLast: Int64 = 0  // days since epoch of the previous year-less date
  // The last unambiguous local span of `zone` used, so that consecutive times skip the search.
  private var spanLower: Int64 = 1
  private var spanUpper: Int64 = 0
  private var spanOffset: Int = 0
  private var spanDaylight = false
  /// The zone local times are read in: the source's, else the case's.
  public let zone: ZoneRules
  // Last zone name seen, so that a repeated name costs a byte comparison, not a look-up.
  private var lastZoneName: [UInt8] = []
  private var lastZone: ZoneRules? = nil

  init(normalizer: TimeNormalizer, sourceZone: ZoneRules?, clockOffsetMicros: Int64) {
    self.normalizer = normalizer
    self.sourceZone = sourceZone
    self.clockOffsetMicros = clockOffsetMicros
    self.zone = sourceZone ?? normalizer.caseZone
  }

  /// Sets the date for the date-less times that follow (a notes heading).
  public mutating func setHeadingDate(_ date: CivilDate, line: Int) {
    headingDate = date
    headingLine = line
  }

  /// Records a warning once per distinct message.
  public mutating func warn(_ phrase: Phrase, line: Int) {
    if warned.insert(phrase).inserted { warnings.append(ClockWarning(line: line, phrase: phrase)) }
  }

  // MARK: - Reading text

  /// Reads a whole field as a timestamp (`2008-09-22 12:01:33 CST`, `1222056093000`).
  public mutating func normalize(_ text: String, line: Int = 0) -> Result<NormalizedTime, TimeError> {
    var s = text
    return s.withUTF8 { normalize($0, line: line) }
  }

  /// Reads a whole field of UTF-8 bytes as a timestamp.
  public mutating func normalize(_ bytes: UnsafeBufferPointer<UInt8>, line: Int = 0) -> Result<
    NormalizedTime, TimeError
  > {
    var scanner = TimestampScanner(bytes, mode: .field, dayFirst: normalizer.dayFirst)
    switch scanner.scan() {
    case .failure(let e):
      // Localized Java text (Japanese, Korean, French), rewritten and read once more.
      if bytes.contains(where: { $0 >= 0x80 }) || bytes.contains(0x68),
        var rewritten = LocalizedTimestamp.rewrite(String(decoding: bytes, as: UTF8.self))
      {
        let again = rewritten.withUTF8 { b -> Result<NormalizedTime, TimeError>? in
          var s = TimestampScanner(b, mode: .field, dayFirst: normalizer.dayFirst)
          guard case .success = s.scan() else { return nil }
          return resolve(s.f, bytes: b, line: line)
        }
        if let again { return again }
      }
      return .failure(e)
    case .success: return resolve(scanner.f, bytes: bytes, line: line)
    }
  }

  /// Reads a timestamp at the start of a line; returns it and the bytes it took.
  public mutating func normalizePrefix(_ bytes: UnsafeBufferPointer<UInt8>, line: Int = 0) -> (
    Result<NormalizedTime, TimeError>, consumed: Int
  ) {
    var scanner = TimestampScanner(bytes, mode: .prefix, dayFirst: normalizer.dayFirst)
    switch scanner.scan() {
    case .failure(let e): return (.failure(e), 0)
    case .success(let n): return (resolve(scanner.f, bytes: bytes, line: line), n)
    }
  }

  /// Reads a date at the start of a line (a notes heading): the date and whether a time followed.
  public func datePrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> (date: CivilDate, orderAssumed: Bool, hasTime: Bool)? {
    var scanner = TimestampScanner(bytes, mode: .prefix, dayFirst: normalizer.dayFirst)
    guard case .success = scanner.scan(), scanner.f.epochValue == nil, scanner.f.month != 0,
      scanner.f.year != TimestampFields.absent
    else { return nil }
    let d = CivilDate(year: scanner.f.year, month: scanner.f.month, day: scanner.f.day)
    guard d.isValid else { return nil }
    return (d, scanner.f.dateOrderAssumed, scanner.f.hasTime)
  }

  // MARK: - Reading numbers

  /// Reads an epoch number in a known unit (`date` in SMS Backup & Restore is milliseconds).
  public func normalize(epoch value: Int64, unit: EpochUnit) -> Result<NormalizedTime, TimeError> {
    guard value != 0 && value != -1 else { return .failure(.placeholderEpoch(value)) }
    guard let micros = unit.microseconds(value), SourceClock.plausible(micros) else {
      return .failure(.epochOutOfRange)
    }
    var c = CorrectionSet()
    return .success(finish(micros: micros, precision: unit.precision, corrections: &c))
  }

  /// Reads an epoch number whose unit is unknown, from its number of digits.
  public func normalize(epochGuessing value: Int64) -> Result<NormalizedTime, TimeError> {
    guard value != 0 && value != -1 else { return .failure(.placeholderEpoch(value)) }
    var digits = 0
    var rest = value.magnitude
    while rest > 0 {
      digits += 1
      rest /= 10
    }
    guard let unit = EpochUnit.guess(digits: digits) else { return .failure(.ambiguousEpoch(digits: digits)) }
    guard let micros = unit.microseconds(value), SourceClock.plausible(micros) else {
      return .failure(.epochOutOfRange)
    }
    var c = CorrectionSet()
    c.flags.insert(.epochGuessed)
    c.epochUnit = unit
    c.epochDigits = Int8(digits)
    return .success(finish(micros: micros, precision: unit.precision, corrections: &c))
  }

  // 1900-01-01T00:00:00Z ..< 2200-01-01T00:00:00Z
  static let earliest: Int64 = -2_208_988_800 * 1_000_000
  static let latest: Int64 = 7_258_118_400 * 1_000_000
  @inline(__always) static func plausible(_ micros: Int64) -> Bool { micros >= earliest && micros < latest }

  // MARK: - Resolution

  @inline(__always)
  private func finish(micros: Int64, precision: TimePrecision, corrections c: inout CorrectionSet) -> NormalizedTime {
    var m = micros
    if clockOffsetMicros != 0 {
      m += clockOffsetMicros
      c.flags.insert(.clockOffset)
      c.clockOffsetMicros = clockOffsetMicros
    }
    var uncertainty: Int64 = 0
    if let estimate {
      m += estimate.offsetMicros
      uncertainty = estimate.uncertaintyMicros
      c.flags.insert(.clockEstimated)
      c.estimate = estimate
    }
    return NormalizedTime(
      instant: Instant(microseconds: m), precision: precision, uncertaintyMicros: uncertainty, corrections: c)
  }

  mutating func resolve(_ f: TimestampFields, bytes: UnsafeBufferPointer<UInt8>, line: Int) -> Result<
    NormalizedTime, TimeError
  > {
    var c = CorrectionSet()
    if let v = f.epochValue {
      if f.epochHasFraction {  // fractional epoch numbers are seconds (zap, Slack)
        guard f.epochDigits <= 11 else { return .failure(.ambiguousEpoch(digits: f.epochDigits)) }
        let micros = v * 1_000_000 + f.epochFractionMicros
        guard SourceClock.plausible(micros) else { return .failure(.epochOutOfRange) }
        return .success(finish(micros: micros, precision: .microsecond, corrections: &c))
      }
      return normalize(epochGuessing: v)
    }
    var year = f.year
    var month = f.month
    var day = f.day
    if f.twoDigitYear {
      c.flags.insert(.twoDigitYear)
      c.year = Int32(year)
    }
    if f.dateOrderAssumed {
      c.flags.insert(.dateOrderAssumed)
      c.dateOrderRule = normalizer.dateOrderRule
      if normalizer.dayFirst { c.flags.insert(.dayFirst) }
    }
    if month == 0 {
      // A time of day only: the date comes from the last heading, else the case date.
      guard let d = headingDate ?? normalizer.caseDate else { return .failure(.missingDate) }
      year = d.year
      month = d.month
      day = d.day
      c.flags.insert(.dateInferred)
      c.date = d
      c.dateLine = headingDate == nil ? 0 : Int32(headingLine)
    } else if year == TimestampFields.absent {
      guard let y = inferYear(month: month, day: day, line: line, corrections: &c) else {
        return .failure(.missingYear)
      }
      year = y
    }
    guard year >= 1900 && year < 2200 else { return .failure(.yearOutOfRange(year)) }
    guard month >= 1 && month <= 12 && day >= 1 && day <= CivilDate.daysIn(month: month, year: year) else {
      return .failure(.invalidDate)
    }
    var second = f.second
    var micros = f.micros
    var hour = f.hour
    if hour == 24 && f.minute == 0 && second == 0 && micros == 0 {
      hour = 0
      c.flags.insert(.endOfDay)
    } else if hour > 23 || f.minute > 59 || second > 60 {
      return .failure(.invalidTime)
    }
    if second == 60 {
      second = 59
      micros = 999_999
      c.flags.insert(.leapSecond)
    }
    var days = CivilDate.days(year: year, month: month, day: day)
    if c.flags.contains(.endOfDay) { days += 1 }
    let local = days * 86_400 + Int64(hour * 3600 + f.minute * 60 + second)
    let utc: Int64
    switch f.zone {
    case .offset(let o):
      utc = local - Int64(o)
    case .unknownOffset:
      utc = local
      c.flags.insert(.unknownOffset)
    case .none:
      if local >= spanLower && local < spanUpper {
        utc = local - Int64(spanOffset)
        c.zoneIndex = zone.index
        c.offset = Int32(spanOffset)
        if spanDaylight { c.flags.insert(.daylight) }
      } else {
        utc = readLocal(local, in: zone, corrections: &c)
        if let span = zone.unambiguousSpan(containing: local) {
          (spanLower, spanUpper, spanOffset, spanDaylight) = span
        }
      }
      c.flags.insert(.zoneAssumed)
      if sourceZone != nil { c.flags.insert(.sourceZone) }
    case .name(let s, let e):
      guard let z = zoneNamed(bytes, s, e) else {
        return .failure(.unknownZone)
      }
      utc = readLocal(local, in: z, corrections: &c)
      c.flags.insert(.zoneNamed)
    case .abbreviation(let s, let e):
      let offset = abbreviationOffset(
        ZoneAbbreviation.lookup(bytes, from: s, count: e - s)!, local: local, line: line, corrections: &c)
      utc = local - Int64(offset)
    }
    let precision = TimePrecision(fields: f)
    let total = utc * 1_000_000 + Int64(micros)
    guard SourceClock.plausible(total) else { return .failure(.yearOutOfRange(year)) }
    var result = finish(micros: total, precision: precision, corrections: &c)
    if f.approximate {
      result.uncertaintyMicros += normalizer.approximateWindowMicros
      result.corrections.flags.insert(.approximate)
      result.corrections.uncertaintyMicros = normalizer.approximateWindowMicros
    }
    return .success(result)
  }

  /// The offset an abbreviation stands for: the reading the zone uses, else the table's first,
  /// with a warning when that is ambiguous or contradicts the zone.
  private mutating func abbreviationOffset(
    _ abbr: ZoneAbbreviation, local: Int64, line: Int, corrections c: inout CorrectionSet
  ) -> Int {
    c.abbreviationIndex = abbr.id
    if let k = abbr.candidates.firstIndex(where: { $0.zones.contains(zone.identifier) }) {
      c.candidateIndex = Int8(k)
      c.flags.insert(.abbreviationLocal)
      c.offset = Int32(abbr.candidates[k].offset)
      return abbr.candidates[k].offset
    }
    let chosen = abbr.candidates[0]
    c.flags.insert(.abbreviationDefault)
    c.offset = Int32(chosen.offset)
    let zoneOffset = zone.offset(at: Instant(seconds: local - Int64(chosen.offset)))
    if abbr.candidates.count > 1 {
      warn(Message.ambiguous(abbr, zone: zone), line: line)
    } else if zoneOffset != chosen.offset {
      warn(Message.contradicts(abbr, zone: zone, zoneOffset: zoneOffset), line: line)
    }
    return chosen.offset
  }

  @inline(__always)
  private func readLocal(_ local: Int64, in z: ZoneRules, corrections c: inout CorrectionSet) -> Int64 {
    let r = z.resolveLocal(local)
    c.zoneIndex = z.index
    c.offset = Int32(r.offset)
    if r.daylight { c.flags.insert(.daylight) }
    if r.inGap {
      c.flags.insert(.dstGap)
      let after = z.offset(at: Instant(seconds: local - Int64(r.offset)))
      c.gapSeconds = Int32(after - r.offset)
      c.offset = Int32(after)
      c.flags.remove(.daylight)
      if z.isDaylight(at: Instant(seconds: local - Int64(r.offset))) { c.flags.insert(.daylight) }
      return local - Int64(r.offset)
    }
    if r.inOverlap { c.flags.insert(.dstOverlap) }
    return local - Int64(r.offset)
  }

  private mutating func zoneNamed(_ bytes: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> ZoneRules? {
    let name = UnsafeBufferPointer(rebasing: bytes[s..<e])
    if let z = lastZone, name.elementsEqual(lastZoneName) { return z }
    let z = ZoneCatalog.shared.zone(named: String(decoding: name, as: UTF8.self))
    lastZoneName = Array(name)
    lastZone = z
    return z
  }

  /// The year of a year-less date (syslog): the case year, adjusted so that the first date lies
  /// within half a year of the case date, then advancing when the months wrap around.
  private mutating func inferYear(month: Int, day: Int, line: Int, corrections c: inout CorrectionSet) -> Int? {
    guard let caseDate = normalizer.caseDate else {
      return yearFromFileTime(month: month, day: day, line: line, corrections: &c)
    }
    // A day no month has (`Sep 31`) is rejected by the caller: it must not move the year on.
    guard month >= 1 && month <= 12 && day >= 1 && day <= CivilDate.daysIn(month: month, year: 2000) else {
      return yearlessYear == 0 ? caseDate.year : yearlessYear
    }
    if yearlessYear == 0 {
      // The first year-less date: whichever of last, this or next year is nearest the case date.
      var best = caseDate.year
      var bestDistance = Int64.max
      for y in [caseDate.year - 1, caseDate.year, caseDate.year + 1] {
        let dd = min(day, CivilDate.daysIn(month: month, year: y))
        let distance = abs(CivilDate.days(year: y, month: month, day: dd) - caseDate.daysSinceEpoch)
        if distance < bestDistance {
          best = y
          bestDistance = distance
        }
      }
      // Feb 29 needs a leap year: prefer the nearest leap year among the candidates.
      if month == 2 && day == 29 && !CivilDate.isLeap(best) {
        best = [caseDate.year, caseDate.year - 1, caseDate.year + 1].first(where: CivilDate.isLeap) ?? best
      }
      yearlessYear = best
      yearlessLast = CivilDate.days(year: best, month: month, day: min(day, CivilDate.daysIn(month: month, year: best)))
      c.flags.insert(.yearInferred)
      c.year = Int32(best)
      return best
    }
    let here = CivilDate.days(
      year: yearlessYear, month: month, day: min(day, CivilDate.daysIn(month: month, year: yearlessYear)))
    // Going back more than a week means the months wrapped around into the next year.
    if here < yearlessLast - 7 {
      yearlessYear += 1
      yearlessRolled = true
      c.flags.insert(.yearRollover)
      c.year = Int32(yearlessYear)
      yearlessLast = CivilDate.days(
        year: yearlessYear, month: month, day: min(day, CivilDate.daysIn(month: month, year: yearlessYear)))
      return yearlessYear
    }
    yearlessLast = max(yearlessLast, here)
    // Labelled by what decided the year: the first date's nearness to the case date, or a
    // wrap-around of the months before this record.
    c.flags.insert(yearlessRolled ? .yearRollover : .yearInferred)
    c.year = Int32(yearlessYear)
    return yearlessYear
  }

  /// Without a case date: the file's modification year, or the year before when that would put
  /// the date more than a day after the file was last written (a file begun in December and
  /// written to in January). Said once per file.
  private mutating func yearFromFileTime(month: Int, day: Int, line: Int, corrections c: inout CorrectionSet) -> Int? {
    guard let fileTime else { return nil }
    let local = fileTime.microseconds / 1_000_000 + Int64(zone.offset(at: fileTime))
    let written = CivilDate(daysSinceEpoch: local.floorDiv(86_400))
    var year = written.year
    if CivilDate.days(year: year, month: month, day: min(day, CivilDate.daysIn(month: month, year: year)))
      > written.daysSinceEpoch + 1
    {
      year -= 1
    }
    if month == 2 && day == 29 && !CivilDate.isLeap(year) {
      year = (1...4).map { year - $0 }.first(where: CivilDate.isLeap) ?? year
    }
    warn(Message.yearFromFileTime(written), line: line)
    c.flags.insert(.yearFromFileTime)
    c.year = Int32(year)
    return year
  }
}

extension TimePrecision {
  /// The precision a timestamp's text states.
  init(fields f: TimestampFields) {
    if f.approximate {
      self = .approximate
    } else if !f.hasTime {
      self = .day
    } else if !f.hasSeconds {
      self = .minute
    } else if f.fractionDigits == 0 {
      self = .second
    } else if f.fractionDigits <= 3 {
      self = .millisecond
    } else {
      self = .microsecond
    }
  }
}

private enum Message {
  static func ambiguous(_ a: ZoneAbbreviation, zone: ZoneRules) -> Phrase {
    let chosen = a.candidates[0]
    let others: [Phrase.Value] = a.candidates.dropFirst().map {
      .text("\($0.name) UTC\(TimestampFormatter.offset($0.offset))")
    }
    return Phrase(
      "zone.ambiguous",
      "'{abbreviation}' is ambiguous and {zone} does not use it: read as {chosen} (UTC{offset}), not {others}; set the source's timezone to choose",
      [
        "abbreviation": .text(a.abbreviation), "zone": .text(zone.identifier), "chosen": .text(chosen.name),
        "offset": .text(TimestampFormatter.offset(chosen.offset)), "others": Phrase.or(others),
      ])
  }

  static func contradicts(_ a: ZoneAbbreviation, zone: ZoneRules, zoneOffset: Int) -> Phrase {
    let chosen = a.candidates[0]
    return Phrase(
      "zone.contradicts",
      "'{abbreviation}' ({name}, UTC{offset}) contradicts the zone {zone} (UTC{zone_offset}): the timestamp's own zone was used",
      [
        "abbreviation": .text(a.abbreviation), "name": .text(chosen.name),
        "offset": .text(TimestampFormatter.offset(chosen.offset)), "zone": .text(zone.identifier),
        "zone_offset": .text(TimestampFormatter.offset(zoneOffset)),
      ])
  }

  static func yearFromFileTime(_ written: CivilDate) -> Phrase {
    Phrase(
      "time.year_from_file_time",
      "no year in the timestamps: each takes the latest year that puts it at or before the file's modification time ({date}); give --date or a case date to set it",
      ["date": "\(written)"])
  }
}

/// How a call-detail CSV (from a carrier or a PBX) maps to calls: which column holds what.
///
/// Given in the case file under a source's `csv:` key, or taken from a preset (`preset:
/// asterisk`, `preset: twilio`), or recognised from the file's header.
public struct CallCSVMapping: Sendable, Equatable {
  /// A column by header name (matched ignoring case, spaces and `_`) or by 1-based position.
  public enum Column: Sendable, Equatable {
    case name(String)
    case index(Int)
  }

  /// How durations are written.
  public enum DurationUnit: String, Sendable, Equatable {
    case seconds, milliseconds, minutes
    /// `1:02:03` or `02:03`.
    case clock
  }

  public var preset: String?
  /// Whether the first row names the columns.
  public var header: Bool
  public var delimiter: UnicodeScalar
  /// The call's start (any form the normalizer reads; zone-less times are read in the source's zone).
  public var time: Column
  public var duration: Column?
  public var durationUnit: DurationUnit
  /// `in`/`inbound`/`incoming`/`received` or `out`/`outbound…`/`outgoing`/`dialed`; else the owner decides.
  public var direction: Column?
  public var caller: Column?
  public var callee: Column?
  /// `answered`/`completed`, `no answer`/`missed`, `busy`/`rejected`, `failed`, `voicemail`, ….
  public var outcome: Column?

  public init(
    preset: String? = nil, header: Bool = true, delimiter: UnicodeScalar = ",", time: Column, duration: Column? = nil,
    durationUnit: DurationUnit = .seconds, direction: Column? = nil, caller: Column? = nil, callee: Column? = nil,
    outcome: Column? = nil
  ) {
    self.preset = preset
    self.header = header
    self.delimiter = delimiter
    self.time = time
    self.duration = duration
    self.durationUnit = durationUnit
    self.direction = direction
    self.caller = caller
    self.callee = callee
    self.outcome = outcome
  }

  /// The built-in layouts.
  public static let presets: [String: CallCSVMapping] = [
    // Asterisk cdr_csv `Master.csv` (no header): accountcode, src, dst, dcontext, clid, channel,
    // dstchannel, lastapp, lastdata, start, answer, end, duration, billsec, disposition, amaflags, …
    "asterisk": CallCSVMapping(
      preset: "asterisk", header: false, time: .index(10), duration: .index(14), caller: .index(2), callee: .index(3),
      outcome: .index(15)),
    // Twilio Call records with the Call resource's field names (`start_time` in RFC 2822, `from`,
    // `to`, `direction` inbound/outbound-api/outbound-dial, `status`, `duration` in seconds).
    "twilio": CallCSVMapping(
      preset: "twilio", header: true, time: .name("start_time"), duration: .name("duration"),
      direction: .name("direction"), caller: .name("from"), callee: .name("to"), outcome: .name("status")),
  ]

  /// A header name reduced for matching: `Start Time`, `start_time` and `startTime` are one.
  package static func key(_ s: String) -> String {
    s.lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" && $0 != "\u{FEFF}" }
  }
}

import StorylineCore

/// The fallback for logs no other format claims: every line that starts with a recognizable
/// date and time (ISO 8601, `yyyy-MM-dd HH:mm:ss,SSS`, `dd.MM.yyyy HH:mm:ss`, `Jan 24, 2025
/// 7:00:30 AM`, MySQL's `yyMMdd HH:mm:ss` …) begins a record; the lines after it continue it.
/// A severity word near the start (`ERROR`, `[warn]`) is read when there is one.
public struct TimestampedLogFormat: LineLogFormat {
  public init() {}
  public var id: FormatID { .timestamped }
  public var name: String { "Any log whose lines start with a date and time (fallback)" }
  public var sniffRule: String {
    "not claimed by another format, and most first lines carry a date and a time of day at the same place: at the start, or after up to 6 fields (a node, an epoch, a file name)"
  }

  public func sniff(_ probe: SniffProbe) -> Bool {
    guard !probe.isDirectory, !probe.isDocumentExtension else { return false }
    let clock = SniffProbe.sniffClock
    // Most first lines carry a time after the same number of fields.
    var skips: [Int: Int] = [:]
    let most = probe.mostLines(10) { line in
      guard let k = LogTimePrefix.learnSkip(line, clock: clock) else { return false }
      skips[k, default: 0] += 1
      return true
    }
    guard most, let top = skips.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) else {
      return false
    }
    return probe.mostLines(10) { LogTimePrefix.learnSkip($0, clock: clock) == top.key }
  }

  public func tokenizer(clock: SourceClock) -> TimestampedLogTokenizer {
    TimestampedLogTokenizer(clock: clock, layout: .plain)
  }
}

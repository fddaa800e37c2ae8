import StorylineCore

/// Android logcat output: `threadtime` (`MM-dd HH:mm:ss.SSS  pid  tid L tag: message`), `time`
/// (`MM-dd HH:mm:ss.SSS L/tag( pid): message`) and their `-v year` forms (formats.md §7.6).
/// Year-less dates take the case's year and roll over like syslog's.
public struct LogcatFormat: LineLogFormat {
  public init() {}
  public var id: FormatID { .logcat }
  public var name: String { "Android logcat (threadtime, time, -v year)" }
  public var sniffRule: String {
    "most first lines start `MM-dd HH:mm:ss.SSS` (or with a year) followed by `pid tid L tag:` or `L/tag(pid):`"
  }

  public func sniff(_ probe: SniffProbe) -> Bool {
    guard !probe.isDirectory, !probe.isDocumentExtension else { return false }
    let clock = SniffProbe.sniffClock
    return probe.mostLines(10) { p in
      if p.starts(with: TimestampedLogTokenizer.bufferMarker) { return true }
      var c = clock
      guard let (r, n) = LogTimePrefix.read(p, clock: &c, lineNumber: 0), case .success = r else { return false }
      var rest = n
      while rest < p.count && p[rest] == 0x20 { rest += 1 }
      return TimestampedLogTokenizer.logcatHead(p, from: rest) != nil
    }
  }

  public func tokenizer(clock: SourceClock) -> TimestampedLogTokenizer {
    TimestampedLogTokenizer(clock: clock, layout: .logcat)
  }
}

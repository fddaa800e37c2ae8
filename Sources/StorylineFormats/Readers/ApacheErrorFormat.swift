import StorylineCore

/// Apache httpd error logs: `[Wed Oct 11 14:32:52 2000] [error] [client 127.0.0.1] message` and
/// the 2.4 form `[Sat Sep 22 11:56:31.123456 2008] [core:error] [pid 1:tid 2] [client a:p] AH00124: …`
/// (formats.md §8.3). The times carry no zone: the source's or the case's zone applies.
public struct ApacheErrorFormat: LineLogFormat {
  public init() {}
  public var id: FormatID { .apacheError }
  public var name: String { "Apache httpd error log" }
  public var sniffRule: String { "most first lines start `[Www Mmm dd hh:mm:ss yyyy] [level]` or `[module:level]`" }

  public func sniff(_ probe: SniffProbe) -> Bool {
    guard !probe.isDirectory, !probe.isDocumentExtension else { return false }
    var clock = SniffProbe.sniffClock
    return probe.mostLines(10) { p in
      guard TimestampedLogTokenizer.startsRecord(p, layout: .apacheError, clock: clock),
        case .success? = TimestampedLogTokenizer.readTime(p, layout: .apacheError, clock: &clock, line: 0)?.time
      else { return false }
      let close = p.firstIndex(of: 0x5D)!
      return LogSeverityWord.find(in: p, from: close + 1) != nil
    }
  }

  public func tokenizer(clock: SourceClock) -> TimestampedLogTokenizer {
    TimestampedLogTokenizer(clock: clock, layout: .apacheError)
  }
}

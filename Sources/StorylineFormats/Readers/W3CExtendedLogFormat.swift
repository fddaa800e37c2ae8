import StorylineCore

/// W3C extended log format: WebLogic's HTTP access log in `extended` mode, IIS (formats.md §7.1).
public struct W3CExtendedLogFormat: LineLogFormat {
  public init() {}
  public var id: FormatID { .w3cExtended }
  public var name: String { "W3C extended access log (WebLogic HTTP access log, IIS)" }
  public var sniffRule: String { "a `#Fields:` directive among the first lines, naming `date` and `time`" }

  public func sniff(_ probe: SniffProbe) -> Bool {
    guard !probe.isDirectory else { return false }
    return probe.lines(20).contains { $0.hasPrefix("#Fields:") && $0.contains(" date") && $0.contains(" time") }
  }

  public func tokenizer(clock: SourceClock) -> W3CExtendedLogTokenizer {
    W3CExtendedLogTokenizer(clock: clock)
  }
}

import StorylineCore

/// JSON lines logs (bunyan, pino, zap, logstash, structlog …): one object per line with a
/// time key (formats.md §7.5).
public struct JSONLinesFormat: LineLogFormat {
  public init() {}
  public var id: FormatID { .jsonLines }
  public var name: String { "JSON lines log (ts, time, timestamp, @timestamp …)" }
  public var sniffRule: String { "most first lines are JSON objects with a time key" }

  public func sniff(_ probe: SniffProbe) -> Bool {
    guard !probe.isDirectory, !["md", "csv", "xml", "html", "eml"].contains(probe.fileExtension) else { return false }
    return probe.mostLines(10) { p in
      guard let f = JSONLinesTokenizer.fields(p, attributes: false), let t = f.time else { return false }
      return t.key > 1
    }
  }

  public func tokenizer(clock: SourceClock) -> JSONLinesTokenizer {
    JSONLinesTokenizer(clock: clock)
  }
}

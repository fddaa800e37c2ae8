import StorylineCore

/// Apache and Nginx access logs: common, combined and vhost_combined (formats.md §8.2).
public struct AccessLogFormat: LineLogFormat {
  public init() {}
  public var id: FormatID { .accessLog }
  public var name: String { "Apache/Nginx access log (common, combined, vhost_combined)" }
  public var sniffRule: String { "lines of `host ident user [dd/Mon/yyyy:hh:mm:ss ±zzzz] \"request\" status bytes`" }

  public func sniff(_ probe: SniffProbe) -> Bool {
    guard !probe.isDirectory else { return false }
    let lines = probe.textLines.prefix(10)
    guard !lines.isEmpty else { return false }
    return lines.filter { l in
      var s = String(l)
      return s.withUTF8 { AccessLogTokenizer.parse($0) != nil }
    }.count * 2 > lines.count
  }

  public func tokenizer(clock: SourceClock) -> AccessLogTokenizer {
    AccessLogTokenizer(clock: clock)
  }
}

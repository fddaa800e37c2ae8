import StorylineCore

/// syslog files: RFC 3164 (`Mmm dd hh:mm:ss host tag[pid]: message`, no year, no zone), RFC 5424
/// (`<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MESSAGE`) and rsyslog's high-precision form
/// (`2024-01-05T14:03:01.004512+01:00 host tag[pid]: message`), formats.md §8.1.
public struct SyslogFormat: LineLogFormat {
  public init() {}
  public var id: FormatID { .syslog }
  public var name: String { "syslog (RFC 3164, RFC 5424, rsyslog high precision)" }
  public var sniffRule: String {
    "a file whose first lines start `Mmm dd hh:mm:ss host tag:`, `<PRI>1 ` or an RFC 3339 time followed by a host and a tag"
  }

  public func sniff(_ probe: SniffProbe) -> Bool {
    guard !probe.isDirectory,
      !["md", "markdown", "csv", "xml", "html", "json", "eml", "mbox"].contains(probe.fileExtension)
    else { return false }
    let lines = probe.textLines.prefix(10)
    guard !lines.isEmpty else { return false }
    return lines.filter { l in
      var s = String(l)
      return s.withUTF8 { SyslogTokenizer.head($0) != nil }
    }.count * 2 > lines.count
  }

  public func tokenizer(clock: SourceClock) -> SyslogTokenizer {
    SyslogTokenizer(clock: clock)
  }
}

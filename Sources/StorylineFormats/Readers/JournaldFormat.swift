import StorylineCore

/// systemd journal exported with `journalctl -o json` (one object per line,
/// `__REALTIME_TIMESTAMP` in microseconds, `PRIORITY` 0–7, `MESSAGE`, `_HOSTNAME`,
/// `SYSLOG_IDENTIFIER`, `_SYSTEMD_UNIT`), formats.md §7.6.
public struct JournaldFormat: LineLogFormat {
  public init() {}
  public var id: FormatID { .journald }
  public var name: String { "systemd journal (journalctl -o json)" }
  public var sniffRule: String { "most first lines are JSON objects with `__REALTIME_TIMESTAMP`" }

  public func sniff(_ probe: SniffProbe) -> Bool {
    guard !probe.isDirectory else { return false }
    return probe.mostLines(10) { p in
      guard let f = JSONLinesTokenizer.fields(p, attributes: false), let t = f.time else { return false }
      return t.key <= 1
    }
  }

  public func tokenizer(clock: SourceClock) -> JSONLinesTokenizer {
    JSONLinesTokenizer(clock: clock)
  }
}

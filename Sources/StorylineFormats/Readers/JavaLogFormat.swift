import StorylineCore

/// Java logging: log4j / log4j2 and logback pattern layouts, Spring Boot's default layout and
/// java.util.logging's two-line SimpleFormatter (formats.md §7.2). Stack-trace lines (`\tat …`,
/// `Caused by: …`, `... N more`) belong to the record above them.
public struct JavaLogFormat: LineLogFormat {
  public init() {}
  public var id: FormatID { .java }
  public var name: String { "Java logging (log4j, logback, java.util.logging, Spring Boot)" }
  public var sniffRule: String {
    "most first lines start with a date and time followed by a level word (INFO, WARN, ERROR, SEVERE …) and a `[thread]` or a `logger - ` / `logger : `; or java.util.logging's time line followed by `LEVEL: message`"
  }

  public func sniff(_ probe: SniffProbe) -> Bool {
    guard !probe.isDirectory, !probe.isDocumentExtension else { return false }
    let clock = SniffProbe.sniffClock
    let lines = probe.lines(12)
    // java.util.logging: `Jan 24, 2025 7:00:30 AM org.Foo bar` then `INFO: message`.
    for (a, b) in zip(lines, lines.dropFirst()) {
      if let colon = b.firstIndex(of: ":"), Severity(word: b[..<colon]) != nil, b[..<colon].allSatisfy(\.isUppercase) {
        var s = a
        if s.withUTF8({ LogTimePrefix.startsRecord($0, clock: clock) }) { return true }
      }
    }
    return probe.mostLines(10) { p in
      guard TimestampedLogTokenizer.startsRecord(p, layout: .java, clock: clock) else {
        // stack traces and continuation lines do not count against the file
        return p.first == 0x09 || p.starts(with: Array("Caused by".utf8)) || p.starts(with: Array("    at ".utf8))
      }
      var c = clock
      guard
        let n = TimestampedLogTokenizer.isTimeOfDay(p)
          ? c.normalizePrefix(p).consumed : LogTimePrefix.read(p, clock: &c, lineNumber: 0)?.consumed,
        let (_, r) = LogSeverityWord.find(in: p, from: n)
      else { return false }
      let rest = String(decoding: UnsafeBufferPointer(rebasing: p[r.upperBound...]), as: UTF8.self)
      return rest.contains("[") || rest.contains(" - ") || rest.contains(" : ")
    }
  }

  public func tokenizer(clock: SourceClock) -> TimestampedLogTokenizer {
    TimestampedLogTokenizer(clock: clock, layout: .java)
  }
}

import StorylineCore

/// Oracle WebLogic Server server and domain logs (records starting `####<`, fields in `<…>`) and
/// the server's standard output (`.out`), whose records are `<time> <severity> <subsystem> <id> <text>`.
public struct WebLogicFormat: LineLogFormat {
  public init() {}
  public var id: FormatID { .weblogic }
  public var name: String { "Oracle WebLogic server/domain log" }
  public var sniffRule: String {
    "a line starting with `####<` among the first lines; or (standard output, `.out`) lines `<time> <severity> <subsystem> <BEA-nnnnnn> <text>`"
  }

  public func sniff(_ probe: SniffProbe) -> Bool {
    let lines = probe.textLines.prefix(20)
    if lines.contains(where: { $0.hasPrefix("####<") }) { return true }
    return lines.contains { l in
      WebLogicTokenizer.isStdoutRecord(Array(l.utf8)) && (l.contains("> <BEA-") || l.contains("> <WL-"))
    }
  }

  public func tokenizer(clock: SourceClock) -> WebLogicTokenizer {
    WebLogicTokenizer(clock: clock)
  }
}

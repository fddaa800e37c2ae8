import StorylineCore

/// Oracle WebLogic Server server and domain logs: records starting `####<`, fields in `<…>`.
public struct WebLogicFormat: EvidenceFormat {
  public init() {}
  public var id: String { "weblogic" }
  public var name: String { "Oracle WebLogic server/domain log" }
  public var sniffRule: String { "a line starting with `####<` among the first lines" }

  public func sniff(_ probe: SniffProbe) -> Bool {
    probe.text.split(whereSeparator: \.isNewline).prefix(20).contains { $0.hasPrefix("####<") }
  }

  public func open(_ input: SourceInput, context: ReaderContext) throws -> any EvidenceReader {
    try WebLogicReader(input: input, context: context, format: id)
  }
}

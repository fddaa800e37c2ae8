import StorylineCore

/// One evidence format: how to recognise it and how to read it.
///
/// Each format is a value in ``FormatRegistry``; `storyline formats` lists them with their
/// sniffing rules.
public protocol EvidenceFormat: Sendable {
  /// Stable id used in case files (`format: notes`) and in output.
  var id: FormatID { get }
  /// Human name, e.g. `Oracle WebLogic server log`.
  var name: String { get }
  /// How the format is read: streamed by lines or records, whole, as a database or an archive.
  var reading: ReadingMode { get }
  /// How the format is recognised, in words (shown by `storyline formats`).
  var sniffRule: String { get }
  /// Whether the probe's first bytes and name look like this format.
  func sniff(_ probe: SniffProbe) -> Bool
  /// A reader positioned at the first record of the input.
  func open(_ input: SourceInput, context: ReaderContext) throws -> any EvidenceReader
}

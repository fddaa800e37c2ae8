/// Where an event came from: the evidence a reader can go back to.
public struct Provenance: Hashable, Sendable {
  /// The source file, as given in the case file (relative to it) or on the command line.
  public var path: String
  /// The reader's format id, e.g. `notes`, `weblogic`.
  public var format: String
  /// The record's number in its source, from 1.
  public var record: Int
  /// The line the record starts on, from 1 (0 when the format has no lines).
  public var line: Int
  /// The timestamp exactly as the source wrote it.
  public var originalTime: String
  /// Every correction applied to place the time on the one clock.
  public var corrections: [Correction]

  public init(path: String, format: String, record: Int, line: Int, originalTime: String, corrections: [Correction]) {
    self.path = path
    self.format = format
    self.record = record
    self.line = line
    self.originalTime = originalTime
    self.corrections = corrections
  }

  /// `path:line` (or `path#record` when there are no lines).
  public var citation: String { line > 0 ? "\(path):\(line)" : "\(path)#\(record)" }
}

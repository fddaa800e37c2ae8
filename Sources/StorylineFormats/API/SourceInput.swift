/// An evidence file to read.
public struct SourceInput: Sendable {
  /// Where the bytes are on disk.
  public var url: String
  /// How output cites it: relative to the case file, or as given on the command line.
  public var displayPath: String

  public init(url: String, displayPath: String) {
    self.url = url
    self.displayPath = displayPath
  }
}

/// A build's temporary file of events (``EventSpill``) could not be written or read back.
public struct SpillError: Error, CustomStringConvertible {
  /// The folder the file was in.
  public var directory: String
  public var reason: String
  public var description: String {
    "\(directory): error: cannot keep the report's events in a temporary file here (it grows as large as the "
      + "report): \(reason)"
  }
}

import StorylineCore

/// What a reader needs to know about the case and its source.
public struct ReaderContext: Sendable {
  /// The source's place in the case (0-based): part of event ids and of the timeline order.
  public var sourceIndex: Int
  /// The source's clock: zone, clock correction, case date.
  public var clock: SourceClock
  /// People of the case, to resolve names, numbers and addresses.
  public var directory: PeopleDirectory
  /// Whose device or notebook the source is (a person id).
  public var owner: String?
  /// Who reads a group chat (person ids).
  public var members: [String]
  /// For call-detail CSV: the column mapping, when the case gives one.
  public var csv: CallCSVMapping?

  public init(
    sourceIndex: Int, clock: SourceClock, directory: PeopleDirectory, owner: String?, members: [String] = [],
    csv: CallCSVMapping? = nil
  ) {
    self.csv = csv
    self.sourceIndex = sourceIndex
    self.clock = clock
    self.directory = directory
    self.owner = owner
    self.members = members
  }
}

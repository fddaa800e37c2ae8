/// The run of same-shaped log records an event belongs to, as a ``TimelineDigest`` follows it: a
/// burst once the digest has seen the whole run and found it long enough
/// (``TimelineDigest/burst(of:)``). Lets a writer put an event down before its burst is known.
public struct BurstRun: Hashable, Sendable {
  /// The run's source, by index.
  public var source: Int
  /// The run's first record's sequence number in its source.
  public var sequence: Int

  public init(source: Int, sequence: Int) {
    self.source = source
    self.sequence = sequence
  }
}

/// One part of why a clock estimate was or was not applied, as a catalogue key (`clock.<key>`)
/// and its values: the reports' language renders it; ``ClockEstimate/reason`` is its English.
public struct ClockReason: Hashable, Sendable {
  public var key: String
  public var args: [String: String]

  public init(_ key: String, _ args: [String: String] = [:]) {
    self.key = key
    self.args = args
  }
}

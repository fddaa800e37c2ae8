/// One sentence a reader needs in the first ten seconds, with its weight and evidence.
public struct Finding: Sendable {
  public enum Level: String, Sendable, Comparable {
    /// Someone the policy names was never told, or only attempts reached them.
    case never
    case late
    case silence
    case attempt
    case onTime = "on_time"
    case info

    var rank: Int {
      switch self {
      case .never: 0
      case .late: 1
      case .silence: 2
      case .attempt: 3
      case .onTime: 4
      case .info: 5
      }
    }

    public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
  }

  public var level: Level
  public var text: String
  public var citations: [String]
}

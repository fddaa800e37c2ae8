/// A log record's severity on one scale, from `trace` to `emergency`.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
  case trace, debug, info, notice, warning, error, critical, alert, emergency

  /// The position on the scale: 0 for `trace` … 8 for `emergency` (its place in `allCases`).
  public var rank: Int {
    switch self {
    case .trace: 0
    case .debug: 1
    case .info: 2
    case .notice: 3
    case .warning: 4
    case .error: 5
    case .critical: 6
    case .alert: 7
    case .emergency: 8
    }
  }

  public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

  /// Reads a severity word as logs write it (`WARN`, `SEVERE`, `Error`, `crit`, `FATAL`).
  public init?(word: some StringProtocol) {
    var w = word.lowercased()
    // DEBUG2 … DEBUG5, TRACE1 (levels of detail below debug).
    if w.count > 5, w.last!.isNumber, w.hasPrefix("debug") || w.hasPrefix("trace") { w = String(w.prefix(5)) }
    switch w {
    case "trace", "finest", "finer", "verbose": self = .trace
    case "debug", "fine", "config", "dbg": self = .debug
    case "info", "information", "informational": self = .info
    case "notice", "note": self = .notice
    case "warn", "warning": self = .warning
    case "error", "err", "severe": self = .error
    case "critical", "crit", "fatal": self = .critical
    case "alert": self = .alert
    case "emergency", "emerg", "panic": self = .emergency
    default: return nil
    }
  }
}

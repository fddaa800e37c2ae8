import Foundation

/// How large a build's temporary file of events (``EventSpill``) may grow. The file lives in the
/// page cache while the pass writes it; once it would not fit there easily, the kernel writes it
/// to disk and reads it back, and reading the logs a second time costs less (measured: a 1 GiB
/// corpus, 7 GB of JSON, took 59 s through the file against 49 s on two passes; 100 MiB, 700 MB
/// of JSON, 5.1 s against 6.3 s).
public struct SpillBudget: Sendable, Equatable {
  /// Bytes the file may hold at most.
  public var bytes: Int64
  /// A report of every event runs to about this many times the size of its evidence (7× for
  /// the benchmark corpus's JSON), for the estimate before the pass.
  public static let reportPerEvidenceByte: Int64 = 8

  public init(bytes: Int64) { self.bytes = bytes }

  /// A tenth of the machine's memory: the share of dirty pages at which Linux starts writing
  /// them back (`vm.dirty_background_ratio`, 10 by default).
  public static var machine: SpillBudget { SpillBudget(bytes: Int64(ProcessInfo.processInfo.physicalMemory / 10)) }

  /// Whether a report of evidence of `evidenceBytes` is expected to fit.
  public func admits(evidenceBytes: Int64) -> Bool {
    let (estimate, overflow) = evidenceBytes.multipliedReportingOverflow(by: Self.reportPerEvidenceByte)
    return !overflow && estimate <= bytes
  }
}

import Foundation

/// A progress line on standard error, redrawn in place: what is done, bytes of the total, the
/// rate and the time left. Shown only when standard error is a terminal.
final class TerminalProgress: @unchecked Sendable {
  private let label: String
  private let started = DispatchTime.now().uptimeNanoseconds
  private var shown = false

  /// Nil when standard error is not a terminal (a pipe, a file, CI): no progress then.
  static func onTerminal(_ label: String) -> TerminalProgress? {
    isatty(2) == 1 ? TerminalProgress(label) : nil
  }

  init(_ label: String) { self.label = label }

  /// Redraws the line: `read` of `total` bytes, `records` so far (nil when not counted).
  func update(read: Int64, total: Int64, records: Int? = nil) {
    let secs = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    let pct = total > 0 ? min(100, Int(read * 100 / total)) : 0
    var line = "\r\(label): \(read >> 20) of \(total >> 20) MiB (\(pct)%)"
    if let records { line += ", \(records) records" }
    if secs > 0.2 && read > 0 {
      let rate = Double(read) / secs
      line += String(format: ", %.0f MiB/s", rate / 1_048_576)
      if total > read { line += String(format: ", %.0f s left", Double(total - read) / rate) }
    }
    FileHandle.standardError.write(Data((line + "  ").utf8))
    shown = true
  }

  /// Clears the line.
  func finish() {
    if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    shown = false
  }
}

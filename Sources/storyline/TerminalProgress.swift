import Foundation
import StorylinePipeline

/// A progress line on standard error, redrawn in place: what is done, bytes of the total, the
/// rate and the time left; below it, when given, a line per source (bytes of its size, records).
/// Shown only when standard error is a terminal.
final class TerminalProgress: @unchecked Sendable {
  private let label: String
  private let started = DispatchTime.now().uptimeNanoseconds
  private var shown = false
  /// Lines drawn below the first by the last update (the cursor is back on the first).
  private var below = 0

  /// Sources shown at most, those with most left to read first.
  static let maxSources = 10

  /// Nil when standard error is not a terminal (a pipe, a file, CI): no progress then.
  static func onTerminal(_ label: String) -> TerminalProgress? {
    isatty(2) == 1 ? TerminalProgress(label) : nil
  }

  init(_ label: String) { self.label = label }

  /// Redraws: `read` of `total` bytes, `records` so far (nil when not counted), and a line per
  /// source of `sources`.
  func update(read: Int64, total: Int64, records: Int? = nil, sources: [EvidenceStream.SourceProgress] = []) {
    let secs = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    let lines = Self.lines(
      label: label, read: read, total: total, records: records, seconds: secs, sources: sources,
      width: Self.terminalWidth())
    // From the start of the first line: each line redrawn and cleared to its end, what is left
    // below of a longer drawing cleared, then back up to the first line.
    var text = "\r" + lines.joined(separator: "\u{1B}[K\n") + "\u{1B}[K"
    if below > lines.count - 1 { text += "\u{1B}[J" }
    if lines.count > 1 { text += "\u{1B}[\(lines.count - 1)A\r" }
    FileHandle.standardError.write(Data(text.utf8))
    below = lines.count - 1
    shown = true
  }

  /// The lines drawn: the pass's, then one per source still being read or read (at most
  /// ``maxSources``, those with most left first, in the case's order; then how many more),
  /// each cut to `width` - 1 characters so that none wraps.
  static func lines(
    label: String, read: Int64, total: Int64, records: Int?, seconds: Double,
    sources: [EvidenceStream.SourceProgress], width: Int
  ) -> [String] {
    var first = "\(label): \(mib(read)) of \(mib(total)) MiB (\(percent(read, total))%)"
    if let records { first += ", \(records) records" }
    if seconds > 0.2 && read > 0 {
      let rate = Double(read) / seconds
      first += String(format: ", %.0f MiB/s", rate / 1_048_576)
      if total > read { first += String(format: ", %.0f s left", Double(total - read) / rate) }
    }
    var lines = [first]
    if sources.count > 1 {
      let shown = Set(
        sources.indices.sorted { a, b in
          let (l, r) = (sources[a].total - sources[a].read, sources[b].total - sources[b].read)
          return l != r ? l > r : a < b
        }.prefix(maxSources))
      for (k, s) in sources.enumerated() where shown.contains(k) {
        let size = String(format: "%.1f of %.1f MiB", Double(s.read) / 1_048_576, Double(s.total) / 1_048_576)
        lines.append("  \(s.path): \(size) (\(percent(s.read, s.total))%), \(s.records) records")
      }
      let more = sources.count - maxSources
      if more > 0 { lines.append("  … and \(more) more source\(more == 1 ? "" : "s")") }
    }
    let room = max(20, width - 1)
    return lines.map { $0.count > room ? String($0.prefix(room - 1)) + "…" : $0 }
  }

  private static func mib(_ bytes: Int64) -> Int64 { bytes >> 20 }

  private static func percent(_ read: Int64, _ total: Int64) -> Int64 {
    total > 0 ? min(100, read * 100 / total) : 0
  }

  /// The terminal's width in columns (80 when it does not say).
  private static func terminalWidth() -> Int {
    var size = winsize()
    guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }

  /// Draws one line of text after the label, for a step with nothing to count (printing).
  func show(_ text: String) {
    let line = "\(label): \(text)"
    let room = max(20, Self.terminalWidth() - 1)
    var out = "\r" + (line.count > room ? String(line.prefix(room - 1)) + "…" : line) + "\u{1B}[K"
    if below > 0 { out += "\u{1B}[J" }
    FileHandle.standardError.write(Data(out.utf8))
    below = 0
    shown = true
  }

  /// Clears the lines.
  func finish() {
    if shown { FileHandle.standardError.write(Data("\r\u{1B}[J".utf8)) }
    shown = false
    below = 0
  }
}

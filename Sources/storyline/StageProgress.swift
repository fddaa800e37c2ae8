import Foundation
import StorylinePipeline

/// The steps of writing or verifying an archive on standard error: a progress line per step
/// (``TerminalProgress``), redrawn at most ten times a second. Shown only when standard error is
/// a terminal.
final class StageProgress {
  private var stage: ArchiveStage? = nil
  private var line: TerminalProgress? = nil
  private var drawn: UInt64 = 0

  /// Nil when standard error is not a terminal (a pipe, a file, CI): no progress then.
  static func onTerminal() -> StageProgress? { isatty(2) == 1 ? StageProgress() : nil }

  /// `done` of `total` bytes of `stage`, and its events so far (nil when not counted).
  func update(_ stage: ArchiveStage, done: Int64, total: Int64, events: Int?) {
    let now = DispatchTime.now().uptimeNanoseconds
    if stage != self.stage {
      line?.finish()
      line = TerminalProgress(stage.rawValue)
      self.stage = stage
    } else if now - drawn < 100_000_000 && done < total {
      return
    }
    drawn = now
    if stage == .printing {
      line?.show(done < total ? "the HTML report to PDF with headless Chromium…" : "done")
    } else {
      line?.update(read: done, total: total, records: events)
    }
  }

  /// Clears the line.
  func finish() { line?.finish() }
}

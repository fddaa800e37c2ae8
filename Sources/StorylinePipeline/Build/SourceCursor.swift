import Foundation
import StorylineCore
import StorylineFormats

/// One source being read, one item at a time: its format picked, its reader opened, and every
/// item it gives — an event or a rejected record — handed out in the order of the source. The
/// one loop over a reader, behind ``SourceLoader/stream(_:index:normalizer:directory:_:)`` and
/// the streamed build.
final class SourceCursor {
  let spec: SourceSpec
  let format: any EvidenceFormat
  private var reader: (any EvidenceReader)?
  /// A failure that ended the reading (what was read before it stands).
  private(set) var failure: Diagnostic?

  /// Opens the source. Throws when its format cannot be told or the file cannot be opened;
  /// input that turns out unusable later ends the items with a ``failure``.
  init(_ spec: SourceSpec, index: Int, normalizer: TimeNormalizer, directory: PeopleDirectory) throws {
    self.spec = spec
    format = try SourceLoader.format(for: spec)
    let clock = spec.clock(normalizer)
    let context = ReaderContext(
      sourceIndex: index, clock: clock, directory: directory, owner: spec.owner, members: spec.members, csv: spec.csv)
    do {
      reader = try format.open(SourceInput(url: spec.resolvedPath, displayPath: spec.path), context: context)
    } catch let e as SourceError {
      fail(e)
    }
  }

  /// The next event or rejected record; nil at the end of the source or after a failure.
  func next() -> ReaderItem? {
    guard reader != nil else { return nil }
    do {
      guard let event = try reader!.next() else {
        return nil
      }
      return .event(event)
    } catch let r as RecordRejection {
      return .rejected(r.rejection)
    } catch let e as SourceError {
      fail(e)
    } catch {
      failure = Diagnostic(.error, path: spec.path, line: 0, TimelineBuilder.message(error, path: spec.path))
      keepAccounts()
    }
    reader = nil
    return nil
  }

  private func fail(_ e: SourceError) {
    if case .malformed(_, let line, let col, let reason) = e {
      failure = Diagnostic(.error, path: spec.path, line: line, column: col, reason)
    } else {
      failure = Diagnostic(.error, path: spec.path, line: 0, TimelineBuilder.message(e, path: spec.path))
    }
    keepAccounts()
    reader = nil
  }

  /// Keeps the reader's warnings and counts before it is let go.
  private func keepAccounts() {
    lastWarnings = reader?.warnings ?? lastWarnings
    lastSkipped = reader?.skippedLines ?? lastSkipped
  }

  private var lastWarnings: [Diagnostic] = []
  private var lastSkipped: [SkippedLines] = []

  /// The lines in no record, by reason, once the items are done.
  func skippedLines() -> [SkippedLines] { reader?.skippedLines ?? lastSkipped }

  /// Bytes of the source read so far (nil when its reader cannot tell).
  var bytesRead: Int64? { reader?.bytesRead }

  /// The reader's warnings, a damaged gzip stream's, and the failure, once the items are done.
  func warnings() -> [Diagnostic] {
    var warnings = reader?.warnings ?? lastWarnings
    // A truncated or corrupt gzip file ends early without an error from the reader: say so.
    if FileInput.isDamagedGzip(path: spec.resolvedPath) {
      warnings.append(Diagnostic(.warning, path: spec.path, line: 0, Message.damagedGzip))
    }
    if let failure { warnings.append(failure) }
    return warnings
  }
}

private enum Message {
  static let damagedGzip = Phrase(
    "gzip.damaged_after", "the gzip stream is damaged or truncated: records after the damage could not be read")
}

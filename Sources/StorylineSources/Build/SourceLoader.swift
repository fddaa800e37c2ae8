import Foundation
import StorylineCore

/// Reads one evidence file completely: hashes it, picks its format, runs its reader, and
/// accounts for every record.
public enum SourceLoader {
  /// The format named by the spec, else the sniffed one.
  public static func format(for spec: SourceSpec) throws -> any EvidenceFormat {
    if let id = spec.format {
      guard let f = FormatRegistry.format(id: id) else { throw SourceError.notAFormat(path: spec.path, id: id) }
      return f
    }
    var isDir: ObjCBool = false
    FileManager.default.fileExists(atPath: spec.resolvedPath, isDirectory: &isDir)
    let probe = SniffProbe(
      fileName: (spec.resolvedPath as NSString).lastPathComponent,
      head: isDir.boolValue ? [] : try FileDigest.head(path: spec.resolvedPath), path: spec.resolvedPath,
      isDirectory: isDir.boolValue)
    guard let f = FormatRegistry.sniff(probe) else { throw SourceError.unknownFormat(path: spec.path) }
    return f
  }

  /// Reads a source. Throws only when the file cannot be opened or its format is unknown; input
  /// that turns out unusable (malformed XML, say) keeps what was read before it and is reported
  /// as the read's `error`.
  public static func read(
    _ spec: SourceSpec, index: Int, normalizer: TimeNormalizer, directory: PeopleDirectory
  ) throws -> SourceRead {
    let fmt = try format(for: spec)
    let (sha, size) = try FileDigest.sha256(path: spec.resolvedPath)
    let clock = normalizer.clock(zone: spec.timezone, clockOffsetMicros: spec.clockOffsetMicros)
    let context = ReaderContext(
      sourceIndex: index, clock: clock, directory: directory, owner: spec.owner, members: spec.members, csv: spec.csv)
    var reader: (any EvidenceReader)? = nil
    var events: [Event] = []
    var rejected: [Rejection] = []
    var failure: Diagnostic? = nil
    var counts: [String: Int] = [:]
    do {
      reader = try fmt.open(SourceInput(url: spec.resolvedPath, displayPath: spec.path), context: context)
      while let item = try reader!.next() {
        switch item {
        case .event(let e):
          for c in Set(e.source.corrections.map(\.kind)) { counts[c, default: 0] += 1 }
          events.append(e)
        case .rejected(let r): rejected.append(r)
        }
      }
    } catch let e as SourceError {
      if case .malformed(_, let line, let col, let reason) = e {
        failure = Diagnostic(.error, path: spec.path, line: line, column: col, reason)
      } else {
        failure = Diagnostic(.error, path: spec.path, line: 0, TimelineBuilder.message(e, path: spec.path))
      }
    }
    var warnings = reader?.warnings ?? []
    // A truncated or corrupt gzip file ends early without an error from the reader: say so.
    if FileInput.isDamagedGzip(path: spec.resolvedPath) {
      warnings.append(Diagnostic(.warning, path: spec.path, line: 0, Message.damagedGzip))
    }
    if let failure { warnings.append(failure) }
    let summary = SourceSummary(
      path: spec.path, format: fmt.id, sha256: sha, bytes: size, owner: spec.owner,
      timezone: (spec.timezone ?? normalizer.caseZone).identifier, clockOffsetMicros: spec.clockOffsetMicros,
      records: events.count + rejected.count, events: events.count, merged: 0, rejected: rejected, warnings: warnings,
      first: events.map(\.instant).min(), last: events.map(\.instant).max())
    return SourceRead(events: events, summary: summary, error: failure, correctionCounts: counts)
  }
}

private enum Message {
  static let damagedGzip = "the gzip stream is damaged or truncated: records after the damage could not be read"
}

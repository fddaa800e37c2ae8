import Foundation
import StorylineCore
import StorylineFormats

/// Reads one evidence file completely: hashes it, picks its format, runs its reader, and
/// accounts for every record.
public enum SourceLoader {
  /// The format named by the spec, else the sniffed one.
  public static func format(for spec: SourceSpec) throws -> any EvidenceFormat {
    if let id = spec.format {
      guard let f = FormatRegistry.format(id: id) else {
        throw SourceError.notAFormat(path: spec.path, id: id.rawValue)
      }
      return f
    }
    var isDir: ObjCBool = false
    FileManager.default.fileExists(atPath: spec.resolvedPath, isDirectory: &isDir)
    let probe = SniffProbe(
      fileName: (spec.resolvedPath as NSString).lastPathComponent,
      head: isDir.boolValue ? [] : try FileDigest.head(path: spec.resolvedPath), path: spec.resolvedPath,
      isDirectory: isDir.boolValue)
    guard let f = FormatRegistry.sniff(probe) else {
      throw SourceError.unknownFormat(path: spec.path, hint: unknownHint(probe))
    }
    return f
  }

  /// For a file no format fits: its first line that no format reads on its own, and the formats
  /// that read some of its first lines (most first).
  static func unknownHint(_ probe: SniffProbe) -> String {
    guard !probe.isDirectory else { return "" }
    let lines = probe.head.split(separator: 0x0A, omittingEmptySubsequences: false).prefix(10)
    var scores: [(FormatID, Int)] = []
    var firstMisfit: (Int, String)? = nil
    var fits = [Bool](repeating: false, count: lines.count)
    for format in FormatRegistry.all {
      var n = 0
      for (k, line) in lines.enumerated() where !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
        let one = SniffProbe(fileName: probe.fileName, head: Array(line) + [0x0A])
        if format.sniff(one) {
          n += 1
          fits[k] = true
        }
      }
      if n > 0 { scores.append((format.id, n)) }
    }
    for (k, line) in lines.enumerated() where !fits[k] && !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
      firstMisfit = (k + 1, String(decoding: line.prefix(80), as: UTF8.self))
      break
    }
    var parts: [String] = []
    if let (n, text) = firstMisfit { parts.append("line \(n) fits no format: «\(text)»") }
    let counted = lines.filter { !$0.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) }.count
    if !scores.isEmpty {
      let closest = scores.sorted { $0.1 > $1.1 }.prefix(3).map {
        "\($0.0.rawValue) (\($0.1) of the first \(counted) lines)"
      }
      parts.append("closest: " + closest.joined(separator: ", "))
    }
    return parts.joined(separator: "; ")
  }

  /// What streaming a source gave besides its items.
  public struct Stream: Sendable {
    public var format: FormatID
    public var warnings: [Diagnostic]
    /// Lines in no record, by reason.
    public var skippedLines: [SkippedLines]
    /// A failure that stopped the reading (what was read before it stands).
    public var failure: Diagnostic?
  }

  /// Streams a source's events and rejected records to `each`, in the order of the source:
  /// the one loop behind `build`, `inspect` and `merge` for every format. Throws only when
  /// the file cannot be opened or its format is unknown; input that turns out unusable
  /// (malformed XML, say) ends the stream with a `failure`.
  public static func stream(
    _ spec: SourceSpec, index: Int, normalizer: TimeNormalizer, directory: PeopleDirectory,
    _ each: (ReaderItem) -> Void
  ) throws -> Stream {
    let cursor = try SourceCursor(spec, index: index, normalizer: normalizer, directory: directory)
    while let item = cursor.next() { each(item) }
    return Stream(
      format: cursor.format.id, warnings: cursor.warnings(), skippedLines: cursor.skippedLines(),
      failure: cursor.failure)
  }

  /// Reads a source whole: its events in memory (unless `keepEvents` is false: then only
  /// counted), hashed (unless `hash` is false) and accounted.
  public static func read(
    _ spec: SourceSpec, index: Int, normalizer: TimeNormalizer, directory: PeopleDirectory, hash: Bool = true,
    keepEvents: Bool = true
  ) throws -> SourceRead {
    let (sha, size) = hash ? try FileDigest.sha256(path: spec.resolvedPath) : ("", 0)
    var events: [Event] = []
    var count = 0
    var rejections = RejectionLog()
    var counts: [String: Int] = [:]
    var examples: [String: String] = [:]
    var precisions: [TimePrecision: Int] = [:]
    var first: Instant? = nil
    var last: Instant? = nil
    let stream = try stream(spec, index: index, normalizer: normalizer, directory: directory) { item in
      switch item {
      case .event(let e):
        count += 1
        precisions[e.precision, default: 0] += 1
        first = min(first ?? e.instant, e.instant)
        last = max(last ?? e.instant, e.instant)
        var seen = Set<String>()
        for c in e.source.corrections where seen.insert(c.kind).inserted {
          counts[c.kind, default: 0] += 1
          if examples[c.kind] == nil { examples[c.kind] = c.detail }
        }
        if keepEvents { events.append(e) }
      case .rejected(let r):
        rejections.add(r)
      }
    }
    var warnings = stream.warnings
    if rejections.count > rejections.listed.count {
      warnings.append(SourceSummary.unlistedRejections(rejections.count - rejections.listed.count, path: spec.path))
    }
    var summary = SourceSummary(
      path: spec.path, format: stream.format.rawValue, sha256: sha, bytes: size, owner: spec.owner,
      timezone: (spec.timezone ?? normalizer.caseZone).identifier, clockOffsetMicros: spec.clockOffsetMicros,
      records: count + rejections.count, events: count, merged: 0, rejected: [], warnings: warnings, first: first,
      last: last)
    summary.record(rejections)
    summary.skippedLines = stream.skippedLines
    return SourceRead(
      events: events, summary: summary, error: stream.failure, correctionCounts: counts, correctionExamples: examples,
      precisions: precisions)
  }
}

import Foundation
import StorylineCore
import StorylineFormats

/// Builds a timeline: read every source, merge, account. The pipeline behind `storyline build`.
public enum TimelineBuilder {
  /// Settings for a build without a case file.
  public struct Options: Sendable {
    public var timezone: ZoneRules?
    public var date: CivilDate?
    public var region: String?
    public var title: String?
    /// How to cite a file given under another name (standard input spooled to a temporary
    /// file is cited as `-`): resolved path → the path to show.
    public var displayNames: [String: String] = [:]

    public init(timezone: ZoneRules? = nil, date: CivilDate? = nil, region: String? = nil, title: String? = nil) {
      self.timezone = timezone
      self.date = date
      self.region = region
      self.title = title
    }
  }

  /// The timeline and every diagnostic raised on the way.
  public struct Output: Sendable {
    public var timeline: Timeline
    /// Errors that stopped a source (its other records and the other sources are still in).
    public var errors: [Diagnostic]
  }

  /// Builds from a case file.
  public static func build(_ c: CaseFile, timezoneOverride: ZoneRules? = nil) -> Output {
    collect(stream(c, timezoneOverride: timezoneOverride))
  }

  /// Builds from evidence files and folders given directly (no case file).
  public static func build(paths: [String], options: Options) -> Output {
    let (s, errors) = stream(paths: paths, options: options)
    var out = collect(s)
    out.errors = errors + out.errors
    return out
  }

  /// A case file's evidence as a stream.
  public static func stream(
    _ c: CaseFile, timezoneOverride: ZoneRules? = nil, language: String? = nil
  ) -> EvidenceStream {
    var normalizer = c.normalizer
    if let z = timezoneOverride { normalizer.caseZone = z }
    let s = EvidenceStream(
      specs: c.sources, title: c.title, zoneGiven: c.timezoneGiven || timezoneOverride != nil, normalizer: normalizer,
      directory: c.peopleDirectory, people: c.people, clockAuto: c.clockAuto)
    s.language = language ?? c.language ?? "en"
    return s
  }

  /// Evidence files and folders given directly (no case file) as a stream; paths that do not
  /// exist are the errors, folders' files no reader recognises are warned of in the stream.
  public static func stream(paths: [String], options: Options) -> (EvidenceStream, errors: [Diagnostic]) {
    let (specs, errors, skipped) = sources(paths: paths, displayNames: options.displayNames)
    let normalizer = TimeNormalizer(caseZone: options.timezone ?? .utc, caseDate: options.date, region: options.region)
    let s = EvidenceStream(
      specs: specs, title: options.title ?? "Timeline", zoneGiven: options.timezone != nil, normalizer: normalizer,
      directory: PeopleDirectory(people: [], region: options.region), people: [], warnings: skipped)
    return (s, errors)
  }

  /// The sources that files and folders given directly name: a file is one source; a folder
  /// is one source when it is an export (Slack), else every file in it, in name order (files no
  /// reader recognises are skipped with a warning). Paths that do not exist are errors.
  public static func sources(
    paths: [String], displayNames: [String: String] = [:]
  ) -> (specs: [SourceSpec], errors: [Diagnostic], skipped: [Diagnostic]) {
    var specs: [SourceSpec] = []
    var errors: [Diagnostic] = []
    var skipped: [Diagnostic] = []
    let fm = FileManager.default
    for p in paths {
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: p, isDirectory: &isDir) else {
        errors.append(Diagnostic(.error, path: p, line: 0, "no such file or folder"))
        continue
      }
      if isDir.boolValue, (try? SourceLoader.format(for: SourceSpec(path: p, resolvedPath: p))) != nil {
        // A folder that is itself one export (a Slack export).
        specs.append(SourceSpec(path: p, resolvedPath: p))
      } else if isDir.boolValue {
        let files = (fm.enumerator(atPath: p)?.allObjects as? [String] ?? []).sorted()
        for f in files where !f.hasPrefix(".") && !(f as NSString).lastPathComponent.hasPrefix(".") {
          let full = (p as NSString).appendingPathComponent(f)
          var d: ObjCBool = false
          guard fm.fileExists(atPath: full, isDirectory: &d), !d.boolValue else { continue }
          let spec = SourceSpec(path: full, resolvedPath: full)
          if (try? SourceLoader.format(for: spec)) != nil {
            specs.append(spec)
          } else {
            skipped.append(Diagnostic(.warning, path: full, line: 0, Message.unrecognised))
          }
        }
      } else {
        specs.append(SourceSpec(path: displayNames[p] ?? p, resolvedPath: p))
      }
    }
    return (specs, errors, skipped)
  }

  /// Every event of the stream in memory (one pass: approximate events' marks are complete only
  /// at its end, and set then).
  static func collect(_ stream: EvidenceStream) -> Output {
    var events: [Event] = []
    stream.pass { events.append($0) }
    let marked = stream.approximateMarked
    for i in events.indices where events[i].uncertaintyMicros > 0 && marked.contains(events[i].id) {
      events[i].orderUncertain = true
    }
    var timeline = stream.header
    timeline.events = events
    return Output(timeline: timeline, errors: stream.errors)
  }

  /// An error's message without a repeated path prefix.
  static func message(_ error: Error, path: String) -> String {
    let s = "\(error)"
    let prefix = "\(path): error: "
    return s.hasPrefix(prefix) ? String(s.dropFirst(prefix.count)) : s
  }
}

private enum Message {
  static let unrecognised = Phrase("source.unrecognised", "not a format Storyline recognises: skipped")
}

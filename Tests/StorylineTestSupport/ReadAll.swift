import Foundation
import StorylineCore
import StorylineFormats
import StorylinePipeline

/// Reads one file with a format and case settings; returns the events, rejections and warnings.
public func readAll(
  _ path: String, format: String? = nil, zone: String = "Asia/Shanghai", date: String? = "2008-09-22",
  region: String = "CN",
  people: [Person] = [], owner: String? = nil
) throws -> SourceRead {
  let n = TimeNormalizer(
    caseZone: ZoneCatalog.shared.zone(named: zone)!, caseDate: date.flatMap { CivilDate(iso: $0) }, region: region)
  return try SourceLoader.read(
    SourceSpec(
      path: (path as NSString).lastPathComponent, resolvedPath: path, format: format.map(FormatID.init(rawValue:)),
      owner: owner),
    index: 0, normalizer: n, directory: PeopleDirectory(people: people, region: region))
}

/// The people of the reference incident.
public let referencePeople: [Person] = [
  Person(id: "director", name: "Delivery director", aliases: ["me", "I"], phones: ["+86 138 0000 0001"]),
  Person(id: "pm-a", name: "PM A", phones: ["+86 138 0000 0002"]),
  Person(id: "cdw", name: "CDW", phones: ["+86 138 0000 0003"]),
  Person(id: "z", name: "Z"), Person(id: "dy"), Person(id: "f", name: "F"),
]

extension Event {
  /// UTC time as RFC 3339.
  public var utc: String { TimestampFormatter.utc(instant, digits: instant.subsecondMicroseconds == 0 ? 0 : 3) }
}

import ArgumentParser
import StorylineReports

extension Audience: ExpressibleByArgument {}

/// `--redact numbers,emails`: a comma-separated list the parser checks and lists.
extension Redaction: ExpressibleByArgument {
  public init?(argument: String) { self.init(list: argument) }
  public static var allValueStrings: [String] { Redaction.vocabulary.map(\.0) }
  public var defaultValueDescription: String {
    Redaction.vocabulary.filter { contains($0.1) }.map(\.0).joined(separator: ",")
  }
}

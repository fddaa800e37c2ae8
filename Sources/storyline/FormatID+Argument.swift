import ArgumentParser
import StorylineCore
import StorylineFormats

/// `--as FORMAT`: one of the registry's ids, listed once by the parser.
extension FormatID: ExpressibleByArgument {
  public init?(argument: String) {
    let id = FormatID(rawValue: argument)
    guard FormatRegistry.format(id: id) != nil else { return nil }
    self = id
  }

  public static var allValueStrings: [String] { FormatRegistry.all.map(\.id.rawValue) }
}

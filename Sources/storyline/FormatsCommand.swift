import ArgumentParser
import Foundation
import StorylineSources

struct FormatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "formats",
    abstract: "List the evidence formats Storyline reads and how each is recognised.",
    discussion: """
      Example:
        storyline formats
      """)

  func run() throws {
    var out = ""
    for f in FormatRegistry.all {
      out += "\(f.id)\n  \(f.name)\n  recognised by: \(f.sniffRule)\n"
    }
    FileHandle.standardOutput.write(Data(out.utf8))
  }
}

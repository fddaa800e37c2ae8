import ArgumentParser
import Foundation
import StorylineFormats
import StorylinePipeline

struct FormatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "formats",
    abstract: "List the evidence formats Storyline reads, how each is recognised and how it is read.",
    discussion: """
      How each is read: `streams lines` (a log: one tokenizer for build and merge, flat memory), `streams records` (a document parser, flat memory), `reads the whole file` (small exports), `database` (SQLite, from a private copy), `archive or folder`.

      Example:
        storyline formats
      """)

  func run() throws {
    var out = ""
    for f in FormatRegistry.all {
      out += "\(f.id)\n  \(f.name)\n  recognised by: \(f.sniffRule)\n  read: \(f.reading.rawValue)\n"
    }
    FileHandle.standardOutput.write(Data(out.utf8))
  }
}

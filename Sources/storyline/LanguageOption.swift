import ArgumentParser
import StorylineLocale

/// `--lang`: the language the reports are written in (else the case file's `language:`, else
/// English).
struct LanguageOption: ParsableArguments {
  @Option(
    name: .customLong("lang"),
    help: ArgumentHelp(
      "The report's language: \(Language.available.joined(separator: ", ")) (default: the case file's language:, else en).",
      valueName: "tag"))
  var lang: String?

  func validate() throws {
    if let lang, Language.named(lang) == nil {
      throw ValidationError(
        "--lang '\(lang)' is not a language Storyline writes (\(Language.available.joined(separator: ", ")))")
    }
  }
}

import StorylineCore

/// Notes as people write them, in plain text or Markdown: date headings, then entries that
/// start with a time (`11:01`, `~12:00`, `about 2:30 pm`, `noon`), optionally naming an author
/// (`pm-a: …`) or a communication (`cdw -> me (sms): …`, `me -> pm-a (call, missed): …`).
public struct NotesFormat: EvidenceFormat {
  public init() {}
  public var id: FormatID { .notes }
  public var reading: ReadingMode { .records }
  public var name: String { "Notes (text or Markdown)" }
  public var sniffRule: String {
    "*.md, *.markdown, *.txt or *.notes whose first lines hold a date heading or a line starting with a time"
  }

  public func sniff(_ probe: SniffProbe) -> Bool {
    // Notes only when the file reads as notes, whatever its extension: a date or a time starts
    // one of its first lines (an entry or a date heading). A Markdown file without one is not a
    // notebook of the incident, and is left to the other formats (or named as unknown).
    guard ["md", "markdown", "txt", "notes", "text"].contains(probe.fileExtension) else { return false }
    let clock = TimeNormalizer(caseDate: CivilDate(year: 2000, month: 1, day: 1)).clock()
    for line in probe.text.split(whereSeparator: \.isNewline).prefix(40) {
      var l = String(NotesReader.stripMarkers(Substring(line)))
      if l.hasPrefix("#") { l = String(l.drop(while: { $0 == "#" || $0 == " " })) }
      let found = l.withUTF8 { b -> Bool in
        var c = clock
        if c.datePrefix(b) != nil { return true }
        let (r, n) = c.normalizePrefix(b)
        if case .success = r, n > 0 { return true }
        return false
      }
      if found { return true }
    }
    return false
  }

  public func open(_ input: SourceInput, context: ReaderContext) throws -> any EvidenceReader {
    try NotesReader(input: input, context: context, format: id.rawValue)
  }
}

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
    "*.md, *.markdown, *.txt, *.text or *.notes that read as notes: among the first 40 non-blank lines, at least "
      + "one entry starting with a time, and entries, date headings and arrows (`->`, `→`) together at least a "
      + "fifth of the lines"
  }

  public func sniff(_ probe: SniffProbe) -> Bool {
    // Notes only when the file reads as notes, whatever its extension: entries that start with
    // a time, date headings, arrows between people. A Markdown file of prose that mentions a
    // date is not a notebook of the incident, and is left to the other formats (or named as
    // unknown, with the closest formats).
    guard ["md", "markdown", "txt", "notes", "text"].contains(probe.fileExtension) else { return false }
    let e = Self.evidence(probe.text)
    return e.entries > 0 && (e.entries + e.headings + e.arrows) * 5 >= e.lines
  }

  /// What of `text`'s first 40 non-blank lines reads as notes: entries (a time, or a date and a
  /// time, start the line), date headings (a date without a time starts it), entries with an arrow.
  static func evidence(_ text: String) -> (lines: Int, entries: Int, headings: Int, arrows: Int) {
    let clock = TimeNormalizer(caseDate: CivilDate(year: 2000, month: 1, day: 1)).clock()
    var (lines, entries, headings, arrows) = (0, 0, 0, 0)
    for line in text.split(whereSeparator: \.isNewline) where !line.allSatisfy(\.isWhitespace) {
      lines += 1
      if lines > 40 { return (40, entries, headings, arrows) }
      var l = String(NotesReader.stripMarkers(Substring(line)))
      if l.hasPrefix("#") { l = String(l.drop(while: { $0 == "#" || $0 == " " })) }
      let entry = l.withUTF8 { b -> Bool? in
        var c = clock
        let (r, n) = c.normalizePrefix(b)
        if case .success(let t) = r, n > 0 { return t.precision != .day }
        return c.datePrefix(b) != nil ? false : nil
      }
      switch entry {
      case true?:
        entries += 1
        if l.contains("->") || l.contains("→") { arrows += 1 }
      case false?: headings += 1
      case nil: break
      }
    }
    return (lines, entries, headings, arrows)
  }

  public func open(_ input: SourceInput, context: ReaderContext) throws -> any EvidenceReader {
    try NotesReader(input: input, context: context, format: id.rawValue)
  }
}

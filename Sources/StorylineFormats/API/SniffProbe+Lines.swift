import StorylineCore

extension SniffProbe {
  /// The head's first non-blank lines (the last, possibly cut, line left out when the head is full).
  func lines(_ limit: Int) -> [String] {
    var all = textLines[...]
    if head.count >= 4096 && all.count > 1 { all.removeLast() }
    return all.prefix(limit).filter { !$0.allSatisfy(\.isWhitespace) }
  }

  /// Whether more than half of the first lines pass the test (and there is at least one).
  func mostLines(_ limit: Int = 10, _ test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
    let ls = lines(limit)
    guard !ls.isEmpty else { return false }
    let hits = ls.filter { l in
      var s = l
      return s.withUTF8(test)
    }.count
    return hits * 2 > ls.count
  }

  /// A clock for sniffing: any year, UTC.
  static var sniffClock: SourceClock { TimeNormalizer(caseDate: CivilDate(year: 2000, month: 1, day: 1)).clock() }

  /// Extensions that belong to other kinds of evidence than logs.
  var isDocumentExtension: Bool {
    ["md", "markdown", "csv", "xml", "html", "htm", "json", "eml", "mbox", "yml", "yaml", "db", "sqlite", "zip"]
      .contains(fileExtension)
  }
}

/// The case author's narrative text as HTML or Markdown: a small, safe subset of Markdown —
/// paragraphs (blank-line separated), `-`/`*` and `1.` lists, `#` headings (shown one level
/// below the section's), `**strong**`, `*emphasis*` and `` `code` `` — and everything else
/// escaped like evidence: no raw HTML, links or images pass through.
public enum NarrativeText {
  /// A block of the text.
  private enum Block {
    case paragraph(String)
    case bullets([String])
    case numbered([String])
    case heading(String)
  }

  /// A run of inline text.
  private enum Inline {
    case text(String)
    case strong(String)
    case emphasis(String)
    case code(String)
  }

  /// The text as HTML: only `p`, `ul`, `ol`, `li`, `h4`, `strong`, `em` and `code` elements.
  public static func html(_ text: String) -> String {
    blocks(text).map { b -> String in
      switch b {
      case .paragraph(let s): "<p>\(inlineHTML(s))</p>"
      case .heading(let s): "<h4>\(inlineHTML(s))</h4>"
      case .bullets(let items): "<ul>" + items.map { "<li>\(inlineHTML($0))</li>" }.joined() + "</ul>"
      case .numbered(let items): "<ol>" + items.map { "<li>\(inlineHTML($0))</li>" }.joined() + "</ol>"
      }
    }.joined(separator: "\n")
  }

  /// The text as Markdown: the same blocks, everything else escaped.
  public static func markdown(_ text: String) -> String {
    blocks(text).map { b -> String in
      switch b {
      case .paragraph(let s): inlineMarkdown(s)
      case .heading(let s): "#### " + inlineMarkdown(s)
      case .bullets(let items): items.map { "- " + inlineMarkdown($0) }.joined(separator: "\n")
      case .numbered(let items): items.enumerated().map { "\($0 + 1). " + inlineMarkdown($1) }.joined(separator: "\n")
      }
    }.joined(separator: "\n\n")
  }

  /// The blocks: blank lines end one; a list item's wrapped lines join it.
  private static func blocks(_ text: String) -> [Block] {
    var out: [Block] = []
    var lines: [String] = []
    func close() {
      defer { lines = [] }
      guard !lines.isEmpty else { return }
      var bullets: [String] = []
      var numbered: [String] = []
      var paragraph: [String] = []
      func flush() {
        if !paragraph.isEmpty { out.append(.paragraph(paragraph.joined(separator: " "))) }
        if !bullets.isEmpty { out.append(.bullets(bullets)) }
        if !numbered.isEmpty { out.append(.numbered(numbered)) }
        (paragraph, bullets, numbered) = ([], [], [])
      }
      for l in lines {
        if let item = bullet(l) {
          if !paragraph.isEmpty || !numbered.isEmpty { flush() }
          bullets.append(item)
        } else if let item = number(l) {
          if !paragraph.isEmpty || !bullets.isEmpty { flush() }
          numbered.append(item)
        } else if l.hasPrefix("#") {
          flush()
          out.append(.heading(String(l.drop(while: { $0 == "#" })).trimmingCharacters(in: .whitespaces)))
        } else if !bullets.isEmpty {
          bullets[bullets.count - 1] += " " + l
        } else if !numbered.isEmpty {
          numbered[numbered.count - 1] += " " + l
        } else {
          paragraph.append(l)
        }
      }
      flush()
    }
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let l = raw.trimmingCharacters(in: .whitespaces)
      if l.isEmpty { close() } else { lines.append(l) }
    }
    close()
    return out
  }

  private static func bullet(_ l: String) -> String? {
    guard l.hasPrefix("- ") || l.hasPrefix("* ") else { return nil }
    return String(l.dropFirst(2))
  }

  private static func number(_ l: String) -> String? {
    let digits = l.prefix(while: \.isASCIIDigit)
    guard !digits.isEmpty, digits.count <= 3 else { return nil }
    let rest = l.dropFirst(digits.count)
    guard rest.hasPrefix(". ") || rest.hasPrefix(") ") else { return nil }
    return String(rest.dropFirst(2))
  }

  /// `**strong**`, `*emphasis*` (or `_emphasis_`) and `` `code` ``, each closed on the same
  /// line; an unclosed marker is text.
  private static func inlines(_ s: String) -> [Inline] {
    var out: [Inline] = []
    var text = ""
    var rest = Substring(s)
    func take(_ open: String, _ close: String, _ make: (String) -> Inline) -> Bool {
      guard rest.hasPrefix(open) else { return false }
      let after = rest.dropFirst(open.count)
      guard let end = after.range(of: close), end.lowerBound > after.startIndex else { return false }
      if !text.isEmpty { out.append(.text(text)) }
      text = ""
      out.append(make(String(after[..<end.lowerBound])))
      rest = after[end.upperBound...]
      return true
    }
    while let c = rest.first {
      if take("`", "`", Inline.code) || take("**", "**", Inline.strong) || take("*", "*", Inline.emphasis)
        || take("_", "_", Inline.emphasis)
      {
        continue
      }
      text.append(c)
      rest = rest.dropFirst()
    }
    if !text.isEmpty { out.append(.text(text)) }
    return out
  }

  private static func inlineHTML(_ s: String) -> String {
    inlines(s).map {
      switch $0 {
      case .text(let t): HTMLText.escape(t)
      case .strong(let t): "<strong>\(HTMLText.escape(t))</strong>"
      case .emphasis(let t): "<em>\(HTMLText.escape(t))</em>"
      case .code(let t): "<code>\(HTMLText.escape(t))</code>"
      }
    }.joined()
  }

  private static func inlineMarkdown(_ s: String) -> String {
    inlines(s).map {
      switch $0 {
      case .text(let t): MarkdownText.cell(t)
      case .strong(let t): "**\(MarkdownText.cell(t))**"
      case .emphasis(let t): "*\(MarkdownText.cell(t))*"
      case .code(let t): "`" + codeSpan(t) + "`"
      }
    }.joined()
  }
}

/// A code span's text: no backtick to close it early, no control or bidi character.
private func codeSpan(_ t: String) -> String {
  var out = ""
  for u in t.unicodeScalars {
    if u == "`" {
      out += "'"
    } else if u.value < 0x20 || u.value == 0x7F || u.value == 0x202E || u.value == 0x202D {
      out += "\u{FFFD}"
    } else {
      out.unicodeScalars.append(u)
    }
  }
  return out
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

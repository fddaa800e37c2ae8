/// What every printed page of a report carries (the PDF's running header and footer): the
/// case's title at the top, a line of provenance and the page number at the bottom.
public struct PrintedPage: Sendable, Equatable {
  public var header: String
  public var footer: String
  /// The words around the page numbers: `page ` 1 ` of ` 2, `第 ` 1 ` 页，共 ` 2 ` 页`.
  public var numbering: (before: String, middle: String, after: String)

  public init(header: String, footer: String, numbering: (String, String, String) = ("page ", " of ", "")) {
    self.header = header
    self.footer = footer
    self.numbering = numbering
  }

  public static func == (a: PrintedPage, b: PrintedPage) -> Bool {
    a.header == b.header && a.footer == b.footer && a.numbering == b.numbering
  }

  /// The print rules that put them on each page (CSS page-margin boxes), the texts as CSS
  /// strings: nothing in them can end the string, the rule or the style element.
  var css: String {
    "@media print{@page{size:A4;margin:18mm 14mm 16mm;"
      + "@top-center{content:\(Self.string(header));font-size:9pt;color:#555}"
      + "@bottom-left{content:\(Self.string(footer));font-size:7pt;color:#555}"
      + "@bottom-right{content:\(Self.string(numbering.before)) counter(page) \(Self.string(numbering.middle)) "
      + "counter(pages) \(Self.string(numbering.after));font-size:8pt;color:#555}}}"
  }

  /// A quoted CSS string: quotes, backslashes, `<`, `>` and control characters as CSS escapes.
  static func string(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"", "\\", "<", ">", "&": out += "\\" + String(u.value, radix: 16) + " "
      default:
        if u.value < 0x20 || u.value == 0x7F || u.value == 0x202E || u.value == 0x202D {
          out += " "
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }
}

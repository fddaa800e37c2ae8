import StorylineAnalysis
import StorylineCore

/// The archive audience's Markdown report with every event, written one event at a time: a
/// timeline of any length without holding it.
///
/// The shipped Markdown template stays the one layout: it is rendered once with two days of
/// placeholder rows, and the text is cut at the rows into the four pieces a stream needs —
/// what comes before the first row, between two rows of a day, between a day's last row and the
/// next day's first, and after the last row. Each event's cells are escaped as the template
/// escapes them (``MarkdownText/cell(_:limit:)``) and put in the placeholders' places.
public struct ArchiveMarkdownWriter: TimelineWriter {
  /// A piece of the rendered template: text, a cell of the row, or the day's heading.
  private enum Part {
    case text(String)
    case cell(String)
    case day(String)
  }

  private let model: ReportModel
  private let empty: String
  private let before: [Part]
  private let between: [Part]
  private let nextDay: [Part]
  private let after: [Part]
  /// The row written last (its cells), and its local day.
  private var last: (cells: [String: Any], day: CivilDate)? = nil

  /// The report of `t` (its settings and sources), `digest` and `escalation` from the first pass.
  public init(_ t: Timeline, digest: TimelineDigest, escalation: EscalationReport?, redaction: Redaction = []) {
    model = ReportModel(t, digest: digest, escalation: escalation, audience: .archive, redaction: redaction)
    var context = model.context
    context["has_omitted"] = false
    var none = context
    none["days"] = [[String: Any]]()
    empty = TemplateReport.render(MarkdownTemplate.text, context: none)
    let keys = Self.cellKeys
    func row(_ n: Int) -> [String: Any] {
      Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, Self.mark(n, $0)) })
    }
    func day(_ n: Int) -> [String: Any] {
      // Days are numbered apart from rows (11, 12), so that a row's prefix finds only the row.
      [
        "heading": Self.mark(10 + n, 100), "date": Self.mark(10 + n, 101),
        "entries": n == 1 ? [row(1), row(2)] : [row(3)],
      ]
    }
    context["days"] = [day(1), day(2)]
    let s = TemplateReport.render(MarkdownTemplate.text, context: context)
    // Each row starts at its first placeholder: cut there.
    let starts = (1...3).map { n in s.range(of: Self.prefix(n))!.lowerBound }
    before = Self.parts(String(s[..<starts[0]]), row: 0, day: 11)
    between = Self.parts(String(s[starts[0]..<starts[1]]), row: 1, day: 0)
    nextDay = Self.parts(String(s[starts[1]..<starts[2]]), row: 2, day: 12)
    after = Self.parts(String(s[starts[2]...]), row: 3, day: 0)
  }

  public func begin() -> String { "" }

  public mutating func write(_ e: Event, burst: String?, into out: inout [UInt8]) {
    let day = TimestampFormatter.localDate(e.instant, in: model.t.zone)
    if let (cells, previous) = last {
      emit(previous == day ? between : nextDay, cells: cells, day: day, into: &out)
    } else {
      emit(before, cells: [:], day: day, into: &out)
    }
    var cells = model.row(e)
    cells["burst"] = burst ?? ""
    last = (cells, day)
  }

  public func end() -> String {
    guard let (cells, day) = last else { return empty }
    var out: [UInt8] = []
    emit(after, cells: cells, day: day, into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  private func emit(_ parts: [Part], cells: [String: Any], day: CivilDate, into out: inout [UInt8]) {
    for p in parts {
      switch p {
      case .text(let s): out.append(contentsOf: s.utf8)
      case .cell(let k):
        // The cell as the template shows a value: text as it is, anything else as described.
        let value = cells[k]
        MarkdownText.append(cell: value as? String ?? value.map { "\($0)" } ?? "", to: &out)
      case .day(let k): MarkdownText.append(cell: k == "heading" ? model.heading(day) : day.description, to: &out)
      }
    }
  }

  /// The row keys a template cell can name (those of ``ReportModel/row(_:)`` whose values are text).
  private static let cellKeys = [
    "id", "time", "local_time", "kind", "kind_id", "from", "to", "text", "text_short", "evidence", "people",
    "severity", "signal", "signal_kind", "burst", "original_time", "format", "corrections",
  ]

  /// The placeholder of key `k` of row or day `n`: private-use characters and digits, which the
  /// cell escaping leaves as they are.
  private static func mark(_ n: Int, _ k: Int) -> String { "\u{E000}\(n).\(k)\u{E001}" }
  private static func prefix(_ n: Int) -> String { "\u{E000}\(n)." }

  /// `text` cut at the placeholders of row `row` and day `day` (0: none; days are 11 and 12).
  private static func parts(_ text: String, row: Int, day: Int) -> [Part] {
    var out: [Part] = []
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "\u{E000}"), let close = rest[open...].firstIndex(of: "\u{E001}") {
      if open > rest.startIndex { out.append(.text(String(rest[..<open]))) }
      let mark = rest[rest.index(after: open)..<close].split(separator: ".").compactMap { Int($0) }
      let (n, k) = (mark[0], mark[1])
      if k >= 100 {
        precondition(n == day, "the template's day placeholder is out of place")
        out.append(.day(k == 100 ? "heading" : "date"))
      } else {
        precondition(n == row, "the template's row placeholder is out of place")
        out.append(.cell(cellKeys[k]))
      }
      rest = rest[rest.index(after: close)...]
    }
    if !rest.isEmpty { out.append(.text(String(rest))) }
    return out
  }
}

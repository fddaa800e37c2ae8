import GRDB
import StorylineCore

/// Reads the `calls` table a page at a time (dates in milliseconds, durations in seconds, types
/// 1–7 as in ``AndroidCodes``). Opened read-only, never modified.
struct AndroidCallLogReader: EvidenceReader {
  private var rows: RowPager
  private var state: ReaderState

  init(input: SourceInput, context: ReaderContext, format: String) throws {
    let db = try RowPager.open(input)
    let presentation =
      (try? db.columns("calls").contains("presentation")) == true ? "presentation" : "1 AS presentation"
    rows = RowPager(
      db, table: "calls",
      sql: "SELECT _id AS id, number, date, duration, type, \(presentation) FROM calls WHERE _id > ? ORDER BY _id "
        + "LIMIT \(RowPager.pageSize)",
      path: input.displayPath)
    state = ReaderState(input: input, context: context, format: format)
  }

  var warnings: [Diagnostic] { state.warnings }

  mutating func next() throws -> Event? {
    guard let row = try rows.next() else { return nil }
    state.records += 1
    let id: Int64 = row.lenient("id") ?? 0
    let excerpt = "calls _id=\(id)"
    guard let date: Int64 = row.lenient("date") else { throw state.reject(.noDate, line: 0, excerpt: excerpt) }
    let time = try state.time(
      state.context.clock.normalize(epoch: date, unit: .milliseconds), line: 0, excerpt: excerpt
    ) { e in Message.badDate(date, e) }
    let duration: Int = row.lenient("duration") ?? 0
    let type: Int = row.lenient("type") ?? 0
    guard let kind = AndroidCodes.call(type: type, duration: duration) else {
      throw state.reject(.unknownType("call", type), line: 0, excerpt: excerpt)
    }
    let number: String = row.lenient("number") ?? ""
    let other =
      AndroidCodes.isWithheld(number: number, presentation: row.lenient("presentation") ?? 1)
      ? Party(person: nil, raw: "(withheld)") : state.party(number)
    let owner = state.owner
    return state.event(
      time, line: 0, originalTime: "date=\(date)", kind: .call, from: kind.incoming ? other : owner,
      to: kind.incoming ? state.ownerAlone : [other], text: kind.text, outcome: kind.outcome,
      duration: kind.outcome == .completed || kind.outcome == .voicemail ? duration : 0,
      attributes: [("table", "calls"), ("_id", String(id)), ("type", String(type)), ("state", kind.state)])
  }
}

private enum Message {
  static func badDate(_ v: Int64, _ e: TimeError) -> Phrase { Phrase.badValue("date", "\(v)", e) }
}

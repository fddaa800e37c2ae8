import Foundation
import GRDB
import StorylineCore

/// Reads `ZCALLRECORD` a page at a time: `ZDATE` in Cocoa seconds (fractional), `ZDURATION` in
/// seconds, `ZORIGINATED` (placed by the owner), `ZANSWERED`, `ZADDRESS` (a BLOB or text holding
/// the number). An unanswered incoming call was missed; an unanswered outgoing one did not
/// connect. Opened read-only.
struct IOSCallHistoryReader: EvidenceReader {
  private var rows: RowPager
  private var state: ReaderState

  init(input: SourceInput, context: ReaderContext, format: String) throws {
    rows = RowPager(
      try RowPager.open(input), table: "ZCALLRECORD",
      sql: """
        SELECT Z_PK AS id, ZDATE AS date, ZDURATION AS duration, ZORIGINATED AS originated, ZANSWERED AS answered,
        ZADDRESS AS address, ZSERVICE_PROVIDER AS provider FROM ZCALLRECORD WHERE Z_PK > ? ORDER BY Z_PK
        LIMIT \(RowPager.pageSize)
        """, path: input.displayPath)
    state = ReaderState(input: input, context: context, format: format)
  }

  var warnings: [Diagnostic] { state.warnings }

  mutating func next() throws -> Event? {
    guard let row = try rows.next() else { return nil }
    let id: Int64 = row.lenient("id") ?? 0
    state.records += 1
    let excerpt = "ZCALLRECORD Z_PK=\(id)"
    guard let seconds: Double = row.lenient("date"), seconds.isFinite, abs(seconds) < 1e10 else {
      throw state.reject(Message.noDate, line: 0, excerpt: excerpt)
    }
    let micros = Int64((seconds * 1_000_000).rounded()) + EpochUnit.cocoaOffsetSeconds * 1_000_000
    let time = try state.time(
      state.context.clock.normalize(epoch: micros, unit: .microseconds), line: 0, excerpt: excerpt
    ) { e in Message.badDate(seconds, e) }
    let duration = Int(((row.lenient("duration") as Double?) ?? 0).rounded())
    let originated = (row.lenient("originated") as Int?) == 1
    let answered = (row.lenient("answered") as Int?) == 1
    var number = ""
    if let blob: Data = row.lenient("address") {
      number = String(decoding: blob, as: UTF8.self)
    } else if let text: String = row.lenient("address") {
      number = text
    }
    let other = number.isEmpty ? Party(person: nil, raw: "(withheld)") : state.party(number)
    let owner = state.owner
    let outcome: Outcome = answered ? .completed : (originated ? .unanswered : .missed)
    let length =
      duration > 0 ? ", " + SignedDuration.describe(microseconds: Int64(duration) * 1_000_000, signed: false) : ""
    let text = answered ? "answered" + length : (originated ? "not connected" : "missed")
    return state.event(
      time, line: 0, originalTime: "ZDATE=\(seconds)", kind: .call, from: originated ? owner : other,
      to: originated ? [other] : state.ownerAlone, text: text, outcome: outcome, duration: answered ? duration : 0,
      attributes: [
        ("Z_PK", String(id)), ("service", (row.lenient("provider") as String?) ?? ""),
        ("state", originated ? "outgoing" : "incoming"),
      ])
  }
}

private enum Message {
  static let noDate = Phrase("ios_calls.no_date", "no usable ZDATE")
  static func badDate(_ v: Double, _ e: TimeError) -> Phrase { Phrase.badValue("ZDATE", "\(v)", e) }
}

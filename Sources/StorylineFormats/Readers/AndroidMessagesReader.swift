import GRDB
import StorylineCore

/// Reads `mmssms.db` a page of rows at a time: every `sms` row (dates in milliseconds), then
/// every `pdu` row (MMS; dates in seconds) with its `addr` (137 from, 151/130/129 to) and its
/// `text/plain` parts. The database is opened read-only and never modified.
struct AndroidMessagesReader: EvidenceReader {
  private let db: SQLiteEvidence
  private var state: ReaderState
  private var sms: RowPager
  /// MMS, after the SMS; nil when the database has no `pdu` table.
  private var pdu: RowPager?

  init(input: SourceInput, context: ReaderContext, format: String) throws {
    db = try RowPager.open(input)
    sms = RowPager(
      db, table: "sms",
      sql: "SELECT _id AS id, address, date, type, body FROM sms WHERE _id > ? ORDER BY _id LIMIT \(RowPager.pageSize)",
      path: input.displayPath)
    pdu =
      (try? db.columns("pdu").isEmpty) == false
      ? RowPager(
        db, table: "pdu",
        sql: "SELECT _id AS id, date, msg_box FROM pdu WHERE _id > ? ORDER BY _id LIMIT \(RowPager.pageSize)",
        path: input.displayPath) : nil
    state = ReaderState(input: input, context: context, format: format)
  }

  var warnings: [Diagnostic] { state.warnings }

  private var owner: Party { state.owner }

  mutating func next() throws -> Event? {
    if let row = try sms.next() {
      state.records += 1
      return try message(row)
    }
    if let row = try pdu?.next() {
      state.records += 1
      return try mms(row)
    }
    return nil
  }

  private mutating func message(_ row: Row) throws -> Event {
    let id: Int64 = row.lenient("id") ?? 0
    let excerpt = "sms _id=\(id)"
    guard let date: Int64 = row.lenient("date") else { throw state.reject(Message.noDate, line: 0, excerpt: excerpt) }
    let time = try state.time(
      state.context.clock.normalize(epoch: date, unit: .milliseconds), line: 0, excerpt: excerpt
    ) { e in
      Message.badDate(date, e)
    }
    let type: Int = row.lenient("type") ?? 0
    guard let box = AndroidCodes.message(box: type) else {
      throw state.reject(Message.unknownType("sms", type), line: 0, excerpt: excerpt)
    }
    let other = state.party(row.lenient("address") ?? "(unknown)")
    return state.event(
      time, line: 0, originalTime: "date=\(date)", kind: .sms, from: box.outgoing ? owner : other,
      to: box.outgoing ? [other] : state.ownerAlone, text: row.lenient("body") ?? "", outcome: box.outcome,
      attributes: [("table", "sms"), ("_id", String(id)), ("type", String(type)), ("state", box.state)])
  }

  private mutating func mms(_ row: Row) throws -> Event {
    let id: Int64 = row.lenient("id") ?? 0
    let excerpt = "pdu _id=\(id)"
    guard let date: Int64 = row.lenient("date") else { throw state.reject(Message.noDate, line: 0, excerpt: excerpt) }
    // pdu.date is in seconds (the sms table's is in milliseconds); a few producers write ms.
    let time = try state.time(
      state.context.clock.normalize(epoch: date, unit: date > 100_000_000_000 ? .milliseconds : .seconds), line: 0,
      excerpt: excerpt
    ) { e in
      Message.badDate(date, e)
    }
    let boxCode: Int = row.lenient("msg_box") ?? 0
    guard let box = AndroidCodes.message(box: boxCode) else {
      throw state.reject(Message.unknownType("pdu msg_box", boxCode), line: 0, excerpt: excerpt)
    }
    let addrs = try db.rows("SELECT address, type FROM addr WHERE msg_id = ? ORDER BY _id", [id])
    let parts = try db.rows("SELECT ct, text FROM part WHERE mid = ? ORDER BY seq", [id])
    let from = addrs.first { ($0["type"] as Int?) == 137 }.flatMap { $0["address"] as String? }
    let to = addrs.filter { [151, 130, 129].contains(($0["type"] as Int?) ?? 0) }.compactMap {
      $0["address"] as String?
    }
    var text = parts.filter { ($0["ct"] as String?) == "text/plain" }.compactMap { $0["text"] as String? }.joined(
      separator: "\n")
    let attachments = parts.filter {
      let ct: String? = $0["ct"]
      return ct != "text/plain" && ct != "application/smil"
    }.count
    if attachments > 0 {
      text += (text.isEmpty ? "" : "\n") + "[\(attachments) attachment\(attachments == 1 ? "" : "s")]"
    }
    let attrs: Attributes = [
      ("table", "pdu"), ("_id", String(id)), ("msg_box", String(boxCode)), ("state", box.state),
    ]
    if box.outgoing {
      return state.event(
        time, line: 0, originalTime: "date=\(date)", kind: .mms, from: owner, to: to.map { state.party($0) },
        text: text,
        outcome: box.outcome, attributes: attrs)
    }
    return state.event(
      time, line: 0, originalTime: "date=\(date)", kind: .mms, from: state.party(from ?? "(unknown)"),
      to: state.ownerAlone,
      text: text, outcome: box.outcome, attributes: attrs)
  }
}

private enum Message {
  static let noDate = Phrase.noDate
  static func badDate(_ v: Int64, _ e: TimeError) -> Phrase { Phrase.badValue("date", "\(v)", e) }
  static func unknownType(_ what: String, _ t: Int) -> Phrase { Phrase.unknownType(what, t) }
}

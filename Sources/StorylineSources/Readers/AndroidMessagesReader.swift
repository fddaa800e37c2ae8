import GRDB
import StorylineCore

/// Reads `mmssms.db` a page of rows at a time: every `sms` row (dates in milliseconds), then
/// every `pdu` row (MMS; dates in seconds) with its `addr` (137 from, 151/130/129 to) and its
/// `text/plain` parts. The database is opened read-only and never modified.
struct AndroidMessagesReader: EvidenceReader {
  private let db: SQLiteEvidence
  private var state: ReaderState
  private var buffer: [Row] = []
  private var table = "sms"
  private var lastID: Int64 = Int64.min
  private let hasPdu: Bool

  static let pageSize = 1000

  init(input: SourceInput, context: ReaderContext, format: String) throws {
    do {
      db = try SQLiteEvidence(path: input.url)
      hasPdu = try !db.columns("pdu").isEmpty
    } catch {
      throw SourceError.malformed(
        path: input.displayPath, line: 0, column: 0, reason: "not a readable SQLite database: \(error)")
    }
    state = ReaderState(input: input, context: context, format: format)
  }

  var warnings: [Diagnostic] { state.warnings }

  private var owner: Party {
    state.context.owner.map { Party(person: $0, raw: $0) } ?? Party(person: nil, raw: "(device owner)")
  }

  mutating func next() throws -> ReaderItem? {
    while buffer.isEmpty {
      let sql: String
      switch table {
      case "sms":
        sql = "SELECT _id, address, date, type, body FROM sms WHERE _id > ? ORDER BY _id LIMIT \(Self.pageSize)"
      case "pdu" where hasPdu:
        sql = "SELECT _id, date, msg_box FROM pdu WHERE _id > ? ORDER BY _id LIMIT \(Self.pageSize)"
      default:
        return nil
      }
      do {
        buffer = try db.page(sql, after: lastID).reversed()
      } catch {
        throw SourceError.malformed(
          path: state.path, line: 0, column: 0, reason: "cannot read table \(table): \(error)")
      }
      if buffer.isEmpty {
        table = table == "sms" ? "pdu" : "done"
        lastID = Int64.min
      }
    }
    let row = buffer.removeLast()
    lastID = row["_id"] ?? lastID
    state.records += 1
    return table == "sms" ? sms(row) : try mms(row)
  }

  private mutating func sms(_ row: Row) -> ReaderItem {
    let id: Int64 = row["_id"] ?? 0
    let excerpt = "sms _id=\(id)"
    guard let date: Int64 = row["date"] else { return state.reject(Message.noDate, line: 0, excerpt: excerpt) }
    let time: NormalizedTime
    switch state.context.clock.normalize(epoch: date, unit: .milliseconds) {
    case .success(let t): time = t
    case .failure(let e): return state.reject(Message.badDate(date, e), line: 0, excerpt: excerpt)
    }
    let type: Int = row["type"] ?? 0
    guard let box = AndroidCodes.message(box: type) else {
      return state.reject(Message.unknownType("sms", type), line: 0, excerpt: excerpt)
    }
    let other = state.party(row["address"] ?? "(unknown)")
    return state.event(
      time, line: 0, originalTime: "date=\(date)", kind: .sms, from: box.outgoing ? owner : other,
      to: [box.outgoing ? other : owner], text: row["body"] ?? "", outcome: box.outcome,
      attributes: [("table", "sms"), ("_id", String(id)), ("type", String(type)), ("state", box.state)])
  }

  private mutating func mms(_ row: Row) throws -> ReaderItem {
    let id: Int64 = row["_id"] ?? 0
    let excerpt = "pdu _id=\(id)"
    guard let date: Int64 = row["date"] else { return state.reject(Message.noDate, line: 0, excerpt: excerpt) }
    // pdu.date is in seconds (the sms table's is in milliseconds); a few producers write ms.
    let time: NormalizedTime
    switch state.context.clock.normalize(epoch: date, unit: date > 100_000_000_000 ? .milliseconds : .seconds) {
    case .success(let t): time = t
    case .failure(let e): return state.reject(Message.badDate(date, e), line: 0, excerpt: excerpt)
    }
    let boxCode: Int = row["msg_box"] ?? 0
    guard let box = AndroidCodes.message(box: boxCode) else {
      return state.reject(Message.unknownType("pdu msg_box", boxCode), line: 0, excerpt: excerpt)
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
    let attrs: [(key: String, value: String)] = [
      ("table", "pdu"), ("_id", String(id)), ("msg_box", String(boxCode)), ("state", box.state),
    ]
    if box.outgoing {
      return state.event(
        time, line: 0, originalTime: "date=\(date)", kind: .mms, from: owner, to: to.map { state.party($0) },
        text: text,
        outcome: box.outcome, attributes: attrs)
    }
    return state.event(
      time, line: 0, originalTime: "date=\(date)", kind: .mms, from: state.party(from ?? "(unknown)"), to: [owner],
      text: text, outcome: box.outcome, attributes: attrs)
  }
}

private enum Message {
  static let noDate = "no date"
  static func badDate(_ v: Int64, _ e: TimeError) -> String { "date \(v): \(e)" }
  static func unknownType(_ what: String, _ t: Int) -> String { "unknown \(what) type \(t)" }
}

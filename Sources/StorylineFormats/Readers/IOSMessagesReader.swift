import Foundation
import GRDB
import StorylineCore

/// Reads `message` rows a page at a time, with their sender (`handle`) and chat members.
///
/// `date` is Cocoa (2001) seconds before iOS 11 and nanoseconds after: told apart by magnitude.
/// When `text` is empty (iOS 16+), the text is taken from `attributedBody` (an archived
/// NSAttributedString). A message reaches every member of its chat. Opened read-only.
struct IOSMessagesReader: EvidenceReader {
  private var rows: RowPager
  private var state: ReaderState
  /// Chat members (handle ids) by message row id's chat.
  private let members: [Int64: [String]]
  private let chatOfMessage: [Int64: Int64]

  init(input: SourceInput, context: ReaderContext, format: String) throws {
    let db = try RowPager.open(input)
    do {
      let columns = try db.columns("message")
      let body = columns.contains("attributedBody") ? "m.attributedBody" : "NULL"
      let itemType = columns.contains("item_type") ? "m.item_type" : "0"
      let select = """
        SELECT m.ROWID AS id, m.date AS date, m.is_from_me AS mine, m.text AS text, \(body) AS body, m.service AS service,
        m.error AS error, \(itemType) AS item_type, h.id AS handle
        FROM message m LEFT JOIN handle h ON h.ROWID = m.handle_id WHERE m.ROWID > ? ORDER BY m.ROWID
        LIMIT \(RowPager.pageSize)
        """
      rows = RowPager(db, table: "message", sql: select, path: input.displayPath)
      var members: [Int64: [String]] = [:]
      for row in try db.rows(
        "SELECT j.chat_id AS chat, h.id AS handle FROM chat_handle_join j JOIN handle h ON h.ROWID = j.handle_id ORDER BY j.chat_id, h.ROWID"
      ) {
        members[row.lenient("chat") ?? 0, default: []].append(row.lenient("handle") ?? "")
      }
      var chats: [Int64: Int64] = [:]
      for row in try db.rows("SELECT chat_id, message_id FROM chat_message_join") {
        chats[row.lenient("message_id") ?? 0] = row.lenient("chat_id")
      }
      self.members = members
      chatOfMessage = chats
    } catch {
      throw SourceError.malformed(
        path: input.displayPath, line: 0, column: 0, reason: "not a readable Messages database: \(error)")
    }
    state = ReaderState(input: input, context: context, format: format)
  }

  var warnings: [Diagnostic] { state.warnings }

  mutating func next() throws -> Event? {
    guard let row = try rows.next() else { return nil }
    let id: Int64 = row.lenient("id") ?? 0
    state.records += 1
    let excerpt = "message ROWID=\(id)"
    guard let date: Int64 = row.lenient("date") else { throw state.reject(.noDate, line: 0, excerpt: excerpt) }
    let time = try state.time(
      state.context.clock.normalize(
        epoch: date, unit: abs(date) > 1_000_000_000_000 ? .cocoaNanoseconds : .cocoaSeconds), line: 0, excerpt: excerpt
    ) { e in Message.badDate(date, e) }
    var text: String = row.lenient("text") ?? ""
    if text.isEmpty, let blob: Data = row.lenient("body") { text = IOSMessagesReader.attributedBodyText(blob) ?? "" }
    let service: String = row.lenient("service") ?? ""
    let mine = (row.lenient("mine") as Int?) == 1
    let owner = state.owner
    let handle: String? = row.lenient("handle")
    let chatMembers = chatOfMessage[id].flatMap { members[$0] } ?? handle.map { [$0] } ?? []
    let itemType: Int = row.lenient("item_type") ?? 0
    let kind: EventKind = itemType != 0 ? .system : (service == "SMS" ? .sms : .chat)
    let failed = mine && ((row.lenient("error") as Int?) ?? 0) != 0
    var attributes: Attributes = [("ROWID", String(id)), ("service", service)]
    if let h = handle { attributes.append(("handle", h)) }
    let from = mine ? owner : state.party(handle ?? "(unknown)")
    var to: [Party] = mine ? [] : state.ownerAlone
    for member in chatMembers where mine || member != handle { to.append(state.party(member)) }
    return state.event(
      time, line: 0, originalTime: "date=\(date)", kind: kind, from: from, to: to, text: text,
      outcome: failed ? .failed : .completed, attributes: attributes)
  }

  /// The text of an archived NSAttributedString (Apple "typedstream"): after the `NSString` class
  /// name, a `+` (0x2B), a length (one byte below 0x80; 0x81 + UInt16 LE; 0x82 + UInt32 LE), then UTF-8.
  static func attributedBodyText(_ blob: Data) -> String? {
    let bytes = [UInt8](blob)
    let marker = Array("NSString".utf8)
    guard let at = bytes.indices.first(where: { bytes[$0...].starts(with: marker) }) else { return nil }
    var i = at + marker.count
    while i < bytes.count && bytes[i] != 0x2B { i += 1 }
    i += 1
    guard i < bytes.count else { return nil }
    var length = Int(bytes[i])
    i += 1
    if length == 0x81, i + 2 <= bytes.count {
      length = Int(bytes[i]) | Int(bytes[i + 1]) << 8
      i += 2
    } else if length == 0x82, i + 4 <= bytes.count {
      let b0 = Int(bytes[i])
      let b1 = Int(bytes[i + 1]) << 8
      let b2 = Int(bytes[i + 2]) << 16
      let b3 = Int(bytes[i + 3]) << 24
      length = b0 | b1 | b2 | b3
      i += 4
    }
    guard length >= 0, i + length <= bytes.count else { return nil }
    return String(decoding: bytes[i..<(i + length)], as: UTF8.self).replacingOccurrences(
      of: "\u{FFFC}", with: "[attachment]")
  }
}

private enum Message {
  static func badDate(_ v: Int64, _ e: TimeError) -> Phrase { Phrase.badValue("date", "\(v)", e) }
}

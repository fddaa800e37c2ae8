import GRDB
import StorylineCore

/// Reads the `calls` table a page at a time (dates in milliseconds, durations in seconds, types
/// 1–7 as in ``AndroidCodes``). Opened read-only, never modified.
struct AndroidCallLogReader: EvidenceReader {
  private let db: SQLiteEvidence
  private var state: ReaderState
  private var buffer: [Row] = []
  private var lastID: Int64 = Int64.min
  private var done = false
  private let hasPresentation: Bool

  init(input: SourceInput, context: ReaderContext, format: String) throws {
    do {
      db = try SQLiteEvidence(path: input.url)
      hasPresentation = try db.columns("calls").contains("presentation")
    } catch {
      throw SourceError.malformed(
        path: input.displayPath, line: 0, column: 0, reason: "not a readable SQLite database: \(error)")
    }
    state = ReaderState(input: input, context: context, format: format)
  }

  var warnings: [Diagnostic] { state.warnings }

  mutating func next() throws -> ReaderItem? {
    if buffer.isEmpty && !done {
      let presentation = hasPresentation ? "presentation" : "1 AS presentation"
      do {
        buffer = try db.page(
          "SELECT _id, number, date, duration, type, \(presentation) FROM calls WHERE _id > ? ORDER BY _id LIMIT 1000",
          after: lastID
        ).reversed()
      } catch {
        throw SourceError.malformed(path: state.path, line: 0, column: 0, reason: "cannot read table calls: \(error)")
      }
      done = buffer.isEmpty
    }
    guard let row = buffer.popLast() else { return nil }
    lastID = row["_id"] ?? lastID
    state.records += 1
    let id: Int64 = row["_id"] ?? 0
    let excerpt = "calls _id=\(id)"
    guard let date: Int64 = row["date"] else { return state.reject("no date", line: 0, excerpt: excerpt) }
    let time: NormalizedTime
    switch state.context.clock.normalize(epoch: date, unit: .milliseconds) {
    case .success(let t): time = t
    case .failure(let e): return state.reject("date \(date): \(e)", line: 0, excerpt: excerpt)
    }
    let duration: Int = row["duration"] ?? 0
    let type: Int = row["type"] ?? 0
    guard let kind = AndroidCodes.call(type: type, duration: duration) else {
      return state.reject("unknown call type \(type)", line: 0, excerpt: excerpt)
    }
    let number: String = row["number"] ?? ""
    let other =
      AndroidCodes.isWithheld(number: number, presentation: row["presentation"] ?? 1)
      ? Party(person: nil, raw: "(withheld)") : state.party(number)
    let owner = state.context.owner.map { Party(person: $0, raw: $0) } ?? Party(person: nil, raw: "(device owner)")
    return state.event(
      time, line: 0, originalTime: "date=\(date)", kind: .call, from: kind.incoming ? other : owner,
      to: [kind.incoming ? owner : other], text: kind.text, outcome: kind.outcome,
      duration: kind.outcome == .completed || kind.outcome == .voicemail ? duration : 0,
      attributes: [("table", "calls"), ("_id", String(id)), ("type", String(type)), ("state", kind.state)])
  }
}

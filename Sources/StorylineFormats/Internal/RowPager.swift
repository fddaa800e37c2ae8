import GRDB

/// Walks a table of an evidence database in row-id order, a page of rows at a time (keyset
/// paging): memory holds one page, whatever the table's size.
struct RowPager {
  private let db: SQLiteEvidence
  private let table: String
  /// A query with one `?` for the last row id seen, ordered by that id, returning it as `id`.
  private let sql: String
  private let path: String
  private var buffer: [Row] = []
  private var lastID: Int64 = Int64.min
  private var done = false

  static let pageSize = 1000

  init(_ db: SQLiteEvidence, table: String, sql: String, path: String) {
    self.db = db
    self.table = table
    self.sql = sql
    self.path = path
  }

  /// The next row, or nil after the last.
  mutating func next() throws -> Row? {
    if buffer.isEmpty && !done {
      do {
        buffer = try db.page(sql, after: lastID).reversed()
      } catch {
        throw SourceError.malformed(path: path, line: 0, column: 0, reason: "cannot read table \(table): \(error)")
      }
      done = buffer.isEmpty
    }
    guard let row = buffer.popLast() else { return nil }
    // Each page starts after the last id read, so ids must rise; a damaged table (a b-tree out of
    // order) can hand back an id already passed, and paging on would read the same rows forever.
    let id: Int64? = row.lenient("id")
    guard let id, id > lastID else {
      done = true
      buffer = []
      throw SourceError.malformed(
        path: path, line: 0, column: 0,
        reason:
          "table \(table) is damaged: row id \(id.map(String.init) ?? "NULL") comes after id \(lastID); the rows after it cannot be read"
      )
    }
    lastID = id
    return row
  }

  /// Opens an evidence database, reporting a file that is not one as malformed evidence.
  static func open(_ input: SourceInput) throws -> SQLiteEvidence {
    do {
      return try SQLiteEvidence(path: input.url)
    } catch {
      throw SourceError.malformed(
        path: input.displayPath, line: 0, column: 0, reason: "not a readable SQLite database: \(error)")
    }
  }
}

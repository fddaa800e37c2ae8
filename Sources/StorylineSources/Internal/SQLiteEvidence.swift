import GRDB

/// An evidence database opened read-only: never modified, read a page of rows at a time.
final class SQLiteEvidence {
  private let queue: DatabaseQueue

  init(path: String) throws {
    var config = Configuration()
    config.readonly = true
    config.label = "evidence"
    queue = try DatabaseQueue(path: path, configuration: config)
  }

  /// The database's table names; empty when it cannot be read.
  static func tables(path: String) -> Set<String> {
    guard let db = try? SQLiteEvidence(path: path) else { return [] }
    return
      (try? db.queue.read { db in
        Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
      })
      ?? []
  }

  /// The columns of a table.
  func columns(_ table: String) throws -> Set<String> {
    try queue.read { db in Set(try db.columns(in: table).map(\.name)) }
  }

  /// Rows of a query taking the last row id seen as its one argument (keyset paging).
  func page(_ sql: String, after id: Int64) throws -> [Row] {
    try queue.read { db in try Row.fetchAll(db, sql: sql, arguments: [id]) }
  }

  /// Rows of a query with arguments.
  func rows(_ sql: String, _ arguments: StatementArguments = []) throws -> [Row] {
    try queue.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments) }
  }
}

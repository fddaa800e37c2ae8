import Foundation
import GRDB

/// An evidence database, read from a private copy so that the evidence is never touched.
///
/// SQLite writes beside a database it opens: a `-shm` file for a WAL-mode database (iOS
/// `sms.db`, macOS `chat.db`), even read-only, even as root in a read-only folder. So the file
/// (and its `-wal`, which holds the latest transactions) is copied to a private temporary
/// folder, opened there, and the copy is removed when this object goes.
final class SQLiteEvidence {
  private let queue: DatabaseQueue
  private let folder: String

  init(path: String) throws {
    folder = NSTemporaryDirectory() + "storyline-db-\(UUID().uuidString)"
    let fm = FileManager.default
    try fm.createDirectory(atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    let copy = folder + "/evidence.db"
    do {
      try fm.copyItem(atPath: path, toPath: copy)
      if fm.fileExists(atPath: path + "-wal") { try fm.copyItem(atPath: path + "-wal", toPath: copy + "-wal") }
      try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: copy)
      var config = Configuration()
      config.readonly = true
      config.label = "evidence"
      queue = try DatabaseQueue(path: copy, configuration: config)
    } catch {
      try? fm.removeItem(atPath: folder)
      throw error
    }
  }

  deinit { try? FileManager.default.removeItem(atPath: folder) }

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

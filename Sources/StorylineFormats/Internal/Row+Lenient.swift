import GRDB

extension Row {
  /// A column's value as `T`, or nil when it is NULL, absent or of another type. Evidence
  /// databases are untrusted: a column that holds a blob where an integer belongs is a value
  /// the reader cannot use, not a crash (GRDB's typed subscript stops the process on it).
  func lenient<T: DatabaseValueConvertible>(_ column: String) -> T? {
    guard let value: DatabaseValue = self[column] else { return nil }
    return T.fromDatabaseValue(value)
  }
}

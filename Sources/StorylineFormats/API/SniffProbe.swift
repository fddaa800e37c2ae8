/// The first bytes and the name of a file, for formats to recognise themselves.
public struct SniffProbe: Sendable {
  /// The file name (last path component).
  public var fileName: String
  /// Up to the first 4 KiB of the file.
  public var head: [UInt8]
  /// Where the file is, for formats that must look inside (SQLite databases list their tables).
  public var path: String?

  /// Whether the path is a folder (an export such as Slack's, given unzipped).
  public var isDirectory: Bool

  public init(fileName: String, head: [UInt8], path: String? = nil, isDirectory: Bool = false) {
    self.fileName = fileName
    self.head = head
    self.path = path
    self.isDirectory = isDirectory
  }

  /// Whether the file is an SQLite database.
  public var isSQLite: Bool { head.starts(with: Array("SQLite format 3\u{0}".utf8)) }

  /// The head decoded as UTF-8 (invalid bytes replaced), without a byte-order mark.
  public var text: String {
    var h = head[...]
    if h.starts(with: [0xEF, 0xBB, 0xBF]) { h = h.dropFirst(3) }
    return String(decoding: h, as: UTF8.self)
  }

  /// The file's extension, lower case, without the dot. Compression and rotation suffixes are
  /// looked through: `server.log00001`, `messages.1` and `access.log.2.gz` give `log`, ``, `log`.
  public var fileExtension: String {
    var parts = fileName.lowercased().split(separator: ".", omittingEmptySubsequences: false).dropFirst()
    if parts.last == "gz" { parts = parts.dropLast() }
    if let last = parts.last, !last.isEmpty, last.allSatisfy(\.isNumber) { parts = parts.dropLast() }
    guard var ext = parts.last.map(String.init) else { return "" }
    if ext.hasPrefix("log"), ext.count > 3, ext.dropFirst(3).allSatisfy(\.isNumber) { ext = "log" }
    return ext
  }
}

/// The first bytes and the name of a file, for formats to recognise themselves.
public struct SniffProbe: Sendable {
  /// The file name (last path component).
  public var fileName: String
  /// Up to the first 4 KiB of the file.
  public let head: [UInt8]
  /// The lines of ``text``, as `text.split(whereSeparator: \.isNewline)` gives them (no empty
  /// ones), split once on the bytes: every format's sniffer looks at them.
  public let textLines: [String]
  /// Where the file is, for formats that must look inside (SQLite databases list their tables).
  public var path: String?

  /// Whether the path is a folder (an export such as Slack's, given unzipped).
  public var isDirectory: Bool

  public init(fileName: String, head: [UInt8], path: String? = nil, isDirectory: Bool = false) {
    self.fileName = fileName
    self.head = head
    textLines = SniffProbe.lines(of: head.starts(with: [0xEF, 0xBB, 0xBF]) ? head[3...] : head[...])
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

  /// The lines of UTF-8 bytes (invalid ones replaced), cut at every newline a `Character` can
  /// be — LF, VT, FF, CR (CR LF as one), NEL, U+2028, U+2029 — with no empty line: what
  /// splitting the decoded text on `isNewline` gives, at a byte scan's cost. (A newline is
  /// always a grapheme of its own, and its UTF-8 cannot be part of another character's.)
  static func lines(of bytes: ArraySlice<UInt8>) -> [String] {
    var out: [String] = []
    bytes.withUnsafeBufferPointer { b in
      var start = 0
      var i = 0
      while i < b.count {
        let c = b[i]
        var separator = 0
        if c >= 0x0A && c <= 0x0D {
          separator = 1
        } else if c == 0xC2, i + 1 < b.count, b[i + 1] == 0x85 {
          separator = 2
        } else if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 {
          separator = 3
        }
        guard separator > 0 else {
          i += 1
          continue
        }
        if i > start { out.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)) }
        i += separator
        start = i
      }
      if start < b.count { out.append(String(decoding: UnsafeBufferPointer(rebasing: b[start...]), as: UTF8.self)) }
    }
    return out
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

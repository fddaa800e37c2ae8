import Foundation

/// The files of an export given as a folder or as a .zip (Slack, a WhatsApp iOS export), read
/// one file at a time; paths are relative and use `/`. A single top folder inside a zip is
/// looked through.
final class ExportBundle {
  private let folder: String?
  private let archive: ZipFile?
  /// Every file, relative, sorted.
  let files: [String]
  private var prefix = ""

  /// Largest single file read from an export.
  static let maxFileBytes = 256 << 20

  /// Opens a folder or a zip; a file that is neither is malformed evidence named `displayPath`.
  init(path: String, displayPath: String? = nil) throws {
    var isDir: ObjCBool = false
    FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
    if isDir.boolValue {
      folder = path
      archive = nil
      let all = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String]) ?? []
      files = all.filter { f in
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent(f), isDirectory: &d)
          && !d.boolValue
      }.sorted()
    } else {
      folder = nil
      do {
        let zip = try ZipFile(path: path)
        archive = zip
        files = zip.entries.filter { !$0.isDirectory }.map(\.path).sorted()
      } catch {
        throw SourceError.malformed(path: displayPath ?? path, line: 0, column: 0, reason: "not a readable zip archive")
      }
    }
    // A zip of a folder: look through the folder.
    let tops = Set(files.map { $0.split(separator: "/").first.map(String.init) ?? "" })
    if archive != nil, tops.count == 1, let top = tops.first, files.allSatisfy({ $0.hasPrefix(top + "/") }) {
      prefix = top + "/"
    }
  }

  /// The files relative to the bundle's root.
  var paths: [String] { files.map { String($0.dropFirst(prefix.count)) } }

  /// Whether the bundle has a file.
  func contains(_ relative: String) -> Bool { files.contains(prefix + relative) }

  /// A file's bytes; nil when absent or too large.
  func read(_ relative: String) -> Data? {
    if let folder {
      let p = (folder as NSString).appendingPathComponent(relative)
      return FileDigest.contents(path: p, limit: Self.maxFileBytes).map { Data($0) }
    }
    guard let archive, let entry = archive[prefix + relative] else { return nil }
    return try? archive.data(entry, limit: UInt64(Self.maxFileBytes))
  }

  /// Whether a path is an export bundle at all (a folder or a readable zip) holding all of `names`.
  static func holds(_ path: String, _ names: [String]) -> Bool {
    guard let b = try? ExportBundle(path: path) else { return false }
    return names.allSatisfy(b.contains)
  }
}

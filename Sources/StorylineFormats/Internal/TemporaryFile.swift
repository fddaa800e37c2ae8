import Foundation

/// A file in the temporary folder that is removed when the last reference to it goes.
final class TemporaryFile: @unchecked Sendable {
  let path: String

  init(data: Data) throws {
    path = NSTemporaryDirectory() + "storyline-\(UUID().uuidString)"
    guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
      throw SourceError.cannotOpen(path: path, reason: "cannot write a temporary file")
    }
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}

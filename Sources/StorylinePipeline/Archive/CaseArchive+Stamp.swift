import Foundation
import StorylineFormats
import ZIPFoundation

extension CaseArchive {
  /// Adds a time-stamp token for the archive's seal as `manifest.tsr`, after checking that it
  /// stamps that seal. Replaces a token already there.
  @discardableResult
  public static func stamp(_ path: String, token: [UInt8]) throws -> TimestampToken {
    let t = try TimestampToken(der: token)
    // Read with the bounded reader, then add the token with ZIPFoundation.
    guard let zip = try? ZipFile(path: path), let entry = zip["manifest.json"],
      let data = try? zip.data(entry, limit: UInt64(ArchiveManifest.maxBytes)),
      case .success(let m) = ArchiveManifest.parse(data)
    else { throw ArchiveError.notAnArchive(path: path) }
    let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .update)
    guard t.imprint == m.seal else {
      throw ArchiveError.tokenForAnotherSeal(path: path, imprint: t.imprint, seal: m.seal)
    }
    if let old = archive["manifest.tsr"] { try archive.remove(old) }
    let bytes = Data(token)
    try archive.addEntry(
      with: "manifest.tsr", type: .file, uncompressedSize: Int64(bytes.count), modificationDate: entryDate,
      compressionMethod: .none
    ) { position, size in bytes.subdata(in: Int(position)..<Int(position) + size) }
    return t
  }
}

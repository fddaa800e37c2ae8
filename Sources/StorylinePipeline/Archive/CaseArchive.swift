import Crypto
import Foundation
import StorylineAnalysis
import StorylineCore
import StorylineFormats
import StorylineReports
import ZIPFoundation

/// A tamper-evident compliance archive of a case: the case file, a copy of every evidence file
/// (or only its hash), the reports, and `manifest.json` with the SHA-256 of every file and a hash
/// over the manifest itself. ``verify(_:)`` re-hashes everything and rebuilds the reports from
/// the archived evidence, byte for byte.
public enum CaseArchive {
  /// The manifest's schema version.
  public static let schema = "storyline-archive/1"

  /// One problem `verify` found.
  public struct Problem: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): error: \(message)" }
  }

  /// Every entry gets this date, so that the same case archives to the same bytes but for the
  /// manifest's own `created` time.
  static let entryDate = Date(timeIntervalSince1970: 315_532_800)  // 1980-01-01, the zip epoch

  /// Writes the archive of a case to `output`.
  public static func create(_ c: CaseFile, to output: String, copyEvidence: Bool = true, created: Date = Date()) throws
  {
    let reports = try Reports(c)
    defer { reports.remove() }
    let caseBytes = try Data(contentsOf: URL(fileURLWithPath: c.path))
    try? FileManager.default.removeItem(atPath: output)
    let archive = try Archive(url: URL(fileURLWithPath: output), accessMode: .create)
    var files: [JSONValue] = []
    func add(_ path: String, _ data: Data, role: String) throws {
      try archive.addEntry(
        with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: entryDate,
        compressionMethod: .deflate
      ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
      files.append(
        .object([
          ("path", .string(path)), ("role", .string(role)), ("sha256", .string(hex(data))), ("bytes", .int(data.count)),
        ]))
    }
    try add("case.yml", caseBytes, role: "case")
    var evidence: [JSONValue] = []
    for (spec, summary) in zip(c.sources, reports.sources) {
      evidence.append(
        .object([
          ("path", .string(spec.path)), ("sha256", .string(summary.sha256)), ("bytes", .int(summary.bytes)),
          ("copied", .bool(copyEvidence)),
        ]))
      guard copyEvidence else { continue }
      try addEvidence(spec, to: archive, files: &files)
    }
    try add("reports/timeline.md", reports.markdown, role: "report")
    try add("reports/timeline.html", reports.html, role: "report")
    try addFile("reports/timeline.json", reports.json, to: archive, role: "report", files: &files)
    var manifest: [(String, JSONValue)] = [
      ("schema", .string(schema)),
      ("tool", .string("storyline \(StorylineVersion.current)")),
      (
        "created",
        .string(TimestampFormatter.utc(Instant(microseconds: Int64(created.timeIntervalSince1970 * 1_000_000))))
      ),
      ("options", .object([("copy_evidence", .bool(copyEvidence))])),
      ("case", .string(c.title)),
      ("files", .array(files)),
      ("evidence", .array(evidence)),
    ]
    let body = Data(JSONValue.object(manifest).rendered().utf8)
    manifest.append(("manifest_sha256", .string(hex(body))))
    let data = Data(JSONValue.object(manifest).rendered().utf8)
    try archive.addEntry(
      with: "manifest.json", type: .file, uncompressedSize: Int64(data.count), modificationDate: entryDate,
      compressionMethod: .deflate
    ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
  }

  /// Evidence files (or every file of an evidence folder) under `evidence/`, streamed.
  static func addEvidence(_ spec: SourceSpec, to archive: Archive, files: inout [JSONValue]) throws {
    var isDir: ObjCBool = false
    FileManager.default.fileExists(atPath: spec.resolvedPath, isDirectory: &isDir)
    let members: [(String, String)] =
      isDir.boolValue
      ? ((FileManager.default.enumerator(atPath: spec.resolvedPath)?.allObjects as? [String]) ?? []).sorted().compactMap
      { f in
        let full = (spec.resolvedPath as NSString).appendingPathComponent(f)
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: full, isDirectory: &d) && !d.boolValue
          ? (spec.path + "/" + f, full) : nil
      } : [(spec.path, spec.resolvedPath)]
    for (relative, full) in members {
      try addFile("evidence/" + relative, full, to: archive, role: "evidence", files: &files)
    }
  }

  /// Checks an archive: the manifest's own hash, every file's hash, files missing or added, and —
  /// when the evidence was copied — the reports rebuilt from it, byte for byte.
  public static func verify(_ path: String) throws -> [Problem] {
    let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    var problems: [Problem] = []
    func read(_ name: String) -> Data? {
      guard let entry = archive[name] else { return nil }
      var data = Data()
      _ = try? archive.extract(entry, skipCRC32: false) { data.append($0) }
      return data
    }
    guard let manifestData = read("manifest.json"),
      let manifest = try JSONSerialization.jsonObject(with: manifestData) as? [String: Any],
      let files = manifest["files"] as? [[String: Any]]
    else {
      return [Problem(path: "manifest.json", message: "missing or unreadable")]
    }
    // The manifest's hash covers the manifest without its last line.
    let text = String(decoding: manifestData, as: UTF8.self)
    if let claimed = manifest["manifest_sha256"] as? String,
      let cut = text.range(of: ",\n  \"manifest_sha256\"")
    {
      let body = String(text[..<cut.lowerBound]) + "\n}\n"
      if hex(Data(body.utf8)) != claimed {
        problems.append(Problem(path: "manifest.json", message: "changed: its hash does not match"))
      }
    } else {
      problems.append(Problem(path: "manifest.json", message: "has no manifest_sha256"))
    }
    var listed = Set(["manifest.json"])
    for f in files {
      guard let name = f["path"] as? String, let sha = f["sha256"] as? String else { continue }
      listed.insert(name)
      guard let entry = archive[name] else {
        problems.append(Problem(path: name, message: "missing from the archive"))
        continue
      }
      var hasher = SHA256()
      _ = try archive.extract(entry, skipCRC32: true) { hasher.update(data: $0) }
      if hasher.finalize().map({ String(format: "%02x", $0) }).joined() != sha {
        problems.append(Problem(path: name, message: "changed: its SHA-256 does not match the manifest"))
      }
    }
    for entry in archive where entry.type == .file && !listed.contains(entry.path) {
      problems.append(Problem(path: entry.path, message: "added: not in the manifest"))
    }
    // Rebuild the reports from the archived case and evidence.
    let copied = ((manifest["options"] as? [String: Any])?["copy_evidence"] as? Bool) ?? false
    guard copied, problems.isEmpty else { return problems }
    let folder = NSTemporaryDirectory() + "storyline-verify-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for entry in archive where entry.type == .file && (entry.path == "case.yml" || entry.path.hasPrefix("evidence/")) {
      let target = entry.path == "case.yml" ? "case.yml" : String(entry.path.dropFirst("evidence/".count))
      guard !target.split(separator: "/").contains("..") else { continue }
      let url = URL(fileURLWithPath: folder).appendingPathComponent(target)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      _ = try archive.extract(entry, to: url, skipCRC32: true)
    }
    let c = try CaseFileLoader.load(path: folder)
    let rebuilt = try Reports(c)
    defer { rebuilt.remove() }
    for (name, data) in [("reports/timeline.md", rebuilt.markdown), ("reports/timeline.html", rebuilt.html)]
    where read(name) != data {
      problems.append(Problem(path: name, message: "differs from the report rebuilt from the archived evidence"))
    }
    // The JSON holds every event: compared by its hash, both sides streamed.
    let jsonHash = files.first { $0["path"] as? String == "reports/timeline.json" }?["sha256"] as? String
    if rebuilt.jsonSHA256 != jsonHash {
      problems.append(
        Problem(path: "reports/timeline.json", message: "differs from the report rebuilt from the archived evidence"))
    }
    return problems
  }

  /// The archive's reports, for the archive audience: Markdown and HTML with full provenance
  /// (their event tables bounded, see ``TimelineDigest``), and the JSON with every event, written
  /// to a temporary file and hashed as it is written.
  struct Reports {
    var markdown: Data
    var html: Data
    /// The JSON report's temporary file and its SHA-256.
    var json: String
    var jsonSHA256: String
    var sources: [SourceSummary]

    init(_ c: CaseFile) throws {
      let stream = TimelineBuilder.stream(c)
      let report = StreamedReport(stream, case: c, redaction: [])
      let t = report.timeline
      markdown = Data(
        try TemplateReport.render(
          t, digest: report.digest, escalation: report.escalation, kind: .markdown, audience: .archive
        ).utf8)
      html = Data(
        try TemplateReport.render(
          t, digest: report.digest, escalation: report.escalation, kind: .html, audience: .archive
        ).utf8)
      sources = t.sources
      json = NSTemporaryDirectory() + "storyline-archive-\(UUID().uuidString).json"
      guard FileManager.default.createFile(atPath: json, contents: nil), let handle = FileHandle(forWritingAtPath: json)
      else {
        throw SourceError.cannotOpen(path: json, reason: "cannot create a temporary file")
      }
      defer { try? handle.close() }
      var hasher = SHA256()
      var writer = JSONReport.Writer(t, digest: report.digest, escalation: report.escalation)
      try report.write(stream, with: &writer) { bytes in
        hasher.update(data: bytes)
        try handle.write(contentsOf: bytes)
      }
      jsonSHA256 = hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    func remove() { try? FileManager.default.removeItem(atPath: json) }
  }

  /// A file from disk as an entry, streamed and hashed.
  static func addFile(_ name: String, _ full: String, to archive: Archive, role: String, files: inout [JSONValue])
    throws
  {
    guard let handle = FileHandle(forReadingAtPath: full) else {
      throw SourceError.cannotOpen(path: name, reason: "unreadable")
    }
    defer { try? handle.close() }
    let size = Int64((try FileManager.default.attributesOfItem(atPath: full)[.size] as? NSNumber)?.int64Value ?? 0)
    var hasher = SHA256()
    try archive.addEntry(
      with: name, type: .file, uncompressedSize: size, modificationDate: entryDate, compressionMethod: .deflate
    ) { position, chunk in
      try handle.seek(toOffset: UInt64(position))
      let data = handle.readData(ofLength: chunk)
      hasher.update(data: data)
      return data
    }
    files.append(
      .object([
        ("path", .string(name)), ("role", .string(role)),
        ("sha256", .string(hasher.finalize().map { String(format: "%02x", $0) }.joined())), ("bytes", .int(size)),
      ]))
  }

  static func hex(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }
}

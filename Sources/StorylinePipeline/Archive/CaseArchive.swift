import Crypto
import Foundation
import StorylineAnalysis
import StorylineCore
import StorylineFormats
import StorylineReports
import ZIPFoundation

/// A tamper-evident compliance archive of a case: the case file, a copy of every evidence file
/// (or only its hash), the reports, and `manifest.json` with the SHA-256 of every file and a hash
/// over the manifest itself; optionally `manifest.sig`, an Ed25519 signature over the manifest's
/// exact bytes, a link to the archive it revises, and an encrypted envelope around it all.
/// ``verify(_:options:)`` re-hashes everything, checks the signature and the chain, and rebuilds
/// the reports from the archived evidence, byte for byte.
public enum CaseArchive {
  /// The manifest's schema version.
  public static let schema = "storyline-archive/2"

  /// One problem `verify` found.
  public struct Problem: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): error: \(message)" }
  }

  /// Progress through the steps of writing or verifying an archive: the step, its bytes done of
  /// its total, and the events so far (reading and writing; nil otherwise). Called on the
  /// thread that does the step, a few times a second at most while reading.
  public typealias Progress = (_ stage: ArchiveStage, _ done: Int64, _ total: Int64, _ events: Int?) -> Void

  /// Every entry gets this date, so that the same case archives to the same bytes but for the
  /// manifest's own `created` time.
  static let entryDate = Date(timeIntervalSince1970: 315_532_800)  // 1980-01-01, the zip epoch

  /// How an archive is sealed: signed, as a revision of an earlier one, encrypted.
  public struct SealOptions: Sendable {
    /// Signs the manifest (`manifest.sig`) and names the signer in it.
    public var signer: ArchiveIdentity?
    /// The earlier archive of the same case this one revises (a plain archive, or an envelope
    /// the signer's key opens).
    public var supersedes: String?
    /// Encrypts the archive to this key.
    public var encryptTo: ArchivePublicKey?

    public init(signer: ArchiveIdentity? = nil, supersedes: String? = nil, encryptTo: ArchivePublicKey? = nil) {
      self.signer = signer
      self.supersedes = supersedes
      self.encryptTo = encryptTo
    }
  }

  /// Writes the archive of a case to `output` and returns its seal: the SHA-256 of the exact
  /// bytes of its `manifest.json`, which the signature (when signed) also covers.
  @discardableResult
  /// `printer`: prints the archive's HTML report to `reports/timeline.pdf` (none without one).
  public static func create(
    _ c: CaseFile, to output: String, copyEvidence: Bool = true, created: Date = Date(), seal: SealOptions = .init(),
    printer: PDFPrinter? = nil, progress: Progress? = nil
  ) throws -> String {
    let previous = try seal.supersedes.map { try previousManifest($0, identity: seal.signer) }
    let zipPath: String
    if seal.encryptTo != nil {
      let dir = (output as NSString).deletingLastPathComponent
      zipPath = (dir.isEmpty ? "." : dir) + "/.\((output as NSString).lastPathComponent).storyline-\(getpid()).zip"
    } else {
      zipPath = output
    }
    defer { if zipPath != output { try? FileManager.default.removeItem(atPath: zipPath) } }
    let reports = try Reports(c, printer: printer, progress: progress)
    defer { reports.remove() }
    let caseBytes = try Data(contentsOf: URL(fileURLWithPath: c.path))
    let evidenceFiles = copyEvidence ? c.sources.flatMap(evidenceMembers) : []
    let packing = Packing(
      total: Int64(caseBytes.count + reports.html.count + (reports.pdf?.count ?? 0))
        + ([reports.markdown, reports.json] + evidenceFiles.map(\.full)).reduce(0) { $0 + size($1) },
      progress: progress)
    try? FileManager.default.removeItem(atPath: zipPath)
    let archive = try Archive(url: URL(fileURLWithPath: zipPath), accessMode: .create)
    // The plain archive of an encrypted one exists only for as long as it takes to encrypt it,
    // readable by its owner only (before anything is written to it).
    if zipPath != output { chmod(zipPath, 0o600) }
    var files: [JSONValue] = []
    func add(_ path: String, _ data: Data, role: String) throws {
      try archive.addEntry(
        with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: entryDate,
        compressionMethod: .deflate
      ) { position, size in
        packing.add(size)
        return data.subdata(in: Int(position)..<Int(position) + size)
      }
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
    }
    for (relative, full) in evidenceFiles {
      try addFile("evidence/" + relative, full, to: archive, role: "evidence", files: &files, packing: packing)
    }
    try addFile("reports/timeline.md", reports.markdown, to: archive, role: "report", files: &files, packing: packing)
    try add("reports/timeline.html", reports.html, role: "report")
    if let pdf = reports.pdf { try add("reports/timeline.pdf", pdf, role: "report") }
    try addFile("reports/timeline.json", reports.json, to: archive, role: "report", files: &files, packing: packing)
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
      ("findings", .array(reports.findings.map { .string($0) })),
    ]
    if let signer = seal.signer {
      manifest.append(
        (
          "signer",
          .object([
            ("algorithm", .string("Ed25519")), ("key_id", .string(signer.publicKey.keyID)),
            ("name", .string(signer.name)),
            ("public_key", .string(signer.signing.publicKey.rawRepresentation.base64EncodedString())),
          ])
        ))
    }
    if let previous, let path = seal.supersedes {
      manifest.append(
        (
          "supersedes",
          .object([
            ("archive", .string((path as NSString).lastPathComponent)), ("seal", .string(previous.seal)),
            ("created", .string(previous.created)),
            (
              "files",
              .array(previous.files.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) })
            ),
            ("findings", .array(previous.findings.map { .string($0) })),
          ])
        ))
    }
    let body = Data(JSONValue.object(manifest).rendered().utf8)
    manifest.append(("manifest_sha256", .string(hex(body))))
    let data = Data(JSONValue.object(manifest).rendered().utf8)
    try archive.addEntry(
      with: "manifest.json", type: .file, uncompressedSize: Int64(data.count), modificationDate: entryDate,
      compressionMethod: .deflate
    ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
    if let signer = seal.signer {
      let signature = try signer.signing.signature(for: data)
      try archive.addEntry(
        with: "manifest.sig", type: .file, uncompressedSize: Int64(signature.count), modificationDate: entryDate,
        compressionMethod: .none
      ) { position, size in signature.subdata(in: Int(position)..<Int(position) + size) }
    }
    let sealHex = hex(data)
    if let recipient = seal.encryptTo {
      try ArchiveEnvelope.seal(zipPath, to: recipient, seal: sealHex, output: output)
    }
    return sealHex
  }

  /// The manifest of the archive a new one supersedes, checked to verify first.
  static func previousManifest(_ path: String, identity: ArchiveIdentity?) throws -> ArchiveManifest {
    let verification = try verify(path, options: VerifyOptions(identity: identity))
    guard verification.problems.isEmpty, let m = verification.manifest else {
      throw ArchiveError.previousFails(path: path, problems: verification.problems.map(\.description))
    }
    return m
  }

  /// The bytes the packing step has compressed of its total, told to the progress.
  final class Packing {
    let progress: Progress?
    let total: Int64
    var done: Int64 = 0
    init(total: Int64, progress: Progress?) {
      self.total = total
      self.progress = progress
    }
    func add(_ bytes: Int) {
      done += Int64(bytes)
      progress?(.packing, done, max(total, done), nil)
    }
  }

  /// A file's size on disk (0 when it cannot be read: adding it says why).
  static func size(_ path: String) -> Int64 {
    (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
  }

  /// An evidence file (or every file of an evidence folder): its path under `evidence/`, and on disk.
  static func evidenceMembers(_ spec: SourceSpec) -> [(relative: String, full: String)] {
    var isDir: ObjCBool = false
    FileManager.default.fileExists(atPath: spec.resolvedPath, isDirectory: &isDir)
    return isDir.boolValue
      ? ((FileManager.default.enumerator(atPath: spec.resolvedPath)?.allObjects as? [String]) ?? []).sorted().compactMap
      { f in
        let full = (spec.resolvedPath as NSString).appendingPathComponent(f)
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: full, isDirectory: &d) && !d.boolValue
          ? (spec.path + "/" + f, full) : nil
      } : [(spec.path, spec.resolvedPath)]
  }

  /// The archive's reports, for the archive audience: the JSON and the Markdown with every event,
  /// written in one pass to temporary files (the JSON hashed as it is written), and the HTML with
  /// full provenance (its event table bounded, see ``TimelineDigest``).
  struct Reports {
    var html: Data
    /// The HTML report printed, when a printer was given.
    var pdf: Data?
    /// The JSON and Markdown reports' temporary files, and the JSON's SHA-256.
    var json: String
    var markdown: String
    var jsonSHA256: String
    var markdownSHA256: String
    var sources: [SourceSummary]
    /// The findings, `level: text`, for the manifest (so that a revision can say which changed).
    var findings: [String]

    init(_ c: CaseFile, printer: PDFPrinter? = nil, progress: Progress? = nil) throws {
      let stream = TimelineBuilder.stream(c)
      let report = StreamedReport(
        stream, case: c, redaction: [], progress: progress.map { p in { p(.reading, $0, $1, $2) } })
      let t = report.timeline
      let htmlText = try TemplateReport.render(
        t, digest: report.digest, escalation: report.escalation, kind: .html, audience: .archive)
      html = Data(htmlText.utf8)
      pdf = try printer.map { printer in
        progress?(.printing, 0, 1, nil)
        defer { progress?(.printing, 1, 1, nil) }
        return try PrintedReport(html: htmlText, report: report, audience: .archive, printer: printer).pdf
      }
      sources = t.sources
      findings = (report.escalation?.findings ?? []).map { "\($0.level.rawValue): \($0.text)" }
      let base = NSTemporaryDirectory() + "storyline-archive-\(UUID().uuidString)"
      json = base + ".json"
      markdown = base + ".md"
      let jsonFile = try Self.create(json)
      defer { try? jsonFile.close() }
      let markdownFile = try Self.create(markdown)
      defer { try? markdownFile.close() }
      var hasher = SHA256()
      var mdHasher = SHA256()
      var writer = JSONReport.Writer(t, digest: report.digest, escalation: report.escalation)
      var md = ArchiveMarkdownWriter(t, digest: report.digest, escalation: report.escalation)
      try report.write(
        stream, with: &writer,
        emit: { bytes in
          hasher.update(data: bytes)
          try jsonFile.write(contentsOf: bytes)
        }, and: &md,
        emit: { bytes in
          mdHasher.update(data: bytes)
          try markdownFile.write(contentsOf: bytes)
        }, progress: progress.map { p in { p(.writing, $0, $1, $2) } })
      jsonSHA256 = hasher.finalize().map { String(format: "%02x", $0) }.joined()
      markdownSHA256 = mdHasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    private static func create(_ path: String) throws -> FileHandle {
      guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path)
      else {
        throw SourceError.cannotOpen(path: path, reason: "cannot create a temporary file")
      }
      return h
    }

    func remove() {
      try? FileManager.default.removeItem(atPath: json)
      try? FileManager.default.removeItem(atPath: markdown)
    }
  }

  /// A file from disk as an entry, streamed and hashed.
  static func addFile(
    _ name: String, _ full: String, to archive: Archive, role: String, files: inout [JSONValue], packing: Packing
  ) throws {
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
      packing.add(data.count)
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

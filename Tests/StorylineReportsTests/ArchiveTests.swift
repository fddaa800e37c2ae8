import Foundation
import StorylineFormats
import StorylineTestSupport
import Testing
import ZIPFoundation

@testable import StorylinePipeline
@testable import StorylineReports

@Suite("Compliance archive")
struct ArchiveTests {
  func archived(copy: Bool = true) throws -> String {
    let path = scratchDirectory() + "storyline-archive-\(UUID().uuidString).zip"
    try CaseArchive.create(
      try CaseFileLoader.load(path: TestPaths.root + "/fixtures/system-e"), to: path, copyEvidence: copy)
    return path
  }

  /// A copy of the archive with its entries passed through `change` (nil drops an entry).
  func rewritten(_ path: String, adding extra: (String, Data)? = nil, _ change: (String, Data) -> Data?) throws
    -> String
  {
    let source = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    let out = scratchDirectory() + "storyline-archive-\(UUID().uuidString).zip"
    let target = try Archive(url: URL(fileURLWithPath: out), accessMode: .create)
    var entries = try source.map { entry -> (String, Data) in
      var data = Data()
      _ = try source.extract(entry) { data.append($0) }
      return (entry.path, data)
    }
    if let extra { entries.append(extra) }
    for (name, data) in entries {
      guard let new = change(name, data) else { continue }
      try target.addEntry(with: name, type: .file, uncompressedSize: Int64(new.count)) { position, size in
        new.subdata(in: Int(position)..<Int(position) + size)
      }
    }
    return out
  }

  /// Writing an archive reports its steps in order — the evidence read, read again for the
  /// reports of every event, everything packed — each to its end: the events counted as the
  /// timeline has them, the packing to the bytes of every file packed. Verifying reports the
  /// hashing of every listed file, the extracting of the case and evidence, then the rebuild.
  @Test func progressGoesThroughEveryStepToItsEnd() throws {
    let c = try CaseFileLoader.load(path: TestPaths.root + "/fixtures/system-e")
    let events = TimelineBuilder.build(c).timeline.events.count
    let path = scratchDirectory() + "storyline-archive-\(UUID().uuidString).zip"
    var calls: [(ArchiveStage, Int64, Int64, Int?)] = []
    try CaseArchive.create(c, to: path, progress: { calls.append(($0, $1, $2, $3)) })
    func steps(_ calls: [(ArchiveStage, Int64, Int64, Int?)]) -> [ArchiveStage] {
      calls.map(\.0).reduce(into: []) { if $0.last != $1 { $0.append($1) } }
    }
    #expect(steps(calls) == [.reading, .writing, .packing])
    for stage in [ArchiveStage.reading, .writing] {
      let last = try #require(calls.last { $0.0 == stage })
      #expect(last.1 == last.2 && last.3 == events, "\(last) \(events)")
    }
    let packed = calls.filter { $0.0 == .packing }
    #expect(zip(packed, packed.dropFirst()).allSatisfy { $0.1 <= $1.1 })
    let archive = try ZipFile(path: path)
    let files = archive.entries.filter { $0.path != "manifest.json" }.reduce(Int64(0)) {
      $0 + Int64($1.uncompressedSize)
    }
    #expect(packed.last?.1 == files && packed.last?.2 == files)

    var verifying: [(ArchiveStage, Int64, Int64, Int?)] = []
    let v = try CaseArchive.verify(path, options: .init(), progress: { verifying.append(($0, $1, $2, $3)) })
    #expect(v.problems.isEmpty)
    #expect(steps(verifying) == [.hashing, .extracting, .reading, .writing])
    for stage in [ArchiveStage.hashing, .extracting, .reading, .writing] {
      let last = try #require(verifying.last { $0.0 == stage })
      #expect(last.1 == last.2 && last.1 > 0)
    }
    #expect(verifying.last { $0.0 == .hashing }?.1 == files)
  }

  @Test func anUntouchedArchiveVerifies() throws {
    let path = try archived()
    #expect(try CaseArchive.verify(path).isEmpty)
    let names = try Archive(url: URL(fileURLWithPath: path), accessMode: .read).map(\.path)
    #expect(names.contains("evidence/logs/sysE_ms1.log") && names.contains("reports/timeline.json"))
    #expect(names.contains("reports/timeline.html") && names.contains("reports/timeline.md"))
    #expect(names.contains("evidence/chat/qq-support-group.txt") && names.last == "manifest.json")
  }

  @Test func aOneByteChangeToAnyFileIsNamed() throws {
    let path = try archived()
    for victim in ["evidence/logs/sysE_ms1.log", "case.yml", "reports/timeline.md", "reports/timeline.html"] {
      let tampered = try rewritten(path) { name, data in
        guard name == victim else { return data }
        var d = data
        d[d.count / 2] ^= 0x01
        return d
      }
      let problems = try CaseArchive.verify(tampered)
      #expect(
        problems.contains(.init(path: victim, message: "changed: its SHA-256 does not match the manifest")), "\(victim)"
      )
    }
  }

  /// With a Chromium, the archive holds the printed report too (#17); it verifies, a change to
  /// it is named, and an archive without one still verifies (the test above).
  @Test(.chromium) func thePrintedReportIsArchivedAndVerified() throws {
    let path = scratchDirectory() + "storyline-archive-\(UUID().uuidString).zip"
    var steps: [(ArchiveStage, Int64, Int64)] = []
    try CaseArchive.create(
      try CaseFileLoader.load(path: TestPaths.root + "/fixtures/system-e"), to: path, printer: try PDFPrinter(),
      progress: { stage, done, total, _ in
        if steps.last?.0 != stage || stage == .printing { steps.append((stage, done, total)) }
      })
    // The printing is told at its start and its end, between the reading and the writing.
    #expect(steps.map(\.0) == [.reading, .printing, .printing, .writing, .packing])
    #expect(steps.filter { $0.0 == .printing }.map { [$0.1, $0.2] } == [[0, 1], [1, 1]])
    #expect(try CaseArchive.verify(path).isEmpty)
    let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    let entry = try #require(archive["reports/timeline.pdf"])
    var pdf = Data()
    _ = try archive.extract(entry) { pdf.append($0) }
    #expect(pdf.starts(with: Data("%PDF-".utf8)) && pdf.count > 100_000)
    let tampered = try rewritten(path) { name, data in
      guard name == "reports/timeline.pdf" else { return data }
      var d = data
      d[d.count / 2] ^= 0x01
      return d
    }
    #expect(
      try CaseArchive.verify(tampered) == [
        .init(path: "reports/timeline.pdf", message: "changed: its SHA-256 does not match the manifest")
      ])
  }

  @Test func missingAddedAndManifestChangesAreNamed() throws {
    let path = try archived()
    let missing = try rewritten(path) { name, data in name == "evidence/notes/dy.md" ? nil : data }
    #expect(
      try CaseArchive.verify(missing) == [.init(path: "evidence/notes/dy.md", message: "missing from the archive")])
    let added = try rewritten(path, adding: ("evidence/extra.txt", Data("x".utf8))) { _, data in data }
    #expect(try CaseArchive.verify(added) == [.init(path: "evidence/extra.txt", message: "added: not in the manifest")])
    let manifest = try rewritten(path) { name, data in
      name == "manifest.json"
        ? Data(
          String(decoding: data, as: UTF8.self).replacingOccurrences(
            of: "\"tool\": \"storyline", with: "\"tool\": \"xtoryline"
          ).utf8) : data
    }
    #expect(
      try CaseArchive.verify(manifest) == [.init(path: "manifest.json", message: "changed: its hash does not match")])
  }

  @Test func hashesOnlyWithoutCopies() throws {
    let path = try archived(copy: false)
    let names = try Archive(url: URL(fileURLWithPath: path), accessMode: .read).map(\.path)
    #expect(!names.contains { $0.hasPrefix("evidence/") })
    #expect(try CaseArchive.verify(path).isEmpty)
  }
}

import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

/// Nothing is lost silently: for every sample, records = events + merged + rejected, and every
/// event cites a source file and its original time.
@Suite("Accounting")
struct AccountingTests {
  static var samples: [String] {
    [
      "fixtures/cdr/Master.csv", "fixtures/cdr/twilio-calls.csv", "fixtures/email/ops.mbox",
      "fixtures/email/gb2312.eml",
      "fixtures/slack/ops-export", "fixtures/slack/ops-export.zip", "fixtures/whatsapp/ios-export.zip",
      "fixtures/hostile/truncated.xml", "fixtures/hostile/surrogate-references.xml",
      "fixtures/hostile/external-dtd.xml", "fixtures/hostile/comment-hides-record.xml",
    ].map { TestPaths.root + "/" + $0 }
  }

  /// The real exports of ../shared/real-data that are not line logs.
  static func realSamples() throws -> [String] {
    let real = try #require(TestPaths.realData)
    return try ["plaso", "sms-backup-restore", "whatsapp", "google-voice/Calls"].flatMap { folder in
      try FileManager.default.contentsOfDirectory(atPath: real + "/" + folder).sorted().map {
        real + "/" + folder + "/" + $0
      }
    }
  }

  @Test func everySampleAccountsForEveryRecord() throws {
    try Self.accounts(Self.samples)
  }

  @Test(.realData) func everyRealSampleAccountsForEveryRecord() throws {
    let samples = try Self.realSamples()
    #expect(samples.count == 21)
    try Self.accounts(samples)
  }

  static func accounts(_ samples: [String]) throws {
    for path in samples {
      let r = try readAll(path, zone: "UTC", date: "2020-01-01", region: "US")
      let s = r.summary
      #expect(s.records == s.events + s.merged + s.rejectedCount, "\(path)")
      #expect(r.events.allSatisfy { !$0.source.path.isEmpty && !$0.source.originalTime.isEmpty }, "\(path)")
    }
  }

  @Test func theReferenceCaseAccountsForEveryRecord() throws {
    let t = TimelineBuilder.build(try CaseFileLoader.load(path: TestPaths.systemE)).timeline
    #expect(t.sources.allSatisfy { $0.records == $0.events + $0.merged + $0.rejectedCount })
    #expect(t.sources.reduce(0) { $0 + $1.events } == t.events.count)
  }
}

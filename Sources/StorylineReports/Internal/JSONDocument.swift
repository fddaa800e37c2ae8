import StorylineCore

/// The JSON report's shape (schema `storyline/1`, documented in docs/json-schema.md).
struct JSONDocument: Encodable {
  struct Case: Encodable {
    var title: String
    var timezone: String
    var timezone_given: Bool
    var date: String?
    var people: [PersonOut]
  }
  struct PersonOut: Encodable {
    var id: String
    var name: String?
    var role: String?
    var on_call: Bool
  }
  struct Summary: Encodable {
    var sources: Int
    var records: Int
    var events: Int
    var merged: Int
    var rejected: Int
    var first: String?
    var last: String?
    var kinds: [String: Int]
  }
  struct Source: Encodable {
    var path: String
    var format: String
    var sha256: String
    var bytes: Int64
    var owner: String?
    var timezone: String
    var clock_offset_ms: Int64
    var records: Int
    var events: Int
    var merged: Int
    var rejected: Int
    var rejections: [RejectionOut]
    var warnings: [WarningOut]
    var first: String?
    var last: String?
  }
  struct RejectionOut: Encodable {
    var line: Int
    var record: Int
    var reason: String
    var excerpt: String
  }
  struct WarningOut: Encodable {
    var path: String
    var line: Int
    var level: String
    var message: String
  }
  struct ProvenanceOut: Encodable {
    var path: String
    var format: String
    var record: Int
    var line: Int
    var original_time: String
    var corrections: [Correction]
  }
  struct EventOut: Encodable {
    var id: String
    var time: String
    var local_time: String
    var precision: String
    var uncertainty_s: Int?
    var order_uncertain: Bool
    var kind: String
    var from: String?
    var from_raw: String?
    var to: [String]
    var to_raw: [String]
    var text: String
    var severity: String?
    var outcome: String?
    var duration_s: Int?
    var attributes: [String: String]?
    var source: ProvenanceOut
    var also_in: [ProvenanceOut]
  }

  var schema: String
  var generator: String
  var `case`: Case
  var summary: Summary
  var sources: [Source]
  var events: [EventOut]
  var warnings: [WarningOut]
}

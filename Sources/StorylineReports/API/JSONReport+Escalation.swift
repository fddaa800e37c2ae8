import StorylineAnalysis
import StorylineCore

extension JSONReport {
  /// The `escalation` object (null without a case file).
  static func escalation(_ r: EscalationReport?, zone: ZoneRules) -> JSONValue {
    guard let r else { return .null }
    func utc(_ i: Instant?) -> JSONValue { .optional(i.map { TimestampFormatter.utc($0) }) }
    func seconds(_ m: Int64?) -> JSONValue { m.map { .int($0 / 1_000_000) } ?? .null }
    func milestone(_ m: Milestone?) -> JSONValue {
      guard let m else { return .null }
      return .object([
        ("time", utc(m.instant)),
        ("local_time", .string(TimestampFormatter.local(m.instant, in: zone))),
        ("precision", .string(m.precision.rawValue)),
        ("uncertainty_s", .int(Int(m.uncertaintyMicros / 1_000_000))),
        ("origin", .string(m.origin.rawValue)),
        ("event", .optional(m.eventID)),
        ("evidence", .optional(m.citation)),
        ("reason", .string(m.reason)),
      ])
    }
    func step(_ s: StepResult) -> JSONValue {
      .object([
        ("notify", .strings(s.notify)), ("require", .string(s.require)), ("within", .string(s.withinText)),
        ("within_s", .int(s.withinMicros / 1_000_000)), ("deadline", utc(s.deadline)),
        ("reached_at", utc(s.reachedAt)), ("reached_by", .optional(s.reachedBy)),
        ("status", .string(s.status.rawValue)), ("late_by_s", seconds(s.lateByMicros)),
        ("missing", .strings(s.missing)), ("uncertain", .bool(s.uncertain)), ("event", .optional(s.eventID)),
        ("evidence", .optional(s.citation)),
      ])
    }
    func attempt(_ a: Attempt) -> JSONValue {
      .object([
        ("event", .string(a.eventID)), ("time", utc(a.instant)), ("kind", .string(a.kind.rawValue)),
        ("outcome", .string(a.outcome.rawValue)), ("from", .string(a.from)), ("to", .strings(a.to)),
        ("evidence", .string(a.citation)), ("before_start", .bool(a.beforeStart)),
      ])
    }
    return .object([
      (
        "incident",
        .object([
          ("started", milestone(r.started)), ("detected", milestone(r.detected)),
          ("mitigated", milestone(r.mitigated)), ("resolved", milestone(r.resolved)),
        ])
      ),
      (
        "metrics",
        .object([
          ("time_to_detect_s", seconds(r.metrics.timeToDetect)),
          ("time_to_first_escalation_s", seconds(r.metrics.timeToFirstEscalation)),
          ("time_to_mitigate_s", seconds(r.metrics.timeToMitigate)),
          ("time_to_resolve_s", seconds(r.metrics.timeToResolve)),
          ("duration_s", seconds(r.metrics.duration)),
        ])
      ),
      ("steps", .array(r.steps.map(step))),
      (
        "people",
        .array(
          r.people.map { p in
            .object([
              ("id", .string(p.id)), ("knew_at", utc(p.knewAt)),
              ("uncertainty_s", .int(Int(p.uncertaintyMicros / 1_000_000))),
              ("from", .optional(p.from)), ("via", .optional(p.via)), ("event", .optional(p.eventID)),
              ("evidence", .optional(p.citation)), ("asked", .bool(p.asked)), ("already_knew", .bool(p.alreadyKnew)),
              ("attempts", .strings(p.attempts.map(\.eventID))),
            ])
          })
      ),
      (
        "silences",
        .array(
          r.silences.map { x in
            .object([
              ("start", utc(x.start)), ("end", utc(x.end)), ("seconds", .int(x.micros / 1_000_000)),
              ("knew", .strings(x.knew)), ("after_event", .optional(x.afterEventID)),
              ("before_event", .optional(x.beforeEventID)),
            ])
          })
      ),
      ("failed_attempts", .array(r.failedAttempts.map(attempt))),
      ("paging", paging(r.paging)),
      (
        "paging_policy",
        r.pagingPolicy.map { p in
          .object([
            ("service", .string(p.service)), ("name", .string(p.name)), ("num_loops", .int(Int64(p.loops))),
            ("steps", .array(r.pagingPolicySteps.map(step))),
          ])
        } ?? .null
      ),
      (
        "findings",
        .array(
          r.findings.map { f in
            .object([
              ("level", .string(f.level.rawValue)), ("text", .string(f.text)), ("evidence", .strings(f.citations)),
            ])
          })
      ),
    ])
  }

  /// The `paging` object: who was paged how, acknowledgements, TTA (null without a page).
  static func paging(_ p: PagingSummary?) -> JSONValue {
    guard let p else { return .null }
    func utc(_ i: Instant?) -> JSONValue { .optional(i.map { TimestampFormatter.utc($0) }) }
    func seconds(_ m: Int64?) -> JSONValue { m.map { .int($0 / 1_000_000) } ?? .null }
    return .object([
      ("first_page", utc(p.firstPage)), ("first_acknowledgement", utc(p.firstAcknowledgement)),
      ("tta_s", seconds(p.ttaMicros)),
      (
        "people",
        .array(
          p.people.map { x in
            .object([
              ("id", .string(x.id)), ("services", .strings(x.services)), ("pages", .int(Int64(x.pages))),
              ("channels", .strings(x.channels)), ("first_page", utc(x.firstPage)), ("last_page", utc(x.lastPage)),
              ("acknowledged_at", utc(x.acknowledgedAt)), ("viewed", .bool(x.viewed)), ("tta_s", seconds(x.ttaMicros)),
              ("evidence", .strings(x.citations)),
            ])
          })
      ),
      (
        "steps",
        .array(
          p.steps.map { x in
            .object([
              ("step", .int(Int64(x.step))), ("due_at", utc(x.dueAt)), ("first_page", utc(x.firstPage)),
              ("acknowledged_at", utc(x.acknowledgedAt)), ("tta_s", seconds(x.ttaMicros)),
              ("not_paged", .strings(x.notPaged)),
            ])
          })
      ),
      (
        "escalations",
        .array(
          p.escalations.map { x in
            .object([
              ("time", utc(x.instant)), ("text", .string(x.text)), ("by_timeout", .bool(x.byTimeout)),
              ("evidence", .string(x.citation)),
            ])
          })
      ),
    ])
  }
}

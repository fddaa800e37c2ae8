import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

private func load(_ yaml: String, files: [String] = []) -> Result<CaseFile, CaseFileError> {
  let path = temporaryFile("case.yml", yaml)
  let dir = (path as NSString).deletingLastPathComponent
  for f in files {
    let full = dir + "/" + f
    try! FileManager.default.createDirectory(
      atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try! "10:00 x\n".write(toFile: full, atomically: true, encoding: .utf8)
  }
  do {
    return .success(try CaseFileLoader.load(path: dir))
  } catch let e as CaseFileError {
    return .failure(e)
  } catch {
    Issue.record("unexpected \(error)")
    return .failure(CaseFileError(path: "", line: -1, ""))
  }
}

private func error(_ yaml: String, files: [String] = []) -> String {
  switch load(yaml, files: files) {
  case .success: return "no error"
  case .failure(let e): return "\(e.line): \(e.message)"
  }
}

@Suite("Case file")
struct CaseFileTests {
  @Test func systemECase() throws {
    let c = try CaseFileLoader.load(path: TestPaths.systemE)
    #expect(c.title == "System E launch outage")
    #expect(c.timezone.identifier == "Asia/Shanghai")
    #expect(c.date == CivilDate(year: 2008, month: 9, day: 22))
    #expect(c.people.map(\.id) == ["director", "pm-a", "cdw", "q1", "z", "w", "f", "dy", "owner"])
    #expect(c.people.first?.aliases == ["me", "I"])
    #expect(c.escalation.map(\.withinMicros) == [900_000_000, 1_800_000_000, 3_600_000_000, 7_200_000_000])
    #expect(c.escalation[2].require == .all && c.escalation[2].notify == ["director", "w", "f"])
    #expect(c.silenceMicros == 1_800_000_000)
    #expect(c.incident.detectedBy == ["cdw"])
    #expect(
      c.sources.map(\.format?.rawValue) == [
        "sms-backup-xml", "sms-backup-xml", nil, nil, "weblogic", nil, nil, nil, nil, nil, nil,
      ])
    #expect(
      c.sources.map(\.owner) == [
        "director", "director", "pm-a", "pm-a", nil, nil, "director", "pm-a", "dy", "q1", "director",
      ])
    #expect(c.sources.map(\.clockOffsetMicros) == [0, 0, 9_000_000, 9_000_000, 0, 0, 0, 0, 0, 0, 0])
  }

  @Test func everyKeyOfASource() throws {
    let c = try load(
      """
      title: T
      timezone: America/Chicago
      people: [{id: a}, {id: b}]
      incident:
        started: 2024-03-10T01:30:00
      sources:
        - path: n/a.md
          format: notes
          owner: a
          timezone: Asia/Shanghai
          clock_offset: -90s
          members: [a, b]
      """, files: ["n/a.md"]
    ).get()
    let s = try #require(c.sources.first)
    #expect(s.timezone?.identifier == "Asia/Shanghai")
    #expect(s.clockOffsetMicros == -90_000_000)
    #expect(s.members == ["a", "b"])
    #expect(s.line == 7)
    #expect(c.incident.started.map { TimestampFormatter.utc($0.instant) } == "2024-03-10T07:30:00Z")
  }

  @Test func errorsNameTheirLine() {
    #expect(
      error("title: T\ncolour: red\n")
        == "2: unknown key 'colour' in the case file (allowed: title, timezone, date, phone_region, clock, language, people, incident, escalation, paging_policy, silence, sources)"
    )
    #expect(error("people:\n  - id: a\n    nmae: A\n").hasPrefix("3: unknown key 'nmae' in a person"))
    // An empty policy mapping is an error naming its line (it used to index past the end).
    #expect(error("title: T\nescalation: {}\n") == "2: escalation needs {pagerduty: policy.json}")
    #expect(error("title: T\npaging_policy: {}\n") == "2: paging_policy needs {pagerduty: policy.json}")
    #expect(
      error("people: [{id: a}]\nescalation:\n  - notify: [a, ghost]\n    within: 15m\n")
        == "3: escalation notify: 'ghost' is not a person of the case (people: a)")
    #expect(
      error("people: [{id: a}]\nescalation:\n  - notify: [a]\n    within: soon\n")
        == "4: within: 'soon' is not a duration (examples: 90s, -90s, 15m, 1h30m, 2h)")
    #expect(error("sources:\n  - path: missing.txt\n") == "2: source file 'missing.txt' does not exist")
    #expect(
      error("sources:\n  - path: ../../etc/passwd\n").hasPrefix(
        "2: '../../etc/passwd' is outside the case folder: refused"))
    #expect(
      error("sources:\n  - path: a.md\n    owner: nobody\n", files: ["a.md"])
        == "3: owner: 'nobody' is not a person of the case (people: )")
    #expect(error("sources:\n  - path: a.md\n    format: pdf\n", files: ["a.md"]).hasPrefix("3: unknown format 'pdf'"))
    #expect(
      error("timezone: Mars/Base\n")
        == "1: timezone: unknown time zone 'Mars/Base' (use an IANA name such as Asia/Shanghai, or +08:00)")
    #expect(error("date: 22/09/2008\n") == "1: date: '22/09/2008' is not a date (YYYY-MM-DD)")
    #expect(error("people:\n  - id: a\n  - id: a\n") == "3: person id 'a' is already used at line 2")
    #expect(error("title: [unclosed\n").hasPrefix("2: not valid YAML"))
    #expect(error("incident:\n  started: yesterday\n") == "2: incident.started: 'yesterday': no timestamp found")
  }

  /// The author's narrative (#17): every key read, and each mistake named with its line.
  @Test func theNarrativeIsReadAndChecked() throws {
    let c = try load(
      "incident:\n  summary: |\n    Down at noon.\n    Back by 12:20.\n  impact:\n    affected: ticketing\n"
        + "    duration: 20 min\n  root_cause: a lock\n  actions:\n    - action: Write a process\n"
        + "      owner: director\n      due: 2008-09-26\n      status: in_progress\n    - action: Tell the owner\n"
        + "  sections:\n    - title: Lessons\n      body: \"- one\\n- two\"\n"
    ).get()
    let n = c.incident.narrative
    #expect(n.summary == "Down at noon.\nBack by 12:20." && n.rootCause == "a lock")
    #expect(n.impact == Narrative.Impact(affected: "ticketing", duration: "20 min", description: nil))
    #expect(
      n.actions == [
        Narrative.Action(
          text: "Write a process", owner: "director", due: CivilDate(year: 2008, month: 9, day: 26), status: .inProgress
        ),
        Narrative.Action(text: "Tell the owner"),
      ])
    #expect(n.sections == [Narrative.Section(title: "Lessons", body: "- one\n- two")])
    #expect(
      try load("incident:\n  impact: a whole afternoon\n").get().incident.narrative.impact?.description
        == "a whole afternoon")
    #expect(
      error("incident:\n  actions:\n    - action: x\n      status: later\n")
        == "4: status: 'later' is not a status (open, in_progress, done, dropped)")
    #expect(
      error("incident:\n  actions:\n    - action: x\n      due: soon\n") == "4: due: 'soon' is not a date (YYYY-MM-DD)")
    #expect(error("incident:\n  actions:\n    - owner: me\n") == "3: an action needs `action:`, its text")
    #expect(
      error("incident:\n  actions:\n    - action: x\n      when: now\n").hasPrefix("4: unknown key 'when' in an action")
    )
    #expect(error("incident:\n  sections:\n    - title: T\n") == "3: a section needs `title:` and `body:`")
    #expect(error("incident:\n  summary: \"  \"\n") == "2: incident.summary is empty")
    #expect(error("incident:\n  impact:\n    who: everyone\n").hasPrefix("3: unknown key 'who' in incident.impact"))
  }

  @Test func errorDescriptionIsPathLineColumn() {
    guard case .failure(let e) = load("title: T\ncolour: red\n") else {
      Issue.record("no error")
      return
    }
    #expect(
      e.description.hasSuffix(
        "case.yml:2:1: error: unknown key 'colour' in the case file (allowed: title, timezone, date, phone_region, clock, language, people, incident, escalation, paging_policy, silence, sources)"
      ))
  }
}

@Suite("Building the reference incident")
struct SystemEBuildTests {
  @Test func theStoryInOrder() throws {
    let c = try CaseFileLoader.load(path: TestPaths.systemE)
    let out = TimelineBuilder.build(c)
    #expect(out.errors.isEmpty)
    let t = out.timeline
    #expect(t.sources.map(\.records) == [4, 4, 2, 5, 102, 468, 6, 8, 3, 8, 1])
    // pm-a's phone saw the same SMS and calls as the director's; the notes' calls are the same calls.
    #expect(t.sources.map(\.merged) == [0, 0, 2, 1, 0, 0, 3, 1, 1, 0, 0])
    #expect(t.sources.allSatisfy { $0.records == $0.events + $0.merged + $0.rejectedCount })
    func local(_ e: Event) -> String { TimestampFormatter.local(e.instant, in: t.zone) }
    let sms = try #require(t.events.firstIndex { $0.kind == .sms && $0.text.hasPrefix("sessions now 126") })
    let missed = try #require(t.events.firstIndex { $0.kind == .call && $0.outcome == .missed })
    let outage = try #require(t.events.firstIndex { $0.text.contains("down again") })
    let dy = try #require(t.events.firstIndex { $0.to.contains { $0.person == "dy" } })
    let learned = try #require(
      t.events.firstIndex {
        $0.kind == .call && $0.from?.person == "director" && $0.to.first?.person == "pm-a" && $0.durationSeconds == 412
      })
    #expect([sms, missed, outage, dy, learned] == [sms, missed, outage, dy, learned].sorted())
    #expect(local(t.events[sms]) == "2008-09-22T11:01:00+08:00")
    #expect(local(t.events[missed]) == "2008-09-22T11:05:12+08:00")
    #expect(local(t.events[outage]) == "2008-09-22T12:00:00+08:00" && t.events[outage].precision == .approximate)
    #expect(local(t.events[dy]) == "2008-09-22T14:30:00+08:00" && t.events[dy].kind == .call)
    #expect(local(t.events[learned]) == "2008-09-22T16:00:24+08:00")
    #expect(t.events[sms].source.citation == "phones/director/sms-20080923091244.xml:6")
    #expect(t.events[outage].source.citation == "notes/pm-a.txt:8")
    #expect(t.events[dy].source.citation == "notes/pm-a.txt:12")
    #expect(t.events[dy].alsoIn.map(\.citation) == ["notes/dy.md:5"])
    // The ~09:30 call of the director's notes is the 09:31 call in pm-a's log, whose clock ran 9 s slow.
    let morning = try #require(t.events.first { $0.alsoIn.contains { $0.citation == "notes/director.md:8" } })
    #expect(morning.source.citation == "phones/pm-a/calls-20080923184002.xml:5")
    #expect(local(morning) == "2008-09-22T09:31:12+08:00")
    #expect(morning.source.corrections.map(\.kind) == ["clock_offset"])
    #expect(morning.text.hasPrefix("answered, 3 min 34 s\nAre the service staff in place?"))
    #expect(t.sources.allSatisfy { !$0.warnings.contains { $0.message.contains("clock reads") } })
    // The on-site QQ group (GB18030) and the director's e-mail are on the timeline too.
    let qq = try #require(t.events.first { $0.kind == .chat && $0.from?.person == "cdw" })
    #expect(local(qq) == "2008-09-22T12:02:16+08:00" && qq.to.map(\.display) == ["q1"])
    let mail = try #require(t.events.first { $0.kind == .email })
    #expect(local(mail) == "2008-09-22T17:42:10+08:00")
    #expect(mail.from?.person == "director" && mail.to.map(\.display) == ["pm-a", "z", "f"])
    #expect(mail.text.hasPrefix("System E 故障报告 / System E outage report\nPM A, Z,"))
  }
}

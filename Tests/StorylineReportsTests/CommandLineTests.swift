import Foundation
import StorylineFormats
import StorylinePipeline
import StorylineTestSupport
import Testing

@Suite("Command line")
struct CommandLineTests {
  @Test func buildTheReferenceIncident() throws {
    let r = try storyline(["build", "fixtures/system-e"])
    #expect(r.status == 0)
    #expect(r.out == (try String(contentsOfFile: TestPaths.golden + "/system-e.md", encoding: .utf8)))
    #expect(r.err.contains("notes/pm-a.txt:1: warning: 1 line of text with no time (line 1) is not on the timeline"))
  }

  @Test func jsonToAFile() throws {
    let out = scratchDirectory() + "storyline-cli-\(UUID().uuidString).json"
    let r = try storyline(["build", "fixtures/system-e", "--format", "json", "-o", out])
    #expect(r.status == 0 && r.out.isEmpty)
    #expect(
      try String(contentsOfFile: out, encoding: .utf8)
        == (try String(contentsOfFile: TestPaths.golden + "/system-e.json", encoding: .utf8)))
  }

  /// The archive audience's Markdown is streamed (every event); it is the golden archive report.
  @Test func archiveMarkdownIsStreamedAndGolden() throws {
    let r = try storyline(["build", "fixtures/system-e", "--audience", "archive"])
    #expect(r.status == 0)
    #expect(r.out == (try String(contentsOfFile: TestPaths.golden + "/system-e.archive.md", encoding: .utf8)))
  }

  /// `clocks` prints the table and the pairs; the reports carry the same table.
  @Test func clocksShowsTheEstimatesAndThePairsBehindThem() throws {
    let r = try storyline(["clocks", "fixtures/clock-skew"])
    #expect(r.status == 0)
    let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[0] == "Checkout outage with skewed clocks: source clocks (clock: auto)")
    #expect(
      lines[5]
        == "phones/alice/sms.xml        -39.900 s       ±1.200 s     4/4    phones/bob/sms.xml    high        applied      applied: 4 consistent exact pairs"
    )
    #expect(
      lines[7].hasPrefix(
        "logs/api.log                +2 min 0.600 s  ±6.700 s     4/4    phones/alice/sms.xml  medium      applied"))
    #expect(
      r.out.contains(
        "    quotes +2 min 46 s phones/alice/sms.xml:4 ↔ logs/api.log:24: quotes \"gw-eu-2\", after it by 0 to 1 min\n")
    )
    #expect(
      r.out.contains(
        "    page_delivered +43 s phones/alice/calls.xml:4 ↔ pagerduty/log_entries.json:31: call page to alice, after it by 0 to 1 min\n"
      ))
    let html = try storyline(["build", "fixtures/clock-skew", "--format", "html", "--audience", "archive"])
    #expect(html.out.contains("<table id=\"clock-table\">") && html.out.contains("<table id=\"clock-pairs\">"))
    #expect(
      html.out.contains(
        "<tr><td class=\"evidence\">logs/api.log</td><td class=\"mono\">+2 min 0.600 s</td><td class=\"mono\">±6.700 s</td><td>4 of 4</td><td class=\"evidence\">phones/alice/sms.xml</td><td>medium</td><td>applied</td>"
      ))
    let owner = try storyline(["build", "fixtures/clock-skew", "--format", "html", "--audience", "owner"])
    #expect(!owner.out.contains("clock-table"))
    // Redacted names reach the clock table too: paths named after people, and the pairs' parties.
    let redacted = try storyline(["build", "fixtures/clock-skew", "--format", "json", "--redact", "names"])
    #expect(!redacted.out.contains("alice") && redacted.out.contains("\"source\": \"phones/on-call engineer/sms.xml\""))
  }

  /// Paging in the reports: a table of who was paged how, and the time to acknowledge.
  @Test func pagingIsATableInTheReports() throws {
    let dir = try PagerDutyCase.make()
    let md = try storyline(["build", dir])
    #expect(md.out.contains("## Paging\n\nTime to acknowledge: 32 min.\n"))
    #expect(
      md.out.contains(
        "| alice | PagerDuty | 3 | push, sms, phone | 02:13 | never | — | log\\_entries.json:239 |"))
    #expect(
      md.out.contains(
        "| bob | PagerDuty | 1 | sms | 02:43 | 02:45 | 2 min | log\\_entries.json:87, log\\_entries.json:60 |"))
    #expect(md.out.contains("| 02:43 | Escalated to Bob Lead by timeout. | timeout | log\\_entries.json:125 |"))
    let html = try storyline(["build", dir, "--format", "html"])
    #expect(html.out.contains("<table id=\"paging\">") && html.out.contains("<td>push, sms, phone</td>"))
  }

  /// The swimlane gives each paging service a lane: pages are arrows from it, and each paged
  /// person's lane is barred from the first page to the acknowledgement.
  @Test func theSwimlaneHasAPagingLane() throws {
    let r = try storyline(["build", "fixtures/checkout-2026", "--format", "html"])
    #expect(r.status == 0)
    #expect(r.out.contains(">PagerDuty (paging)</text>") && r.out.contains(">Opsgenie (paging)</text>"))
    #expect(r.out.contains("<title>alice paged 2 times from 15:01, never acknowledged (last page 15:01)</title>"))
    #expect(r.out.contains("<title>bob paged 2 times from 15:06, acknowledged 15:07</title>"))
    #expect(r.out.contains("<table id=\"paging-policy\">"))
  }

  /// `merge --case` reads the case's logs on the clocks `build` estimates: the same times.
  @Test func mergeAppliesTheEstimatedClocksAsBuildDoes() throws {
    let m = try storyline(["merge", "--case", "fixtures/clock-skew", "--format", "jsonl"])
    #expect(m.status == 0)
    let first = try #require(
      m.out.split(separator: "\n").first { $0.contains("\"source\":\"logs/api.log\",\"line\":24,") })
    // Written 03:12:00.250 on a clock 2 min slow; corrected by the estimate, +2 min 0.6 s.
    #expect(first.hasPrefix("{\"time\":\"2026-11-12T03:14:00.850Z\""))
    let b = try storyline(["build", "fixtures/clock-skew", "--format", "json"])
    #expect(b.out.contains("\"time\": \"2026-11-12T03:14:00.850Z\""))
  }

  @Test func checkExitsOneWhenEscalationFailed() throws {
    let r = try storyline(["check", "fixtures/system-e"])
    #expect(r.status == 1)
    #expect(r.out.hasPrefix("System E launch outage\nnever: w was never told\nnever: owner was never told\n"))
    #expect(r.out.hasSuffix("0 of 4 escalation steps on time\n"))
    // The same evidence against a lenient policy passes.
    let dir = scratchDirectory() + "storyline-check-\(UUID().uuidString)"
    try FileManager.default.copyItem(atPath: TestPaths.root + "/fixtures/system-e", toPath: dir)
    let yaml = try String(contentsOfFile: dir + "/case.yml", encoding: .utf8)
    let start = yaml.index(after: yaml.range(of: "\nescalation:")!.lowerBound)
    let end = yaml.range(of: "silence: 30m")!.lowerBound
    try yaml.replacingCharacters(
      in: start..<end, with: "escalation:\n  - notify: [pm-a, z]\n    require: all\n    within: 1h\n"
    )
    .write(toFile: dir + "/case.yml", atomically: true, encoding: .utf8)
    let ok = try storyline(["check", dir])
    #expect(ok.status == 0)
    #expect(ok.out.hasSuffix("1 of 1 escalation steps on time\n"))
  }

  @Test func evidenceCannotSendEscapeSequencesToTheTerminal() throws {
    let path = scratchDirectory() + "storyline-ansi-\(UUID().uuidString).log"
    try "####<\u{1B}[2J\u{1B}[31mnot a time> <Info> <S> <h> <s> <main> <<WLS Kernel>> <> <BEA-000001> <x>\n"
      .write(toFile: path, atomically: true, encoding: .utf8)
    let r = try storyline(["build", path, "--format", "json"])
    #expect(r.err.contains("rejected: timestamp '\u{FFFD}[2J\u{FFFD}[31mnot a time'"))
    #expect(!r.err.contains("\u{1B}"))
    let i = try storyline(["inspect", path])
    #expect(!i.out.contains("\u{1B}") && i.out.contains("\u{FFFD}[31m"))
  }

  @Test func strictTurnsWarningsAndRejectionsIntoFailure() throws {
    // System E warns (the GB18030 chat, pm-a's line without a time): strict fails on them, and
    // says so; without --strict the same warnings are printed and the build succeeds.
    let strict = try storyline(["build", "fixtures/system-e", "--strict"])
    #expect(strict.status == 1)
    #expect(strict.err.contains("chat/qq-support-group.txt: warning: the file is GB18030: decoded to UTF-8"))
    #expect(
      strict.err.contains("notes/pm-a.txt:1: warning: 1 line of text with no time (line 1) is not on the timeline"))
    let lax = try storyline(["build", "fixtures/system-e"])
    #expect(lax.status == 0 && lax.err.contains("chat/qq-support-group.txt: warning: the file is GB18030"))
    let clean = try storyline(["build", "fixtures/slack/ops-export", "--timezone", "UTC", "--strict"])
    #expect(clean.status == 0 && clean.err.isEmpty)
  }

  @Test(arguments: [
    (["build", "fixtures/system-e", "--format", "xml"], "Error: The value 'xml' is invalid for '--format <format>'"),
    (["frobnicate"], "Error: Unexpected argument 'frobnicate'"),
    (
      ["build", "fixtures/system-e", "--timezone", "Mars/Base"],
      "Error: unknown time zone 'Mars/Base' (use an IANA name such as Asia/Shanghai, or +08:00)"
    ),
    (
      ["merge", "fixtures/logs/log4j.log", "--min-severity", "loud"],
      "Error: The value 'loud' is invalid for '--min-severity <level>'"
    ),
  ])
  func usageErrorsExit64(arguments: [String], message: String) throws {
    let r = try storyline(arguments)
    #expect(r.status == 64)
    #expect(r.err.hasPrefix(message), "\(r.err)")
    #expect(r.out.isEmpty)
  }

  @Test func caseFileErrorsExit1WithTheirLine() throws {
    let dir = scratchDirectory() + "storyline-cli-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try "title: T\ncolour: red\n".write(toFile: dir + "/case.yml", atomically: true, encoding: .utf8)
    let r = try storyline(["build", dir])
    #expect(r.status == 1)
    #expect(r.err.contains("case.yml:2:1: error: unknown key 'colour'"))
  }

  @Test func evidenceWithoutACaseFileAndFromStdin() throws {
    let r = try storyline(
      ["build", "-", "--timezone", "Asia/Shanghai", "--date", "2008-09-22", "--format", "json"],
      stdin: "## 2008-09-22\n11:01 sms arrived\n")
    #expect(r.status == 1)  // stdin has no name to sniff a format from
    #expect(
      r.err
        == "-: error: not a format Storyline recognises; name it with `format:` (see `storyline formats`); line 1 fits no format: «## 2008-09-22»\n"
    )
    let notes = try storyline([
      "build", "fixtures/system-e/notes/pm-a.txt", "--timezone", "Asia/Shanghai", "--format", "json",
    ])
    #expect(notes.status == 0)
    #expect(notes.out.contains(#""local_time": "2008-09-22T14:30:00+08:00""#))
    let utc = try storyline(["build", "fixtures/system-e/notes/pm-a.txt"])
    #expect(utc.out.contains("No time zone was given: local times were read as UTC."))
  }

  @Test func mergeACaseInAWindow() throws {
    let r = try storyline([
      "merge", "--case", "fixtures/system-e", "--from", "2008-09-22 11:59", "--to", "2008-09-22 12:01",
    ])
    #expect(r.status == 0)
    let lines = r.out.split(separator: "\n").filter { $0.hasPrefix("2008") }.map {
      $0.split(separator: " ").prefix(2).joined(separator: " ")
    }
    #expect(
      lines == [
        "2008-09-22T11:59:01.000+08:00 logs/sysE_ms1-access.log:415",
        "2008-09-22T11:59:12.214+08:00 logs/sysE_ms1.log:119",
        "2008-09-22T11:59:20.720+08:00 logs/sysE_ms1.log:120",
        "2008-09-22T11:59:29.000+08:00 logs/sysE_ms1-access.log:416",
        "2008-09-22T11:59:58.286+08:00 logs/sysE_ms1.log:125",
        "2008-09-22T12:00:00.000+08:00 notes/pm-a.txt:8",
        "2008-09-22T12:00:03.297+08:00 logs/sysE_ms1.log:126",
        "2008-09-22T12:00:04.049+08:00 logs/sysE_ms1.log:127",
        "2008-09-22T12:00:05.316+08:00 logs/sysE_ms1.log:128",
      ])
    // Other evidence than logs is one line per event.
    #expect(r.out.contains("notes/pm-a.txt:8 note cdw: WebLogic console shows sysE_ms1 down again"))
    let usage = try storyline(["merge"])
    #expect(usage.status == 64 && usage.err.contains("give files or folders to merge, or --case"))
    let piped = try storyline(["merge", "-"], stdin: "{\"ts\":\"2024-01-01T00:00:00Z\",\"msg\":\"hi\"}\n")
    #expect(piped.out == "2024-01-01T00:00:00.000Z -:1 {\"ts\":\"2024-01-01T00:00:00Z\",\"msg\":\"hi\"}\n")
    let unknown = try storyline(["merge", "fixtures/logs/log4j.log", "Package.swift"])
    #expect(unknown.status == 1 && unknown.out.split(separator: "\n").count == 10)
    #expect(unknown.err.contains("Package.swift: error: not a format Storyline recognises"))
    let rejected = try storyline(["merge", "fixtures/logs/app.jsonl", "--timezone", "UTC"])
    #expect(rejected.status == 0 && rejected.out.split(separator: "\n").count == 5)
    #expect(rejected.err.contains("fixtures/logs/app.jsonl:6: warning: rejected: not a JSON object"))
  }

  @Test func inspectAndFormats() throws {
    let i = try storyline(["inspect", "fixtures/system-e/logs/sysE_ms1.log", "--timezone", "Asia/Shanghai"])
    #expect(i.status == 0)
    #expect(i.out.contains("format:    weblogic\n"))
    #expect(i.out.contains("records:   102 (102 events, 0 rejected)\n"))
    #expect(i.out.contains("from:      2008-09-21T23:38:12Z (2008-09-22T07:38:12+08:00)\n"))
    let notes = try storyline(
      ["inspect", "-", "--as", "notes", "--date", "2008-09-22"], stdin: "11:01 hello\n25:00 bad\n")
    #expect(notes.status == 0)
    #expect(notes.out.contains("zone_assumed: 1 events"))
    #expect(notes.out.contains("-:2: timestamp '25:00': not a valid time of day"))
    let f = try storyline(["formats"])
    // Every reader, in sniffing order, each with its name and rule.
    let ids = f.out.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map(String.init)
    #expect(ids == FormatRegistry.all.map(\.id.rawValue))
    #expect(ids.first == "sms-backup-xml" && ids.last == "timestamped" && ids.count == 25)
    #expect(f.out.contains("  recognised by: a line starting with `####<` among the first lines; or"))
  }

  /// Lines in no record are counted where a user looks (#14): `inspect`, the JSON, `--verbose`.
  @Test func skippedLinesAreCountedInInspectJSONAndVerbose() throws {
    let log = "fixtures/logs/access-extended.log"
    let i = try storyline(["inspect", log, "--timezone", "UTC"])
    #expect(
      i.out.contains("skipped:\n  3 lines not read: W3C directive (#Fields:, #Date:, #Software: …) (lines 1–3)\n"))
    let j = try storyline(["build", log, "--timezone", "UTC", "--format", "json"])
    let doc = try JSONSerialization.jsonObject(with: Data(j.out.utf8)) as! [String: Any]
    let source = (doc["sources"] as! [[String: Any]])[0]
    let skipped = source["skipped_lines"] as! [[String: Any]]
    #expect(skipped.count == 1 && skipped[0]["count"] as? Int == 3)
    #expect(skipped[0]["first_line"] as? Int == 1 && skipped[0]["last_line"] as? Int == 3)
    // Records 2 + rejected 1 + skipped 3 = the file's 6 non-blank lines.
    #expect(source["records"] as? Int == 3 && source["rejected"] as? Int == 1)
    let v = try storyline(["build", log, "--timezone", "UTC", "--format", "json", "--verbose"])
    #expect(
      v.err.contains("\(log):1: note: 3 lines not read: W3C directive (#Fields:, #Date:, #Software: …) (lines 1–3)\n"))
    let quiet = try storyline(["build", log, "--timezone", "UTC", "--format", "json"])
    #expect(!quiet.err.contains("not read"))
  }

  @Test(arguments: [
    ("fixtures/system-e/chat/qq-support-group.txt", "qq"), ("fixtures/email/ops.mbox", "email"),
    ("fixtures/slack/ops-export.zip", "slack"), ("fixtures/whatsapp/ios-export.zip", "whatsapp"),
    ("fixtures/cdr/Master.csv", "call-csv"),
    ("fixtures/system-e/phones/pm-a/calls-20080923184002.xml", "sms-backup-xml"),
    ("fixtures/system-e/notes/dy.md", "notes"), ("fixtures/system-e/logs/sysE_ms1.log", "weblogic"),
  ])
  func inspectEverySample(path: String, format: String) throws {
    let r = try storyline(["inspect", path, "--timezone", "Asia/Shanghai", "--date", "2008-09-22"])
    #expect(r.status == 0)
    #expect(r.out.contains("format:    \(format)\n"))
    #expect(r.out.contains("records:   ") && r.out.contains("from:      ") && r.out.contains("corrections:"))
  }

  /// Every subcommand's help has examples, and every file an example reads is in the
  /// repository (a file an example writes with `-o` or `>` may be read later on its line or by
  /// a later example: they run in order).
  @Test(arguments: [
    "build", "check", "inspect", "formats", "archive", "archive open", "archive stamp", "verify", "keys",
    "keys generate", "keys show", "merge", "template",
  ])
  func everySubcommandsHelpHasExamplesOfRealFiles(sub: String) throws {
    let h = try storyline(sub.split(separator: " ").map(String.init) + ["--help"])
    #expect(h.status == 0)
    let parts = h.out.components(separatedBy: "Example")
    try #require(parts.count > 1, "\(sub) --help has no examples")
    let lines = parts[1].replacingOccurrences(of: "\\\n", with: " ")
      .split(separator: "\n").filter { $0.contains("storyline ") }
    #expect(lines.contains { $0.contains("storyline \(sub)") })
    var written: Set<Substring> = []
    for line in lines {
      let words = line.split(separator: " ")
      for (k, w) in words.enumerated() {
        if k > 0 && ["-o", "--output", ">"].contains(words[k - 1]) {
          written.insert(w)
          continue
        }
        let named = w.hasPrefix("fixtures/") || w.hasPrefix("docs/") || w.hasSuffix(".zip") || w.hasSuffix(".log")
        guard named, !written.contains(w) else { continue }
        #expect(FileManager.default.fileExists(atPath: TestPaths.root + "/" + w), "\(sub): \(w) in «\(line)»")
      }
    }
  }

  /// The README's promises about the command line, each checked as a user meets it.
  @Test func aMissingFileIsAnErrorNamingItExitOne() throws {
    for args in [["build", "nope.md"], ["inspect", "nope.md"], ["merge", "nope.md"], ["verify", "nope.md"]] {
      let r = try storyline(args)
      #expect(r.status == 1, "\(args)")
      #expect(r.err.hasPrefix("nope.md: error: no such file"), "\(args): \(r.err)")
      #expect(!r.err.contains("Usage") && !r.err.contains("Error:"), "\(args)")
    }
    let w = try storyline(["build", "fixtures/system-e", "-o", "/nonexistent/x.md"])
    #expect(w.status == 1)
    #expect(w.err.contains("/nonexistent/x.md: error: cannot write"))
    #expect(!w.err.contains("Error: "))
  }

  @Test func aNegativeOffsetIsATimeZone() throws {
    let r = try storyline(["merge", "fixtures/logs/log4j.log", "--timezone", "-06:00", "--date", "2024-01-10"])
    #expect(r.status == 0)
    #expect(r.out.hasPrefix("2008-09-22T11:56:31.004-06:00 fixtures/logs/log4j.log:1 2008-09-22 11:56:31,004 INFO"))
  }

  @Test func enumeratedValuesAreCheckedByTheParser() throws {
    let s = try storyline(["merge", "fixtures/logs/log4j.log", "--min-severity", "loud"])
    #expect(s.status == 64)
    #expect(s.err.contains("'loud' is invalid for '--min-severity <level>'") && s.err.contains("- emergency"))
    let r = try storyline(["build", "fixtures/system-e", "--redact", "faces"])
    #expect(r.status == 64)
    #expect(r.err.contains("Please provide one of 'numbers', 'emails', 'bodies' or 'names'"))
    let a = try storyline(["inspect", "fixtures/logs/log4j.log", "--as", "log4j"])
    #expect(a.status == 64 && a.err.contains("'log4j' is invalid for '--as <format>'"))
  }
}

/// The README's promises that CI keeps.
@Suite("README and CI agree")
struct ReadmeCITests {
  /// The two commands under "## The two commands", in order.
  static func twoCommands() throws -> [String] {
    let readme = try String(contentsOfFile: TestPaths.root + "/README.md", encoding: .utf8)
    let section = try #require(readme.components(separatedBy: "## The two commands\n").dropFirst().first)
    let block = try #require(section.components(separatedBy: "```sh\n").dropFirst().first)
    return block.components(separatedBy: "\n```")[0].components(separatedBy: "\n")
  }

  @Test func ciRunsTheReadmesTwoCommandsExactly() throws {
    let commands = try Self.twoCommands()
    #expect(commands == ["swift run storyline build fixtures/system-e", "swift test"])
    let ci = try String(contentsOfFile: TestPaths.root + "/.ci/run", encoding: .utf8).components(separatedBy: "\n")
    // The test command, alone on its line; the report command, its output checked.
    #expect(ci.contains(commands[1]))
    let report = try #require(ci.first { $0.hasPrefix(commands[0] + " ") || $0 == commands[0] })
    #expect(report == commands[0] + " > \"$out/system-e.md\"")
    #expect(ci.contains("grep -q \"sessions now 126\" \"$out/system-e.md\""))
    // CI installs with apt what it uses, never with pip.
    #expect(!ci.contains { $0.contains("pip install") })
  }
}

import ArgumentParser
import Foundation
import StorylineAnalysis
import StorylineCore
import StorylineFormats
import StorylinePipeline
import StorylineReports

struct BuildCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "build",
    abstract: "Build the merged timeline of a case (or of evidence files) and write a report.",
    discussion: """
      With a folder holding case.yml (or a case file), reads every source the case names. Otherwise reads each file given (or every file in each folder given), sniffing formats.

      PDF (--format pdf) is the HTML report printed by a headless Chromium (chromium, chromium-browser or google-chrome on PATH, or --chromium PATH): A4, the case title on every page, the HTML report's SHA-256 and the evidence's last time in the footer.

      Audiences: team (default) — every detail; owner — findings, milestones, escalation and a condensed timeline, no bodies or raw log lines, numbers and e-mail addresses masked; archive — everything, with full provenance, source hashes and every time correction.

      Examples:
        storyline build fixtures/system-e
        storyline build fixtures/system-e --format html -o report.html
        storyline build fixtures/system-e --format html --audience owner
        storyline build fixtures/system-e --format pdf --audience owner -o owner.pdf
        storyline build fixtures/system-e --lang zh-CN --audience owner --format pdf -o owner.pdf
        storyline build fixtures/system-e --redact names,numbers
        storyline build fixtures/system-e --format json -o timeline.json
        storyline build fixtures/system-e --format timesketch -o ts.jsonl
        storyline build fixtures/system-e \\
          --template docs/templates/sre-postmortem.md.mustache
        storyline build fixtures/system-e/notes/pm-a.txt \\
          fixtures/system-e/logs/sysE_ms1.log --timezone Asia/Shanghai
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case markdown, html, pdf, json, csv, timesketch
    case timesketchCSV = "timesketch-csv"
  }

  @Argument(
    help: ArgumentHelp("A case folder or case.yml, or evidence files and folders ('-' for stdin).", valueName: "path"),
    completion: .file())
  var paths: [String]

  @Option(
    name: .shortAndLong, help: ArgumentHelp("Write the report to this file instead of stdout.", valueName: "file"),
    completion: .file())
  var output: String?

  @Option(help: "Report format (timesketch: JSON lines for Timesketch's importer).")
  var format: Format = .markdown

  @Option(help: "Who the report is for: owner, team or archive.")
  var audience: Audience = .team

  @Option(
    help: ArgumentHelp(
      "Redact, in every format (comma-separated). The owner audience always gets numbers,emails,bodies.",
      valueName: "list"))
  var redact: Redaction?

  @Option(
    help: ArgumentHelp(
      "Render Markdown or HTML with this Mustache template instead of the shipped one ('storyline template' prints those).",
      valueName: "file"), completion: .file(extensions: ["mustache"]))
  var template: String?

  @OptionGroup var clock: ClockOptions
  @OptionGroup var language: LanguageOption

  @Option(help: "Title of the report when there is no case file.")
  var title: String?

  @Option(
    help: ArgumentHelp("The Chromium to print --format pdf with (default: the first on PATH).", valueName: "path"),
    completion: .file())
  var chromium: String?

  @Flag(help: "Allow case-file source paths outside the case folder.")
  var allowOutside = false

  @Flag(help: "List every rejected record (the first 1,000 per source), not one line per reason.")
  var verbose = false

  @Flag(help: "Treat every warning and rejected record as an error: exit 1 when there is any.")
  var strict = false

  func validate() throws {
    if template != nil && format != .markdown && format != .html && format != .pdf {
      throw ValidationError("--template applies to --format markdown, html or pdf")
    }
    if chromium != nil && format != .pdf { throw ValidationError("--chromium applies to --format pdf") }
  }

  func run() throws {
    let redaction = audience.defaultRedaction.union(redact ?? [])
    var c: CaseFile? = nil
    let stream: EvidenceStream
    var errors: [Diagnostic] = []
    var spooled: [(file: String, given: String)] = []
    defer { for s in spooled { StdinSpool.remove(s.file, given: s.given) } }
    if let casePath = try caseFile() {
      c = try CaseLoading.load(casePath, allowOutside: allowOutside)
      stream = TimelineBuilder.stream(c!, timezoneOverride: try clock.zone(), language: language.lang)
    } else {
      let files = try paths.map(StdinSpool.path(for:))
      spooled = Array(zip(files, paths))
      var options = TimelineBuilder.Options(
        timezone: try clock.zone(), date: try clock.civilDate(), region: clock.region, title: title)
      options.displayNames = Dictionary(zip(files, paths).filter { $0.0 != $0.1 }, uniquingKeysWith: { a, _ in a })
      (stream, errors) = TimelineBuilder.stream(paths: files, options: options)
      if let l = language.lang { stream.language = l }
    }
    let custom = try customTemplate()
    // The browser is looked for before the evidence is read: a missing one fails at once.
    let printer: PDFPrinter?
    do {
      printer = format == .pdf ? try PDFPrinter(browser: chromium) : nil
    } catch let e as PDFPrinter.Failure {
      throw CLIError(e.description)
    }
    let out = try OutputFile(output)

    // Pass 1: account, analyse, digest, and write every event of JSON, CSV and Timesketch (to a
    // temporary file, the bursts filled in at the end) while the file fits its budget. Pass 2
    // (the archive's Markdown, and those beyond the budget): write every event.
    let budget = SpillBudget.machine
    let spill =
      budget.admits(evidenceBytes: stream.evidenceBytes)
      ? spill(
        zone: stream.header.zone, title: StreamedReport.shownHeader(stream, case: c, redaction: redaction).title,
        directory: out.spillDirectory, budget: budget) : nil
    let reading = TerminalProgress.onTerminal("reading")
    let report = StreamedReport(
      stream, case: c, redaction: redaction,
      progress: reading.map { p in
        { read, total, n in p.update(read: read, total: total, records: n, sources: stream.sourceProgress()) }
      },
      spill: spill)
    reading?.finish()
    errors += stream.errors
    // Diagnostics name the evidence as it is; the redaction is for the report.
    let raw = stream.header
    for w in raw.warnings + raw.sources.flatMap(\.warnings) where w.level == .warning { Stderr.print(w.description) }
    // One line per source and reason (every listed record with --verbose; the report lists them).
    for src in raw.sources {
      RejectionDiagnostics.print(
        path: src.path, groups: src.rejectionGroups, listed: src.rejected, count: src.rejectedCount, verbose: verbose)
      if verbose { RejectionDiagnostics.print(path: src.path, skipped: src.skippedLines) }
    }
    for e in errors { Stderr.print(e.description) }

    let t = report.timeline
    let writing = TerminalProgress.onTerminal("writing")
    let progress = writing.map { p in
      { (read: Int64, total: Int64, n: Int) in p.update(read: read, total: total, records: n) }
    }
    do {
      try write(report, stream, spill: spill, to: out, progress: progress, custom: custom, printer: printer)
    } catch let e as StreamedReport.EvidenceChanged {
      throw CLIError("\(paths.joined(separator: " ")): \(e.description)")
    } catch let e as SpillError {
      throw CLIError(e.description)
    }
    writing?.finish()
    try out.commit()
    let doubtful = !t.warnings.isEmpty || t.sources.contains { !$0.warnings.isEmpty || $0.rejectedCount > 0 }
    if !errors.isEmpty || (strict && doubtful) { throw ExitCode.failure }
  }

  /// Where the first pass writes the events of JSON, CSV and Timesketch: nil for the other
  /// formats, and when no temporary file can be made there (the second pass writes them then).
  /// `title`: the case's title as the report shows it.
  func spill(zone: ZoneRules, title: String, directory: String, budget: SpillBudget) -> TimelineSpill? {
    switch format {
    case .json: try? EventSpill(JSONReport.Writer(eventsIn: zone), directory: directory, budget: budget)
    case .csv: try? EventSpill(CSVReport.Writer(zone: zone), directory: directory, budget: budget)
    case .timesketch, .timesketchCSV:
      try? EventSpill(
        TimesketchReport.Writer(title: title, csv: format == .timesketchCSV), directory: directory, budget: budget)
    default: nil
    }
  }

  /// The report in the chosen format: every event written during the first pass (JSON, CSV,
  /// Timesketch, within the budget) or streamed again (the archive's Markdown, and those beyond
  /// it), or rendered from the first pass (Markdown, HTML).
  func write(
    _ report: StreamedReport, _ stream: EvidenceStream, spill: TimelineSpill?, to out: OutputFile,
    progress: EvidenceStream.Progress?, custom: String?, printer: PDFPrinter? = nil
  ) throws {
    let t = report.timeline
    switch format {
    case .json:
      var w = JSONReport.Writer(t, digest: report.digest, escalation: report.escalation)
      if let spill = spill as? EventSpill<JSONReport.Writer>,
        try report.write(spill, with: w, progress: progress, emit: out.write)
      {
        return
      }
      try report.write(stream, with: &w, progress: progress, emit: out.write)
    case .csv:
      var w = CSVReport.Writer(zone: t.zone)
      if let spill = spill as? EventSpill<CSVReport.Writer>,
        try report.write(spill, with: w, progress: progress, emit: out.write)
      {
        return
      }
      try report.write(stream, with: &w, progress: progress, emit: out.write)
    case .timesketch, .timesketchCSV:
      var w = TimesketchReport.Writer(title: t.title, csv: format == .timesketchCSV)
      if let spill = spill as? EventSpill<TimesketchReport.Writer>,
        try report.write(spill, with: w, progress: progress, emit: out.write)
      {
        return
      }
      try report.write(stream, with: &w, progress: progress, emit: out.write)
    case .markdown where audience == .archive && custom == nil:
      // The archive's Markdown lists every event: streamed like the JSON.
      var w = ArchiveMarkdownWriter(
        t, digest: report.digest, escalation: report.escalation, redaction: report.redaction)
      try report.write(stream, with: &w, progress: progress, emit: out.write)
    case .markdown, .html, .pdf:
      do {
        let kind: TemplateReport.Kind = format == .markdown ? .markdown : .html
        let text = try TemplateReport.render(
          t, digest: report.digest, escalation: report.escalation, kind: kind, audience: audience,
          redaction: report.redaction, template: custom)
        guard format == .pdf, let printer else { return try out.write(text) }
        // Chromium takes seconds and tells nothing: the line says what the build waits for.
        let printing = TerminalProgress.onTerminal("printing")
        printing?.show("the HTML report to PDF with headless Chromium…")
        defer { printing?.finish() }
        let printed = try PrintedReport(
          html: text, report: report, audience: audience, template: custom, printer: printer)
        try out.write([UInt8](printed.pdf))
      } catch let e as TemplateReport.TemplateError {
        Stderr.print("\(template ?? "template"): error: \(e.description)")
        throw ExitCode.failure
      } catch let e as PDFPrinter.Failure {
        throw CLIError(e.description)
      }
    }
  }

  /// The text of `--template`, read before the evidence.
  func customTemplate() throws -> String? {
    guard let template else { return nil }
    guard let data = FileManager.default.contents(atPath: template), let s = String(data: data, encoding: .utf8) else {
      throw CLIError("\(template): error: cannot read the template")
    }
    return s
  }

  /// The case file to read, if the paths name one.
  func caseFile() throws -> String? {
    guard paths.count == 1, let p = paths.first, p != "-" else { return nil }
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else {
      throw CLIError("\(p): error: no such file or folder")
    }
    if isDir.boolValue {
      let c = (p as NSString).appendingPathComponent("case.yml")
      return FileManager.default.fileExists(atPath: c) ? c : nil
    }
    return p.hasSuffix(".yml") || p.hasSuffix(".yaml") ? p : nil
  }
}

import Foundation
import StorylineCore
import StorylineFormats
import StorylineLocale
import Yams

/// Reads `case.yml` into a ``CaseFile``, checking every key, person id and path, and naming the
/// line of anything wrong.
public enum CaseFileLoader {
  /// Largest case file read (a case file is a page of YAML, not evidence).
  static let maxBytes = 1 << 20

  /// Loads a case file. `path` may be the file or the folder holding `case.yml`.
  public static func load(path: String, allowOutside: Bool = false) throws -> CaseFile {
    var file = path
    var isDir: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
      file = (path as NSString).appendingPathComponent("case.yml")
    }
    guard FileManager.default.isReadableFile(atPath: file) else {
      throw CaseFileError(path: file, line: 0, "cannot read the case file")
    }
    guard let bytes = FileDigest.contents(path: file, limit: maxBytes) else {
      throw CaseFileError(path: file, line: 0, "case file larger than 1 MiB")
    }
    guard let yaml = String(validating: bytes, as: UTF8.self) else {
      throw CaseFileError(path: file, line: 0, "the case file is not UTF-8 text")
    }
    let dir = (file as NSString).deletingLastPathComponent
    return try parse(yaml: yaml, path: file, directory: dir.isEmpty ? "." : dir, allowOutside: allowOutside)
  }

  /// Parses case-file YAML. Paths are resolved against `directory` and must exist.
  public static func parse(yaml: String, path: String, directory: String, allowOutside: Bool = false) throws -> CaseFile
  {
    let root: Node
    do {
      guard let node = try Yams.compose(yaml: yaml) else {
        throw CaseFileError(path: path, line: 0, "the case file is empty")
      }
      root = node
    } catch let e as YamlError {
      throw CaseFileError(path: path, line: yamlLine(e), "not valid YAML: \(yamlProblem(e))")
    }
    var r = Reader(path: path)
    return try r.read(root, directory: directory, allowOutside: allowOutside)
  }

  static func yamlLine(_ e: YamlError) -> Int {
    switch e {
    case .scanner(_, _, let m, _), .parser(_, _, let m, _), .composer(_, _, let m, _): m.line
    default: 0
    }
  }

  static func yamlProblem(_ e: YamlError) -> String {
    switch e {
    case .scanner(_, let p, _, _), .parser(_, let p, _, _), .composer(_, let p, _, _): p
    default: "\(e)"
    }
  }

  /// Walks the YAML tree.
  struct Reader {
    let path: String

    func line(_ n: Node) -> Int { n.mark?.line ?? 0 }
    func col(_ n: Node) -> Int { n.mark?.column ?? 0 }
    func fail(_ n: Node, _ m: String) -> CaseFileError { CaseFileError(path: path, line: line(n), column: col(n), m) }

    /// The mapping's entries, refusing keys not in `allowed`.
    func mapping(_ n: Node, _ what: String, allowed: [String]) throws -> [(key: String, keyNode: Node, value: Node)] {
      guard case .mapping(let m) = n else { throw fail(n, "\(what) must be a mapping of keys to values") }
      var out: [(key: String, keyNode: Node, value: Node)] = []
      var seen = Set<String>()
      for (k, v) in m {
        guard let key = k.string else { throw fail(k, "\(what): keys must be plain words") }
        guard allowed.contains(key) else {
          throw fail(k, "unknown key '\(key)' in \(what) (allowed: \(allowed.joined(separator: ", ")))")
        }
        guard seen.insert(key).inserted else { throw fail(k, "key '\(key)' appears twice in \(what)") }
        out.append((key, k, v))
      }
      return out
    }

    func string(_ n: Node, _ what: String) throws -> String {
      guard case .scalar(let s) = n else { throw fail(n, "\(what) must be a single value") }
      return s.string
    }

    func strings(_ n: Node, _ what: String) throws -> [String] {
      switch n {
      case .scalar(let s): return [s.string]
      case .sequence(let seq): return try seq.map { try string($0, what) }
      default: throw fail(n, "\(what) must be a value or a list of values")
      }
    }

    func bool(_ n: Node, _ what: String) throws -> Bool {
      switch try string(n, what).lowercased() {
      case "true", "yes", "on": return true
      case "false", "no", "off": return false
      default: throw fail(n, "\(what) must be true or false")
      }
    }

    func duration(_ n: Node, _ what: String) throws -> (Int64, String) {
      let s = try string(n, what)
      guard let d = SignedDuration.parse(s) else {
        throw fail(n, "\(what): '\(s)' is not a duration (examples: 90s, -90s, 15m, 1h30m, 2h)")
      }
      return (d, s)
    }

    func zone(_ n: Node, _ what: String) throws -> ZoneRules {
      let s = try string(n, what)
      guard let z = ZoneCatalog.shared.zone(named: s) else {
        throw fail(n, "\(what): unknown time zone '\(s)' (use an IANA name such as Asia/Shanghai, or +08:00)")
      }
      return z
    }

    /// Reads the whole case: its settings, people, incident, policy and sources, in that order
    /// (the later keys check their person ids against the people).
    mutating func read(_ root: Node, directory: String, allowOutside: Bool) throws -> CaseFile {
      let top = try mapping(
        root, "the case file",
        allowed: [
          "title", "timezone", "date", "phone_region", "clock", "language", "people", "incident", "escalation",
          "paging_policy", "silence", "sources",
        ])
      var c = CaseFile(path: path, directory: directory, title: "Untitled case")
      var byKey: [String: Node] = [:]
      for e in top { byKey[e.key] = e.value }
      try settings(byKey, into: &c)
      if let n = byKey["people"] { c.people = try people(n) }
      if let n = byKey["incident"] { c.incident = try incident(n, case: c) }
      if let n = byKey["escalation"] {
        c.escalation = try escalation(n, people: c.people, directory: directory, allowOutside: allowOutside)
      }
      if let n = byKey["paging_policy"] {
        c.pagingPolicy = try pagingPolicy(
          n, "paging_policy", people: c.people, directory: directory, allowOutside: allowOutside)
      }
      if let n = byKey["silence"] { c.silenceMicros = try duration(n, "silence").0 }
      if let n = byKey["sources"] {
        c.sources = try sources(n, people: c.people, directory: directory, allowOutside: allowOutside)
      }
      return c
    }

    /// `title`, `timezone`, `date` and `phone_region`.
    func settings(_ byKey: [String: Node], into c: inout CaseFile) throws {
      if let n = byKey["title"] { c.title = try string(n, "title") }
      if let n = byKey["timezone"] {
        c.timezone = try zone(n, "timezone")
        c.timezoneGiven = true
      }
      if let n = byKey["date"] {
        let s = try string(n, "date")
        guard let d = CivilDate(iso: s) else { throw fail(n, "date: '\(s)' is not a date (YYYY-MM-DD)") }
        c.date = d
      }
      if let n = byKey["clock"] { c.clockAuto = try clockMode(n) }
      if let n = byKey["language"] {
        let id = try string(n, "language")
        guard Language.named(id) != nil else {
          let known = Language.available.joined(separator: ", ")
          throw fail(n, "language: '\(id)' is not a language Storyline writes (\(known))")
        }
        c.language = id
      }
      if let n = byKey["phone_region"] {
        let s = try string(n, "phone_region").uppercased()
        guard PhoneNumber.callingCodes[s] != nil else {
          throw fail(n, "phone_region: '\(s)' is not a region Storyline knows (two letters, e.g. CN, US, GB)")
        }
        c.phoneRegion = s
      }
    }

    /// `clock: auto` (estimate clocks from the evidence and apply them) or `clock: none`.
    func clockMode(_ n: Node) throws -> Bool {
      let s = try string(n, "clock")
      switch s {
      case "auto": return true
      case "none": return false
      default: throw fail(n, "clock: '\(s)' is not a clock mode (auto: estimate from the evidence; none: do not)")
      }
    }

    /// Throws unless every id in `list` is one of the case's people.
    func checkIDs(_ list: [String], _ n: Node, _ what: String, people: [Person]) throws {
      for id in list where !people.contains(where: { $0.id == id }) {
        throw fail(
          n, "\(what): '\(id)' is not a person of the case (people: \(people.map(\.id).joined(separator: ", ")))")
      }
    }

    /// `incident:`: what the case says of it, times read on the case's clock.
    func incident(_ n: Node, case c: CaseFile) throws -> CaseFile.Incident {
      var incident = CaseFile.Incident()
      let normalizer = TimeNormalizer(caseZone: c.timezone, caseDate: c.date, region: c.phoneRegion)
      for e in try mapping(
        n, "incident",
        allowed: [
          "severity", "summary", "impact", "root_cause", "actions", "sections", "detected_by", "started", "detected",
          "mitigated", "resolved",
        ])
      {
        switch e.key {
        case "severity": incident.severity = try string(e.value, "incident.severity")
        case "summary": incident.narrative.summary = try text(e.value, "incident.summary")
        case "root_cause": incident.narrative.rootCause = try text(e.value, "incident.root_cause")
        case "impact": incident.narrative.impact = try impact(e.value)
        case "actions": incident.narrative.actions = try actions(e.value)
        case "sections": incident.narrative.sections = try sections(e.value)
        case "detected_by":
          incident.detectedBy = try strings(e.value, "incident.detected_by")
          try checkIDs(incident.detectedBy, e.value, "incident.detected_by", people: c.people)
        default:
          let text = try string(e.value, "incident.\(e.key)")
          var clock = normalizer.clock()
          let t: NormalizedTime
          switch clock.normalize(text, line: line(e.value)) {
          case .success(let v): t = v
          case .failure(let err): throw fail(e.value, "incident.\(e.key): '\(text)': \(err)")
          }
          switch e.key {
          case "started": incident.started = t
          case "detected": incident.detected = t
          case "mitigated": incident.mitigated = t
          default: incident.resolved = t
          }
        }
      }
      return incident
    }

    /// `{pagerduty: policy.json}` under `key` (`escalation`, `paging_policy`): the policy file read.
    func pagingPolicy(
      _ n: Node, _ key: String, people: [Person], directory: String, allowOutside: Bool
    ) throws -> PagingPolicy {
      guard let e = try mapping(n, key, allowed: ["pagerduty"]).first else {
        throw fail(n, "\(key) needs {pagerduty: policy.json}")
      }
      let file = try resolve(
        try string(e.value, key + ".pagerduty"), node: e.value, directory: directory, allowOutside: allowOutside)
      return try pagerDutyPolicy(file, node: e.value, people: people, key: key + ".pagerduty")
    }

    /// A PagerDuty escalation policy (`GET /escalation_policies/{id}`, or the policy object) as
    /// the case's steps: rule k's users must know within the sum of the delays of rules 1…k
    /// (when the policy would escalate past them), any of them. Users are the case's people by
    /// name, alias or id; schedules cannot say who was on call and are named in the error when
    /// a rule has nothing else.
    func pagerDutyPolicy(_ path: String, node: Node, people: [Person], key: String) throws -> PagingPolicy {
      guard let data = FileManager.default.contents(atPath: path), data.count <= 16 << 20,
        let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
      else { throw fail(node, "\(key): '\(path)' is not the JSON of a PagerDuty escalation policy") }
      let policy = (json["escalation_policy"] as? [String: Any]) ?? json
      guard let rules = policy["escalation_rules"] as? [[String: Any]], !rules.isEmpty else {
        throw fail(node, "\(key): the policy has no escalation_rules")
      }
      var total = 0
      let steps = try rules.enumerated().map { k, rule in
        guard let delay = rule["escalation_delay_in_minutes"] as? Int, delay > 0 else {
          throw fail(node, "\(key): rule \(k + 1) has no escalation_delay_in_minutes")
        }
        total += delay
        let targets = (rule["targets"] as? [[String: Any]]) ?? []
        var notify: [String] = []
        var schedules: [String] = []
        for t in targets {
          let name = (t["summary"] as? String) ?? (t["id"] as? String) ?? "?"
          guard (t["type"] as? String)?.hasPrefix("user") == true else {
            schedules.append(name)
            continue
          }
          let userID = t["id"] as? String
          guard
            let p = people.first(where: {
              (userID != nil && $0.ids["pagerduty"] == userID) || $0.id == name || $0.name == name
                || $0.aliases.contains(name)
            })
          else {
            throw fail(
              node,
              "\(key): rule \(k + 1) targets '\(name)', who is not a person of the case "
                + "(give them `name: \(name)`)")
          }
          if !notify.contains(p.id) { notify.append(p.id) }
        }
        guard !notify.isEmpty else {
          throw fail(
            node,
            "\(key): rule \(k + 1) targets only schedules (\(schedules.joined(separator: ", "))): "
              + "who was on call is not in the policy; write the case's escalation steps by hand")
        }
        return CaseFile.EscalationStep(
          notify: notify, require: .any, withinMicros: Int64(total) * 60_000_000, withinText: "\(total)m",
          line: line(node))
      }
      return PagingPolicy(
        service: "PagerDuty", name: (policy["name"] as? String) ?? (policy["summary"] as? String) ?? "?",
        loops: (policy["num_loops"] as? Int) ?? 0, steps: steps)
    }

    /// Longest text of one narrative value: a case file is written by hand, not pasted logs.
    static let narrativeLimit = 64 * 1024

    /// A narrative text: one value, not empty, at most ``narrativeLimit`` bytes, trailing
    /// newlines of a YAML block dropped.
    func text(_ n: Node, _ what: String) throws -> String {
      let s = try string(n, what).trimmingCharacters(in: .whitespacesAndNewlines)
      guard !s.isEmpty else { throw fail(n, "\(what) is empty") }
      guard s.utf8.count <= Self.narrativeLimit else {
        throw fail(n, "\(what) is longer than \(Self.narrativeLimit / 1024) KiB")
      }
      return s
    }

    /// `incident.impact`: a text, or `affected`, `duration` and `description`.
    func impact(_ n: Node) throws -> Narrative.Impact {
      if case .scalar = n { return Narrative.Impact(description: try text(n, "incident.impact")) }
      var i = Narrative.Impact()
      for e in try mapping(n, "incident.impact", allowed: ["affected", "duration", "description"]) {
        let v = try text(e.value, "incident.impact.\(e.key)")
        switch e.key {
        case "affected": i.affected = v
        case "duration": i.duration = v
        default: i.description = v
        }
      }
      return i
    }

    /// `incident.actions`: a list of `action` (the text), `owner`, `due` (YYYY-MM-DD) and
    /// `status` (open, in_progress, done, dropped).
    func actions(_ n: Node) throws -> [Narrative.Action] {
      guard case .sequence(let seq) = n else { throw fail(n, "incident.actions must be a list of actions") }
      return try seq.map { item in
        var text: String? = nil
        var a = Narrative.Action(text: "")
        for e in try mapping(item, "an action", allowed: ["action", "owner", "due", "status"]) {
          switch e.key {
          case "action": text = try self.text(e.value, "action")
          case "owner": a.owner = try self.text(e.value, "action owner")
          case "due":
            let s = try string(e.value, "due")
            guard let d = CivilDate(iso: s) else { throw fail(e.value, "due: '\(s)' is not a date (YYYY-MM-DD)") }
            a.due = d
          default:
            let s = try string(e.value, "status")
            guard let st = Narrative.Action.Status(rawValue: s) else {
              throw fail(
                e.value,
                "status: '\(s)' is not a status (\(Narrative.Action.Status.allCases.map(\.rawValue).joined(separator: ", ")))"
              )
            }
            a.status = st
          }
        }
        guard let text else { throw fail(item, "an action needs `action:`, its text") }
        a.text = text
        return a
      }
    }

    /// `incident.sections`: a list of `title` and `body`.
    func sections(_ n: Node) throws -> [Narrative.Section] {
      guard case .sequence(let seq) = n else { throw fail(n, "incident.sections must be a list of sections") }
      return try seq.map { item in
        var title: String? = nil
        var body: String? = nil
        for e in try mapping(item, "a section", allowed: ["title", "body"]) {
          if e.key == "title" {
            title = try text(e.value, "section title")
          } else {
            body = try text(e.value, "section body")
          }
        }
        guard let title, let body else { throw fail(item, "a section needs `title:` and `body:`") }
        return Narrative.Section(title: title, body: body)
      }
    }

    /// `escalation:`: the policy's steps.
    func escalation(_ n: Node, people: [Person], directory: String, allowOutside: Bool) throws
      -> [CaseFile.EscalationStep]
    {
      if case .mapping = n {
        return try pagingPolicy(n, "escalation", people: people, directory: directory, allowOutside: allowOutside).steps
      }
      guard case .sequence(let seq) = n else {
        throw fail(n, "escalation must be a list of steps, or {pagerduty: policy.json}")
      }
      return try seq.map { stepNode in
        var step = CaseFile.EscalationStep(
          notify: [], require: .any, withinMicros: 0, withinText: "", line: line(stepNode))
        var sawWithin = false
        for e in try mapping(stepNode, "an escalation step", allowed: ["notify", "within", "require"]) {
          switch e.key {
          case "notify":
            step.notify = try strings(e.value, "notify")
            try checkIDs(step.notify, e.value, "escalation notify", people: people)
          case "within":
            (step.withinMicros, step.withinText) = try duration(e.value, "within")
            sawWithin = true
          default:
            let s = try string(e.value, "require")
            guard let r = CaseFile.EscalationStep.Requirement(rawValue: s) else {
              throw fail(e.value, "require must be any or all, not '\(s)'")
            }
            step.require = r
          }
        }
        guard !step.notify.isEmpty else { throw fail(stepNode, "an escalation step needs notify: [person, …]") }
        guard sawWithin else { throw fail(stepNode, "an escalation step needs within: (e.g. 15m)") }
        return step
      }
    }

    /// `sources:`: each evidence file with its format, owner, zone, clock and columns.
    func sources(_ n: Node, people: [Person], directory: String, allowOutside: Bool) throws -> [SourceSpec] {
      guard case .sequence(let seq) = n else { throw fail(n, "sources must be a list") }
      return try seq.map { sn in
        var s = SourceSpec(path: "", resolvedPath: "", line: line(sn))
        var pathNode: Node? = nil
        for e in try mapping(
          sn, "a source",
          allowed: ["path", "format", "owner", "timezone", "clock_offset", "clock", "reference", "members", "csv"])
        {
          switch e.key {
          case "path":
            s.path = try string(e.value, "path")
            pathNode = e.value
          case "format":
            let f = FormatID(rawValue: try string(e.value, "format"))
            guard FormatRegistry.format(id: f) != nil else {
              throw fail(
                e.value,
                "unknown format '\(f)' (known: \(FormatRegistry.all.map(\.id.rawValue).joined(separator: ", ")))")
            }
            s.format = f
          case "owner":
            let o = try string(e.value, "owner")
            try checkIDs([o], e.value, "owner", people: people)
            s.owner = o
          case "timezone": s.timezone = try zone(e.value, "timezone")
          case "clock_offset": s.clockOffsetMicros = try duration(e.value, "clock_offset").0
          case "clock": s.clockAuto = try clockMode(e.value)
          case "reference": s.reference = try bool(e.value, "reference")
          case "csv": s.csv = try csvMapping(e.value)
          default:
            s.members = try strings(e.value, "members")
            try checkIDs(s.members, e.value, "members", people: people)
          }
        }
        guard let pn = pathNode, !s.path.isEmpty else { throw fail(sn, "a source needs a path") }
        s.resolvedPath = try resolve(s.path, node: pn, directory: directory, allowOutside: allowOutside)
        return s
      }
    }

    /// A source's `csv:` mapping: a preset, then any column overridden.
    func csvMapping(_ n: Node) throws -> CallCSVMapping {
      let keys = [
        "preset", "header", "delimiter", "time", "duration", "duration_unit", "direction", "caller", "callee",
        "outcome",
      ]
      let entries = try mapping(n, "csv", allowed: keys)
      var m = CallCSVMapping(time: .name("time"))
      var sawTime = false
      if let p = entries.first(where: { $0.key == "preset" }) {
        let name = try string(p.value, "csv.preset")
        guard let preset = CallCSVMapping.presets[name] else {
          throw fail(
            p.value,
            "csv.preset: unknown preset '\(name)' (known: \(CallCSVMapping.presets.keys.sorted().joined(separator: ", ")))"
          )
        }
        m = preset
        sawTime = true
      }
      func column(_ v: Node, _ what: String) throws -> CallCSVMapping.Column {
        let s = try string(v, what)
        if let i = Int(s) {
          guard i >= 1 else { throw fail(v, "\(what): column numbers start at 1") }
          return .index(i)
        }
        return .name(s)
      }
      for e in entries {
        switch e.key {
        case "preset": continue
        case "header": m.header = try bool(e.value, "csv.header")
        case "delimiter":
          let d = try string(e.value, "csv.delimiter")
          guard d.unicodeScalars.count == 1, let u = d.unicodeScalars.first else {
            throw fail(e.value, "csv.delimiter must be one character")
          }
          m.delimiter = u
        case "time":
          m.time = try column(e.value, "csv.time")
          sawTime = true
        case "duration": m.duration = try column(e.value, "csv.duration")
        case "duration_unit":
          let u = try string(e.value, "csv.duration_unit")
          guard let unit = CallCSVMapping.DurationUnit(rawValue: u) else {
            throw fail(e.value, "csv.duration_unit must be seconds, milliseconds, minutes or clock")
          }
          m.durationUnit = unit
        case "direction": m.direction = try column(e.value, "csv.direction")
        case "caller": m.caller = try column(e.value, "csv.caller")
        case "callee": m.callee = try column(e.value, "csv.callee")
        default: m.outcome = try column(e.value, "csv.outcome")
        }
      }
      guard sawTime else { throw fail(n, "csv needs a preset or a time column") }
      return m
    }

    func resolve(_ p: String, node: Node, directory: String, allowOutside: Bool) throws -> String {
      let full = p.hasPrefix("/") ? p : (directory as NSString).appendingPathComponent(p)
      let standard = (full as NSString).standardizingPath
      if !allowOutside {
        let base = ((directory as NSString).standardizingPath as NSString).resolvingSymlinksInPath
        let real = (standard as NSString).resolvingSymlinksInPath
        if !(real == base || real.hasPrefix(base.hasSuffix("/") ? base : base + "/")) {
          throw fail(node, "'\(p)' is outside the case folder: refused (pass --allow-outside to read it)")
        }
      }
      // A folder may be one export (Slack, unzipped): its format decides.
      guard FileManager.default.fileExists(atPath: standard) else {
        throw fail(node, "source file '\(p)' does not exist")
      }
      return standard
    }

    func people(_ n: Node) throws -> [Person] {
      guard case .sequence(let seq) = n else { throw fail(n, "people must be a list") }
      var out: [Person] = []
      var seen: [String: Int] = [:]
      for pn in seq {
        var p = Person(id: "")
        for e in try mapping(
          pn, "a person", allowed: ["id", "name", "role", "aliases", "phones", "emails", "on_call", "ids"])
        {
          switch e.key {
          case "id":
            p.id = try string(e.value, "id")
            guard !p.id.isEmpty, p.id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." })
            else {
              throw fail(e.value, "id '\(p.id)' must be a short word (letters, digits, - _ .)")
            }
            if let other = seen[p.id] { throw fail(e.value, "person id '\(p.id)' is already used at line \(other)") }
            seen[p.id] = line(e.value)
          case "name": p.name = try string(e.value, "name")
          case "role": p.role = try string(e.value, "role")
          case "aliases": p.aliases = try strings(e.value, "aliases")
          case "phones": p.phones = try strings(e.value, "phones")
          case "emails": p.emails = try strings(e.value, "emails")
          case "ids":
            for s in try mapping(e.value, "ids", allowed: ["pagerduty", "opsgenie"]) {
              p.ids[s.key] = try string(s.value, "ids.\(s.key)")
            }
          default: p.onCall = try bool(e.value, "on_call")
          }
        }
        guard !p.id.isEmpty else { throw fail(pn, "a person needs an id") }
        out.append(p)
      }
      return out
    }
  }
}

import Foundation
import StorylineCore
import StorylineLocale
import StorylineTestSupport
import Testing

@testable import StorylinePipeline
@testable import StorylineReports

/// The reports' languages (#17): every catalogue whole, and System E in Chinese.
@Suite("Languages")
struct LanguageTests {
  @Test func everyCatalogueHasEveryKeyWithTheSamePlaceholders() throws {
    #expect(Language.available == ["en", "zh-CN"])
    let en = Language.english
    #expect(en.keys.count > 250)
    func placeholders(_ s: String) -> Set<String> {
      var out = Set<String>()
      var rest = Substring(s)
      while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
        out.insert(String(rest[rest.index(after: open)..<close]))
        rest = rest[rest.index(after: close)...]
      }
      return out
    }
    for id in Language.available where id != "en" {
      let l = try #require(Language.named(id))
      #expect(
        l.keys == en.keys,
        "\(id): missing \(en.keys.subtracting(l.keys).sorted()), extra \(l.keys.subtracting(en.keys).sorted())")
      // A text may use any value its key offers: the English ones, and for dates and durations
      // the forms a language may prefer (the month's number, minutes without a leading zero).
      let offered: [String: Set<String>] = ["date.day": ["month"], "duration.hours_minutes": ["m"]]
      for k in en.keys.sorted() {
        let allowed = placeholders(en.text(k)).union(offered[k] ?? [])
        if !placeholders(l.text(k)).isSubset(of: allowed)
          || placeholders(l.text(k)).isEmpty != placeholders(en.text(k)).isEmpty
        {
          Issue.record("\(id): \(k) has {\(placeholders(l.text(k)).sorted())}; it may use {\(allowed.sorted())}")
        }
      }
    }
  }

  /// Every correction's English words are the English catalogue's (one text, two places):
  /// the reports render corrections from the catalogue, the JSON keeps `detail`.
  @Test func correctionsReadTheSameFromTheCatalogue() throws {
    var seen = Set<String>()
    for folder in ["system-e", "clock-skew", "checkout-2026"] {
      let c = try CaseFileLoader.load(path: TestPaths.root + "/fixtures/" + folder)
      for e in TimelineBuilder.build(c).timeline.events {
        for k in e.source.corrections {
          seen.insert(k.key)
          #expect(Language.english.has("correction." + k.key), "\(k.key)")
          #expect(Language.english.text("correction." + k.key, k.args) == k.detail, "\(folder): \(k.key)")
        }
      }
    }
    #expect(seen.isSuperset(of: ["zone_assumed", "clock_offset", "clock_estimated", "date_inferred.heading"]))
    // And every other correction the clock writes, from the times that cause them.
    let cases: [(zone: String, text: String)] = [
      ("America/Chicago", "2024-03-10 02:30:00"), ("America/Chicago", "2024-11-03 01:30:00"),
      ("UTC", "1222056093000"), ("UTC", "Mon, 22 Sep 2008 12:00:00 -0000"),
      ("Asia/Shanghai", "2008-09-22 12:00:00 CST"),
      ("UTC", "2008-09-22 12:00:00 IST"), ("UTC", "2008-09-22 24:00:00"), ("UTC", "2008-09-22 23:59:60"),
      ("UTC", "12:00"), ("UTC", "~12:00"), ("UTC", "03/04/08 10:00"), ("UTC", "Sep 22 12:00:00"),
      ("UTC", "2008-09-22 12:00:00 China Standard Time"), ("UTC", "17/06/09 10:00:00"),
    ]
    for c in cases {
      var clock = TimeNormalizer(
        caseZone: ZoneCatalog.shared.zone(named: c.zone)!, caseDate: CivilDate(iso: "2008-09-22")
      ).clock(clockOffsetMicros: 9_000_000)
      guard case .success(let t) = clock.normalize(c.text) else {
        Issue.record("\(c.text) did not read")
        continue
      }
      for k in t.corrections.list {
        seen.insert(k.key)
        #expect(Language.english.text("correction." + k.key, k.args) == k.detail, "\(c.text): \(k.key)")
      }
    }
    #expect(
      seen.isSuperset(of: [
        "dst_gap", "dst_overlap", "epoch_unit", "unknown_offset", "abbreviation.local", "abbreviation.default",
        "end_of_day", "leap_second", "date_inferred.case_date", "approximate", "date_order", "two_digit_year",
        "year_inferred", "zone_named",
      ]), "\(seen.sorted())")
  }

  /// Every clock estimate's English reason reads the same from the catalogue.
  @Test func clockReasonsReadTheSameFromTheCatalogue() throws {
    var seen = Set<String>()
    var tables: [ClockTable] = []
    for folder in ["system-e", "clock-skew", "checkout-2026"] {
      var c = try CaseFileLoader.load(path: TestPaths.root + "/fixtures/" + folder)
      tables.append(try #require(TimelineBuilder.build(c).timeline.clocks))
      c.clockAuto = false
      tables.append(try #require(TimelineBuilder.build(c).timeline.clocks))
    }
    for t in tables {
      for e in t.estimates {
        seen.formUnion(e.why.map(\.key))
        #expect(e.why.map { Language.english.text("clock." + $0.key, $0.args) }.joined() == e.reason, "\(e.path)")
      }
    }
    #expect(seen.isSuperset(of: ["anchor.reference", "applied.exact", "applied.bounds", "through", "wide", "none"]))
    var pairs = Set<String>()
    for t in tables {
      for p in t.pairs {
        pairs.insert(p.why.key)
        #expect(Language.english.text("pair." + p.why.key, p.why.args) == p.detail, "\(p.sourceCitation)")
      }
    }
    #expect(pairs == ["communication", "quotes", "page.call", "page.sms"])
  }

  @Test func datesAndDurationsInTheLanguagesConventions() throws {
    let zh = try #require(Language.named("zh-CN"))
    let d = try #require(CivilDate(iso: "2008-09-22"))
    #expect(zh.date(d) == "2008年9月22日 星期一" && Language.english.date(d) == "Monday 22 September 2008")
    #expect(zh.duration((3 * 60 + 4) * 60_000_000) == "3 小时 4 分钟")
    #expect(Language.english.duration((3 * 60 + 4) * 60_000_000) == "3 h 04 min")
    #expect(zh.duration(18 * 60_000_000) == "18 分钟" && zh.duration(10_000_000) == "不到一分钟")
  }

  /// The team's Markdown and the owner's HTML of System E in Chinese: evidence untranslated.
  @Test func systemEInChinese() throws {
    let md = try storyline(["build", "fixtures/system-e", "--lang", "zh-CN"])
    #expect(md.status == 0)
    try expectGolden(md.out, "system-e.zh-CN.md")
    #expect(md.out.contains("director 在故障开始 4 小时 4 分钟 后得知，晚了 3 小时 4 分钟（第 3 步）"))
    #expect(md.out.contains("### 2008年9月22日 星期一") && md.out.contains("sessions now 126"))
    let owner = try storyline([
      "build", "fixtures/system-e", "--lang", "zh-CN", "--audience", "owner", "--format", "html",
    ])
    #expect(owner.status == 0)
    try expectGolden(owner.out, "system-e.zh-CN.owner.html")
    #expect(owner.out.contains("<html lang=\"zh-CN\">") && owner.out.contains("<h2>发现</h2>"))
    #expect(owner.out.contains("owner 始终未被告知") && owner.out.contains("[短信正文]"))
    let team = try storyline(["build", "fixtures/system-e", "--lang", "zh-CN", "--format", "html"])
    #expect(team.status == 0)
    try expectGolden(team.out, "system-e.zh-CN.team.html")
    #expect(team.out.contains("data-matching=\"{n} 条匹配\"") && team.out.contains(">重置缩放</button>"))
    // The archive audience (every event, streamed), its corrections in Chinese.
    let archive = try storyline(["build", "fixtures/system-e", "--lang", "zh-CN", "--audience", "archive"])
    #expect(archive.status == 0)
    try expectGolden(archive.out, "system-e.zh-CN.archive.md")
    #expect(archive.out.contains("zone\\_assumed: 来源中没有时区：按案例时区 Asia/Shanghai 读取（UTC+08:00，标准时间）"))
    #expect(archive.out.contains("clock\\_offset: 来源时钟校正 +9 s"))
    // The check command too.
    let check = try storyline(["check", "fixtures/system-e", "--lang", "zh-CN"])
    #expect(check.out.hasSuffix("4 个升级步骤中按时完成 0 个\n") && check.status == 1)
  }

  /// Every diagnostic phrase the parsers write (`Phrase("key", "English", …)` at the bottom of
  /// each parser's file) is the English catalogue's `diagnostic.<key>`, word for word, and the
  /// catalogue has no diagnostic that no parser writes: the English is in two places, kept one.
  @Test func diagnosticPhrasesAreTheCataloguesEnglish() throws {
    let literal = try Regex(#"Phrase\(\s*"([^"\\]+)",\s*"((?:[^"\\]|\\.)*)""#)
    let any = try Regex(#"\bPhrase\("#)
    var written: [String: String] = [:]
    let sources = TestPaths.root + "/Sources"
    let files = (FileManager.default.enumerator(atPath: sources)?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix(".swift") }.sorted()
    #expect(files.count > 100)
    for f in files {
      let text = try String(contentsOfFile: sources + "/" + f, encoding: .utf8)
      let found = text.matches(of: literal)
      // Phrase's own file builds one from another's key and template (a redacted copy).
      let others = f.hasSuffix("Core/Text/Phrase.swift") ? 1 : 0
      #expect(
        text.matches(of: any).count == found.count + others, "\(f): a Phrase whose key or English is not a literal")
      for m in found {
        let key = String(m.output[1].substring!)
        let english = String(m.output[2].substring!).replacingOccurrences(of: #"\""#, with: "\"")
          .replacingOccurrences(of: #"\\"#, with: "\\")
        #expect(written[key] == nil || written[key] == english, "\(key) written twice, differently")
        written[key] = english
      }
    }
    #expect(written.count >= 100)
    let en = Language.english
    for (key, english) in written.sorted(by: { $0.key < $1.key }) {
      #expect(en.has("diagnostic." + key), "diagnostic.\(key) is not in en.yml")
      #expect(!en.has("diagnostic." + key) || en.text("diagnostic." + key) == english, "diagnostic.\(key) differs")
    }
    let catalogued = en.keys.filter { $0.hasPrefix("diagnostic.") && !$0.hasPrefix("diagnostic.level.") }
    #expect(Set(catalogued.map { String($0.dropFirst("diagnostic.".count)) }) == Set(written.keys))
  }

  /// Rejected records and warnings in the report's language, the evidence they quote as it is,
  /// nested diagnostics too; the English report unchanged.
  @Test func diagnosticsInTheReportsLanguage() throws {
    let dir = scratchDirectory() + "storyline-lang-diag-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try """
    Sep 22 12:00:01 web1 app[1]: ERROR pool exhausted
    Sep 31 12:00:02 web1 app[1]: bad day
    not a line of syslog
    Sep 22 12:00:03 web1 app[1]: recovered
    """.write(toFile: dir + "/sys.log", atomically: true, encoding: .utf8)
    try "title: T\ntimezone: UTC\ndate: 2008-09-22\nsources:\n  - path: sys.log\n    format: syslog\n"
      .write(toFile: dir + "/case.yml", atomically: true, encoding: .utf8)
    let zh = try storyline(["build", dir, "--lang", "zh-CN"])
    #expect(zh.status == 0)
    #expect(zh.out.contains("| sys.log:2 | 时间戳 'Sep 31 12:00:02'：不是有效的日历日期 |"), "\(zh.out)")
    #expect(zh.out.contains("| sys.log:3 | 不是 syslog 行：行首没有时间戳 |"))
    let en = try storyline(["build", dir])
    #expect(en.out.contains("| sys.log:2 | timestamp 'Sep 31 12:00:02': not a valid calendar date |"))
    // The day no month has is rejected and moves no year on: the record after it stays in 2008.
    #expect(en.out.contains("2 events from 1 source, 2008-09-22 12:00 to 2008-09-22 12:00"))
    // A warning: the level word and a nested phrase translated.
    let notes = Phrase(
      "notes.bad_heading", "heading '{heading}' is not a date ({error}): the entries under it keep the date before",
      ["heading": "2024-02-30", "error": .phrase(TimeError.invalidDate.phrase)])
    let d = Diagnostic(.warning, path: "notes.md", line: 4, notes)
    #expect(
      try #require(Language.named("zh-CN")).text(d)
        == "notes.md:4: 警告: 标题 '2024-02-30' 不是日期（不是有效的日历日期）：其下的条目沿用之前的日期")
    #expect(Language.english.text(d) == d.description)
  }

  /// A redacted report in Chinese masks what its diagnostics quote, as the English one does: the
  /// people a WhatsApp warning lists become the pseudonyms the rest of the report uses.
  @Test func redactedDiagnosticsInChinese() throws {
    let dir = scratchDirectory() + "storyline-lang-redact-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try """
    title: T
    timezone: UTC
    people:
      - {id: dana, name: Dana Ops}
      - {id: lee, name: Lee Net}
    sources:
      - path: ios-export.zip
    """.write(toFile: dir + "/case.yml", atomically: true, encoding: .utf8)
    try FileManager.default.copyItem(
      atPath: TestPaths.root + "/fixtures/whatsapp/ios-export.zip", toPath: dir + "/ios-export.zip")
    let plain = try storyline(["build", dir, "--lang", "zh-CN"])
    #expect(plain.out.contains("案件中未给出成员：取所有发过言的人和所有者（dana, lee）"))
    for format in ["markdown", "html"] {
      let r = try storyline(["build", dir, "--lang", "zh-CN", "--redact", "names", "--format", format])
      #expect(r.status == 0)
      #expect(r.out.contains("案件中未给出成员：取所有发过言的人和所有者（person 1, person 2）"), "\(format)")
      #expect(!r.out.contains("dana") && !r.out.contains("Dana Ops"), "\(format)")
    }
  }

  @Test func theCaseFileNamesItsLanguageAndAnUnknownOneIsAnError() throws {
    let dir = scratchDirectory() + "storyline-lang-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try "title: T\nlanguage: zh-CN\n".write(toFile: dir + "/case.yml", atomically: true, encoding: .utf8)
    #expect(try CaseFileLoader.load(path: dir).language == "zh-CN")
    try "title: T\nlanguage: fr\n".write(toFile: dir + "/case.yml", atomically: true, encoding: .utf8)
    #expect(throws: CaseFileError.self) { try CaseFileLoader.load(path: dir) }
    let r = try storyline(["build", "fixtures/system-e", "--lang", "fr"])
    #expect(r.status == 64 && r.err.contains("--lang 'fr' is not a language Storyline writes (en, zh-CN)"))
  }
}

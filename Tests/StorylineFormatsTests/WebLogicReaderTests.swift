import Foundation
import StorylineTestSupport
import Testing

@testable import StorylineCore
@testable import StorylineFormats
@testable import StorylinePipeline

@Suite("WebLogic reader")
struct WebLogicReaderTests {
  @Test func systemELogReadsEveryRecordOnTheRawClock() throws {
    let r = try readAll(TestPaths.systemE + "/logs/sysE_ms1.log")
    #expect(r.summary.format == "weblogic")
    #expect(r.summary.records == 102)  // 29 of the outage, 67 of the morning's pool growth, 6 more stuck threads
    #expect(r.summary.events == 102)
    #expect(r.summary.rejected.isEmpty)
    #expect(r.summary.warnings.isEmpty)  // CST agrees with the raw time in an Asia/Shanghai case
    let failed = try #require(r.events.first { $0.text.contains("changed to FAILED") })
    #expect(failed.utc == "2008-09-22T04:00:03.297Z")
    #expect(failed.source.line == 126)
    #expect(failed.severity == .notice)
    #expect(failed.source.originalTime == "Sep 22, 2008 12:00:03 PM CST [raw 1222056003297]")
    #expect(failed.attributes.first { $0.key == "message_id" }?.value == "BEA-000365")
    let stuck = try #require(r.events.first { $0.text.hasPrefix("BEA-000337") })
    #expect(stuck.severity == .error)
    #expect(stuck.text.hasSuffix("weblogic.work.ExecuteThread.run(ExecuteThread.java:173)\n"))
    #expect(stuck.source.line == 81)
    #expect(r.events.filter { $0.text.hasPrefix("BEA-000337") }.count == 8)
  }

  @Test func textTimeIsUsedWithoutRawTimeAndDisagreementsAreWarned() throws {
    let path = temporaryFile(
      "old.log",
      """
      ####<Sep 22, 2008 12:01:33 PM CST> <Notice> <WebLogicServer> <host> <ms1> <main> <<WLS Kernel>> <> <BEA-000365> <Server state changed to RUNNING>
      ####<Sep 22, 2008 12:05:00 PM CST> <Info> <Health> <host> <ms1> <main> <<WLS Kernel>> <> <> <1222056000000> <BEA-310002> <50% free>
      ####<Sep 22, 2008 12:06:00 PM CST> <Info> <Health> <host> <ms1> <main> <no id here>
      ####<Feb 30, 2008 12:06:00 PM CST> <Info> <Health> <host> <ms1> <main> <<WLS Kernel>> <> <BEA-310002> <bad date>
      """)
    let r = try readAll(path)
    #expect(r.summary.records == 4)
    #expect(r.events.map(\.utc) == ["2008-09-22T04:01:33Z", "2008-09-22T04:00:00Z"])
    #expect(r.events[0].source.corrections.map(\.kind) == ["abbreviation"])
    #expect(r.summary.rejected.map(\.line) == [3, 4])
    #expect(
      r.summary.rejected.map(\.reason) == [
        "no message id (BEA-nnnnnn) among the record's fields",
        "timestamp 'Feb 30, 2008 12:06:00 PM CST': not a valid calendar date",
      ])
    #expect(r.summary.warnings.map(\.line) == [2])
  }

  /// A log that earns the same warning on every record: the first three are kept whole, the
  /// rest counted on one line, so neither memory nor the diagnostics grow with the file.
  @Test func aWarningOnEveryRecordIsCountedNotRepeated() throws {
    let lines = (0..<1_000).map { k in
      // The text 43 to 60 minutes off the raw time, on every record.
      "####<Sep 22, 2008 1:00:00 PM CST> <Info> <Health> <host> <ms1> <main> <<WLS Kernel>> <> <> "
        + "<\(1_222_056_000_000 + k * 1_000)> <BEA-310002> <\(k)% free>"
    }
    let r = try readAll(temporaryFile("disagree.log", lines.joined(separator: "\n") + "\n"))
    #expect(r.summary.records == 1_000 && r.events.count == 1_000)
    #expect(r.summary.warnings.map(\.line) == [1, 2, 3, 4])
    #expect(
      r.summary.warnings.last?.description
        == "disagree.log:4: warning: 997 more warnings like the one at line 1 (lines 4–1000)")
    #expect(r.summary.warnings.first?.description.contains("disagrees with the raw time") == true)
  }

  @Test func cstInAChicagoCaseIsCentralTime() throws {
    let path = temporaryFile(
      "c.log",
      "####<Sep 22, 2008 12:01:33 PM CST> <Notice> <WebLogicServer> <h> <s> <main> <<WLS Kernel>> <> <BEA-000365> <RUNNING>\n"
    )
    #expect(try readAll(path, zone: "America/Chicago").events.map(\.utc) == ["2008-09-22T18:01:33Z"])
  }
}

@Suite("SMS Backup & Restore reader")
struct SMSBackupReaderTests {
  @Test func directorsPhone() throws {
    let sms = try readAll(
      TestPaths.systemE + "/phones/director/sms-20080923091244.xml", people: referencePeople, owner: "director")
    #expect(sms.summary.records == 4)
    let cdw = try #require(sms.events.first { $0.from?.person == "cdw" })
    #expect(cdw.utc == "2008-09-22T03:01:00.233Z")
    #expect(cdw.text == "sessions now 126, max 162, total 341")
    #expect(cdw.to.map(\.display) == ["director"])
    #expect(cdw.source.line == 6)
    #expect(sms.events.last?.from?.person == "director" && sms.events.last?.to.first?.person == "pm-a")
    let calls = try readAll(
      TestPaths.systemE + "/phones/director/calls-20080923091244.xml", people: referencePeople, owner: "director")
    let missed = try #require(calls.events.first { $0.outcome == .missed })
    #expect(missed.utc == "2008-09-22T03:05:12Z")
    #expect(missed.from?.person == "cdw")
    #expect(calls.events.last?.durationSeconds == 412)
  }

  /// Each record's fields, by position: the times as the evidence wrote them, and a record
  /// rejected with its line and what it holds (`null` and absent alike).
  @Test func recordsTheirTimesAndRejections() throws {
    let xml = """
      <?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
      <smses count="4">
        <sms protocol="0" address="+15550100001" date="1704067200000" type="1" body="up &amp; down" readable_date="Jan 1, 2024 12:00:00 AM" contact_name="(Unknown)" />
        <sms address="+15550100002" date="null" type="2" body="no time" />
        <sms address="+15550100003" date="1704067260000" type="9" body="odd box" contact_name="Ann" />
        <sms type="2" date="1704067320000" body="sent, no address" contact_name="Bob" />
      </smses>
      """
    let path = temporaryFile("sms.xml", xml)
    let r = try readAll(path, zone: "UTC", region: "US")
    #expect(r.summary.records == 4)
    #expect(r.events.map(\.text) == ["up & down", "sent, no address"])
    #expect(
      r.events.map(\.source.originalTime) == ["1704067200000 (readable_date Jan 1, 2024 12:00:00 AM)", "1704067320000"])
    #expect(
      r.events.map { $0.attributes.map { "\($0.key)=\($0.value)" } } == [
        ["type=1", "state=received"], ["type=2", "state=sent", "contact_name=Bob"],
      ])
    #expect(r.events.last?.to.map(\.raw) == ["(unknown)"])
    #expect(r.summary.rejected.map(\.line) == [4, 5])
    #expect(
      r.summary.rejected.map(\.excerpt) == [
        "address=+15550100002 date=null type=2", "address=+15550100003 date=1704067260000 type=9",
      ])
    #expect(r.summary.rejected.first?.reason == "no `date` attribute")
  }

  /// Messages of one type and contact share their attributes; each still has its own.
  @Test func messagesSharingTypeAndContactKeepTheirOwnAttributes() throws {
    let rows = [("1", "Ann"), ("2", "Ann"), ("1", "Bob"), ("1", "Ann"), ("1", "(Unknown)"), ("2", "Ann"), ("1", nil)]
    let body = rows.enumerated().map { k, r in
      "<sms address=\"+1555010000\(k)\" date=\"17040672\(k)0000\" type=\"\(r.0)\" body=\"m\(k)\""
        + (r.1.map { " contact_name=\"\($0)\"" } ?? "") + " />"
    }
    let path = temporaryFile("sms.xml", "<smses count=\"7\">\n" + body.joined(separator: "\n") + "\n</smses>\n")
    let r = try readAll(path, zone: "UTC", region: "US", owner: "me")
    #expect(
      r.events.map { $0.attributes.map { "\($0.key)=\($0.value)" }.joined(separator: " ") } == [
        "type=1 state=received contact_name=Ann", "type=2 state=sent contact_name=Ann",
        "type=1 state=received contact_name=Bob", "type=1 state=received contact_name=Ann", "type=1 state=received",
        "type=2 state=sent contact_name=Ann", "type=1 state=received",
      ])
    #expect(
      r.events.map { $0.to.map(\.raw).joined() } == ["me", "+15550100001", "me", "me", "me", "+15550100005", "me"])
  }

  @Test(.realData) func realSamples() throws {
    let real = try #require(TestPaths.realData)
    let dir = real + "/sms-backup-restore"
    let minimal = try readAll(dir + "/minimal_sms.xml", zone: "UTC", region: "US")
    #expect(minimal.events.map(\.utc) == ["2021-01-01T00:00:00Z"])
    #expect(minimal.events.first?.text == "Happy New Year! This is a test message.")
    #expect(minimal.events.first?.from?.raw == "+15551234567")
    let calls = try readAll(dir + "/minimal_calls.xml", zone: "UTC", region: "US")
    #expect(calls.events.map(\.utc) == ["2021-01-03T00:00:00Z"])
    #expect(calls.events.first?.durationSeconds == 125)
    let mms = try readAll(dir + "/minimal_mms.xml", zone: "UTC", region: "US")
    #expect(mms.events.count == 1 && mms.events.first?.kind == .mms)
    #expect(mms.events.first?.text.hasPrefix("Hello from MMS!") == true)
    // The sender is the <addr> of type 137.
    #expect(mms.events.first?.from?.raw == "+15559876543")
    #expect(mms.events.first?.attributes.first { $0.key == "subject" }?.value == "Test MMS Subject")
    let mixed = try readAll(dir + "/mixed.xml", zone: "UTC", region: "US")
    #expect(
      mixed.events.map(\.kind).filter { $0 == .sms }.count == 3 && mixed.events.filter { $0.kind == .mms }.count == 1)
    #expect(
      mixed.events.map(\.utc) == [
        "2021-01-01T00:00:00Z", "2021-01-01T01:00:00Z", "2021-01-01T02:00:00Z", "2021-01-01T03:00:00Z",
      ])
    let edge = try readAll(dir + "/edge_cases.xml", zone: "UTC", region: "US")
    #expect(edge.summary.records == 4)
    #expect(edge.events.contains { $0.text.contains("\u{1F30D}") })
    let bad = try readAll(dir + "/malformed.xml", zone: "UTC")
    #expect(bad.error?.line == 4)
    #expect(bad.error?.description.contains("malformed.xml:4:3: error: not well-formed XML") == true)
  }
}

@Suite("Hostile XML")
struct HostileXMLTests {
  static var hostile: String { TestPaths.root + "/fixtures/hostile" }

  @Test(arguments: ["billion-laughs.xml", "xxe-attribute.xml", "xxe-content.xml"])
  func entityDeclarationsAreRefusedNotExpanded(file: String) throws {
    let start = ContinuousClock.now
    let r = try readAll(Self.hostile + "/" + file, zone: "UTC")
    #expect(r.events.isEmpty && r.summary.records == 0)
    let error = try #require(r.error)
    #expect(error.level == .error && error.line > 0)
    #expect(error.message == "entity declarations are not allowed in evidence XML (refused, not expanded)")
    #expect(ContinuousClock.now - start < .seconds(2))
  }

  /// A `<` in a comment, a processing instruction or a literal before the declaration does not
  /// end the prolog's check: the entity is still refused, where it is declared.
  @Test(arguments: [
    "<!DOCTYPE smses [\n<!-- <smses> -->\n", "<?note <smses> ?>\n<!DOCTYPE smses [\n",
    "<!DOCTYPE smses SYSTEM \"a<b.dtd\" [\n<!ATTLIST sms x CDATA 'x>[]y'>\n",
  ])
  func anEntityAfterMarkupHoldingALessThanIsRefused(prefix: String) throws {
    let path = scratchDirectory() + "entity-\(UUID().uuidString).xml"
    try
      ("<?xml version=\"1.0\"?>\n" + prefix + "<!ENTITY lol \"lol\">\n]>\n<smses count=\"1\">\n"
      + "<sms address=\"1\" date=\"1609459200000\" type=\"1\" body=\"&lol;\" />\n</smses>\n").write(
        toFile: path, atomically: true, encoding: .utf8)
    let r = try readAll(path, zone: "UTC")
    #expect(r.events.isEmpty)
    #expect(r.error?.line == 4 && r.error?.column == 1)
    #expect(r.error?.message == "entity declarations are not allowed in evidence XML (refused, not expanded)")
  }

  @Test func anExternalDTDIsNeverFetched() throws {
    let r = try readAll(Self.hostile + "/external-dtd.xml", zone: "UTC")
    #expect(r.events.map(\.text) == ["fine"])
    #expect(r.error == nil)
  }

  @Test func aTruncatedFileKeepsWhatCameBeforeAndSaysWhere() throws {
    let r = try readAll(Self.hostile + "/truncated.xml", zone: "UTC")
    #expect(r.events.map(\.text) == ["one", "two"])
    #expect(r.error?.line == 5)
    #expect(r.error?.description.hasPrefix("truncated.xml:5:") == true)
  }

  @Test func oneBadSourceDoesNotStopTheCase() throws {
    let dir = scratchDirectory() + "storyline-hostile-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: Self.hostile + "/billion-laughs.xml", toPath: dir + "/bomb.xml")
    try "## 2024-01-01\n10:00 still here\n".write(toFile: dir + "/notes.md", atomically: true, encoding: .utf8)
    try "title: T\nsources:\n  - path: bomb.xml\n  - path: notes.md\n".write(
      toFile: dir + "/case.yml", atomically: true, encoding: .utf8)
    let out = TimelineBuilder.build(try CaseFileLoader.load(path: dir))
    #expect(out.errors.map(\.line) == [3])
    #expect(out.timeline.events.map(\.text) == ["still here"])
  }
}

@Suite("Split surrogate references")
struct SurrogateReferenceTests {
  @Test func pairsAreJoinedWhereverTheChunksBreak() {
    let text = Array("a &#55357;&#56842; b &#xD83D;&#xDD25; c &#55357; d &#38; e".utf8)
    for cut in 0...text.count {
      var repair = CharacterReferenceRepair()
      var out: [UInt8] = []
      text.withUnsafeBufferPointer { all in
        out += repair.process(UnsafeBufferPointer(rebasing: all[0..<cut]), final: false)
        out += repair.process(UnsafeBufferPointer(rebasing: all[cut...]), final: false)
        out += repair.process(UnsafeBufferPointer(rebasing: all[all.count...]), final: true)
      }
      #expect(String(decoding: out, as: UTF8.self) == "a &#128522; b &#128293; c &#65533; d &#38; e", "cut at \(cut)")
      #expect(repair.pairsJoined == 2 && repair.loneReplaced == 1)
    }
  }

  /// The pre-check that lets a chunk through uncopied never passes one the repair would change
  /// or hold back: random chunks of references (surrogates, near-surrogates, leading zeros, cut
  /// off at the end) against the repair's own reading of them.
  @Test func chunksLetThroughAreThoseTheRepairLeavesAlone() {
    var rng = SeededGenerator(seed: 13)
    let pieces = [
      "&#55357;", "&#56832;", "&#xD83D;", "&#XdE00;", "&#0055357;", "&#x0d83d;", "&#55;", "&#5", "&#x", "&#xD",
      "&#10;", "&#38;", "&amp;", "&#x1D800;", "&#57343;", "&#57344;", "&#xDFFF;", "&#xE000;", "&", "&#", "a", "b c",
    ]
    var letThrough = 0
    for _ in 0..<20_000 {
      let text = Array(
        (0..<Int(rng.next() % 6)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined().utf8)
      text.withUnsafeBufferPointer { b in
        var fresh = CharacterReferenceRepair()
        // Only the chunks let through uncopied are checked against the slow path.
        if fresh.repaired(b, final: false) == nil {
          letThrough += 1
          // The slow path's reading of the same bytes: unchanged, nothing held back.
          var slow = CharacterReferenceRepair()
          var out = slow.process(b, final: true)
          out += slow.process(UnsafeBufferPointer(start: nil, count: 0), final: true)
          #expect(out == text, "\(String(decoding: text, as: UTF8.self))")
          #expect(slow.pairsJoined == 0 && slow.loneReplaced == 0)
        }
      }
    }
    #expect(letThrough > 2_000)
    // And what must not pass: a surrogate reference, and one cut off at the end.
    for text in ["x &#55357; y", "x &#xdbff; y", "x &#00056320; y", "cut &#5", "cut &#x", "cut &"] {
      Array(text.utf8).withUnsafeBufferPointer { b in
        var r = CharacterReferenceRepair()
        #expect(r.repaired(b, final: false) != nil, "\(text)")
      }
    }
  }

  @Test func readerJoinsThemAndSaysSo() throws {
    let r = try readAll(TestPaths.root + "/fixtures/hostile/surrogate-references.xml", zone: "UTC", region: "US")
    #expect(r.events.map(\.text) == ["Fire drill \u{1F60A} and \u{1F525}", "lone \u{FFFD} half"])
    #expect(
      r.summary.warnings.map(\.message) == [
        "2 characters written as split UTF-16 surrogate references (&#55357;&#56832;) joined into one",
        "1 lone surrogate reference replaced with U+FFFD",
      ])
  }
}

@Suite("Attachment data is never read")
struct AttachmentDataSkipperTests {
  /// `xml` through a skipper in two chunks, cut at `cut`: what it passed on, and how many bytes it left out.
  static func skipped(_ xml: String, cutAt cut: Int) -> (text: String, skipped: Int64) {
    var skipper = AttachmentDataSkipper()
    var out: [UInt8] = []
    Array(xml.utf8).withUnsafeBufferPointer { all in
      out += skipper.process(UnsafeBufferPointer(rebasing: all[0..<cut]))
      out += skipper.process(UnsafeBufferPointer(rebasing: all[cut...]))
    }
    return (String(decoding: out, as: UTF8.self), skipper.skippedBytes)
  }

  @Test func partDataIsEmptiedWhereverTheChunksBreak() {
    let xml =
      #"<parts><part seq="0" ct="image/jpeg" data="QUJD/+=="/><part data='WFla' text="a data=&quot;x&quot;"/></parts><sms body=" data=&quot;keep&quot;" data="kept"/>"#
    for cut in 0...xml.utf8.count {
      let (text, skipped) = Self.skipped(xml, cutAt: cut)
      #expect(
        text
          == #"<parts><part seq="0" ct="image/jpeg" data=""/><part data='' text="a data=&quot;x&quot;"/></parts><sms body=" data=&quot;keep&quot;" data="kept"/>"#,
        "cut at \(cut)")
      #expect(skipped == 12)
    }
  }

  /// Markup the parser reads as no tag — a comment, a CDATA section, a processing instruction, a
  /// document type's literals and internal subset — is passed over whole, wherever the chunks
  /// break: `<part data="` inside it empties nothing. Only an attribute named `data` exactly is
  /// emptied, with or without spaces around its `=`.
  @Test(arguments: [
    (#"<!-- <part data="--> <sms body="a"/>"#, #"<!-- <part data="--> <sms body="a"/>"#),
    (#"<![CDATA[<part data="]]><sms body="b"/>"#, #"<![CDATA[<part data="]]><sms body="b"/>"#),
    (#"<?pi <part data="?><sms body="c"/>"#, #"<?pi <part data="?><sms body="c"/>"#),
    (
      #"<!DOCTYPE s SYSTEM "<part data=" [<!-- ' --><!ATTLIST part data CDATA "<part data=">]><part data="x"/>"#,
      #"<!DOCTYPE s SYSTEM "<part data=" [<!-- ' --><!ATTLIST part data CDATA "<part data=">]><part data=""/>"#
    ),
    (#"<!----><part data="x"/><!--- --->"#, #"<!----><part data=""/><!--- --->"#),
    (#"<part metadata="keep" data = "x" xdata='y'/>"#, #"<part metadata="keep" data = "" xdata='y'/>"#),
    (
      "<part\n  data\n=\n'x' text=\"a > b\"/><part data=\"y\">",
      "<part\n  data\n=\n'' text=\"a > b\"/><part data=\"\">"
    ),
  ])
  func markupThatIsNoTagIsPassedOver(xml: String, expected: String) {
    for cut in 0...xml.utf8.count { #expect(Self.skipped(xml, cutAt: cut).text == expected, "cut at \(cut)") }
  }

  /// A backup whose comment holds `<part data="` reads every record libxml2 finds: emptying that
  /// "value" would have hidden the record after the comment (its end inside the quotes), with
  /// the declared count agreeing.
  @Test func aRecordAfterACommentIsNotHidden() throws {
    let r = try readAll(TestPaths.root + "/fixtures/hostile/comment-hides-record.xml", zone: "UTC")
    #expect(r.events.map(\.text) == ["after the comment", "visible"])
    #expect(r.events.map(\.source.line) == [6, 7])
    #expect(r.error == nil && r.summary.warnings.isEmpty)
  }

  /// A chunk with no attachment data in it is passed on as it is (nil, not a copy); one with
  /// some, or inside a value begun before it, is not.
  @Test func chunksWithoutDataAreNotCopied() {
    let chunks = [
      #"<sms body="data=&quot;x&quot;" data="kept"/><part seq="0" "#, #"ct="image/png" data="QUJD"#,
      #"REVG"#, #"R0g="/><part text="hi"/>"#, #"<sms body="after"/>"#,
    ]
    var skipper = AttachmentDataSkipper()
    var unchanged: [Bool] = []
    var out: [UInt8] = []
    for c in chunks {
      let bytes = Array(c.utf8)
      bytes.withUnsafeBufferPointer { b in
        let kept = skipper.skipping(b)
        unchanged.append(kept == nil)
        out += kept ?? bytes
      }
    }
    #expect(unchanged == [true, false, false, false, true])
    #expect(
      String(decoding: out, as: UTF8.self)
        == #"<sms body="data=&quot;x&quot;" data="kept"/><part seq="0" ct="image/png" data=""/><part text="hi"/><sms body="after"/>"#
    )
    #expect(skipper.skippedBytes == 12)
  }

  @Test(.realData) func mmsTextSurvivesAndAttachmentsAreCounted() throws {
    let real = try #require(TestPaths.realData)
    // One MMS of three parts: a SMIL layout (not an attachment), the text part, a JPEG (one
    // attachment, its base64 data never copied); received (msg_box 1) from +15559876543 (addr
    // type 137) by the phone's owner (whose own number is the type-151 address) on
    // 2021-01-02T00:00:00Z (date 1609545600000 ms).
    let r = try readAll(real + "/sms-backup-restore/minimal_mms.xml", zone: "UTC", region: "US")
    #expect(r.summary.records == 1 && r.events.count == 1)
    let mms = try #require(r.events.first)
    #expect(mms.kind == .mms && mms.utc == "2021-01-02T00:00:00Z")
    #expect(mms.text == "Hello from MMS!\n[1 attachment]")
    #expect(mms.from?.raw == "+15559876543" && mms.to.map(\.raw) == ["(device owner)"])
    #expect(!mms.attributes.contains { $0.value.contains("iVBORw0KGgo") })
  }
}

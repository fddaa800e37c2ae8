import StorylineCore

/// Reads an SMS Backup & Restore file one record at a time with libxml2's streaming reader.
///
/// `date` (epoch milliseconds, UTC) is the truth; `readable_date` is shown as a hint only. The
/// literal `null` means absent. Direction is relative to the source's `owner`. MMS `<part>` data
/// is never copied. The root's `count` is compared with what was read.
struct SMSBackupReader: EvidenceReader {
  private let xml: XMLStreamReader
  private var state: ReaderState
  private var declaredCount: Int? = nil
  private var finished = false
  /// Attributes already made, by message type and contact: a history repeats a few of each,
  /// and its messages share one array per pair rather than hold one each.
  private var madeAttributes: [AttributesKey: Attributes] = [:]

  private struct AttributesKey: Hashable {
    var type: Int
    var contact: String?
  }

  init(input: SourceInput, context: ReaderContext, format: String) throws {
    do {
      xml = try XMLStreamReader(path: input.url, skipAttachmentData: true, keep: SMSBackupReader.keptAttributes)
    } catch let e as XMLStreamReader.ParseError {
      throw SourceError.malformed(path: input.displayPath, line: e.line, column: e.column, reason: e.message)
    }
    state = ReaderState(input: input, context: context, format: format)
  }

  var warnings: [Diagnostic] { state.warnings }

  private var owner: Party { state.owner }

  mutating func next() throws -> Event? {
    guard !finished else { return nil }
    do {
      while try xml.read() {
        guard xml.kind == .element else { continue }
        switch xml.name {
        case "smses", "calls":
          if let c = xml.attributes()["count"] { declaredCount = Int(c) }
        case "sms":
          state.records += 1
          return try sms(xml.values(named: SMSBackupReader.smsAttributes), line: xml.line)
        case "call":
          state.records += 1
          return try call(xml.values(named: SMSBackupReader.callAttributes), line: xml.line)
        case "mms":
          state.records += 1
          return try mms(line: xml.line)
        default:
          continue
        }
      }
    } catch let e as XMLStreamReader.ParseError {
      finished = true
      throw SourceError.malformed(
        path: state.path, line: e.line, column: e.column, reason: "not well-formed XML: \(e.message)")
    }
    finished = true
    if xml.surrogatePairsJoined > 0 { state.warn(Message.surrogatesJoined(xml.surrogatePairsJoined), line: 0) }
    if xml.loneSurrogatesReplaced > 0 { state.warn(Message.loneSurrogates(xml.loneSurrogatesReplaced), line: 0) }
    if let n = declaredCount, n != state.records {
      state.warn(Message.countMismatch(n, state.records), line: 0)
    }
    return nil
  }

  /// Every attribute any record's reading looks at; the others (vendor columns, service centre,
  /// flags, attachment data) are never copied.
  static let keptAttributes: Set<String> = [
    "address", "date", "type", "body", "readable_date", "contact_name", "number", "duration", "presentation",
    "msg_box", "sub", "ct", "text", "count",
  ]

  /// The attributes read, by position (`SMS.address` …); the others (vendor columns, service
  /// centre, flags) are never copied.
  static let smsAttributes = XMLStreamReader.Names([
    "address", "date", "type", "body", "readable_date", "contact_name",
  ])
  private enum SMS {
    static let (address, date, type, body, readableDate, contactName) = (0, 1, 2, 3, 4, 5)
  }
  static let callAttributes = XMLStreamReader.Names([
    "number", "duration", "date", "type", "presentation", "readable_date", "contact_name",
  ])
  private enum Call {
    static let (number, duration, date, type, presentation, readableDate, contactName) = (0, 1, 2, 3, 4, 5, 6)
  }

  /// An attribute, with the literal `null` read as absent.
  private static func value(_ v: String?) -> String? {
    guard let v, v != "null" else { return nil }
    return v
  }

  private static func value(_ a: XMLAttributes, _ k: String) -> String? { value(a[k]) }

  /// The record's time from its `date` (and `readable_date`, shown beside it in the evidence).
  private mutating func time(date: String?, readable: String?, seconds: Bool = false) -> Result<
    (NormalizedTime, String), Reason
  > {
    guard let raw = SMSBackupReader.value(date), let v = Int64(raw) else {
      return .failure(Reason(text: Message.noDate))
    }
    // MMS dates may be seconds (10 digits) rather than milliseconds (13).
    let unit: EpochUnit = seconds && raw.utf8.count <= 11 ? .seconds : .milliseconds
    switch state.context.clock.normalize(epoch: v, unit: unit) {
    case .success(let t):
      guard let readable = SMSBackupReader.value(readable) else { return .success((t, raw)) }
      return .success((t, SMSBackupReader.original(raw, readable: readable)))
    case .failure(let e): return .failure(Reason(text: Message.badDate(raw, e)))
    }
  }

  /// `raw (readable_date readable)`, the evidence's two times, made at once: appended piece by
  /// piece, the string is grown three times, for every message of a backup.
  private static func original(_ raw: String, readable: String) -> String {
    var (raw, readable) = (raw, readable)
    let middle: StaticString = " (readable_date "
    let count = raw.utf8.count + middle.utf8CodeUnitCount + readable.utf8.count + 1
    return String(unsafeUninitializedCapacity: count) { out in
      var at = 0
      func put(_ b: UnsafeBufferPointer<UInt8>) {
        _ = UnsafeMutableBufferPointer(rebasing: out[at...]).initialize(fromContentsOf: b)
        at += b.count
      }
      raw.withUTF8(put)
      put(UnsafeBufferPointer(start: middle.utf8Start, count: middle.utf8CodeUnitCount))
      readable.withUTF8(put)
      out[at] = 0x29  // ")"
      return count
    }
  }

  /// The record rejected, its address or number, date and type quoted (those present).
  private func reject(_ reason: Phrase, line: Int, _ fields: KeyValuePairs<String, String?>) -> RecordRejection {
    let excerpt = fields.compactMap { k, v in v.map { "\(k)=\($0)" } }.joined(separator: " ")
    return state.reject(reason, line: line, excerpt: excerpt)
  }

  private func reject(_ reason: Phrase, line: Int, _ a: XMLAttributes) -> RecordRejection {
    reject(reason, line: line, ["address": a["address"], "number": a["number"], "date": a["date"], "type": a["type"]])
  }

  private mutating func event(
    _ t: NormalizedTime, original: String, line: Int, kind: EventKind, from: Party, to: [Party], text: String,
    outcome: Outcome?, duration: Int? = nil, attributes: Attributes
  ) -> Event {
    state.event(
      t, line: line, originalTime: original, kind: kind, from: from, to: to, text: text, outcome: outcome,
      duration: duration, attributes: attributes)
  }

  private mutating func sms(_ a: [String?], line: Int) throws -> Event {
    func excerpt() -> KeyValuePairs<String, String?> {
      ["address": a[SMS.address], "date": a[SMS.date], "type": a[SMS.type]]
    }
    let (t, original): (NormalizedTime, String)
    switch time(date: a[SMS.date], readable: a[SMS.readableDate]) {
    case .success(let v): (t, original) = v
    case .failure(let reason): throw reject(reason.text, line: line, excerpt())
    }
    let address = SMSBackupReader.value(a[SMS.address]) ?? "(unknown)"
    let other = state.party(address)
    let type = SMSBackupReader.value(a[SMS.type]).flatMap { Int($0) } ?? 0
    guard let box = AndroidCodes.message(box: type) else {
      throw reject(Message.unknownType("sms", type), line: line, excerpt())
    }
    let contact = SMSBackupReader.value(a[SMS.contactName]).flatMap { $0 == "(Unknown)" ? nil : $0 }
    let key = AttributesKey(type: type, contact: contact)
    let attrs: Attributes
    if let made = madeAttributes[key] {
      attrs = made
    } else {
      var made: Attributes = [("type", String(type)), ("state", box.state)]
      if let c = contact { made.append(("contact_name", c)) }
      if madeAttributes.count >= 10_000 { madeAttributes.removeAll(keepingCapacity: true) }
      madeAttributes[key] = made
      attrs = made
    }
    return event(
      t, original: original, line: line, kind: .sms, from: box.outgoing ? owner : other,
      to: box.outgoing ? [other] : state.ownerAlone,
      text: SMSBackupReader.value(a[SMS.body]) ?? "", outcome: box.outcome, attributes: attrs)
  }

  private mutating func call(_ a: [String?], line: Int) throws -> Event {
    func excerpt() -> KeyValuePairs<String, String?> {
      ["number": a[Call.number], "date": a[Call.date], "type": a[Call.type]]
    }
    let (t, original): (NormalizedTime, String)
    switch time(date: a[Call.date], readable: a[Call.readableDate]) {
    case .success(let v): (t, original) = v
    case .failure(let reason): throw reject(reason.text, line: line, excerpt())
    }
    let number = SMSBackupReader.value(a[Call.number]) ?? ""
    let presentation = SMSBackupReader.value(a[Call.presentation]).flatMap { Int($0) } ?? 1
    let other =
      AndroidCodes.isWithheld(number: number, presentation: presentation)
      ? Party(person: nil, raw: "(withheld)") : state.party(number)
    let duration = SMSBackupReader.value(a[Call.duration]).flatMap { Int($0) } ?? 0
    let type = SMSBackupReader.value(a[Call.type]).flatMap { Int($0) } ?? 0
    guard let kind = AndroidCodes.call(type: type, duration: duration) else {
      throw reject(Message.unknownType("call", type), line: line, excerpt())
    }
    var attrs: Attributes = [("type", String(type)), ("state", kind.state)]
    if let c = SMSBackupReader.value(a[Call.contactName]), c != "(Unknown)" { attrs.append(("contact_name", c)) }
    return event(
      t, original: original, line: line, kind: .call, from: kind.incoming ? other : owner,
      to: kind.incoming ? state.ownerAlone : [other], text: kind.text, outcome: kind.outcome,
      duration: kind.outcome == .completed || kind.outcome == .voicemail ? duration : 0, attributes: attrs)
  }

  /// An `<mms>` element with its `<parts>` and `<addrs>`; part data is never copied.
  private mutating func mms(line: Int) throws -> Event {
    let a = xml.attributes()
    var texts: [String] = []
    var fromAddress: String? = nil
    var toAddresses: [String] = []
    var attachments = 0
    // SAX gives an empty element's end too: read to this element's end either way.
    do {
      let depth = xml.depth
      while try xml.read() {
        if xml.kind == .endElement && xml.depth == depth && xml.name == "mms" { break }
        guard xml.kind == .element else { continue }
        if xml.name == "part" {
          let p = xml.attributes(skipping: ["data"])
          let ct = SMSBackupReader.value(p, "ct") ?? ""
          if ct == "text/plain", let text = SMSBackupReader.value(p, "text") {
            texts.append(text)
          } else if ct != "application/smil" {
            attachments += 1
          }
        } else if xml.name == "addr" {
          let p = xml.attributes()
          guard let address = SMSBackupReader.value(p, "address") else { continue }
          switch SMSBackupReader.value(p, "type") {
          case "137": fromAddress = address
          case "151", "130", "129": toAddresses.append(address)
          default: continue
          }
        }
      }
    }
    let (t, original): (NormalizedTime, String)
    switch time(date: a["date"], readable: a["readable_date"], seconds: true) {
    case .success(let v): (t, original) = v
    case .failure(let reason): throw reject(reason.text, line: line, a)
    }
    let box = SMSBackupReader.value(a, "msg_box").flatMap { Int($0) } ?? 0
    var text = texts.joined(separator: "\n")
    if attachments > 0 {
      text += (text.isEmpty ? "" : "\n") + "[\(attachments) attachment\(attachments == 1 ? "" : "s")]"
    }
    guard let kind = AndroidCodes.message(box: box) else {
      throw reject(Message.unknownType("mms msg_box", box), line: line, a)
    }
    var attrs: Attributes = [("msg_box", String(box)), ("state", kind.state)]
    if let subject = SMSBackupReader.value(a, "sub") { attrs.append(("subject", subject)) }
    if !kind.outgoing {
      let sender =
        fromAddress ?? SMSBackupReader.value(a, "address")?.split(separator: "~").first.map(String.init) ?? "(unknown)"
      return event(
        t, original: original, line: line, kind: .mms, from: state.party(sender), to: state.ownerAlone, text: text,
        outcome: kind.outcome, attributes: attrs)
    }
    let recipients =
      toAddresses.isEmpty
      ? (SMSBackupReader.value(a, "address") ?? "").split(separator: "~").map(String.init) : toAddresses
    return event(
      t, original: original, line: line, kind: .mms, from: owner, to: recipients.map { state.party($0) }, text: text,
      outcome: kind.outcome, attributes: attrs)
  }
}

private struct Reason: Error {
  var text: Phrase
}

private enum Message {
  static let noDate = Phrase("sms_backup.no_date", "no `date` attribute")
  static func badDate(_ raw: String, _ e: TimeError) -> Phrase { Phrase.badTime("date", raw, e) }
  static func unknownType(_ what: String, _ t: Int) -> Phrase { Phrase.unknownType(what, t) }
  static func surrogatesJoined(_ n: Int) -> Phrase {
    n == 1
      ? Phrase(
        "sms_backup.surrogates_joined.one",
        "1 character written as split UTF-16 surrogate references (&#55357;&#56832;) joined into one")
      : Phrase(
        "sms_backup.surrogates_joined",
        "{n} characters written as split UTF-16 surrogate references (&#55357;&#56832;) joined into one", ["n": "\(n)"])
  }
  static func loneSurrogates(_ n: Int) -> Phrase {
    n == 1
      ? Phrase("sms_backup.lone_surrogates.one", "1 lone surrogate reference replaced with U+FFFD")
      : Phrase("sms_backup.lone_surrogates", "{n} lone surrogate references replaced with U+FFFD", ["n": "\(n)"])
  }
  static func countMismatch(_ declared: Int, _ read: Int) -> Phrase {
    Phrase(
      "sms_backup.count_mismatch", "the file declares {declared} records but {read} were read: truncated or edited?",
      ["declared": "\(declared)", "read": "\(read)"])
  }
}

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

  init(input: SourceInput, context: ReaderContext, format: String) throws {
    do {
      xml = try XMLStreamReader(path: input.url, skipAttachmentData: true)
    } catch let e as XMLStreamReader.ParseError {
      throw SourceError.malformed(path: input.displayPath, line: e.line, column: e.column, reason: e.message)
    }
    state = ReaderState(input: input, context: context, format: format)
  }

  var warnings: [Diagnostic] { state.warnings }

  private var owner: Party {
    state.context.owner.map { Party(person: $0, raw: $0) } ?? Party(person: nil, raw: "(device owner)")
  }

  mutating func next() throws -> ReaderItem? {
    guard !finished else { return nil }
    do {
      while try xml.read() {
        guard xml.kind == .element else { continue }
        switch xml.name {
        case "smses", "calls":
          if let c = xml.attributes()["count"] { declaredCount = Int(c) }
        case "sms":
          state.records += 1
          return sms(xml.attributes(named: SMSBackupReader.smsAttributes), line: xml.line)
        case "call":
          state.records += 1
          return call(xml.attributes(named: SMSBackupReader.callAttributes), line: xml.line)
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

  /// The attributes read; the others (vendor columns, service centre, flags) are never copied.
  static let smsAttributes = ["address", "date", "type", "body", "readable_date", "contact_name"]
  static let callAttributes = ["number", "duration", "date", "type", "presentation", "readable_date", "contact_name"]

  /// Message boxes (SMS `type`, MMS `msg_box`) and call types, as words.
  static let smsStates = [1: "received", 2: "sent", 3: "draft", 4: "outbox", 5: "failed", 6: "queued"]
  static let callStates = [
    1: "incoming", 2: "outgoing", 3: "missed", 4: "voicemail", 5: "rejected", 6: "blocked", 7: "answered elsewhere",
  ]

  /// An attribute, with the literal `null` read as absent.
  private static func value(_ a: [String: String], _ k: String) -> String? {
    guard let v = a[k], v != "null" else { return nil }
    return v
  }

  private mutating func time(_ a: [String: String], line: Int, seconds: Bool = false) -> Result<
    (NormalizedTime, String), Reason
  > {
    guard let raw = SMSBackupReader.value(a, "date"), let v = Int64(raw) else {
      return .failure(Reason(text: Message.noDate))
    }
    // MMS dates may be seconds (10 digits) rather than milliseconds (13).
    let unit: EpochUnit = seconds && raw.count <= 11 ? .seconds : .milliseconds
    switch state.context.clock.normalize(epoch: v, unit: unit) {
    case .success(let t):
      var original = raw
      if let readable = SMSBackupReader.value(a, "readable_date") { original += " (readable_date \(readable))" }
      return .success((t, original))
    case .failure(let e): return .failure(Reason(text: Message.badDate(raw, e)))
    }
  }

  private func reject(_ reason: String, line: Int, _ a: [String: String]) -> ReaderItem {
    let excerpt = ["address", "number", "date", "type"].compactMap { k in a[k].map { "\(k)=\($0)" } }.joined(
      separator: " ")
    return state.reject(reason, line: line, excerpt: excerpt)
  }

  private func event(
    _ t: NormalizedTime, original: String, line: Int, kind: EventKind, from: Party, to: [Party], text: String,
    outcome: Outcome?, duration: Int? = nil, attributes: [(key: String, value: String)]
  ) -> ReaderItem {
    state.event(
      t, line: line, originalTime: original, kind: kind, from: from, to: to, text: text, outcome: outcome,
      duration: duration, attributes: attributes)
  }

  private mutating func sms(_ a: [String: String], line: Int) -> ReaderItem {
    let (t, original): (NormalizedTime, String)
    switch time(a, line: line) {
    case .success(let v): (t, original) = v
    case .failure(let reason): return reject(reason.text, line: line, a)
    }
    let address = SMSBackupReader.value(a, "address") ?? "(unknown)"
    let other = state.party(address)
    let type = SMSBackupReader.value(a, "type").flatMap { Int($0) } ?? 0
    let body = SMSBackupReader.value(a, "body") ?? ""
    var attrs: [(key: String, value: String)] = [
      ("type", String(type)), ("state", SMSBackupReader.smsStates[type] ?? "unknown"),
    ]
    if let c = SMSBackupReader.value(a, "contact_name"), c != "(Unknown)" { attrs.append(("contact_name", c)) }
    switch type {
    case 1:
      return event(
        t, original: original, line: line, kind: .sms, from: other, to: [owner], text: body, outcome: .completed,
        attributes: attrs)
    case 2:
      return event(
        t, original: original, line: line, kind: .sms, from: owner, to: [other], text: body, outcome: .completed,
        attributes: attrs)
    case 3:
      return event(
        t, original: original, line: line, kind: .sms, from: owner, to: [other], text: body, outcome: .draft,
        attributes: attrs)
    case 4, 6:
      return event(
        t, original: original, line: line, kind: .sms, from: owner, to: [other], text: body, outcome: .queued,
        attributes: attrs)
    case 5:
      return event(
        t, original: original, line: line, kind: .sms, from: owner, to: [other], text: body, outcome: .failed,
        attributes: attrs)
    default: return reject(Message.unknownType("sms", type), line: line, a)
    }
  }

  private mutating func call(_ a: [String: String], line: Int) -> ReaderItem {
    let (t, original): (NormalizedTime, String)
    switch time(a, line: line) {
    case .success(let v): (t, original) = v
    case .failure(let reason): return reject(reason.text, line: line, a)
    }
    let number = SMSBackupReader.value(a, "number") ?? ""
    let presentation = SMSBackupReader.value(a, "presentation").flatMap { Int($0) } ?? 1
    let hidden = number.isEmpty || number == "-1" || number == "-2" || presentation == 2 || presentation == 3
    let other = hidden ? Party(person: nil, raw: "(withheld)") : state.party(number)
    let duration = SMSBackupReader.value(a, "duration").flatMap { Int($0) } ?? 0
    let type = SMSBackupReader.value(a, "type").flatMap { Int($0) } ?? 0
    var attrs: [(key: String, value: String)] = [
      ("type", String(type)), ("state", SMSBackupReader.callStates[type] ?? "unknown"),
    ]
    if let c = SMSBackupReader.value(a, "contact_name"), c != "(Unknown)" { attrs.append(("contact_name", c)) }
    let length =
      duration > 0 ? ", " + SignedDuration.describe(microseconds: Int64(duration) * 1_000_000, signed: false) : ""
    switch type {
    case 1, 7:
      return event(
        t, original: original, line: line, kind: .call, from: other, to: [owner],
        text: (type == 7 ? "answered on another device" : "answered") + length,
        outcome: .completed, duration: duration, attributes: attrs)
    case 2:
      let outcome: Outcome = duration > 0 ? .completed : .unanswered
      return event(
        t, original: original, line: line, kind: .call, from: owner, to: [other],
        text: duration > 0 ? "answered" + length : "not connected", outcome: outcome,
        duration: duration, attributes: attrs)
    case 3:
      return event(
        t, original: original, line: line, kind: .call, from: other, to: [owner], text: "missed",
        outcome: .missed, duration: 0, attributes: attrs)
    case 4:
      return event(
        t, original: original, line: line, kind: .call, from: other, to: [owner],
        text: "voicemail" + length, outcome: .voicemail, duration: duration, attributes: attrs)
    case 5:
      return event(
        t, original: original, line: line, kind: .call, from: other, to: [owner], text: "rejected",
        outcome: .rejected, duration: 0, attributes: attrs)
    case 6:
      return event(
        t, original: original, line: line, kind: .call, from: other, to: [owner], text: "blocked",
        outcome: .blocked, duration: 0, attributes: attrs)
    default:
      return reject(Message.unknownType("call", type), line: line, a)
    }
  }

  /// An `<mms>` element with its `<parts>` and `<addrs>`; part data is never copied.
  private mutating func mms(line: Int) throws -> ReaderItem {
    let a = xml.attributes()
    var texts: [String] = []
    var fromAddress: String? = nil
    var toAddresses: [String] = []
    var attachments = 0
    if !xml.isEmptyElement {
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
    switch time(a, line: line, seconds: true) {
    case .success(let v): (t, original) = v
    case .failure(let reason): return reject(reason.text, line: line, a)
    }
    let box = SMSBackupReader.value(a, "msg_box").flatMap { Int($0) } ?? 0
    var text = texts.joined(separator: "\n")
    if attachments > 0 {
      text += (text.isEmpty ? "" : "\n") + "[\(attachments) attachment\(attachments == 1 ? "" : "s")]"
    }
    let attrs: [(key: String, value: String)] = [
      ("msg_box", String(box)), ("state", SMSBackupReader.smsStates[box] ?? "unknown"),
    ]
    if box == 1 {
      let sender =
        fromAddress ?? SMSBackupReader.value(a, "address")?.split(separator: "~").first.map(String.init) ?? "(unknown)"
      return event(
        t, original: original, line: line, kind: .mms, from: state.party(sender), to: [owner],
        text: text,
        outcome: .completed, attributes: attrs)
    }
    let recipients =
      toAddresses.isEmpty
      ? (SMSBackupReader.value(a, "address") ?? "").split(separator: "~").map(String.init) : toAddresses
    let outcome: Outcome
    switch box {
    case 2: outcome = .completed
    case 3: outcome = .draft
    case 4: outcome = .queued
    case 5: outcome = .failed
    default: return reject(Message.unknownType("mms msg_box", box), line: line, a)
    }
    return event(
      t, original: original, line: line, kind: .mms, from: owner,
      to: recipients.map { state.party($0) },
      text: text, outcome: outcome, attributes: attrs)
  }
}

private struct Reason: Error {
  var text: String
}

private enum Message {
  static let noDate = "no `date` attribute"
  static func badDate(_ raw: String, _ e: TimeError) -> String { "date '\(raw)': \(e)" }
  static func unknownType(_ what: String, _ t: Int) -> String { "unknown \(what) type \(t)" }
  static func surrogatesJoined(_ n: Int) -> String {
    "\(n) character\(n == 1 ? "" : "s") written as split UTF-16 surrogate references (&#55357;&#56832;) joined into one"
  }
  static func loneSurrogates(_ n: Int) -> String {
    "\(n) lone surrogate reference\(n == 1 ? "" : "s") replaced with U+FFFD"
  }
  static func countMismatch(_ declared: Int, _ read: Int) -> String {
    "the file declares \(declared) records but \(read) were read: truncated or edited?"
  }
}

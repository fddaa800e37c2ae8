import StorylineCore

/// Reads an access log line by line. Each line is one request: the client, the time in
/// brackets (with its offset), the request, the status and size, and in the combined forms the
/// referrer and user agent; a leading `vhost:port` is kept. Server errors (5xx) are `error`,
/// client errors (4xx) `warning`, the rest `info`. A line that does not have this shape — a
/// truncated one, say — is a rejected record.
struct AccessLogReader: EvidenceReader {
  private let lines: LineReader
  private var state: ReaderState

  init(input: SourceInput, context: ReaderContext, format: String) throws {
    lines = try LineReader(path: input.url)
    state = ReaderState(input: input, context: context, format: format)
  }

  var warnings: [Diagnostic] { state.warnings }

  struct Request {
    var vhost: String?
    var client: String
    var user: String?
    var stamp: String
    var request: String
    var status: Int
    var bytes: String
    var referrer: String?
    var agent: String?
  }

  static func parse(_ line: String) -> Request? {
    guard let open = line.range(of: " ["), let close = line.range(of: "] \"", range: open.upperBound..<line.endIndex)
    else {
      return nil
    }
    let head = line[..<open.lowerBound].split(separator: " ")
    guard head.count == 3 || head.count == 4 else { return nil }
    let vhost = head.count == 4 ? String(head[0]) : nil
    let (client, user) = (String(head[head.count - 3]), head[head.count - 1])
    let stamp = String(line[open.upperBound..<close.lowerBound])
    // The request runs to the quote before " status bytes"; requests may hold raw quotes.
    let afterRequest = line[close.upperBound...]
    var end: String.Index? = nil
    var search = afterRequest.startIndex
    while let q = afterRequest.range(of: "\" ", range: search..<afterRequest.endIndex) {
      let digits = afterRequest[q.upperBound...].prefix(3)
      if digits.count == 3, digits.allSatisfy(\.isNumber) {
        end = q.lowerBound
        break
      }
      search = q.upperBound
    }
    guard let end else { return nil }
    let request = String(afterRequest[..<end])
    let tail = afterRequest[afterRequest.index(end, offsetBy: 2)...].split(separator: " ", maxSplits: 2)
    guard tail.count >= 2, let status = Int(tail[0]), tail[1] == "-" || tail[1].allSatisfy(\.isNumber) else {
      return nil
    }
    var referrer: String? = nil
    var agent: String? = nil
    if tail.count == 3 {
      // Combined: "referrer" "user agent", both quoted and closed.
      let rest = tail[2].trimmingCharacters(in: .whitespaces)
      guard rest.hasPrefix("\""), rest.hasSuffix("\""), rest.count >= 2,
        let middle = rest.range(of: "\" \"")
      else { return nil }
      referrer = String(rest[rest.index(after: rest.startIndex)..<middle.lowerBound])
      agent = String(rest[middle.upperBound..<rest.index(before: rest.endIndex)])
    }
    return Request(
      vhost: vhost, client: client, user: user == "-" ? nil : String(user), stamp: stamp, request: request,
      status: status,
      bytes: String(tail[1]), referrer: referrer, agent: agent)
  }

  mutating func next() throws -> ReaderItem? {
    while let l = lines.next() {
      let text = String(decoding: l, as: UTF8.self)
      if text.trimmingSpaces.isEmpty { continue }
      state.records += 1
      let line = lines.lineNumber
      guard let r = AccessLogReader.parse(text) else {
        return state.reject(Message.notARequest, line: line, excerpt: String(text.prefix(80)))
      }
      let time: NormalizedTime
      switch state.context.clock.normalize(r.stamp, line: line) {
      case .success(let t): time = t
      case .failure(let e):
        return state.reject(Message.badTime(r.stamp, e), line: line, excerpt: String(text.prefix(80)))
      }
      var attributes: [(key: String, value: String)] = [
        ("client", r.client), ("status", String(r.status)), ("bytes", r.bytes),
      ]
      if let v = r.vhost { attributes.append(("vhost", v)) }
      if let u = r.user { attributes.append(("user", u)) }
      if let ref = r.referrer { attributes.append(("referrer", ref)) }
      if let a = r.agent { attributes.append(("user_agent", a)) }
      let severity: Severity = r.status >= 500 ? .error : (r.status >= 400 ? .warning : .info)
      return state.event(
        time, line: line, originalTime: r.stamp, kind: .log, from: Party(person: nil, raw: r.client),
        text: "\(r.request) \(r.status)", severity: severity, attributes: attributes)
    }
    return nil
  }
}

extension AccessLogReader {
  /// The rejection reason `storyline merge` shares.
  static let notARequest = Message.notARequest
}

private enum Message {
  static let notARequest = "not an access-log line (host ident user [time] \"request\" status bytes)"
  static func badTime(_ t: String, _ e: TimeError) -> String { "timestamp '\(t)': \(e)" }
}

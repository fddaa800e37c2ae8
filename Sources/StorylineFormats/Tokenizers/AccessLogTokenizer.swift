import StorylineCore

/// Reads an access log line by line (Common and Combined Log Format, formats.md §8.1). Each
/// line is one request: the client, the time in brackets (with its offset), the request, the
/// status and size, and in the combined forms the referrer and user agent; a leading
/// `vhost:port` is kept. Server errors (5xx) are `error`, client errors (4xx) `warning`, the
/// rest `info`. A line that does not have this shape — a truncated one, say — is rejected.
public struct AccessLogTokenizer: LogTokenizer {
  /// Nothing beyond the time and severity: the event re-reads the line (``parse(_:)``), so the
  /// hot path of `merge` carries no more than it needs.
  public struct Fields {}

  /// Where a request's parts are.
  struct Request {
    var vhost: Range<Int>?
    var client: Range<Int>
    var user: Range<Int>?
    var stamp: Range<Int>
    var request: Range<Int>
    var status: Int
    var bytes: Range<Int>
    var referrer: Range<Int>?
    var agent: Range<Int>?
  }

  public static var multiline: Bool { false }
  public var clock: SourceClock

  public mutating func token(_ p: UnsafeBufferPointer<UInt8>, number: Int) -> LineToken<Fields> {
    if p.isBlank { return .continuation }
    guard let f = AccessLogTokenizer.parse(p) else { return .rejected(Message.notARequest) }
    let severity: Severity = f.status >= 500 ? .error : (f.status >= 400 ? .warning : .info)
    return record(
      clock.normalize(UnsafeBufferPointer(rebasing: p[f.stamp]), line: number), severity: severity, fields: Fields()
    ) { Message.badTime(p.text(f.stamp), $0) }
  }

  public mutating func event(_ head: RecordHead<Fields>, record r: UnsafeBufferPointer<UInt8>, line: Int)
    -> LogEventParts
  {
    // The token accepted this line: it parses.
    guard let f = AccessLogTokenizer.parse(r) else { return LogEventParts(originalTime: "", from: nil, text: "") }
    let client = r.text(f.client)
    var attributes = Attributes(capacity: 7)
    attributes.append("client", client)
    attributes.append("status", String(f.status))
    attributes.append("bytes", r.text(f.bytes))
    if let v = f.vhost { attributes.append("vhost", r.text(v)) }
    if let u = f.user { attributes.append("user", r.text(u)) }
    if let ref = f.referrer { attributes.append("referrer", r.text(ref)) }
    if let a = f.agent { attributes.append("user_agent", r.text(a)) }
    return LogEventParts(
      originalTime: r.text(f.stamp), from: client, text: "\(r.text(f.request)) \(f.status)", attributes: attributes)
  }

  /// Splits a line; nil when it is not a whole request.
  static func parse(_ p: UnsafeBufferPointer<UInt8>) -> Request? {
    let n = p.count
    func digit(_ k: Int) -> Bool { k < n && TimestampBytes.isDigit(p[k]) }
    // `host ident user [time] "request" status bytes …`
    var open = 0
    while open + 1 < n && !(p[open] == 0x20 && p[open + 1] == 0x5B) { open += 1 }
    guard open + 1 < n else { return nil }
    var close = open + 2
    while close + 2 < n && !(p[close] == 0x5D && p[close + 1] == 0x20 && p[close + 2] == 0x22) { close += 1 }
    guard close + 2 < n else { return nil }
    // `host ident user` or `vhost host ident user`: three or four words before the time.
    var words = (0..<0, 0..<0, 0..<0, 0..<0)
    var wordCount = 0
    var k = 0
    while k < open {
      while k < open && p[k] == 0x20 { k += 1 }
      guard k < open else { break }
      let s = k
      while k < open && p[k] != 0x20 { k += 1 }
      switch wordCount {
      case 0: words.0 = s..<k
      case 1: words.1 = s..<k
      case 2: words.2 = s..<k
      case 3: words.3 = s..<k
      default: return nil
      }
      wordCount += 1
    }
    guard wordCount == 3 || wordCount == 4 else { return nil }
    let (vhost, client, user) = wordCount == 4 ? (words.0, words.1, words.3) : (nil, words.0, words.2)
    // The request runs to the quote before " status"; requests may hold raw quotes.
    let requestStart = close + 3
    var end = requestStart
    while end + 4 < n && !(p[end] == 0x22 && p[end + 1] == 0x20 && digit(end + 2) && digit(end + 3) && digit(end + 4)) {
      end += 1
    }
    guard end + 4 < n else { return nil }
    // `status bytes [rest]`, separated by runs of spaces.
    guard let statusWord = p.word(from: end + 2), let bytes = p.word(from: statusWord.upperBound),
      statusWord.count <= 18, statusWord.allSatisfy({ TimestampBytes.isDigit(p[$0]) })
    else { return nil }
    k = bytes.upperBound
    guard (bytes.count == 1 && p[bytes.lowerBound] == 0x2D) || bytes.allSatisfy({ TimestampBytes.isDigit(p[$0]) })
    else { return nil }
    let status = statusWord.reduce(0) { $0 * 10 + Int(p[$1] - 48) }
    var f = Request(
      vhost: vhost, client: client,
      user: user.count == 1 && p[user.lowerBound] == 0x2D ? nil : user, stamp: (open + 2)..<close,
      request: requestStart..<end, status: status, bytes: bytes, referrer: nil, agent: nil)
    // Combined: "referrer" "user agent", both quoted and closed.
    var rs = k
    while rs < n && (p[rs] == 0x20 || p[rs] == 0x09) { rs += 1 }
    var re = n
    while re > rs && (p[re - 1] == 0x20 || p[re - 1] == 0x09) { re -= 1 }
    if rs < re {
      guard re - rs >= 2, p[rs] == 0x22, p[re - 1] == 0x22 else { return nil }
      // The agent's opening quote (m + 2) is not the line's last (re - 1): `"a" "` is not two fields.
      var m = rs + 1
      while m + 2 < re - 1 && !(p[m] == 0x22 && p[m + 1] == 0x20 && p[m + 2] == 0x22) { m += 1 }
      guard m + 2 < re - 1 else { return nil }
      f.referrer = (rs + 1)..<m
      f.agent = (m + 3)..<(re - 1)
    }
    return f
  }
}

private enum Message {
  static let notARequest = Phrase(
    "access_log.not_a_request", "not an access-log line (host ident user [time] \"request\" status bytes)")
  static func badTime(_ t: String, _ e: TimeError) -> Phrase { Phrase.badTimestamp(t, e) }
}

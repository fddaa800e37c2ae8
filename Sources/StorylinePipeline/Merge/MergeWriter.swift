import StorylineCore
import StorylineFormats

/// Writes merged records to a sink through a 1 MiB buffer. The time prefix is rebuilt only
/// when the second changes; the rest is byte copies.
struct MergeWriter: ~Copyable {
  private var out = OutputBuffer()
  private var sink: any ByteSink
  private let zone: ZoneRules
  private let format: MergeOptions.Output
  private let labels: [[UInt8]]
  private let jsonLabels: [[UInt8]]
  /// The first write failure; later writes are not tried.
  private(set) var failure: Error? = nil

  init(sink: any ByteSink, zone: ZoneRules, format: MergeOptions.Output, labels: [String]) {
    self.sink = sink
    self.zone = zone
    self.format = format
    self.labels = labels.map { Array($0.utf8) }
    self.jsonLabels = labels.map { Array(JSONText.quoted($0).utf8) }
  }

  private static let openTime = Array(#"{"time":""#.utf8)
  private static let sourceKey = Array(#"","source":"#.utf8)
  private static let lineKey = Array(#","line":"#.utf8)
  private static let severityKey = Array(#","severity":"#.utf8)
  private static let textKey = Array(#","text":"#.utf8)
  private static let null = Array("null".utf8)
  private static let close = Array("}\n".utf8)
  private static let severityNames: [[UInt8]] = Severity.allCases.map { Array($0.rawValue.utf8) }

  /// The offset in force and the UTC second range it holds for (from the zone's rules).
  private var offsetSeconds = 0
  private var offsetValid: Range<Int64> = 0..<0
  private var cachedDay: Int64 = .min
  private var dayText: [UInt8] = []  // `2008-09-22T`
  private var offsetText: [UInt8] = []  // `+08:00` or `Z`

  private mutating func time(_ micros: Int64) {
    let second = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
    if !offsetValid.contains(second) {
      (offsetSeconds, offsetValid) = zone.offsetSpan(atUTC: second)
      offsetText = Array((zone.identifier == "UTC" ? "Z" : TimestampFormatter.offset(offsetSeconds)).utf8)
      cachedDay = .min
    }
    let local = second + Int64(offsetSeconds)
    let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    if day != cachedDay {
      cachedDay = day
      dayText = Array((CivilDate(daysSinceEpoch: day).description + "T").utf8)
    }
    dayText.withUnsafeBufferPointer { out += $0 }
    let sod = Int(local - day * 86_400)
    appendDigits(sod / 3600, 2)
    out.append(0x3A)
    appendDigits(sod / 60 % 60, 2)
    out.append(0x3A)
    appendDigits(sod % 60, 2)
    let sub = Int(micros - second * 1_000_000)
    out.append(0x2E)
    if sub % 1000 == 0 {
      appendDigits(sub / 1000, 3)
    } else {
      appendDigits(sub, 6)
    }
    offsetText.withUnsafeBufferPointer { out += $0 }
  }

  /// `v` zero-padded to `width` digits, written from the right into the buffer.
  private mutating func appendDigits(_ v: Int, _ width: Int) {
    out.reserve(width)
    var v = v
    var k = width - 1
    let p = out.base + out.count
    while k >= 0 {
      p[k] = UInt8(truncatingIfNeeded: 48 + v % 10)
      v /= 10
      k -= 1
    }
    out.count += width
  }

  mutating func write(_ r: RecordBatch.Record, source: Int, bytes: UnsafeBufferPointer<UInt8>) {
    switch format {
    case .text:
      time(r.time)
      out.append(0x20)
      out += labels[source]
      out.append(0x3A)
      appendNumber(Int(r.line))
      out.append(0x20)
      out += UnsafeBufferPointer(rebasing: bytes[Int(r.start)..<Int(r.end)])
      out.append(0x0A)
    case .jsonl:
      out += MergeWriter.openTime
      time(r.time)
      out += MergeWriter.sourceKey
      out += jsonLabels[source]
      out += MergeWriter.lineKey
      appendNumber(Int(r.line))
      out += MergeWriter.severityKey
      if r.severity >= 0 {
        out.append(0x22)
        out += MergeWriter.severityNames[Int(r.severity)]
        out.append(0x22)
      } else {
        out += MergeWriter.null
      }
      out += MergeWriter.textKey
      appendJSONString(UnsafeBufferPointer(rebasing: bytes[Int(r.start)..<Int(r.end)]))
      out += MergeWriter.close
    }
    if out.count >= 1 << 20 { flush() }
  }

  private mutating func appendNumber(_ n: Int) {
    if n == 0 {
      out.append(0x30)
      return
    }
    var digits = 0
    var v = n
    while v > 0 {
      digits += 1
      v /= 10
    }
    appendDigits(n, digits)
  }

  /// A JSON string, quoted as every JSON writer quotes (``JSONText``); invalid UTF-8 replaced
  /// first.
  private mutating func appendJSONString(_ p: UnsafeBufferPointer<UInt8>) {
    guard p.contains(where: { $0 >= 0x80 }) else { return appendQuoted(p) }
    var text = String(decoding: p, as: UTF8.self)
    text.withUTF8 { appendQuoted($0) }
  }

  private mutating func appendQuoted(_ p: UnsafeBufferPointer<UInt8>) {
    let room = JSONText.room(p.count)
    out.reserve(room)
    var c = ByteCursor(UnsafeMutableBufferPointer(start: out.base + out.count, count: room))
    JSONText.quote(p, to: &c)
    out.count += c.count
  }

  mutating func flush() {
    guard out.count > 0 else { return }
    if failure == nil {
      do {
        try sink.write(UnsafeRawBufferPointer(start: out.base, count: out.count))
      } catch {
        failure = error
      }
    }
    out.count = 0
  }
}

/// A growable byte buffer without reference counting on the hot path; it owns its memory.
struct OutputBuffer: ~Copyable {
  private(set) var base: UnsafeMutablePointer<UInt8>
  private(set) var capacity: Int
  var count = 0

  init() {
    capacity = 2 << 20
    base = .allocate(capacity: capacity)
  }

  deinit { base.deallocate() }

  /// Makes room for `n` more bytes.
  mutating func reserve(_ n: Int) {
    guard count + n > capacity else { return }
    var c = capacity
    while count + n > c { c *= 2 }
    let b = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
    b.update(from: base, count: count)
    base.deallocate()
    base = b
    capacity = c
  }

  @inline(__always) mutating func append(_ b: UInt8) {
    if count == capacity { reserve(1) }
    base[count] = b
    count += 1
  }

  static func += (o: inout OutputBuffer, bytes: UnsafeBufferPointer<UInt8>) {
    o.reserve(bytes.count)
    if let src = bytes.baseAddress { (o.base + o.count).update(from: src, count: bytes.count) }
    o.count += bytes.count
  }

  static func += (o: inout OutputBuffer, bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { o += $0 }
  }
}

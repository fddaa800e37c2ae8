/// Empties the `data` attribute of `<part>` elements in a byte stream (`data="…20 MB of
/// base64…"` becomes `data=""`), before the XML parser sees it: MMS attachments are never
/// decoded or held, memory stays flat, and libxml2 is spared start tags of many megabytes (its
/// push parser rescans a tag each time more of it arrives: quadratic).
///
/// A state machine over bytes that keeps its state between chunks; it only acts inside a
/// `<part` start tag, outside quoted values, so text that merely contains `data="` is untouched.
struct AttachmentDataSkipper {
  private enum State {
    case text
    /// After `<`: matching `part` (how many bytes matched so far).
    case tagName(Int)
    /// Inside a `<part` tag; `quote` is the open quote, 0 outside values; `name` the last
    /// attribute-name bytes seen (to recognise `data=`).
    case inPart(quote: UInt8, name: UInt32)
    /// After `data=`, waiting for the opening quote.
    case beforeValue
    /// Skipping the value until `quote`.
    case skipping(quote: UInt8)
  }

  private var state = State.text
  /// Attachment bytes left out so far.
  private(set) var skippedBytes: Int64 = 0
  private static let part: [UInt8] = Array("part".utf8)
  private static let dataEquals: UInt32 = 0x6461_7461  // "data" in the last four name bytes

  /// The chunk with attachment data left out.
  mutating func process(_ chunk: UnsafeBufferPointer<UInt8>) -> [UInt8] { skipping(chunk) ?? Array(chunk) }

  /// The chunk with attachment data left out; nil when none of it was (the chunk as it is: most
  /// chunks of a backup hold no attachment data, and are not copied).
  mutating func skipping(_ chunk: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    var out: [UInt8]? = nil
    // The bytes from `kept` on are kept; they are copied out only once a value is skipped.
    var kept = 0
    var i = 0
    let n = chunk.count
    while i < n {
      let b = chunk[i]
      switch state {
      case .text:
        // Fast path: on to the next '<'.
        i = Bytes.index(of: 0x3C, in: chunk, from: i)
        if i < n {
          state = .tagName(0)
          i += 1
        }
        continue
      case .tagName(let k):
        if k < 4 && b == AttachmentDataSkipper.part[k] {
          state = .tagName(k + 1)
        } else if k == 4 && (b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D) {
          state = .inPart(quote: 0, name: 0)
        } else if b == 0x3C {
          state = .tagName(0)
        } else {
          state = .text
        }
      case .inPart(let quote, let name):
        if quote != 0 {
          if b == quote { state = .inPart(quote: 0, name: 0) }
        } else if b == 0x22 || b == 0x27 {
          state = .inPart(quote: b, name: 0)
        } else if b == 0x3E {
          state = .text
        } else if b == 0x3D {  // '='
          state = name == AttachmentDataSkipper.dataEquals ? .beforeValue : .inPart(quote: 0, name: 0)
        } else if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
          state = .inPart(quote: 0, name: 0)
        } else {
          state = .inPart(quote: 0, name: name << 8 | UInt32(b))
        }
      case .beforeValue:
        if b == 0x22 || b == 0x27 {
          state = .skipping(quote: b)
        } else if b != 0x20 && b != 0x09 {
          state = .inPart(quote: 0, name: 0)
        }
      case .skipping(let quote):
        let next = Bytes.index(of: quote, in: chunk, from: i)
        if next > i {
          if out == nil {
            out = []
            out!.reserveCapacity(n - (next - i))
          }
          out!.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[kept..<i]))
          kept = next
          skippedBytes += Int64(next - i)
        }
        i = next
        if i < n {
          state = .inPart(quote: 0, name: 0)
          i += 1
        }
        continue
      }
      i += 1
    }
    out?.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[kept..<n]))
    return out
  }
}

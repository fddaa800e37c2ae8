/// Empties the `data` attribute of `<part>` elements in a byte stream (`data="…20 MB of
/// base64…"` becomes `data=""`), before the XML parser sees it: MMS attachments are never
/// decoded or held, memory stays flat, and libxml2 is spared start tags of many megabytes (its
/// push parser rescans a tag each time more of it arrives: quadratic).
///
/// A state machine over bytes that keeps its state between chunks. It reads the markup as XML
/// does, so that it only acts inside a `<part` start tag, outside quoted values: comments,
/// CDATA sections, processing instructions and a document type declaration (its quoted
/// literals, its internal subset) are passed over whole. Text that merely contains
/// `<part data="` there is untouched — were it emptied, the bytes up to the next quote, records
/// among them, would vanish from what the parser sees.
struct AttachmentDataSkipper {
  private enum State {
    case text
    /// After `<`: matching `part` (how many bytes matched so far).
    case tagName(Int)
    /// After `<!`: `-` (a comment's start, one dash seen) or `[` (a CDATA section's) or other.
    case bang(UInt8)
    /// After `<![`: how many bytes of `CDATA[` matched.
    case cdataStart(Int)
    /// Inside a comment (`-->` ends it), a CDATA section (`]]>`) or a processing instruction
    /// (`?>`): `closer` is the byte repeated before the `>` (`-`, `]`, `?`), `needed` how many
    /// times, `seen` how many of them came last.
    case passing(closer: UInt8, needed: Int, seen: Int)
    /// Inside a declaration (`<!DOCTYPE …>`), outside its nested comments: `quote` the open
    /// literal's, 0 outside one.
    case declaration(quote: UInt8)
    /// Inside a `<part` tag; `quote` is the open quote, 0 outside values; `name` the last
    /// attribute name's bytes (see ``Name``).
    case inPart(quote: UInt8, name: UInt64)
    /// After `data=`, waiting for the opening quote.
    case beforeValue
    /// Skipping the value until `quote`.
    case skipping(quote: UInt8)
  }

  private var state = State.text
  /// How deep in a declaration's brackets (`[` of the internal subset) markup is: nil outside
  /// a declaration. A comment or processing instruction inside one goes back to it.
  private var declarationDepth: Int? = nil
  /// Attachment bytes left out so far.
  private(set) var skippedBytes: Int64 = 0
  private static let part: [UInt8] = Array("part".utf8)
  private static let cdata: [UInt8] = Array("CDATA[".utf8)

  /// An attribute name's last five bytes, and whether whitespace came after it (the top bit):
  /// `data` exactly is its four bytes with a zero fifth, so `metadata=` is not it.
  private enum Name {
    static let data: UInt64 = 0x64_6174_61
    static let ended: UInt64 = 1 << 63
    static let mask: UInt64 = 0xFF_FFFF_FFFF
    static func adding(_ b: UInt8, to name: UInt64) -> UInt64 {
      name & ended != 0 ? UInt64(b) : (name << 8 | UInt64(b)) & mask
    }
  }

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
        if k < 4 && declarationDepth == nil && b == AttachmentDataSkipper.part[k] {
          state = .tagName(k + 1)
        } else if k == 4 && Self.isSpace(b) {
          state = .inPart(quote: 0, name: 0)
        } else if k == 0 && b == 0x21 {  // "<!"
          state = .bang(0)
        } else if k == 0 && b == 0x3F {  // "<?"
          state = .passing(closer: 0x3F, needed: 1, seen: 0)
        } else {
          state = afterMarkup
          // `<` again, or the `>` of `<>` or of the subset's `<…>`: read by the state it left.
          continue
        }
      case .bang(let first):
        if first == 0 && (b == 0x2D || b == 0x5B) {  // "<!-", "<!["
          state = b == 0x2D ? .bang(b) : .cdataStart(0)
        } else if first == 0x2D && b == 0x2D {  // "<!--"
          state = .passing(closer: 0x2D, needed: 2, seen: 0)
        } else {
          // A declaration (`<!DOCTYPE`, or one of its subset's): its literals are passed over.
          if declarationDepth == nil { declarationDepth = 0 }
          state = .declaration(quote: 0)
          continue
        }
      case .cdataStart(let k):
        if b == AttachmentDataSkipper.cdata[k] {
          state =
            k + 1 == AttachmentDataSkipper.cdata.count ? .passing(closer: 0x5D, needed: 2, seen: 0) : .cdataStart(k + 1)
        } else {
          if declarationDepth == nil { declarationDepth = 0 }
          state = .declaration(quote: 0)
          continue
        }
      case .passing(let closer, let needed, let seen):
        if b == 0x3E && seen == needed {
          state = afterMarkup
        } else if b == closer {
          state = .passing(closer: closer, needed: needed, seen: min(seen + 1, needed))
        } else if seen > 0 {
          state = .passing(closer: closer, needed: needed, seen: 0)
        } else {
          // Fast path: on to the next byte that may close it.
          i = Bytes.index(of: closer, in: chunk, from: i)
          continue
        }
      case .declaration(let quote):
        if quote != 0 {
          if b == quote { state = .declaration(quote: 0) }
        } else if b == 0x22 || b == 0x27 {
          state = .declaration(quote: b)
        } else if b == 0x5B {
          declarationDepth! += 1
        } else if b == 0x5D {
          declarationDepth! = max(0, declarationDepth! - 1)
        } else if b == 0x3C && declarationDepth! > 0 {
          state = .tagName(0)
        } else if b == 0x3E && declarationDepth! == 0 {
          declarationDepth = nil
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
          state = name & Name.mask == Name.data ? .beforeValue : .inPart(quote: 0, name: 0)
        } else if Self.isSpace(b) {
          state = .inPart(quote: 0, name: name == 0 ? 0 : name | Name.ended)
        } else {
          state = .inPart(quote: 0, name: Name.adding(b, to: name))
        }
      case .beforeValue:
        if b == 0x22 || b == 0x27 {
          state = .skipping(quote: b)
        } else if !Self.isSpace(b) {
          state = .inPart(quote: 0, name: 0)
          continue
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

  /// Where reading goes on once a comment, CDATA section, processing instruction or other
  /// markup ends: back in the declaration it is part of, else in the text.
  private var afterMarkup: State { declarationDepth.map { _ in .declaration(quote: 0) } ?? .text }

  private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}

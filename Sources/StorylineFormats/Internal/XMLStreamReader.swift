import CLibXML2
import Foundation
import StorylineCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A pull reader over an XML file, one element at a time: libxml2's SAX2 push parser fed in
/// 64 KiB chunks on a thread of its own, its start- and end-element callbacks queued as nodes
/// (no tree is built) and handed over a chunk's worth at a time, so that parsing overlaps what
/// the reader makes of the elements.
///
/// The only place Storyline touches libxml2. Safe settings: no network (`XML_PARSE_NONET`), no
/// entity substitution and no DTD loading (neither `XML_PARSE_NOENT` nor `XML_PARSE_DTDLOAD` is
/// set; the SAX handler declares no entity or DTD callbacks, and a prolog that declares entities
/// is refused before parsing), and `XML_PARSE_HUGE` so that one very large attribute (an MMS
/// video) is not an error. Memory holds a few chunks' elements, not the file. Attributes are
/// copied only when their names are among `keep` (all when nil).
final class XMLStreamReader {
  enum NodeKind { case element, endElement, text, other }

  /// A parse failure with its position.
  struct ParseError: Error {
    var line: Int
    var column: Int
    var message: String
  }

  /// One chunk's element starts and ends as the SAX callbacks gave them, their names and
  /// attributes copied into one byte buffer: the parsing thread allocates once per chunk, and
  /// strings are made on the reading thread, only of the attributes asked for.
  fileprivate struct Batch {
    struct Node {
      var kind: NodeKind
      var depth: Int32
      var line: Int32
      /// The name's bytes, then each attribute's as ``Attribute``s from `firstAttribute`.
      var name: Range<Int>
      var firstAttribute: Int
      var attributes: Int
    }
    struct Attribute {
      var name: Range<Int>
      var value: Range<Int>
    }
    var bytes: [UInt8] = []
    var nodes: [Node] = []
    var attributes: [Attribute] = []

    init() {
      bytes.reserveCapacity(1 << 17)
      nodes.reserveCapacity(512)
      attributes.reserveCapacity(4096)
    }

    mutating func append(_ p: UnsafeBufferPointer<UInt8>) -> Range<Int> {
      let start = bytes.count
      bytes.append(contentsOf: p)
      return start..<bytes.count
    }
  }

  private let parser: Parser
  private let queue = BatchQueue<Batch>(capacity: 4)
  private let ended = DispatchSemaphore(value: 0)
  private var batch = Batch()
  private var next = 0
  private var index = -1
  private var done = false

  /// Attachment bytes left out (with `skipAttachmentData`); read once ``read()`` returned false.
  var skippedAttachmentBytes: Int64 { parser.skipper?.skippedBytes ?? 0 }
  /// Surrogate pairs written as two character references that were joined, and lone halves
  /// replaced; read once ``read()`` returned false.
  var surrogatePairsJoined: Int { parser.repair.pairsJoined }
  var loneSurrogatesReplaced: Int { parser.repair.loneReplaced }

  /// Opens a file and starts parsing it; with `skipAttachmentData`, `<part data="…">` values are
  /// left out on the way in.
  init(path: String, skipAttachmentData: Bool = false, keep: Set<String>? = nil) throws {
    try XMLStreamReader.checkProlog(path: path)
    parser = try Parser(path: path, skipAttachmentData: skipAttachmentData, keep: keep)
    let (parser, queue, ended) = (parser, queue, ended)
    let t = Thread {
      parser.run(into: queue)
      ended.signal()
    }
    t.stackSize = 1 << 20
    t.start()
  }

  deinit {
    queue.cancel()
    ended.wait()
  }

  /// Moves to the next element start or end. False at the end; throws at the first error,
  /// with its position (after every element before it).
  func read() throws -> Bool {
    while next == batch.nodes.count {
      if done { return false }
      guard let b = queue.take() else {
        done = true
        if let error = parser.error { throw error }
        return false
      }
      batch = b
      next = 0
    }
    index = next
    next += 1
    return true
  }

  private var node: Batch.Node { batch.nodes[index] }

  private func text(_ r: Range<Int>) -> String {
    batch.bytes.withUnsafeBufferPointer { String(decoding: $0[r], as: UTF8.self) }
  }

  var kind: NodeKind { node.kind }

  /// The local name of the current node (made on each call: most nodes are never asked).
  var name: String { text(node.name) }

  var depth: Int { Int(node.depth) }

  /// The line of the current node in the file (where its start tag ends).
  var line: Int { Int(node.line) }

  /// The current element's attributes whose names pass `wanted`, in document order.
  private func attributes(where wanted: (UnsafeBufferPointer<UInt8>) -> Bool) -> XMLAttributes {
    let n = node
    var pairs: [(name: String, value: String)] = []
    batch.bytes.withUnsafeBufferPointer { all in
      for k in n.firstAttribute..<n.firstAttribute + n.attributes {
        let a = batch.attributes[k]
        let name = UnsafeBufferPointer(rebasing: all[a.name])
        guard wanted(name) else { continue }
        pairs.append(
          (
            String(decoding: name, as: UTF8.self),
            Self.decodeAmpersands(UnsafeBufferPointer(rebasing: all[a.value]))
          ))
      }
    }
    return XMLAttributes(pairs: pairs)
  }

  /// Attribute names as bytes, made once for the elements they are asked of.
  struct Names {
    let strings: [String]
    let bytes: [[UInt8]]
    init(_ names: [String]) {
      strings = names
      bytes = names.map { Array($0.utf8) }
    }

    /// The position of `name` among them, nil when it is not one of them.
    func index(of name: UnsafeBufferPointer<UInt8>) -> Int? {
      bytes.firstIndex { n in n.count == name.count && n.withUnsafeBufferPointer { Bytes.equal($0, name) } }
    }
  }

  /// The current element's attributes of these names, by their positions among the names (nil
  /// where absent; the first, were one repeated): no name is made or compared as a string.
  func values(named names: Names) -> [String?] {
    let n = node
    var values = [String?](repeating: nil, count: names.strings.count)
    batch.bytes.withUnsafeBufferPointer { all in
      for k in n.firstAttribute..<n.firstAttribute + n.attributes {
        let a = batch.attributes[k]
        guard let j = names.index(of: UnsafeBufferPointer(rebasing: all[a.name])), values[j] == nil else { continue }
        values[j] = Self.decodeAmpersands(UnsafeBufferPointer(rebasing: all[a.value]))
      }
    }
    return values
  }

  /// The current element's attributes, except those named in `skipping` (never copied).
  func attributes(skipping: Set<String> = []) -> XMLAttributes {
    if skipping.isEmpty { return attributes { _ in true } }
    let unwanted = skipping.map { Array($0.utf8) }
    return attributes { !Bytes.contains(unwanted, $0) }
  }

  /// An attribute value as SAX2 gives it without entity substitution: `&amp;` arrives as
  /// `&#38;` (the other references are already decoded).
  private static func decodeAmpersands(_ b: UnsafeBufferPointer<UInt8>) -> String {
    var amp = Bytes.index(of: 0x26, in: b)
    guard amp < b.count else { return String(decoding: b, as: UTF8.self) }
    var out: [UInt8] = []
    out.reserveCapacity(b.count)
    var kept = 0
    // From one '&' to the next: the bytes between are copied at once.
    while amp < b.count {
      if amp + 4 < b.count, b[amp + 1] == 0x23, b[amp + 2] == 0x33, b[amp + 3] == 0x38, b[amp + 4] == 0x3B {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[kept...amp]))
        kept = amp + 5
      }
      amp = Bytes.index(of: 0x26, in: b, from: amp + 1)
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[kept...]))
    return String(decoding: out, as: UTF8.self)
  }
}

/// libxml2's push parser over one file, run on the reader's parsing thread: it feeds the file
/// in chunks (repaired, attachment data left out) and hands each chunk's nodes to the queue.
private final class Parser: @unchecked Sendable {
  private var context: xmlParserCtxtPtr! = nil
  private var handler = xmlSAXHandler()
  /// The first error, read by the reader once the queue has finished.
  private(set) var error: XMLStreamReader.ParseError? = nil
  private let file: UnsafeMutablePointer<FILE>
  private(set) var repair = CharacterReferenceRepair()
  private(set) var skipper: AttachmentDataSkipper?
  private var chunk = [UInt8](repeating: 0, count: 1 << 16)
  private var atEOF = false
  // Only the parsing thread touches these, once the reader has started it.
  @exclusivity(unchecked) private var batch = XMLStreamReader.Batch()
  @exclusivity(unchecked) private var level: Int32 = 0
  /// The attribute names copied, as bytes (nil: every attribute).
  private let keep: [[UInt8]]?
  /// Attribute names met so far and whether they are kept, by the address libxml2 gives them
  /// (see ``kept(_:)``): a direct-mapped table.
  private let names = NameCache()

  init(path: String, skipAttachmentData: Bool, keep: Set<String>?) throws {
    if skipAttachmentData { skipper = AttachmentDataSkipper() }
    self.keep = keep.map { $0.sorted().map { Array($0.utf8) } }
    guard let f = fopen(path, "rb") else {
      throw XMLStreamReader.ParseError(line: 0, column: 0, message: "cannot open the file")
    }
    file = f
    handler.initialized = XML_SAX2_MAGIC
    handler.startElementNs = { ctx, localname, _, _, _, _, count, _, attributes in
      guard let ctx else { return }
      Unmanaged<Parser>.fromOpaque(ctx)._withUnsafeGuaranteedRef { $0.start(localname, count, attributes) }
    }
    handler.endElementNs = { ctx, localname, _, _ in
      guard let ctx else { return }
      Unmanaged<Parser>.fromOpaque(ctx)._withUnsafeGuaranteedRef { $0.end(localname) }
    }
    handler.serror = { ctx, err in
      guard let ctx, let err else { return }
      let me = Unmanaged<Parser>.fromOpaque(ctx).takeUnretainedValue()
      if me.error == nil, err.pointee.level.rawValue >= XML_ERR_ERROR.rawValue {
        let msg = err.pointee.message.map { String(cString: $0) } ?? "XML error"
        me.error = XMLStreamReader.ParseError(
          line: Int(err.pointee.line), column: Int(err.pointee.int2),
          message: msg.trimmingCharacters(in: .whitespacesAndNewlines))
      }
    }
    let me = Unmanaged.passUnretained(self).toOpaque()
    guard let p = xmlCreatePushParserCtxt(&handler, me, nil, 0, path) else {
      fclose(f)
      throw XMLStreamReader.ParseError(line: 0, column: 0, message: "cannot open the file as XML")
    }
    context = p
    xmlCtxtUseOptions(p, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_NOWARNING.rawValue))
  }

  deinit {
    if context != nil { xmlFreeParserCtxt(context) }
    fclose(file)
  }

  /// Parses the file to its end or its first error, each chunk's nodes into `queue`; stops
  /// early when the reader is gone (the queue cancelled).
  func run(into queue: BatchQueue<XMLStreamReader.Batch>) {
    while !atEOF && error == nil {
      feed()
      if batch.nodes.isEmpty { continue }
      guard queue.put(batch) else { return }
      batch = XMLStreamReader.Batch()
    }
    queue.finish()
  }

  private func start(
    _ localname: UnsafePointer<xmlChar>?, _ count: Int32, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
  ) {
    let name = batch.append(Parser.bytes(localname))
    let first = batch.attributes.count
    if let attributes, count > 0 {
      for k in 0..<Int(count) {
        guard let a = attributes[5 * k], let value = attributes[5 * k + 3], let end = attributes[5 * k + 4] else {
          continue
        }
        guard let nameBytes = kept(a) else { continue }
        batch.attributes.append(
          .init(
            name: batch.append(nameBytes), value: batch.append(UnsafeBufferPointer(start: value, count: end - value))))
      }
    }
    batch.nodes.append(
      .init(
        kind: .element, depth: level, line: lineNumber, name: name, firstAttribute: first,
        attributes: batch.attributes.count - first))
    level += 1
  }

  private func end(_ localname: UnsafePointer<xmlChar>?) {
    level -= 1
    let name = batch.append(Parser.bytes(localname))
    batch.nodes.append(
      .init(
        kind: .endElement, depth: level, line: lineNumber, name: name, firstAttribute: batch.attributes.count,
        attributes: 0))
  }

  /// An attribute name's bytes when it is kept, else nil. libxml2 hands every name over from
  /// its parser's dictionary (`xmlDictLookup`), which keeps each name at one address for the
  /// parser's life: a name met before is told by its address, without `strlen` or comparing.
  private func kept(_ name: UnsafePointer<xmlChar>) -> UnsafeBufferPointer<UInt8>? {
    guard let keep else { return Parser.bytes(name) }
    let entry = names.entries + NameCache.slot(of: name)
    if entry.pointee.address == UnsafeRawPointer(name) {
      let n = entry.pointee.length
      return n < 0 ? nil : UnsafeBufferPointer(start: name, count: n)
    }
    let bytes = Parser.bytes(name)
    let isKept = Bytes.contains(keep, bytes)
    entry.pointee = (UnsafeRawPointer(name), isKept ? bytes.count : -1)
    return isKept ? bytes : nil
  }

  /// Names by address (a name's length, -1 when it is not kept), 256 slots, one per address:
  /// a name whose slot another took is looked at again (and takes the slot back).
  final class NameCache {
    let entries = UnsafeMutablePointer<(address: UnsafeRawPointer?, length: Int)>.allocate(capacity: 256)
    init() { entries.initialize(repeating: (nil, -1), count: 256) }
    deinit { entries.deallocate() }

    static func slot(of p: UnsafePointer<xmlChar>) -> Int {
      // Fibonacci hashing: the top 8 bits of the address times 2^64/φ.
      Int(truncatingIfNeeded: (UInt64(UInt(bitPattern: p)) &* 0x9E37_79B9_7F4A_7C15) >> 56)
    }
  }

  private var lineNumber: Int32 { Int32(truncatingIfNeeded: xmlSAX2GetLineNumber(UnsafeMutableRawPointer(context))) }

  private static func bytes(_ p: UnsafePointer<xmlChar>?) -> UnsafeBufferPointer<UInt8> {
    guard let p else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(start: p, count: strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self)))
  }

  /// Feeds libxml2 the next chunk of repaired bytes (the last with `terminate`); a chunk with
  /// nothing to leave out or repair goes to libxml2 as it was read, uncopied.
  private func feed() {
    let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress!, 1, $0.count, file) }
    if n == 0 { atEOF = true }
    chunk.withUnsafeBufferPointer { all in
      let read = UnsafeBufferPointer(rebasing: all[0..<n])
      if let kept = skipper?.skipping(read) {
        kept.withUnsafeBufferPointer { repairAndParse($0) }
      } else {
        repairAndParse(read)
      }
    }
  }

  private func repairAndParse(_ b: UnsafeBufferPointer<UInt8>) {
    if let repaired = repair.repaired(b, final: atEOF) {
      repaired.withUnsafeBufferPointer { parse($0) }
    } else {
      parse(b)
    }
  }

  private func parse(_ b: UnsafeBufferPointer<UInt8>) {
    _ = b.withMemoryRebound(to: CChar.self) {
      xmlParseChunk(context, $0.baseAddress, Int32($0.count), atEOF ? 1 : 0)
    }
  }
}

extension XMLStreamReader {
  /// Refuses a document whose prolog declares entities (the "billion laughs" expansion bomb, and
  /// external entities): evidence exports never declare any. Reads only the prolog, at most 1 MiB,
  /// as XML does: comments, processing instructions and a DOCTYPE's quoted literals are passed
  /// over whole (a `<` in them does not end the prolog), and `<!ENTITY` anywhere else in the
  /// DOCTYPE is refused. (libxml2 is given no entity callbacks either: what this misses is
  /// still not expanded.)
  static func checkProlog(path: String) throws {
    guard let f = fopen(path, "rb") else { return }  // libxml2 reports the open failure
    defer { fclose(f) }
    var buf = [UInt8](repeating: 0, count: 1 << 20)
    let n = buf.withUnsafeMutableBytes { fread($0.baseAddress!, 1, $0.count, f) }
    func starts(_ s: StaticString, at i: Int) -> Bool {
      let k = s.utf8CodeUnitCount
      return i + k <= n && (0..<k).allSatisfy { buf[i + $0] == s.utf8Start[$0] }
    }
    /// Just past the next `end` from `i`, or `n`.
    func past(_ end: StaticString, from i: Int) -> Int {
      var j = i
      while j < n && !starts(end, at: j) { j += 1 }
      return min(n, j + end.utf8CodeUnitCount)
    }
    func position(_ i: Int) -> (line: Int, column: Int) {
      let before = buf[0..<i]
      let line = 1 + before.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
      return (line, i - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1)
    }
    // Inside the DOCTYPE: how deep in its brackets (nil outside it); the open literal's quote.
    var depth: Int? = nil
    var quote: UInt8 = 0
    var i = 0
    while i < n {
      let b = buf[i]
      if quote != 0 {
        if b == quote { quote = 0 }
      } else if b == 0x3C {  // '<'
        if starts("<!--", at: i) {
          i = past("-->", from: i + 4)
          continue
        } else if starts("<?", at: i) {
          i = past("?>", from: i + 2)
          continue
        } else if starts("<!ENTITY", at: i) {
          let (line, column) = position(i)
          throw ParseError(
            line: line, column: column,
            message: "entity declarations are not allowed in evidence XML (refused, not expanded)")
        } else if starts("<!", at: i) {
          if depth == nil { depth = 0 }  // the DOCTYPE, or a declaration of its subset
        } else if depth == nil {
          return  // the root element: the prolog is over
        }
      } else if let d = depth {
        if b == 0x22 || b == 0x27 {
          quote = b
        } else if b == 0x5B {
          depth = d + 1
        } else if b == 0x5D {
          depth = max(0, d - 1)
        } else if b == 0x3E && d == 0 {
          depth = nil
        }
      }
      i += 1
    }
    if n == buf.count {
      let (line, column) = position(n)
      throw ParseError(line: line, column: column, message: "the XML prolog is larger than 1 MiB: refused")
    }
  }
}

// libxml2's HTML parser lives here too, so that this stays the one file that touches the C library.
extension HTMLNode {
  /// Parses an HTML file (broken markup tolerated) with no network access; nil when it cannot be read.
  static func parse(path: String) -> HTMLNode? {
    let options = Int32(
      HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        | HTML_PARSE_NOIMPLIED.rawValue)
    guard let doc = htmlReadFile(path, "UTF-8", options) else { return nil }
    defer { xmlFreeDoc(doc) }
    guard let root = xmlDocGetRootElement(doc) else { return nil }
    return convert(root, depth: 0)
  }

  private static func convert(_ node: xmlNodePtr, depth: Int) -> HTMLNode {
    let name = node.pointee.name.map { String(cString: $0) } ?? ""
    var attributes: [String: String] = [:]
    var a = node.pointee.properties
    while let attr = a {
      let key = attr.pointee.name.map { String(cString: $0) } ?? ""
      if let value = xmlNodeListGetString(node.pointee.doc, attr.pointee.children, 1) {
        attributes[key] = String(cString: value)
        free(value)
      }
      a = attr.pointee.next
    }
    var children: [HTMLNode] = []
    var c = node.pointee.children
    // Deeper than 256 levels is no export's layout: the rest is left out rather than recursed into.
    while let child = c, depth < 256 {
      switch child.pointee.type {
      case XML_ELEMENT_NODE: children.append(convert(child, depth: depth + 1))
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        let text = child.pointee.content.map { String(cString: $0) } ?? ""
        children.append(
          HTMLNode(name: "#text", attributes: [:], children: [], text: text, line: Int(xmlGetLineNo(child))))
      default: break
      }
      c = child.pointee.next
    }
    return HTMLNode(name: name, attributes: attributes, children: children, text: "", line: Int(xmlGetLineNo(node)))
  }
}

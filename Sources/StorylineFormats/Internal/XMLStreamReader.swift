import CLibXML2

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A pull reader over an XML file, one element at a time: libxml2's SAX2 push parser fed in
/// 64 KiB chunks, its start- and end-element callbacks queued as nodes (no tree is built).
///
/// The only place Storyline touches libxml2. Safe settings: no network (`XML_PARSE_NONET`), no
/// entity substitution and no DTD loading (neither `XML_PARSE_NOENT` nor `XML_PARSE_DTDLOAD` is
/// set; the SAX handler declares no entity or DTD callbacks, and a prolog that declares entities
/// is refused before parsing), and `XML_PARSE_HUGE` so that one very large attribute (an MMS
/// video) is not an error. Memory holds one chunk's elements, not the file. Attributes are copied
/// only when their names are among `keep` (all when nil).
final class XMLStreamReader {
  enum NodeKind { case element, endElement, text, other }

  /// A parse failure with its position.
  struct ParseError: Error {
    var line: Int
    var column: Int
    var message: String
  }

  /// An element's start or end, as the SAX callbacks gave it.
  private struct Node {
    var kind: NodeKind
    var name: String
    var depth: Int
    var line: Int
    var attributes: [(String, String)]
  }

  private var parser: xmlParserCtxtPtr! = nil
  private var handler = xmlSAXHandler()
  private var error: ParseError? = nil
  private let file: UnsafeMutablePointer<FILE>
  private var repair = CharacterReferenceRepair()
  private var skipper: AttachmentDataSkipper?
  private var chunk = [UInt8](repeating: 0, count: 1 << 16)
  private var atEOF = false
  private var queue: [Node] = []
  private var next = 0
  private var current = Node(kind: .other, name: "", depth: 0, line: 0, attributes: [])
  private var level = 0
  /// The attribute names copied, as bytes (nil: every attribute).
  private let keep: [[UInt8]]?

  /// Attachment bytes left out (with `skipAttachmentData`).
  var skippedAttachmentBytes: Int64 { skipper?.skippedBytes ?? 0 }
  /// Surrogate pairs written as two character references that were joined, and lone halves replaced.
  var surrogatePairsJoined: Int { repair.pairsJoined }
  var loneSurrogatesReplaced: Int { repair.loneReplaced }

  /// Opens a file; with `skipAttachmentData`, `<part data="…">` values are left out on the way in.
  init(path: String, skipAttachmentData: Bool = false, keep: Set<String>? = nil) throws {
    if skipAttachmentData { skipper = AttachmentDataSkipper() }
    self.keep = keep.map { $0.sorted().map { Array($0.utf8) } }
    try XMLStreamReader.checkProlog(path: path)
    guard let f = fopen(path, "rb") else { throw ParseError(line: 0, column: 0, message: "cannot open the file") }
    file = f
    handler.initialized = XML_SAX2_MAGIC
    handler.startElementNs = { ctx, localname, _, _, _, _, count, _, attributes in
      guard let ctx else { return }
      Unmanaged<XMLStreamReader>.fromOpaque(ctx).takeUnretainedValue().start(localname, count, attributes)
    }
    handler.endElementNs = { ctx, localname, _, _ in
      guard let ctx else { return }
      Unmanaged<XMLStreamReader>.fromOpaque(ctx).takeUnretainedValue().end(localname)
    }
    handler.serror = { ctx, err in
      guard let ctx, let err else { return }
      let me = Unmanaged<XMLStreamReader>.fromOpaque(ctx).takeUnretainedValue()
      if me.error == nil, err.pointee.level.rawValue >= XML_ERR_ERROR.rawValue {
        let msg = err.pointee.message.map { String(cString: $0) } ?? "XML error"
        me.error = ParseError(
          line: Int(err.pointee.line), column: Int(err.pointee.int2),
          message: msg.trimmingCharacters(in: .whitespacesAndNewlines))
      }
    }
    let me = Unmanaged.passUnretained(self).toOpaque()
    guard let p = xmlCreatePushParserCtxt(&handler, me, nil, 0, path) else {
      fclose(f)
      throw ParseError(line: 0, column: 0, message: "cannot open the file as XML")
    }
    parser = p
    xmlCtxtUseOptions(p, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_NOWARNING.rawValue))
  }

  deinit {
    if parser != nil { xmlFreeParserCtxt(parser) }
    fclose(file)
  }

  private func start(
    _ localname: UnsafePointer<xmlChar>?, _ count: Int32, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
  ) {
    var attrs: [(String, String)] = []
    if let attributes, count > 0 {
      attrs.reserveCapacity(keep?.count ?? Int(count))
      for k in 0..<Int(count) {
        guard let name = attributes[5 * k], let value = attributes[5 * k + 3], let end = attributes[5 * k + 4] else {
          continue
        }
        let nameLength = strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))
        let nameBytes = UnsafeBufferPointer(start: name, count: nameLength)
        if let keep, !keep.contains(where: { $0.elementsEqual(nameBytes) }) { continue }
        attrs.append(
          (
            String(decoding: nameBytes, as: UTF8.self),
            XMLStreamReader.decodeAmpersands(UnsafeBufferPointer(start: value, count: end - value))
          ))
      }
    }
    queue.append(
      Node(kind: .element, name: XMLStreamReader.string(localname), depth: level, line: lineNumber, attributes: attrs))
    level += 1
  }

  private func end(_ localname: UnsafePointer<xmlChar>?) {
    level -= 1
    queue.append(
      Node(kind: .endElement, name: XMLStreamReader.string(localname), depth: level, line: lineNumber, attributes: []))
  }

  private var lineNumber: Int { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer(parser))) }

  private static func string(_ p: UnsafePointer<xmlChar>?) -> String {
    guard let p else { return "" }
    return String(cString: UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
  }

  /// An attribute value as SAX2 gives it without entity substitution: `&amp;` arrives as
  /// `&#38;` (the other references are already decoded).
  private static func decodeAmpersands(_ b: UnsafeBufferPointer<UInt8>) -> String {
    guard b.contains(0x26) else { return String(decoding: b, as: UTF8.self) }
    var out: [UInt8] = []
    out.reserveCapacity(b.count)
    var i = 0
    while i < b.count {
      if b[i] == 0x26, i + 4 < b.count, b[i + 1] == 0x23, b[i + 2] == 0x33, b[i + 3] == 0x38, b[i + 4] == 0x3B {
        out.append(0x26)
        i += 5
      } else {
        out.append(b[i])
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Feeds libxml2 the next chunk of repaired bytes (the last with `terminate`).
  private func feed() {
    let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress!, 1, $0.count, file) }
    if n == 0 { atEOF = true }
    let bytes: [UInt8] = chunk.withUnsafeBufferPointer { all in
      let read = UnsafeBufferPointer(rebasing: all[0..<n])
      guard skipper != nil else { return repair.process(read, final: n == 0) }
      let kept = skipper!.process(read)
      return kept.withUnsafeBufferPointer { repair.process($0, final: n == 0) }
    }
    bytes.withUnsafeBytes { b in
      _ = xmlParseChunk(
        parser, b.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(b.count), atEOF ? 1 : 0)
    }
  }

  /// Refuses a document whose prolog declares entities (the "billion laughs" expansion bomb, and
  /// external entities): evidence exports never declare any. Reads only the prolog, at most 1 MiB.
  static func checkProlog(path: String) throws {
    guard let f = fopen(path, "rb") else { return }  // libxml2 reports the open failure
    defer { fclose(f) }
    var buf = [UInt8](repeating: 0, count: 1 << 20)
    let n = buf.withUnsafeMutableBytes { fread($0.baseAddress!, 1, $0.count, f) }
    let entity = Array("<!ENTITY".utf8)
    var i = 0
    var line = 1
    var column = 1
    while i < n {
      let b = buf[i]
      if b == 0x3C, i + 1 < n {  // '<'
        let next = buf[i + 1]
        if next != 0x3F && next != 0x21 { return }  // the root element: the prolog is over
        if buf[i..<min(n, i + entity.count)].elementsEqual(entity) {
          throw ParseError(
            line: line, column: column,
            message: "entity declarations are not allowed in evidence XML (refused, not expanded)")
        }
      }
      if b == 0x0A {
        line += 1
        column = 1
      } else {
        column += 1
      }
      i += 1
    }
    if n == buf.count {
      throw ParseError(line: line, column: column, message: "the XML prolog is larger than 1 MiB: refused")
    }
  }

  /// Moves to the next element start or end. False at the end; throws at the first error,
  /// with its position.
  func read() throws -> Bool {
    while next == queue.count {
      if let error { throw error }
      if atEOF { return false }
      queue.removeAll(keepingCapacity: true)
      next = 0
      feed()
    }
    current = queue[next]
    next += 1
    return true
  }

  var kind: NodeKind { current.kind }

  /// The local name of the current node.
  var name: String { current.name }

  var depth: Int { current.depth }

  /// The line of the current node in the file (where its start tag ends).
  var line: Int { current.line }

  /// The current element's attributes of these names (those present).
  func attributes(named names: [String]) -> XMLAttributes {
    XMLAttributes(pairs: current.attributes.filter { names.contains($0.0) }.map { (name: $0.0, value: $0.1) })
  }

  /// The current element's attributes, except those named in `skipping` (never copied).
  func attributes(skipping: Set<String> = []) -> XMLAttributes {
    XMLAttributes(pairs: current.attributes.filter { !skipping.contains($0.0) }.map { (name: $0.0, value: $0.1) })
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

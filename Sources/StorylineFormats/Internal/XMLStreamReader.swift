import CLibXML2

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A pull reader over an XML file: libxml2's streaming `xmlTextReader`, one node at a time.
///
/// The only place Storyline touches libxml2. Safe settings: no network (`XML_PARSE_NONET`), no
/// entity substitution and no DTD loading (neither `XML_PARSE_NOENT` nor `XML_PARSE_DTDLOAD` is
/// set), and `XML_PARSE_HUGE` so that one very large attribute (an MMS video) is not an error.
/// Memory holds the current element, not the file.
final class XMLStreamReader {
  enum NodeKind { case element, endElement, text, other }

  /// A parse failure with its position.
  struct ParseError: Error {
    var line: Int
    var column: Int
    var message: String
  }

  private var reader: xmlTextReaderPtr! = nil
  private var error: ParseError? = nil
  private let file: UnsafeMutablePointer<FILE>
  private var repair = CharacterReferenceRepair()
  private var skipper: AttachmentDataSkipper?
  private var pendingOut: [UInt8] = []
  private var pendingOffset = 0
  private var chunk = [UInt8](repeating: 0, count: 1 << 16)
  private var atEOF = false

  /// Attachment bytes left out (with `skipAttachmentData`).
  var skippedAttachmentBytes: Int64 { skipper?.skippedBytes ?? 0 }
  /// Surrogate pairs written as two character references that were joined, and lone halves replaced.
  var surrogatePairsJoined: Int { repair.pairsJoined }
  var loneSurrogatesReplaced: Int { repair.loneReplaced }

  /// Opens a file; with `skipAttachmentData`, `<part data="…">` values are left out on the way in.
  init(path: String, skipAttachmentData: Bool = false) throws {
    if skipAttachmentData { skipper = AttachmentDataSkipper() }
    try XMLStreamReader.checkProlog(path: path)
    guard let f = fopen(path, "rb") else { throw ParseError(line: 0, column: 0, message: "cannot open the file") }
    file = f
    let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_NOWARNING.rawValue)
    // libxml2 pulls the bytes through `fill`, which repairs split surrogate references on the way.
    let me = Unmanaged.passUnretained(self).toOpaque()
    guard
      let r = xmlReaderForIO(
        { ctx, buffer, len in
          guard let ctx, let buffer else { return -1 }
          return Unmanaged<XMLStreamReader>.fromOpaque(ctx).takeUnretainedValue().fill(buffer, Int(len))
        }, nil, me, path, nil, options)
    else {
      fclose(f)
      throw ParseError(line: 0, column: 0, message: "cannot open the file as XML")
    }
    reader = r
    xmlTextReaderSetStructuredErrorHandler(
      reader,
      { ctx, err in
        guard let ctx, let err else { return }
        let me = Unmanaged<XMLStreamReader>.fromOpaque(ctx).takeUnretainedValue()
        if me.error == nil, err.pointee.level.rawValue >= XML_ERR_ERROR.rawValue {
          let msg = err.pointee.message.map { String(cString: $0) } ?? "XML error"
          me.error = ParseError(
            line: Int(err.pointee.line), column: Int(err.pointee.int2),
            message: msg.trimmingCharacters(in: .whitespacesAndNewlines))
        }
      }, me)
  }

  /// Gives libxml2 up to `len` repaired bytes; 0 at the end of the file.
  private func fill(_ buffer: UnsafeMutablePointer<CChar>, _ len: Int) -> Int32 {
    while pendingOffset == pendingOut.count && !atEOF {
      let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress!, 1, $0.count, file) }
      if n == 0 { atEOF = true }
      pendingOut = chunk.withUnsafeBufferPointer { all in
        let read = UnsafeBufferPointer(rebasing: all[0..<n])
        guard skipper != nil else { return repair.process(read, final: n == 0) }
        let kept = skipper!.process(read)
        return kept.withUnsafeBufferPointer { repair.process($0, final: n == 0) }
      }
      pendingOffset = 0
    }
    let k = min(len, pendingOut.count - pendingOffset)
    guard k > 0 else { return 0 }
    pendingOut.withUnsafeBytes { src in
      UnsafeMutableRawPointer(buffer).copyMemory(from: src.baseAddress! + pendingOffset, byteCount: k)
    }
    pendingOffset += k
    return Int32(k)
  }

  deinit {
    if reader != nil { xmlFreeTextReader(reader) }
    fclose(file)
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

  /// Moves to the next node. False at the end; throws at the first error, with its position.
  func read() throws -> Bool {
    let r = xmlTextReaderRead(reader)
    if r == 1 { return true }
    if r == 0 && error == nil { return false }
    throw error ?? ParseError(line: line, column: 0, message: "XML parse error")
  }

  var kind: NodeKind {
    switch xmlTextReaderNodeType(reader) {
    case 1: .element
    case 15: .endElement
    case 3, 4: .text
    default: .other
    }
  }

  /// The local name of the current node.
  var name: String { xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? "" }

  var depth: Int { Int(xmlTextReaderDepth(reader)) }

  var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

  /// The line of the current node in the file (where its start tag is).
  var line: Int {
    if let node = xmlTextReaderCurrentNode(reader) {
      let n = Int(xmlGetLineNo(node))
      if n > 0 { return n }
    }
    return Int(xmlTextReaderGetParserLineNumber(reader))
  }

  /// The current element's attributes of these names (those present).
  func attributes(named names: [String]) -> [String: String] {
    var out: [String: String] = [:]
    out.reserveCapacity(names.count)
    for name in names {
      guard
        let v = name.withCString({
          xmlTextReaderGetAttribute(reader, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self))
        })
      else { continue }
      out[name] = String(cString: v)
      free(v)  // libxml2 allocates with malloc unless an application replaces its allocator; this one does not
    }
    return out
  }

  /// The current element's attributes, except those named in `skipping` (never copied).
  func attributes(skipping: Set<String> = []) -> [String: String] {
    var out: [String: String] = [:]
    guard xmlTextReaderMoveToFirstAttribute(reader) == 1 else { return out }
    repeat {
      let n = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
      if !skipping.contains(n) {
        out[n] = xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
      }
    } while xmlTextReaderMoveToNextAttribute(reader) == 1
    xmlTextReaderMoveToElement(reader)
    return out
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

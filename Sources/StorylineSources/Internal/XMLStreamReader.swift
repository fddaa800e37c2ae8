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

  private let reader: xmlTextReaderPtr
  private var error: ParseError? = nil

  init(path: String) throws {
    try XMLStreamReader.checkProlog(path: path)
    let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_NOWARNING.rawValue)
    guard let r = xmlReaderForFile(path, nil, options) else {
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
      }, Unmanaged.passUnretained(self).toOpaque())
  }

  deinit { xmlFreeTextReader(reader) }

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

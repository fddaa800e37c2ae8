import Foundation

/// The lines a JSON document's entries start on, found in document order by a string value of
/// each (an id, `"R1TRIG"`: a string of its own, where URLs hold it inside a longer string).
struct JSONStringLines {
  private let bytes: [UInt8]
  private var position = 0
  private var line: Int

  init(_ document: Data, firstLine: Int) {
    bytes = [UInt8](document)
    line = firstLine
  }

  /// The line of the next `"value"` after the last one found; the last line when none is.
  mutating func line(ofString value: String) -> Int {
    let needle = [0x22] + Array(value.utf8) + [0x22]
    var i = position
    var l = line
    while i + needle.count <= bytes.count {
      if bytes[i] == 0x0A { l += 1 }
      if bytes[i] == 0x22 && Array(bytes[i..<(i + needle.count)]) == needle {
        position = i + needle.count
        line = l
        return l
      }
      i += 1
    }
    return line
  }
}

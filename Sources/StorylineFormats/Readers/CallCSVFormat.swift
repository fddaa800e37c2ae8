import Foundation
import StorylineCore

/// Call-detail records in CSV from carriers and PBXs, read through a column mapping
/// (``CallCSVMapping``): the case file's `csv:` mapping, or a preset recognised from the file.
public struct CallCSVFormat: EvidenceFormat {
  public init() {}
  public var id: FormatID { .callCSV }
  public var reading: ReadingMode { .records }
  public var name: String { "Call-detail CSV (carrier or PBX; presets: asterisk, twilio)" }
  public var sniffRule: String {
    "a .csv file with Twilio's call columns (start_time, from, to, status) or Asterisk Master.csv rows; any other layout with `format: call-csv` and a `csv:` mapping"
  }

  public func sniff(_ probe: SniffProbe) -> Bool {
    guard probe.fileExtension == "csv" else { return false }
    return CallCSVFormat.detectPreset(
      firstLine: probe.textLines.first ?? "") != nil
  }

  /// The preset a file's first line matches, if any.
  static func detectPreset(firstLine: String) -> CallCSVMapping? {
    let raw = fields(firstLine).map { $0.trimmingCharacters(in: .whitespaces) }
    let keys = raw.map(CallCSVMapping.key)
    if ["starttime", "from", "to", "status"].allSatisfy(keys.contains) { return CallCSVMapping.presets["twilio"] }
    // Asterisk: no header; 15+ fields, the 10th a date-time and the 15th a disposition.
    if raw.count >= 15, raw[9].count == 19, raw[9].dropFirst(4).hasPrefix("-"),
      ["answered", "noanswer", "busy", "failed", "congestion"].contains(keys[14])
    {
      return CallCSVMapping.presets["asterisk"]
    }
    return nil
  }

  /// The fields of one CSV line, honouring quotes (`"a,b"`, `""` for a quote); for sniffing only.
  static func fields(_ line: String) -> [String] {
    var out: [String] = []
    var field = ""
    var quoted = false
    var chars = line.makeIterator()
    while let c = chars.next() {
      if quoted {
        if c == "\"" {
          quoted = false
        } else {
          field.append(c)
        }
      } else if c == "\"" {
        if field.last == "\"" || !field.isEmpty { field.append(c) }
        quoted = true
      } else if c == "," {
        out.append(field)
        field = ""
      } else {
        field.append(c)
      }
    }
    out.append(field)
    return out
  }

  public func open(_ input: SourceInput, context: ReaderContext) throws -> any EvidenceReader {
    try CallCSVReader(input: input, context: context, format: id.rawValue)
  }
}

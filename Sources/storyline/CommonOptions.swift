import ArgumentParser
import Foundation
import StorylineCore
import StorylineFormats
import StorylinePipeline

/// Options shared by the commands that read evidence without (or besides) a case file.
struct ClockOptions: ParsableArguments {
  // Unconditional: `--timezone -06:00` is a value, not an option.
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("The case zone: IANA name (Asia/Shanghai), Windows name, or offset (+08:00).", valueName: "zone")
  )
  var timezone: String?

  @Option(
    help: ArgumentHelp(
      "The case date (YYYY-MM-DD): the year for year-less times, the date for date-less ones.", valueName: "date"))
  var date: String?

  @Option(
    help: ArgumentHelp("Two-letter region for numeric dates and phone numbers (CN, US, GB).", valueName: "region"))
  var region: String?

  func zone() throws -> ZoneRules? {
    guard let timezone else { return nil }
    guard let z = ZoneCatalog.shared.zone(named: timezone) else {
      throw ValidationError("unknown time zone '\(timezone)' (use an IANA name such as Asia/Shanghai, or +08:00)")
    }
    return z
  }

  func civilDate() throws -> CivilDate? {
    guard let date else { return nil }
    guard let d = CivilDate(iso: date) else { throw ValidationError("--date '\(date)' is not a date (YYYY-MM-DD)") }
    return d
  }
}

/// Where a report goes: stdout unless `--output`.
enum OutputWriter {
  static func write(_ text: String, to path: String?) throws {
    if let path, path != "-" {
      do {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
      } catch {
        throw CLIError(
          "\(path): error: cannot write: \((error as NSError).localizedFailureReason ?? error.localizedDescription)")
      }
    } else {
      FileHandle.standardOutput.write(Data(text.utf8))
    }
  }
}

/// Prints diagnostics on stderr.
enum Stderr {
  static func print(_ line: String) {
    FileHandle.standardError.write(Data((TerminalText.safe(line) + "\n").utf8))
  }
}

/// Text for a terminal: evidence quoted in diagnostics and findings cannot send escape
/// sequences (ANSI colours, cursor moves, bidi overrides); line ends and tabs stay.
enum TerminalText {
  static func safe(_ s: String) -> String {
    var out = ""
    out.unicodeScalars.append(
      contentsOf: s.unicodeScalars.map { u in
        let v = u.value
        if u == "\n" || u == "\t" { return u }
        if v < 0x20 || v == 0x7F || (v >= 0x80 && v < 0xA0) || v == 0x202E || v == 0x202D || v == 0x2066 || v == 0x2067
          || v == 0x2068
        {
          return "\u{FFFD}"
        }
        return u
      })
    return out
  }
}

/// A failure with its `path: error: message` line: printed as it is on stderr, exit 1.
struct CLIError: Error, CustomStringConvertible {
  var description: String
  init(_ d: String) { description = d }
}

/// `-` as an input path: standard input, spooled to a private temporary file so readers can
/// stream it; the file is removed when the command ends.
enum StdinSpool {
  static func path(for p: String) throws -> String {
    guard p == "-" else { return p }
    let tmp = NSTemporaryDirectory() + "storyline-stdin-\(ProcessInfo.processInfo.processIdentifier)"
    guard FileManager.default.createFile(atPath: tmp, contents: nil, attributes: [.posixPermissions: 0o600]) else {
      throw CLIError("-: error: cannot spool standard input")
    }
    guard let out = FileHandle(forWritingAtPath: tmp) else { throw CLIError("-: error: cannot spool standard input") }
    while true {
      let chunk = FileHandle.standardInput.readData(ofLength: 1 << 20)
      if chunk.isEmpty { break }
      out.write(chunk)
    }
    try out.close()
    return tmp
  }

  /// Removes a spooled copy (a path that is not one is left alone).
  static func remove(_ path: String, given: String) {
    if given == "-" && path != given { try? FileManager.default.removeItem(atPath: path) }
  }
}

/// Loads a case file; its errors go to stderr as `case.yml:line:column: error: …` and exit 1.
enum CaseLoading {
  static func load(_ path: String, allowOutside: Bool) throws -> CaseFile {
    do {
      return try CaseFileLoader.load(path: path, allowOutside: allowOutside)
    } catch let e as CaseFileError {
      Stderr.print(e.description)
      throw ExitCode.failure
    }
  }
}

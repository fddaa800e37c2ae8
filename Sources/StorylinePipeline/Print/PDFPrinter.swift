import Foundation
import StorylineCore

/// Prints an HTML report to PDF through a headless Chromium, when one is installed: A4, the
/// report's own print stylesheet and running header and footer, nothing fetched (the report's
/// Content-Security-Policy allows nothing outside it). The PDF's dates are set to `created` so
/// that the same evidence prints the same bytes.
public struct PDFPrinter: Sendable {
  /// The browsers looked for on `PATH`, in this order.
  public static let browsers = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
  /// Longest a print may take.
  public static let timeoutSeconds = 120

  /// The browser's path.
  public let browser: String

  /// No browser to print with, or a print that failed.
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// The browser given (`--chromium PATH`), else the first of ``browsers`` on `PATH`.
  public init(browser given: String? = nil) throws {
    if let given {
      guard FileManager.default.isExecutableFile(atPath: given) else {
        throw Failure(description: "error: --chromium \(given): not an executable file")
      }
      browser = given
      return
    }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for name in Self.browsers {
      for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
        browser = "\(dir)/\(name)"
        return
      }
    }
    throw Failure(
      description:
        "error: --format pdf needs a headless Chromium, and none was found on PATH (looked for "
        + Self.browsers.joined(separator: ", ")
        + "): install one (Debian: apt install chromium) or give --chromium PATH")
  }

  /// The PDF of `html`.
  public func print(html: String, created: Instant) throws -> Data {
    let dir = NSTemporaryDirectory() + "storyline-print-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let page = dir + "/report.html"
    let pdf = dir + "/report.pdf"
    try Data(html.utf8).write(to: URL(fileURLWithPath: page))
    let p = Process()
    p.executableURL = URL(fileURLWithPath: browser)
    var arguments = [
      "--headless", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
      "--disable-background-networking", "--disable-sync", "--disable-default-apps", "--hide-scrollbars",
      "--user-data-dir=\(dir)/profile", "--no-pdf-header-footer", "--print-to-pdf=\(pdf)",
    ]
    // Chromium refuses to run as root inside its sandbox.
    if getuid() == 0 { arguments.append("--no-sandbox") }
    p.arguments = arguments + [URL(fileURLWithPath: page).absoluteString]
    // Its PDF dates in UTC, so that ``setDates(_:to:)`` gives every machine the same bytes.
    var environment = ProcessInfo.processInfo.environment
    environment["TZ"] = "UTC"
    p.environment = environment
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    let ended = DispatchSemaphore(value: 0)
    p.terminationHandler = { _ in ended.signal() }
    try p.run()
    if ended.wait(timeout: .now() + .seconds(Self.timeoutSeconds)) == .timedOut {
      p.terminate()
      ended.wait()
      throw Failure(description: "error: \(browser) did not print the report within \(Self.timeoutSeconds) s")
    }
    guard p.terminationStatus == 0, var data = FileManager.default.contents(atPath: pdf),
      data.starts(with: Data("%PDF-".utf8))
    else {
      throw Failure(
        description: "error: \(browser) printed no PDF of the report (exit status \(p.terminationStatus))")
    }
    Self.setDates(&data, to: created)
    return data
  }

  /// Rewrites the PDF's `/CreationDate` and `/ModDate` (`D:YYYYMMDDHHmmSS…`, the time of the
  /// print) to `created`, digit for digit: the file's length and offsets do not change.
  static func setDates(_ data: inout Data, to created: Instant) {
    let stamp = Array(TimestampFormatter.utc(created).utf8)  // 2008-09-22T04:00:00Z
    let digits = stamp.filter { $0 >= 0x30 && $0 <= 0x39 }.prefix(14)
    guard digits.count == 14 else { return }
    for key in ["/CreationDate (D:", "/ModDate (D:"] {
      var from = data.startIndex
      while let r = data.range(of: Data(key.utf8), in: from..<data.endIndex) {
        let start = r.upperBound
        guard start + 14 <= data.endIndex,
          data[start..<(start + 14)].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else {
          from = r.upperBound
          continue
        }
        data.replaceSubrange(start..<(start + 14), with: digits)
        from = start + 14
      }
    }
  }
}

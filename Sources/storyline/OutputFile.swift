import Foundation
import StorylinePipeline

#if canImport(Glibc)
  import Glibc
#endif

/// Where a command's report goes: standard output, or a file written under a temporary name
/// beside it and renamed into place only once complete — an interrupted run (Ctrl-C, a failure)
/// leaves no half-written report, and an existing file stays as it was.
final class OutputFile {
  private let target: String?
  private let temporary: String?
  private var sink: FileDescriptorSink
  private var committed = false

  /// The folder the report goes to, or the temporary folder for standard output: where a build
  /// keeps the report's events while it reads the evidence (``EventSpill``).
  var spillDirectory: String {
    guard let target else { return FileManager.default.temporaryDirectory.path }
    return URL(fileURLWithPath: target).deletingLastPathComponent().path
  }

  /// `path` nil or `-`: standard output.
  init(_ path: String?) throws {
    guard let path, path != "-" else {
      target = nil
      temporary = nil
      sink = FileDescriptorSink(descriptor: 1, path: "-")
      return
    }
    let url = URL(fileURLWithPath: path)
    let tmp = url.deletingLastPathComponent().appendingPathComponent(
      ".\(url.lastPathComponent).storyline-\(getpid()).tmp"
    ).path
    let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw CLIError("\(path): error: cannot write: \(String(cString: strerror(errno)))") }
    target = path
    temporary = tmp
    sink = FileDescriptorSink(descriptor: fd, path: path, writesBack: true)
    OutputFile.interruptible(tmp)
  }

  deinit {
    guard let temporary else { return }
    close(sink.descriptor)
    if !committed { unlink(temporary) }
    OutputFile.interruptible(nil)
  }

  func write(_ text: String) throws { try write(Array(text.utf8)) }

  func write(_ bytes: [UInt8]) throws {
    do {
      try bytes.withUnsafeBytes { try sink.write($0) }
    } catch let e as WriteError {
      throw CLIError(e.description)
    }
  }

  /// Moves the complete file into place.
  func commit() throws {
    guard let temporary, let target else { return }
    if fsync(sink.descriptor) != 0 || rename(temporary, target) != 0 {
      throw CLIError("\(target): error: cannot write: \(String(cString: strerror(errno)))")
    }
    committed = true
  }

  /// The temporary file an interrupt removes before the process ends (nil: none).
  private static func interruptible(_ path: String?) {
    if let old = pendingPath { free(old) }
    pendingPath = path.map { strdup($0) }
    if path != nil {
      signal(SIGINT, onInterrupt)
      signal(SIGTERM, onInterrupt)
      // A parent may have started us with them blocked (some process launchers do).
      var set = sigset_t()
      sigemptyset(&set)
      sigaddset(&set, SIGINT)
      sigaddset(&set, SIGTERM)
      sigprocmask(SIG_UNBLOCK, &set, nil)
    } else {
      signal(SIGINT, SIG_DFL)
      signal(SIGTERM, SIG_DFL)
    }
  }
}

/// The temporary output file to remove on an interrupt (read by the signal handler).
nonisolated(unsafe) private var pendingPath: UnsafeMutablePointer<CChar>? = nil

private func onInterrupt(_ signal: Int32) {
  if let p = pendingPath { unlink(p) }
  _exit(128 + signal)
}

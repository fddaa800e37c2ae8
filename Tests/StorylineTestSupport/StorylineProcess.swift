import Foundation

/// The built `storyline` executable (it sits beside the test bundle).
public func storylineExecutable() throws -> URL {
  let bundle =
    Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL
    ?? URL(fileURLWithPath: CommandLine.arguments[0])
  let exe = bundle.deletingLastPathComponent().appendingPathComponent("storyline")
  guard FileManager.default.isExecutableFile(atPath: exe.path) else {
    throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: exe.path])
  }
  return exe
}

/// Runs `storyline` with `args` in the repository's root and captures its output; `environment`
/// replaces variables of this process's environment.
public func storyline(
  _ args: [String], stdin: String? = nil, environment: [String: String] = [:]
) throws -> (status: Int32, out: String, err: String) {
  let p = Process()
  p.executableURL = try storylineExecutable()
  p.arguments = args
  if !environment.isEmpty {
    p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
  }
  p.currentDirectoryURL = URL(fileURLWithPath: TestPaths.root)
  let out = Pipe()
  let err = Pipe()
  let input = Pipe()
  p.standardOutput = out
  p.standardError = err
  p.standardInput = input
  try p.run()
  if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
  try input.fileHandleForWriting.close()
  // Read both pipes at once: a full stderr pipe must not block the process while stdout is read.
  nonisolated(unsafe) var e = Data()
  let group = DispatchGroup()
  group.enter()
  DispatchQueue.global().async {
    e = err.fileHandleForReading.readDataToEndOfFile()
    group.leave()
  }
  let o = out.fileHandleForReading.readDataToEndOfFile()
  group.wait()
  p.waitUntilExit()
  return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}

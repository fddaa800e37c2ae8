// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "storyline",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "storyline", targets: ["storyline"]),
    .library(name: "StorylineCore", targets: ["StorylineCore"]),
    .library(name: "StorylineSources", targets: ["StorylineSources"]),
    .library(name: "StorylineAnalysis", targets: ["StorylineAnalysis"]),
    .library(name: "StorylineReports", targets: ["StorylineReports"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    .systemLibrary(name: "CGzip", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    // The event model, the one clock, people and the merge. No I/O beyond what it is handed.
    .target(name: "StorylineCore"),
    // One reader per evidence format, sniffing, the case file and the build pipeline.
    .target(
      name: "StorylineSources",
      dependencies: [
        "StorylineCore",
        "CLibXML2",
        "CGzip",
        .product(name: "Yams", package: "Yams"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "CSV", package: "CSV.swift"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
    ),
    // Escalation analysis: milestones, who knew what when, the policy's steps, silences.
    .target(name: "StorylineAnalysis", dependencies: ["StorylineCore", "StorylineSources"]),
    // Renderers: JSON, Markdown and HTML (Mustache templates), Timesketch, CSV, the archive.
    .target(
      name: "StorylineReports",
      dependencies: [
        "StorylineCore", "StorylineSources", "StorylineAnalysis",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "Mustache", package: "swift-mustache"),
      ]
    ),
    .executableTarget(
      name: "storyline",
      dependencies: [
        "StorylineCore", "StorylineSources", "StorylineAnalysis", "StorylineReports",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Benchmarks live outside `swift test`: `swift run -c release storyline-bench`,
    // `swift run -c release storyline-escalation-bench`.
    .executableTarget(
      name: "storyline-bench",
      dependencies: ["StorylineCore"],
      path: "Benchmarks/NormalizerBenchmark"
    ),
    .executableTarget(
      name: "storyline-escalation-bench",
      dependencies: ["StorylineCore", "StorylineSources", "StorylineAnalysis"],
      path: "Benchmarks/EscalationBenchmark"
    ),
    .executableTarget(
      name: "storyline-sms-bench",
      dependencies: ["StorylineCore", "StorylineSources"],
      path: "Benchmarks/SMSBackupBenchmark"
    ),
    // libFuzzer targets: Fuzz/run.sh builds them with -sanitize=fuzzer,address -D FUZZING.
    .executableTarget(
      name: "storyline-fuzz",
      dependencies: ["StorylineCore", "StorylineSources", "StorylineReports"],
      path: "Fuzz/StorylineFuzz"
    ),
    .testTarget(name: "StorylineCoreTests", dependencies: ["StorylineCore"]),
    // Tests read fixtures/ and their golden files from the source tree (see TestPaths).
    .testTarget(
      name: "StorylineSourcesTests",
      dependencies: ["StorylineSources", "StorylineCore", .product(name: "GRDB", package: "GRDB.swift")],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "StorylineAnalysisTests",
      dependencies: ["StorylineAnalysis", "StorylineSources", "StorylineCore"]
    ),
    .testTarget(
      name: "StorylineReportsTests",
      dependencies: [
        "StorylineReports", "StorylineAnalysis", "StorylineSources", "StorylineCore",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      exclude: ["Golden"]
    ),
  ]
)

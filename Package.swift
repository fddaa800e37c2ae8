// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "storyline",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "storyline", targets: ["storyline"]),
    .library(name: "StorylineCore", targets: ["StorylineCore"]),
    .library(name: "StorylineFormats", targets: ["StorylineFormats"]),
    .library(name: "StorylinePipeline", targets: ["StorylinePipeline"]),
    .library(name: "StorylineAnalysis", targets: ["StorylineAnalysis"]),
    .library(name: "StorylineReports", targets: ["StorylineReports"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    .systemLibrary(name: "CGzip", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    // Linux's O_TMPFILE and fallocate hole punching, which the C library declares only for
    // _GNU_SOURCE: a build's temporary file has no name, and gives its disk and page cache back
    // as the report takes its place. And glibc's malloc_trim: a second pass over the evidence
    // starts with the first's freed memory given back.
    .target(name: "CFileSpace"),
    // Modules point one way, in the order a record travels:
    //   formats → clock → events → merge → analysis → reports, the pipeline and the CLI on top.
    //
    // Core: the event model, the one clock, people, the case's value types (people, incident,
    // policy, sources), the cross-source merge and the one JSON writer. No I/O, no C library.
    .target(name: "StorylineCore"),
    // Formats: one reader per evidence format, one byte-level tokenizer per line-oriented log
    // format, sniffing, and the only code that touches libxml2, zlib and SQLite.
    .target(
      name: "StorylineFormats",
      dependencies: [
        "StorylineCore",
        "CLibXML2",
        "CGzip",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "CSV", package: "CSV.swift"),
      ]
    ),
    // The reports' languages: one catalogue per language (Languages/<id>.yml, read as a
    // resource), dates, times and durations in the language's conventions.
    .target(
      name: "StorylineLocale",
      dependencies: ["StorylineCore", .product(name: "Yams", package: "Yams")],
      resources: [.copy("Languages")]),
    // Escalation analysis: milestones, who knew what when, the policy's steps, silences; the
    // timeline's digest (bursts, volume, the events a report shows). Core and the languages.
    .target(
      name: "StorylineAnalysis",
      dependencies: [
        "StorylineCore", "StorylineLocale", .product(name: "HeapModule", package: "swift-collections"),
      ]),
    // Renderers: JSON, Markdown and HTML (Mustache templates), Timesketch, CSV. They render what
    // they are given and never read evidence or run a pipeline.
    .target(
      name: "StorylineReports",
      dependencies: [
        "StorylineCore", "StorylineAnalysis", "StorylineLocale",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Mustache", package: "swift-mustache"),
      ]
    ),
    // The pipeline: case loading (YAML), the build, the streaming merge engine, the archive.
    .target(
      name: "StorylinePipeline",
      dependencies: [
        "StorylineCore", "StorylineFormats", "CFileSpace", "StorylineAnalysis", "StorylineReports", "StorylineLocale",
        .product(name: "Yams", package: "Yams"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "CryptoExtras", package: "swift-crypto"),
        .product(name: "SwiftASN1", package: "swift-asn1"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "HeapModule", package: "swift-collections"),
      ]
    ),
    .executableTarget(
      name: "storyline",
      dependencies: [
        "StorylineCore", "StorylineFormats", "StorylinePipeline", "StorylineAnalysis", "StorylineReports",
        "StorylineLocale",
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
      dependencies: ["StorylineCore", "StorylineAnalysis", "StorylinePipeline"],
      path: "Benchmarks/EscalationBenchmark"
    ),
    .executableTarget(
      name: "storyline-sms-bench",
      dependencies: ["StorylineCore", "StorylineFormats", "StorylinePipeline"],
      path: "Benchmarks/SMSBackupBenchmark"
    ),
    // libFuzzer targets: Fuzz/run.sh builds them with -sanitize=fuzzer,address -D FUZZING.
    .executableTarget(
      name: "storyline-fuzz",
      dependencies: ["StorylineCore", "StorylineFormats", "StorylinePipeline", "StorylineReports"],
      path: "Fuzz/StorylineFuzz"
    ),
    // What every test target shares: paths, the real-data trait, readers and the CLI runner, a
    // seeded random generator. Built only for the tests.
    .target(
      name: "StorylineTestSupport", dependencies: ["StorylineCore", "StorylineFormats", "StorylinePipeline"],
      path: "Tests/StorylineTestSupport"),
    .testTarget(name: "StorylineCoreTests", dependencies: ["StorylineCore", "StorylineTestSupport"]),
    // Tests read fixtures/ and their golden files from the source tree (see TestPaths).
    .testTarget(
      name: "StorylineFormatsTests",
      dependencies: [
        "StorylineFormats", "StorylinePipeline", "StorylineCore", "StorylineTestSupport",
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "StorylineAnalysisTests",
      dependencies: [
        "StorylineAnalysis", "StorylinePipeline", "StorylineCore", "StorylineLocale", "StorylineTestSupport",
      ]
    ),
    .testTarget(
      name: "StorylineReportsTests",
      dependencies: [
        "StorylineReports", "StorylineAnalysis", "StorylinePipeline", "StorylineFormats", "StorylineCore",
        "StorylineLocale",
        "StorylineTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "Crypto", package: "swift-crypto"),
        // The command line's own pieces (the progress lines), tested without a terminal.
        "storyline",
      ],
      exclude: ["Golden"]
    ),
  ]
)

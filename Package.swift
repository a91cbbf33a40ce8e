// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "samkalk",
  platforms: [.macOS(.v13)],
  products: [
    .library(
      name: "Samkalk",
      targets: [
        "SamkalkCore", "SamkalkRates", "SamkalkEngine", "SamkalkInput", "SamkalkReports", "SamkalkMicrodata",
        "SamkalkUncertainty",
      ]),
    .executable(name: "samkalk", targets: ["samkalk"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-nio.git", from: "2.65.0"),
    .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
    .package(url: "https://github.com/apple/swift-log.git", from: "1.5.0"),
    .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
  ],
  targets: [
    // libxml2 through pkg-config. Only SamkalkXML imports it.
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]),
    // Units and money: öre, months, dates, actors, diagnostics, hashing.
    .target(name: "SamkalkCore"),
    // Secure XML parsing, XSD validation and writing (the only user of libxml2).
    .target(name: "SamkalkXML", dependencies: ["CLibXML2", "SamkalkCore"], resources: []),
    // Dated, sourced rate tables and their loaders.
    .target(
      name: "SamkalkRates", dependencies: ["SamkalkCore", "SamkalkXML"],
      resources: [.copy("Schemas/rates.xsd")]),
    // Scenario model, ledger, situations, taxes and results.
    .target(name: "SamkalkEngine", dependencies: ["SamkalkCore", "SamkalkRates"]),
    // Scenario files: XSD validation and reading into the engine's model.
    .target(
      name: "SamkalkInput", dependencies: ["SamkalkCore", "SamkalkXML", "SamkalkRates", "SamkalkEngine"],
      resources: [.copy("Schemas/scenario.xsd")]),
    // Person-level follow-up data: streaming CSV reading, windows, aggregation, bootstrap.
    .target(
      name: "SamkalkMicrodata",
      dependencies: ["SamkalkCore", "SamkalkXML", "SamkalkRates", "SamkalkEngine"],
      resources: [.copy("Schemas/followup.xsd")]),
    // Uncertainty: one-way sensitivity, switching values and Monte Carlo over the engine's fast evaluation.
    .target(name: "SamkalkUncertainty", dependencies: ["SamkalkCore", "SamkalkRates", "SamkalkEngine"]),
    // Report writers: XML, CSV and the summary table.
    .target(
      name: "SamkalkReports",
      dependencies: [
        "SamkalkCore", "SamkalkXML", "SamkalkRates", "SamkalkEngine", "SamkalkUncertainty", "SamkalkMicrodata",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      resources: [.copy("Schemas/report.xsd"), .copy("Schemas/uncertainty.xsd")]),
    // `samkalk serve`: the local web app for decision-makers (Hummingbird 2; NIO for the check of
    // request targets before Hummingbird's codec; multipart-kit for uploads).
    .target(
      name: "SamkalkServer",
      dependencies: [
        "SamkalkCore", "SamkalkRates", "SamkalkEngine", "SamkalkInput", "SamkalkReports",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Logging", package: "swift-log"),
        // multipart/form-data uploads; only SamkalkServer imports it.
        .product(name: "MultipartKit", package: "multipart-kit"),
      ]),
    // The thin command-line tool (the only user of ArgumentParser).
    .executableTarget(
      name: "samkalk",
      dependencies: [
        "SamkalkCore", "SamkalkRates", "SamkalkEngine", "SamkalkInput", "SamkalkReports", "SamkalkMicrodata",
        "SamkalkUncertainty", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        "SamkalkServer",
      ]),
    .executableTarget(name: "samkalk-benchmark", dependencies: [], path: "Benchmarks/samkalk-benchmark"),
    .executableTarget(
      name: "samkalk-microdata-benchmark",
      dependencies: ["SamkalkMicrodata", "SamkalkReports", "SamkalkRates", "SamkalkCore"],
      path: "Benchmarks/samkalk-microdata-benchmark"),
    // Counts heap allocations for the uncertainty benchmark (interposes malloc; benchmark only).
    .target(name: "CMallocCounter", path: "Benchmarks/CMallocCounter"),
    .executableTarget(
      name: "samkalk-uncertainty-benchmark",
      dependencies: [
        "CMallocCounter", "SamkalkUncertainty", "SamkalkInput", "SamkalkEngine", "SamkalkRates", "SamkalkCore",
      ],
      path: "Benchmarks/samkalk-uncertainty-benchmark"),
    // Inputs generated for more than one test target (not a product).
    .target(name: "SamkalkTestSupport", path: "Tests/SamkalkTestSupport"),
    .testTarget(name: "SamkalkCoreTests", dependencies: ["SamkalkCore"]),
    .testTarget(name: "SamkalkXMLTests", dependencies: ["SamkalkXML", "SamkalkCore"], exclude: ["Fixtures"]),
    .testTarget(name: "SamkalkRatesTests", dependencies: ["SamkalkRates", "SamkalkCore"]),
    .testTarget(name: "SamkalkEngineTests", dependencies: ["SamkalkEngine", "SamkalkRates", "SamkalkCore"]),
    .testTarget(
      name: "SamkalkInputTests",
      dependencies: ["SamkalkInput", "SamkalkEngine", "SamkalkRates", "SamkalkCore", "SamkalkTestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "SamkalkReportsTests",
      dependencies: [
        "SamkalkReports", "SamkalkInput", "SamkalkEngine", "SamkalkRates", "SamkalkCore", "SamkalkXML",
        "SamkalkUncertainty", "SamkalkMicrodata",
      ],
      exclude: ["Golden"]),
    .testTarget(
      name: "SamkalkMicrodataTests", dependencies: ["SamkalkMicrodata", "SamkalkEngine", "SamkalkRates", "SamkalkCore"]),
    .testTarget(
      name: "SamkalkUncertaintyTests",
      dependencies: ["SamkalkUncertainty", "SamkalkInput", "SamkalkEngine", "SamkalkRates", "SamkalkCore"]),
    .testTarget(name: "SamkalkCLITests", dependencies: ["samkalk", "SamkalkCore"]),
    .testTarget(
      name: "SamkalkServerTests",
      dependencies: [
        "SamkalkServer", "SamkalkInput", "SamkalkEngine", "SamkalkRates", "SamkalkCore", "SamkalkTestSupport",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "NIOCore", package: "swift-nio"),
      ]),
  ],
  swiftLanguageModes: [.v6]
)

// swift-tools-version: 6.1
// libFuzzer harnesses for samkalk's readers. Not part of the main package: build and run them
// with Fuzz/run (see Fuzz/README.md), which passes -sanitize=fuzzer,address.
import PackageDescription

let package = Package(
  name: "samkalk-fuzz",
  dependencies: [.package(path: "samkalk")],  // Fuzz/run links samkalk -> ..
  targets: [
    .target(name: "FuzzDriver"),
    .executableTarget(
      name: "fuzz-scenario", dependencies: ["FuzzDriver", .product(name: "Samkalk", package: "samkalk")]),
    .executableTarget(name: "fuzz-rates", dependencies: ["FuzzDriver", .product(name: "Samkalk", package: "samkalk")]),
    .executableTarget(name: "fuzz-csv", dependencies: ["FuzzDriver", .product(name: "Samkalk", package: "samkalk")]),
    .executableTarget(
      name: "fuzz-followup", dependencies: ["FuzzDriver", .product(name: "Samkalk", package: "samkalk")]),
  ],
  swiftLanguageModes: [.v6]
)

import Foundation
import Testing

/// Runs the built `samkalk` binary as a user would and checks exit codes and output.
@Suite struct CLITests {
  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The `samkalk` binary next to the test bundle.
  static var binary: String {
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
      Bundle.main.bundleURL.deletingLastPathComponent(),
      Bundle.main.bundleURL,
    ]
    for directory in candidates {
      let path = directory.appendingPathComponent("samkalk").path
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return candidates[0].appendingPathComponent("samkalk").path
  }

  func samkalk(_ arguments: [String]) throws -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.binary)
    process.arguments = arguments
    process.currentDirectoryURL = Self.repository
    let out = Pipe()
    // Standard error into a file, not a second pipe: reading one pipe to its end while the
    // process fills the other's buffer (64 KiB of warnings) would block both for ever.
    let errorPath = FileManager.default.temporaryDirectory.appendingPathComponent("samkalk-stderr-\(UUID().uuidString)")
    guard FileManager.default.createFile(atPath: errorPath.path, contents: nil) else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: errorPath.path])
    }
    defer { try? FileManager.default.removeItem(at: errorPath) }
    let err = try FileHandle(forWritingTo: errorPath)
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try err.close()
    let stderr = try Data(contentsOf: errorPath)
    return Output(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }

  func temporaryDirectory() -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("samkalk-cli-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test func runWritesBothReportsAndPrintsTheSummary() throws {
    let out = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let result = try samkalk(["run", "Scenarios/porten-2016-2018.xml", "--out", out])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Samhället"))
    #expect(FileManager.default.fileExists(atPath: out + "/porten-2016-2018.xml"))
    let csv = try String(contentsOfFile: out + "/porten-2016-2018.csv", encoding: .utf8)
    #expect(csv.hasPrefix("actor,year,before,after,change,investment,net,cumulative"))
  }

  @Test func runTwiceGivesTheSameBytes() throws {
    let first = temporaryDirectory()
    let second = temporaryDirectory()
    defer {
      try? FileManager.default.removeItem(atPath: first)
      try? FileManager.default.removeItem(atPath: second)
    }
    _ = try samkalk(["run", "Scenarios/porten-2016-2018.xml", "--out", first])
    _ = try samkalk(["run", "Scenarios/porten-2016-2018.xml", "--out", second])
    for ext in ["xml", "csv"] {
      let a = try Data(contentsOf: URL(fileURLWithPath: "\(first)/porten-2016-2018.\(ext)"))
      let b = try Data(contentsOf: URL(fileURLWithPath: "\(second)/porten-2016-2018.\(ext)"))
      #expect(a == b)
    }
  }

  @Test func unknownFormatIsRejectedWithAHint() throws {
    let result = try samkalk(["run", "Scenarios/porten-2016-2018.xml", "--format", "xml,cvs"])
    #expect(result.status != 0)
    #expect(result.stderr.contains("unknown report format 'cvs'; did you mean 'csv'?"))
  }

  @Test func validateAcceptsTheShippedScenarios() throws {
    let scenarios = try FileManager.default.contentsOfDirectory(atPath: Self.repository.path + "/Scenarios")
      .filter { $0.hasSuffix(".xml") }.sorted().map { "Scenarios/" + $0 }
    #expect(scenarios.count >= 2)
    let result = try samkalk(["validate"] + scenarios)
    #expect(result.status == 0, "\(result.stderr)")
  }

  @Test func validateReportsLocatedErrorsAndExits1() throws {
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/bad.xml"
    try """
    <?xml version="1.0" encoding="UTF-8"?>
    <scenario xmlns="urn:samkalk:scenario:1" version="1" id="bad">
      <titel>x</titel>
    </scenario>
    """.write(toFile: path, atomically: true, encoding: .utf8)
    let result = try samkalk(["validate", path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("\(path):3:3: error: unknown or misplaced element 'titel'; did you mean 'title'?"))
  }

  @Test func taxCSVHasTheDocumentedColumns() throws {
    let result = try samkalk(["tax", "--year", "2025", "--municipality", "1780", "--wage", "300000", "--format", "csv"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 2)
    let header = lines[0].split(separator: ";").map(String.init)
    let values = lines[1].split(separator: ";").map(String.init)
    let row = Dictionary(uniqueKeysWithValues: zip(header, values))
    // Hand-computed in SKV433MethodTests.wageOf300000InKarlstad2025.
    #expect(row["grundavdrag"] == "33600")
    #expect(row["beskattningsbar_inkomst"] == "266400")
    #expect(row["kommunalskatt"] == "56663")
    #expect(row["regionskatt"] == "32713")
    #expect(row["statlig_skatt"] == "0")
    #expect(row["jobbskatteavdrag"] == "31802")
    #expect(row["slutlig_skatt"] == "57323")
    #expect(row["nettoinkomst"] == "242677")
  }

  /// Issue 19's figures from the command line, and the tax of someone past the age threshold.
  @Test func taxGivesTheIssuesFiguresAndTakesABirthYear() throws {
    func row(_ arguments: [String]) throws -> [String: String] {
      let result = try samkalk(["tax"] + arguments + ["--format", "csv"])
      #expect(result.status == 0, "\(result.stderr)")
      let lines = result.stdout.split(separator: "\n").map { $0.split(separator: ";").map(String.init) }
      return Dictionary(uniqueKeysWithValues: zip(lines[0], lines[1]))
    }
    // BFI 106 700: (106 700 − 40 000) × 0.75 % = 500 (SKV433MethodTests)
    let halmstad = try row(["--year", "2025", "--municipality", "1380", "--wage", "150000"])
    #expect(halmstad["skattereduktion_forvarvsinkomst"] == "500")
    let benefits = try row(["--year", "2025", "--municipality", "1380", "--wage", "0", "--benefits", "60000"])
    #expect(benefits["skattereduktion_forvarvsinkomst"] == "0")
    let degerfors = try row(["--year", "2026", "--municipality", "1862", "--wage", "25242"])
    #expect(degerfors["allman_pensionsavgift"] == "1800")
    // Born 1960: 65 at the start of 2026, the ordinary rules; born 1959: 66, the förhöjt
    // grundavdrag and 67 kap. 8 § (SKV433MethodTests.olderWorkerInStockholm2026).
    let young = try row(["--year", "2026", "--municipality", "0180", "--wage", "300000", "--birth-year", "1960"])
    #expect(young["grundavdrag"] == "34000")
    let old = try row(["--year", "2026", "--municipality", "0180", "--wage", "300000", "--birth-year", "1959"])
    #expect(old["grundavdrag"] == "136500")
    #expect(old["jobbskatteavdrag"] == "28948")
    #expect(old["slutlig_skatt"] == "22184")
    let text = try samkalk([
      "tax", "--year", "2026", "--municipality", "0180", "--wage", "300000", "--birth-year", "1959",
    ])
    #expect(text.stdout.hasPrefix("Inkomstskatt 2026, Stockholm (0180), född 1959 (66 år vid årets ingång): "))
    // An impossible birth year is refused before anything is computed.
    for bad in ["2027", "1895"] {
      let refused = try samkalk(["tax", "--year", "2026", "--municipality", "0180", "--wage", "1", "--birth-year", bad])
      #expect(refused.status != 0)
      #expect(refused.stderr.contains("--birth-year must be a year from 1896 to 2026 for income year 2026"))
    }
  }

  @Test func ratesCheckFindsABadCSVLine() throws {
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/egna.csv"
    try "key;value;unit;from;source\nformaner.forsorjningsstod.per_hushallsmanad;tio;kr/månad;2025-01-01;Budget\n"
      .write(toFile: path, atomically: true, encoding: .utf8)
    let result = try samkalk(["rates", "check", path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("\(path):2:"))
  }

  @Test func versionAndHelp() throws {
    let version = try samkalk(["--version"])
    #expect(version.stdout == "0.1.0\n")
    let help = try samkalk(["--help"])
    for command in ["run", "validate", "tax", "rates"] { #expect(help.stdout.contains(command)) }
  }
}

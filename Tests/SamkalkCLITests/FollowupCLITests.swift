import Foundation
import SamkalkCore
import Testing

/// `samkalk followup` run as a user would: the shipped synthetic sample, bad rows, --skip-invalid
/// and a scenario with `<followup>`.
@Suite struct FollowupCLITests {
  static let sample = "Scenarios/data/uppfoljning-exempel.csv"
  static let scenario = "Scenarios/uppfoljning-exempel.xml"

  func samkalk(_ arguments: [String]) throws -> CLITests.Output {
    try CLITests().samkalk(arguments)
  }

  func temporaryDirectory() -> String { CLITests().temporaryDirectory() }

  func contents(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

  /// The sample with `extra` appended, in a temporary folder.
  func sampleWith(_ extra: String, in directory: String) throws -> String {
    let path = directory + "/data.csv"
    try (try contents(CLITests.repository.path + "/" + Self.sample) + extra).write(
      toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func theSampleGivesExit0AndBothReports() throws {
    let out = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let result = try samkalk(["followup", Self.sample, "--group-size", "360", "--out", out])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Follow-up \(Self.sample): 400 rows, 16 persons"))
    let xml = try contents(out + "/uppfoljning-exempel-followup.xml")
    let csv = try contents(out + "/uppfoljning-exempel-followup.csv")
    let bytes = try #require(FileManager.default.contents(atPath: CLITests.repository.path + "/" + Self.sample))
    #expect(xml.contains("sha256=\"\(SHA256.hex(of: Array(bytes)))\""))
    #expect(xml.contains("groupSize=\"360\""))
    #expect(csv.hasPrefix("subgroup,actor,persons,before,after,change,"))
    #expect(result.stdout.contains("wrote \(out)/uppfoljning-exempel-followup.xml"))
  }

  @Test func aBadRowIsExit1WithFileLineAndColumn() throws {
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let data = try sampleWith("P9,2024-13,arbete,1,man,1980,1780,2024-02-10,2024-02-11,,,,,,\n", in: directory)
    let result = try samkalk(["followup", data, "--out", directory + "/out"])
    #expect(result.status == 1)
    // Line 402 (header + 400 rows + this one); "P9," is 3 characters, so the month is column 4.
    #expect(result.stderr.contains("\(data):402:4: error: month '2024-13' is not a month YYYY-MM"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: directory + "/out/data-followup.xml"))
  }

  @Test func skipInvalidGivesExit0AndListsTheSkippedLine() throws {
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let data = try sampleWith("P9,2024-13,arbete,1,man,1980,1780,2024-02-10,2024-02-11,,,,,,\n", in: directory)
    let result = try samkalk(["followup", data, "--skip-invalid", "--out", directory + "/out"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("\(data):402:4: warning: skipped: month '2024-13'"), "\(result.stderr)")
    #expect(result.stdout.contains("skipped lines: 1"))
    let xml = try contents(directory + "/out/data-followup.xml")
    #expect(xml.contains("<skipped lines=\"1\" listed=\"1\">"))
    #expect(xml.contains("<line number=\"402\" column=\"4\">"))
    #expect(FileManager.default.fileExists(atPath: directory + "/out/data-followup.csv"))
  }

  @Test func aScenarioWithFollowupTakesItsSettings() throws {
    let out = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let result = try samkalk(["followup", Self.scenario, "--out", out])
    #expect(result.status == 0, "\(result.stderr)")
    let xml = try contents(out + "/uppfoljning-exempel-followup.xml")
    #expect(xml.contains("ratesDate=\"2026-01-01\""))
    #expect(xml.contains("<input file=\"Scenarios/data/uppfoljning-exempel.csv\""))
    #expect(xml.contains("groupSize=\"360\" groupSizeStated=\"true\" bootstrapReplicates=\"1000\" seed=\"1\""))
    // The same study as the CSV with the same flags: the same results.
    let direct = try samkalk([
      "followup", Self.sample, "--group-size", "360", "--rates-date", "2026-01-01", "--out", out + "/direct",
    ])
    #expect(direct.status == 0, "\(direct.stderr)")
    let csv = try contents(out + "/uppfoljning-exempel-followup.csv")
    #expect(csv == (try contents(out + "/direct/uppfoljning-exempel-followup.csv")))
  }

  @Test func aScenarioRefusesTheStudysFlags() throws {
    let result = try samkalk(["followup", Self.scenario, "--before", "6"])
    #expect(result.status != 0)
    #expect(result.stderr.contains("--before"))
  }

  @Test func aMissingFollowupFileIsAnErrorAtTheElementsLine() throws {
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    // The element on one line of its own, so that its line is unambiguous.
    var lines = try contents(CLITests.repository.path + "/" + Self.scenario)
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let start = lines.firstIndex { $0.contains("<followup file=") }!
    let end = lines[start...].firstIndex { $0.contains("/>") }!
    lines.replaceSubrange(start...end, with: ["  <followup file=\"data/saknas.csv\" groupSize=\"360\"/>"])
    let text = lines.joined(separator: "\n")
    let path = directory + "/s.xml"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
      $0.contains("<followup file=")
    }!
    let result = try samkalk(["followup", path, "--out", directory + "/out"])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains("\(path):\(line + 1)") && result.stderr.contains("data/saknas.csv' does not exist"),
      "\(result.stderr)")
    // The relative path resolves against the scenario's folder: with the file there, it runs.
    try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: CLITests.repository.path + "/" + Self.sample, toPath: directory + "/data/saknas.csv")
    let found = try samkalk(["followup", path, "--out", directory + "/out"])
    #expect(found.status == 0, "\(found.stderr)")
    #expect(FileManager.default.fileExists(atPath: directory + "/out/saknas-followup.xml"))
  }

  @Test func aScenarioWithoutFollowupIsAnError() throws {
    let result = try samkalk(["followup", "Scenarios/porten-2016-2018.xml"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("has no <followup> element"))
  }
}

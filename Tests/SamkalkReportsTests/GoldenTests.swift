import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkRates
import SamkalkReports
import SamkalkXML
import Testing

/// The repository root, from this file's path (`<repo>/Tests/SamkalkReportsTests/GoldenTests.swift`).
let goldenRepositoryRoot: String = {
  var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(3)
  return parts.joined(separator: "/")
}()

/// The shipped scenarios, as paths relative to the repository root, sorted.
let goldenScenarios: [String] = {
  let files =
    (try? FileManager.default.contentsOfDirectory(atPath: goldenRepositoryRoot + "/Scenarios"))
    ?? []
  return files.filter { $0.hasSuffix(".xml") }.sorted().map { "Scenarios/" + $0 }
}()

/// Golden files: every shipped scenario's XML, CSV (and subgroup CSV) and summary, compared byte
/// for byte with `Tests/SamkalkReportsTests/Golden/<id>.{xml,csv,txt}` and `<id>-subgroups.csv`,
/// and the comparison of the shipped pair `Scenarios/jamforelse-*.xml` with
/// `Golden/comparison-jamforelse.{xml,csv,txt}`.
///
/// Run with `SAMKALK_RECORD_GOLDEN=1` to (re)write the golden files instead of comparing;
/// review the diff before committing it.
@Suite struct GoldenTests {
  static let root = goldenRepositoryRoot

  static let goldenDirectory = root + "/Tests/SamkalkReportsTests/Golden"

  static var recording: Bool { ProcessInfo.processInfo.environment["SAMKALK_RECORD_GOLDEN"] == "1" }

  @Test func thereAreShippedScenarios() {
    #expect(!goldenScenarios.isEmpty, "no Scenarios/*.xml found under \(Self.root)")
  }

  @Test(arguments: goldenScenarios)
  func golden(_ scenarioPath: String) throws {
    let rates = try RateBook.shipped(directory: Self.root + "/Rates")
    let loaded = try ScenarioReader(rates: rates).read(path: Self.root + "/" + scenarioPath)
    var result = try Calculator(rates: rates).run(loaded.scenario)
    result = Self.relativized(result)
    let context = ReportContext(
      scenarioPath: scenarioPath, scenarioSHA256: loaded.sha256, samkalkVersion: "test")
    let id = result.scenario.id
    var outputs: [(String, [UInt8])] = [
      (".xml", XMLReport.render(result, context: context)),
      (".csv", CSVReport.render(result)),
      (".txt", Array(SummaryTable.render(result).utf8)),
    ]
    if let subgroups = CSVReport.renderSubgroups(result) { outputs.append(("-subgroups.csv", subgroups)) }
    // The real reports validate against the schema too, not just the hand-built one.
    let document = try SamkalkXML.XMLDocument.parse(bytes: outputs[0].1, file: "\(id).xml")
    let problems = try ReportSchema.load().validate(document)
    #expect(problems.isEmpty, "\(problems)")
    // Same inputs, same bytes.
    #expect(XMLReport.render(result, context: context) == outputs[0].1)
    for (suffix, bytes) in outputs { try Self.compare(bytes, toGolden: id + suffix) }
  }

  /// The shipped comparison pair (`Scenarios/jamforelse-*.xml`), as `samkalk compare` renders it.
  @Test func comparisonGolden() throws {
    let pair = goldenScenarios.filter { $0.hasPrefix("Scenarios/jamforelse-") }
    try #require(pair.count >= 2, "no Scenarios/jamforelse-*.xml pair")
    let rates = try RateBook.shipped(directory: Self.root + "/Rates")
    let inputs = try pair.map { scenarioPath throws -> (result: ScenarioResult, context: ReportContext) in
      let loaded = try ScenarioReader(rates: rates).read(path: Self.root + "/" + scenarioPath)
      let result = Self.relativized(try Calculator(rates: rates).run(loaded.scenario))
      return (
        result,
        ReportContext(scenarioPath: scenarioPath, scenarioSHA256: loaded.sha256, samkalkVersion: "test")
      )
    }
    let comparison = try MeasureComparison(inputs, by: .npv)
    let xml = ComparisonXML.render(comparison, samkalkVersion: "test")
    let document = try SamkalkXML.XMLDocument.parse(bytes: xml, file: "comparison.xml")
    let problems = try ReportSchema.load().validate(document)
    #expect(problems.isEmpty, "\(problems)")
    try Self.compare(xml, toGolden: "comparison-jamforelse.xml")
    try Self.compare(ComparisonCSV.render(comparison), toGolden: "comparison-jamforelse.csv")
    try Self.compare(Array(ComparisonTable.render(comparison).utf8), toGolden: "comparison-jamforelse.txt")
  }

  /// Compares bytes with `Golden/<name>`, or records them with `SAMKALK_RECORD_GOLDEN=1`.
  static func compare(_ bytes: [UInt8], toGolden name: String) throws {
    let path = "\(Self.goldenDirectory)/\(name)"
    if Self.recording {
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      print("recorded \(path)")
      return
    }
    guard let expected = FileManager.default.contents(atPath: path) else {
      Issue.record("missing golden file \(path); run with SAMKALK_RECORD_GOLDEN=1 to record it")
      return
    }
    if Array(expected) != bytes {
      Issue.record(
        """
        \(path) differs from the rendered report (run with SAMKALK_RECORD_GOLDEN=1 to re-record):
        \(Self.firstDifference(Array(expected), bytes))
        """)
    }
  }

  /// The first differing line of two texts, for a readable failure.
  static func firstDifference(_ expected: [UInt8], _ actual: [UInt8]) -> String {
    let expectedLines = String(decoding: expected, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false)
    let actualLines = String(decoding: actual, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(expectedLines.count, actualLines.count) {
      let left = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
      let right = index < actualLines.count ? String(actualLines[index]) : "<end of file>"
      if left != right { return "line \(index + 1):\n  expected: \(left)\n  actual:   \(right)" }
    }
    return "same lines, different bytes"
  }

  /// The result with every path under the repository made relative to it, so that golden
  /// files do not depend on where the repository is checked out.
  static func relativized(_ result: ScenarioResult) -> ScenarioResult {
    func relative(_ path: String) -> String {
      path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }
    func relative(_ location: SamkalkCore.SourceLocation) -> SamkalkCore.SourceLocation {
      var location = location
      location.file = relative(location.file)
      return location
    }
    var result = result
    result.scenario.file = result.scenario.file.map(relative)
    result.scenario.inputs = result.scenario.inputs.map { input in
      var input = input
      input.location = input.location.map(relative)
      return input
    }
    result.ratesUsed = result.ratesUsed.map { used in
      var used = used
      used.file = relative(used.file)
      used.resolved.value.origin.location = relative(used.resolved.value.origin.location)
      return used
    }
    result.rateFiles = result.rateFiles.map { file in
      var file = file
      file.path = relative(file.path)
      return file
    }
    result.warnings = result.warnings.map { warning in
      var warning = warning
      warning.location = relative(warning.location)
      warning.message = warning.message.replacingOccurrences(of: root + "/", with: "")
      return warning
    }
    return result
  }
}

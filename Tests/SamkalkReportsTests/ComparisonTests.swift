import Foundation
import SamkalkCore
import SamkalkXML
import Testing

import SamkalkEngine
@testable import SamkalkReports

@Suite struct ComparisonTests {
  /// The fixture as measure `id`, with society's NPV, payback and benefit-cost ratio set.
  static func measure(
    _ id: String, npv: Double = 1_000, payback: Payback = .month(12), bcr: Double? = 2
  ) -> (result: ScenarioResult, context: ReportContext) {
    var result = Fixture.result(warnings: [])
    result.scenario.id = id
    result.scenario.title = "Insats \(id)"
    let index = result.perspectives.firstIndex { $0.perspective == .samhallet }!
    result.perspectives[index].npv = npv
    result.perspectives[index].payback = payback
    result.perspectives[index].presentValueOfInvestment = bcr == nil ? 0 : 1_000
    result.perspectives[index].presentValueOfEffects = (bcr ?? 0) * 1_000
    let context = ReportContext(
      scenarioPath: "Scenarios/\(id).xml", scenarioSHA256: String(repeating: "c", count: 64),
      samkalkVersion: "test")
    return (result, context)
  }

  func ranked(_ inputs: [(result: ScenarioResult, context: ReportContext)], by criterion: ComparisonCriterion)
    throws -> [String]
  {
    try MeasureComparison(inputs, by: criterion).measures.map(\.id)
  }

  @Test func ranksByNPVDescendingWithTiesById() throws {
    let inputs = [
      Self.measure("c", npv: 500), Self.measure("b", npv: 2_000), Self.measure("a", npv: 500),
      Self.measure("d", npv: -3_000),
    ]
    #expect(try ranked(inputs, by: .npv) == ["b", "a", "c", "d"])
    let comparison = try MeasureComparison(inputs, by: .npv)
    #expect(comparison.measures.map(\.rank) == [1, 2, 3, 4])
    // NPVs that round to the same öre count as a tie.
    #expect(try ranked([Self.measure("y", npv: 100.001), Self.measure("x", npv: 100.004)], by: .npv) == ["x", "y"])
  }

  @Test func ranksByPaybackAscendingWithNotWithinHorizonLast() throws {
    let inputs = [
      Self.measure("late", payback: .month(30)), Self.measure("never-b", payback: .notWithinHorizon),
      Self.measure("never-a", payback: .notWithinHorizon), Self.measure("direct", payback: .month(0)),
      Self.measure("early-b", payback: .month(14)), Self.measure("early-a", payback: .month(14)),
    ]
    #expect(try ranked(inputs, by: .payback) == ["direct", "early-a", "early-b", "late", "never-a", "never-b"])
  }

  @Test func ranksByBCRDescendingWithNoneLast() throws {
    let inputs = [
      Self.measure("none", bcr: nil), Self.measure("low", bcr: 1.5), Self.measure("high-b", bcr: 3),
      Self.measure("high-a", bcr: 3), Self.measure("also-none", bcr: nil),
    ]
    #expect(try ranked(inputs, by: .bcr) == ["high-a", "high-b", "low", "also-none", "none"])
  }

  @Test func needsTwoMeasures() {
    #expect(throws: DiagnosticError.self) { try MeasureComparison([Self.measure("a")], by: .npv) }
    #expect(throws: DiagnosticError.self) { try MeasureComparison([], by: .npv) }
  }

  @Test func rejectsDuplicateIDs() {
    #expect(throws: DiagnosticError.self) {
      try MeasureComparison([Self.measure("a"), Self.measure("a")], by: .npv)
    }
  }

  @Test func noWarningsWhenComparable() throws {
    let comparison = try MeasureComparison([Self.measure("a"), Self.measure("b"), Self.measure("c")], by: .npv)
    #expect(comparison.warnings.isEmpty)
  }

  @Test func warnsOnEachDifferingProperty() throws {
    var horizon = Self.measure("b")
    horizon.result.scenario.horizonYears = 10
    var discount = Self.measure("b")
    discount.result.discountRate = 0.04
    var municipality = Self.measure("b")
    municipality.result.municipality.code = "1293"
    municipality.result.municipality.name = "Hässleholm"
    var ratesDate = Self.measure("b")
    ratesDate.result.scenario.ratesDate = Day(year: 2025, month: 1, day: 1)
    let cases: [((result: ScenarioResult, context: ReportContext), String)] = [
      (horizon, "horizon differs (2 years in a, 10 years in b)"),
      (discount, "discount rate differs (3.5 % in a, 4 % in b)"),
      (municipality, "municipality differs (1780 Karlstad in a, 1293 Hässleholm in b)"),
      (ratesDate, "rates date differs (2016-01-01 in a, 2025-01-01 in b)"),
    ]
    for (other, message) in cases {
      let comparison = try MeasureComparison([Self.measure("a"), other], by: .npv)
      #expect(comparison.warnings.map(\.message) == ["not comparable as they stand: " + message])
      #expect(comparison.warnings.map(\.severity) == [.warning])
      #expect(comparison.warnings.first?.location.file == "Scenarios/b.xml")
    }
  }

  @Test func warningsListEveryValueOnce() throws {
    var b = Self.measure("b")
    b.result.scenario.horizonYears = 5
    b.result.discountRate = 0.04
    var c = Self.measure("c")
    c.result.scenario.horizonYears = 5
    let comparison = try MeasureComparison([Self.measure("a"), b, c, Self.measure("d")], by: .npv)
    #expect(
      comparison.warnings.map(\.message) == [
        "not comparable as they stand: horizon differs (2 years in a and d, 5 years in b and c)",
        "not comparable as they stand: discount rate differs (3.5 % in a, c and d, 4 % in b)",
      ])
  }

  @Test func xmlValidatesAndRanks() throws {
    // b has adjustments, subgroups, break-even and verkningsgrad; society's NPV is about 18 400 kr.
    let b = (result: Fixture.richResult().with(id: "b"), context: Self.measure("b").context)
    let comparison = try MeasureComparison([Self.measure("a", npv: 1_000), b], by: .npv)
    let bytes = ComparisonXML.render(comparison, samkalkVersion: "test")
    let document = try SamkalkXML.XMLDocument.parse(bytes: bytes, file: "comparison.xml")
    let problems = try ReportSchema.load().validate(document)
    #expect(problems.isEmpty, "\(problems)")
    #expect(document.root.name == "comparison")
    #expect(document.root[attribute: "criterion"] == "npv")
    let measures = document.root.children(named: "measure")
    #expect(measures.map { $0[attribute: "id"] } == ["b", "a"])
    #expect(measures.map { $0[attribute: "rank"] } == ["1", "2"])
    #expect(measures[0].child(named: "breakEven") != nil)
    #expect(measures[1].child(named: "breakEven") == nil)
    #expect(measures.allSatisfy { $0.children(named: "perspective").count == 9 })
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains("<scenarioFile path=\"Scenarios/a.xml\" sha256=\"\(String(repeating: "c", count: 64))\"/>"))
    #expect(text.contains("<mandatePeriod years=\"1\" paysBackWithin=\"yes\"/>"))
    #expect(ComparisonXML.render(comparison, samkalkVersion: "test") == bytes)
  }

  @Test func xmlCarriesTheWarnings() throws {
    var b = Self.measure("b")
    b.result.scenario.horizonYears = 10
    let comparison = try MeasureComparison([Self.measure("a"), b], by: .payback)
    let bytes = ComparisonXML.render(comparison, samkalkVersion: "test")
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(
      text.contains(
        "<warning severity=\"warning\" file=\"Scenarios/b.xml\">not comparable as they stand: horizon differs "
          + "(2 years in a, 10 years in b)</warning>"))
    let document = try SamkalkXML.XMLDocument.parse(bytes: bytes, file: "comparison.xml")
    #expect(try ReportSchema.load().validate(document).isEmpty)
  }

  @Test func csvHasOneColumnPerMeasureInRankOrder() throws {
    let comparison = try MeasureComparison(
      [Self.measure("a", npv: 1_000, payback: .notWithinHorizon, bcr: nil), Self.measure("b", npv: 2_000)],
      by: .npv)
    let text = String(decoding: ComparisonCSV.render(comparison), as: UTF8.self)
    let rows = text.components(separatedBy: "\r\n")
    #expect(rows[0] == "metric,perspective,b,a")
    #expect(rows[1] == "rank,,1,2")
    #expect(rows.contains("npv,samhallet,2000.00,1000.00"))
    #expect(rows.contains("benefit_cost_ratio,samhallet,2.000000,"))
    #expect(rows.contains("return_on_investment,samhallet,1.000000,"))
    #expect(rows.contains("payback_month,samhallet,12,not-within-horizon"))
    #expect(rows.contains("pays_back_within_mandate,samhallet,yes,no"))
    #expect(rows.contains("horizon_years,,2,2"))
    #expect(rows.contains("break_even_share,samhallet,,"))
    #expect(rows.contains("verkningsgrad,samhallet,,"))
    // Header, 8 identity rows, 14 metrics × 9 perspectives, verkningsgrad, final CRLF.
    #expect(rows.count == 1 + 8 + ComparisonCSV.metrics.count * 9 + 1 + 1)
    #expect(rows.last == "")
    #expect(rows.dropLast().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count >= 4 })
  }

  @Test func tableIsSideBySide() throws {
    var b = Self.measure("b", npv: 2_000)
    b.result.scenario.horizonYears = 10
    let comparison = try MeasureComparison([Self.measure("a", npv: 1_000, bcr: nil), b], by: .npv)
    let text = ComparisonTable.render(comparison)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[0] == "Jämförelse av 2 insatser, rangordnade efter nuvärde för samhället")
    #expect(lines.contains("1. b: Insats b (Scenarios/b.xml)"))
    // Cells are separated by at least two spaces.
    func cells(_ prefix: String) -> [String] {
      guard let line = lines.first(where: { $0.hasPrefix(prefix) }) else { return [] }
      return line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
        !$0.isEmpty
      }
    }
    #expect(cells("Mått") == ["Mått", "b", "a"])
    #expect(cells("Rang") == ["Rang", "1", "2"])
    #expect(cells("Nuvärde (kr)") == ["Nuvärde (kr)", "2 000", "1 000"])
    #expect(cells("Nytta/kostnad") == ["Nytta/kostnad", "2,00", "–"])
    #expect(cells("Återbetalning") == ["Återbetalning", "månad 12", "månad 12"])
    #expect(cells("Inom mandatperioden") == ["Inom mandatperioden", "ja (1 år)", "ja (1 år)"])
    #expect(cells("Nuvärde per deltagare") == ["Nuvärde per deltagare (kr)", "200", "100"])
    #expect(cells("Horisont (år)") == ["Horisont (år)", "10", "2"])
    #expect(cells("Samhället ") == ["Samhället", "2 000", "1 000"])
    #expect(lines.contains("Varningar (1):"))
    #expect(lines.allSatisfy { $0.count <= SummaryTable.maxWidth })
  }

  @Test func wideComparisonsSplit() throws {
    let inputs = (1...8).map { Self.measure("insats-med-ett-langt-namn-\($0)", npv: Double($0)) }
    let text = ComparisonTable.render(try MeasureComparison(inputs, by: .npv))
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.allSatisfy { $0.count <= SummaryTable.maxWidth })
    #expect(lines.filter { $0.hasPrefix("Mått") }.count > 1)
    // Every measure is a column of the first block, once, in rank order (highest NPV first).
    let headers = lines.filter { $0.hasPrefix("Mått") }.flatMap { $0.split(separator: " ").dropFirst() }
    #expect(headers == (1...8).reversed().map { "insats-med-ett-langt-namn-\($0)"[...] })
  }

  @Test func writerWritesBothFilesAndRefusesInputs() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("samkalk-cmp-\(UUID().uuidString)")
      .path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let comparison = try MeasureComparison([Self.measure("a"), Self.measure("b")], by: .npv)
    let written = try ReportWriter.write(
      comparison, samkalkVersion: "test", formats: [.xml, .csv], directory: directory, protectedPaths: [])
    #expect(written == [directory + "/comparison.xml", directory + "/comparison.csv"])
    #expect(FileManager.default.fileExists(atPath: directory + "/comparison.csv"))
    #expect(throws: DiagnosticError.self) {
      try ReportWriter.write(
        comparison, samkalkVersion: "test", formats: [.csv], directory: directory,
        protectedPaths: [directory + "/comparison.csv"])
    }
  }
}

extension ScenarioResult {
  func with(id: String) -> ScenarioResult {
    var result = self
    result.scenario.id = id
    return result
  }
}

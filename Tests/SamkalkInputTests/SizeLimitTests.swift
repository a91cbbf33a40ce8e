import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkRates
import SamkalkTestSupport
import Testing

/// The bound on a scenario's size (issue 23, item 5): population groups × months of the horizon
/// at most `Scenario.maxGroupMonths`, refused at `<outcomes>` by the reader and by the engine.
@Suite struct SizeLimitTests {
  /// 50 outcomes over 100 years are 100 groups × 1 200 months = 120 000 group-months: accepted.
  @Test func aScenarioAtTheLimitIsRead() throws {
    let scenario = try reader().read(
      bytes: Array(GeneratedScenarios.manyOutcomes(50, years: 100).utf8), file: "at-limit.xml"
    ).scenario
    #expect(scenario.groupCount == 100)
    #expect(scenario.groupMonths == 120_000)
    #expect(scenario.groupMonths == Scenario.maxGroupMonths)
  }

  /// Real scenarios are far from the limit: every shipped one needs less than a twentieth of it.
  @Test(arguments: shippedScenarios)
  func shippedScenariosAreFarBelowTheLimit(name: String) throws {
    let scenario = try reader().read(path: scenarioPath(name)).scenario
    #expect(scenario.groupMonths > 0)
    #expect(scenario.groupMonths * 20 < Scenario.maxGroupMonths, "\(name): \(scenario.groupMonths)")
  }

  /// 51 outcomes are 122 400 group-months; 400 outcomes (the 57 kB file) 960 000.
  @Test(arguments: [(51, 102, 122_400), (400, 800, 960_000)])
  func aScenarioPastTheLimitIsRefusedAtItsOutcomes(outcomes: Int, groups: Int, groupMonths: Int) throws {
    let diagnostics = try check(GeneratedScenarios.manyOutcomes(outcomes, years: 100), file: "many.xml")
    let errors = diagnostics.errors
    #expect(errors.count == 1, "\(render(diagnostics))")
    let error = try #require(errors.first)
    #expect(error.location.file == "many.xml")
    #expect(error.location.line == 15)
    #expect(
      error.message.hasPrefix(
        "the scenario needs \(groups) population groups over 1200 months (\(groupMonths) group-months), "
          + "more than the limit of 120000 group-months"))
  }

  /// Branches and subgroups multiply the groups, as the engine builds them; a comparison
  /// alternative's groups count once per subgroup of the outcomes.
  @Test func branchesSubgroupsAndAlternativesAreCounted() throws {
    let text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <scenario xmlns="urn:samkalk:scenario:1" version="1" id="test">
        <title>Test</title>
        <municipality code="1780"/>
        <rates date="2025-01-01"/>
        <start month="2025-01"/>
        <horizon years="3"/>
        <measure participants="10" months="12">
          <cost id="budget" label="Budget" amount="100000"/>
          <financing financier="kommun" share="1"/>
        </measure>
        <before><situation type="forsorjningsstod" extent="1"/></before>
        <outcomes>
          <outcome id="arbete" persons="4" startMonth="12">
            <subgroup sex="kvinna" persons="2"/>
            <subgroup sex="man" persons="2"/>
            <phase months="6">
              <situation type="arbete" extent="1" wage="25000"/>
              <branch id="a" share="0.5"><phase><situation type="arbete" extent="1" wage="25000"/></phase></branch>
              <branch id="b" share="0.25"><phase><situation type="forsorjningsstod"/></phase></branch>
              <branch id="c" share="0.25"><phase><situation type="forsorjningsstod"/></phase></branch>
            </phase>
          </outcome>
          <outcome id="oforandrad" persons="6" startMonth="12">
            <phase><situation type="forsorjningsstod"/></phase>
          </outcome>
        </outcomes>
        <comparison>
          <alternative id="a" persons="10"><phase><situation type="forsorjningsstod"/></phase></alternative>
        </comparison>
      </scenario>
      """
    let scenario = try reader().read(bytes: Array(text.utf8), file: "t.xml").scenario
    // After: 2 subgroups × 3 branch ends + 1 (oforandrad) = 7. Basis: 1 alternative × 3 subgroups
    // of the outcomes (kvinna, man, unspecified) = 3.
    #expect(scenario.groupCount == 10)
    #expect(scenario.groupMonths == 10 * 36)
  }

  /// A scenario read within the limit and then changed past it (a longer horizon) is refused by
  /// the engine with the same message, at the scenario's file.
  @Test func theEngineRefusesAScenarioChangedPastTheLimit() throws {
    let rates = try RateBook.shipped()
    let scenario = try reader().read(
      bytes: Array(GeneratedScenarios.manyOutcomes(51, years: 10).utf8), file: "many.xml"
    ).scenario
    _ = try Calculator(rates: rates).run(scenario)
    #expect {
      try Calculator(rates: rates).run(scenario.withHorizon(years: 100))
    } throws: { error in
      guard let error = error as? DiagnosticError, let first = error.diagnostics.first else { return false }
      return first.location.file == "many.xml"
        && first.message.contains("102 population groups over 1200 months (122400 group-months)")
    }
  }
}

import SamkalkCore
import SamkalkEngine
import Testing

@Suite struct ScenarioParameterTests {
  /// A typfall without a <during> of its own is in its before situation while in the measure
  /// too; the reader copies it, and varying the before must change the copy with it.
  @Test func aTypfallsBeforeChangesItsCopyInTheMeasureToo() throws {
    var scenario = try shippedScenario("samverkan-leder-till-arbete-kalmar.xml")
    let path = "outcome[bistand_till_nystartsjobb]/before/situation[forsorjningsstod]@extent"
    let parameter = try #require(scenario.parameters.first { $0.path == path })
    #expect(parameter.value == 1)
    #expect(!scenario.parameters.contains { $0.path.hasPrefix("outcome[bistand_till_nystartsjobb]/during/") })
    parameter.apply(0.25, to: &scenario)
    #expect(scenario.outcomes[0].before?.situations[0].extent == 0.25)
    #expect(scenario.outcomes[0].during?.situations[0].extent == 0.25)
  }

  @Test func personsScaleTheSubgroupsAndABranchShareItsSiblings() throws {
    var scenario = try shippedScenario("porten-2016-2018.xml")
    let persons = try #require(scenario.parameters.first { $0.path == "outcome[subventionerat_arbete]@persons" })
    persons.apply(100, to: &scenario)
    #expect(scenario.outcomes[1].persons == 100)
    #expect(scenario.outcomes[1].subgroups.map(\.persons) == [34, 66])  // 17 and 33 of 50, doubled

    var kalmar = try shippedScenario("samverkan-leder-till-arbete-kalmar.xml")
    let branch = try #require(kalmar.parameters.first { $0.path.hasSuffix("@share") && $0.path.contains("/branch[") })
    branch.apply(0.5, to: &kalmar)
    let shares = kalmar.outcomes[0].path.last!.branches.map(\.share)
    #expect(abs(shares.reduce(0, +) - 1) < 1e-12)
    #expect(shares.contains(0.5))
  }

  /// A Monte Carlo thread sets draw after draw on one copy of the scenario: an input that
  /// overwrites must give the same scenario whatever it was set to before; a branch share,
  /// which rescales its siblings from their current shares, says it does not.
  @Test func settingPersonsTwiceIsSettingThemOnce() throws {
    let scenario = try shippedScenario("porten-2016-2018.xml")
    let persons = try #require(scenario.parameters.first { $0.path == "outcome[subventionerat_arbete]@persons" })
    #expect(persons.overwrites)
    var once = scenario
    persons.apply(37, to: &once)
    var twice = scenario
    for value in [41.3, 0, 12.7, 37] { persons.apply(value, to: &twice) }
    #expect(twice.outcomes[1].persons == 37)
    #expect(twice.outcomes[1].subgroups.map(\.persons) == once.outcomes[1].subgroups.map(\.persons))
    let expected: [Double] = [17.0 * 37 / 50, 33.0 * 37 / 50]  // 17 and 33 of 50, as 37
    #expect(once.outcomes[1].subgroups.map(\.persons) == expected)

    let kalmar = try shippedScenario("samverkan-leder-till-arbete-kalmar.xml")
    let branch = try #require(kalmar.parameters.first { $0.path.hasSuffix("@share") && $0.path.contains("/branch[") })
    #expect(!branch.overwrites)
    #expect(kalmar.parameters.filter { !$0.overwrites }.allSatisfy { $0.path.hasSuffix("@share") })
  }

  @Test func wholeNumbersAreRoundedAndUnitsNamed() throws {
    var scenario = try shippedScenario("porten-2016-2018.xml")
    let start = try #require(scenario.parameters.first { $0.path == "outcome[studier]@startMonth" })
    #expect(start.isWholeNumber && start.unit == "månad")
    start.apply(17.6, to: &scenario)
    #expect(scenario.outcomes[2].startMonth == 18)
    let cost = try #require(scenario.parameters.first { $0.path == "measure/cost[projektbudget]@amount" })
    #expect(cost.value == 9_000_000 && cost.unit == "kr")
    cost.apply(1234.565, to: &scenario)
    #expect(scenario.measure.costs[0].amount == Money(ore: 123_457))
  }
}

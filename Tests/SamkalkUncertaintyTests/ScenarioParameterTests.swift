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
    try parameter.apply(0.25, to: &scenario)
    #expect(scenario.outcomes[0].before?.situations[0].extent == 0.25)
    #expect(scenario.outcomes[0].during?.situations[0].extent == 0.25)
  }

  @Test func personsScaleTheSubgroupsAndABranchShareItsSiblings() throws {
    var scenario = try shippedScenario("porten-2016-2018.xml")
    let persons = try #require(scenario.parameters.first { $0.path == "outcome[subventionerat_arbete]@persons" })
    try persons.apply(100, to: &scenario)
    #expect(scenario.outcomes[1].persons == 100)
    #expect(scenario.outcomes[1].subgroups.map(\.persons) == [34, 66])  // 17 and 33 of 50, doubled

    var kalmar = try shippedScenario("samverkan-leder-till-arbete-kalmar.xml")
    let branch = try #require(kalmar.parameters.first { $0.path.hasSuffix("@share") && $0.path.contains("/branch[") })
    try branch.apply(0.5, to: &kalmar)
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
    try persons.apply(37, to: &once)
    var twice = scenario
    for value in [41.3, 0, 12.7, 37] { try persons.apply(value, to: &twice) }
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
    try start.apply(17.6, to: &scenario)
    #expect(scenario.outcomes[2].startMonth == 18)
    let cost = try #require(scenario.parameters.first { $0.path == "measure/cost[projektbudget]@amount" })
    #expect(cost.value == 9_000_000 && cost.unit == "kr")
    try cost.apply(1234.565, to: &scenario)
    #expect(scenario.measure.costs[0].amount == Money(ore: 123_457))
    // The optimism bias on benefits and their delay exist whether or not the file gives them.
    let delay = try #require(scenario.parameters.first { $0.path == "adjustments@optimismBiasDelayMonths" })
    #expect(delay.isWholeNumber && delay.unit == "månad" && delay.value == 0)
    try delay.apply(5.5, to: &scenario)
    #expect(scenario.adjustments.optimismBiasDelayMonths == 6)
    let benefits = try #require(scenario.parameters.first { $0.path == "adjustments@optimismBiasBenefits" })
    #expect(benefits.domain == .share)
    try benefits.apply(0.25, to: &scenario)
    #expect(scenario.adjustments.optimismBiasBenefits == 0.25)
  }

  /// A value the scenario cannot hold throws and leaves the scenario as it was: no draw or
  /// sensitivity point goes on with the value set before.
  @Test func valuesTheScenarioCannotHoldAreErrors() throws {
    let scenario = try shippedScenario("porten-2016-2018.xml")
    var changed = scenario
    let cost = try #require(scenario.parameters.first { $0.path == "measure/cost[projektbudget]@amount" })
    #expect {
      try cost.apply(1e20, to: &changed)
    } throws: { error in
      (error as? ParameterValueError)?.description == "the amount 1e+20 kr is more than whole öre can count"
    }
    #expect(changed.measure.costs[0].amount == scenario.measure.costs[0].amount)
    let start = try #require(scenario.parameters.first { $0.path == "outcome[studier]@startMonth" })
    #expect {
      try start.apply(1e300, to: &changed)
    } throws: { error in
      (error as? ParameterValueError)?.description == "a start month must be a whole number of 0 or more, not 1e+300"
    }
    let length = try #require(scenario.parameters.first { $0.path == "outcome[studier]/phase[1]@months" })
    #expect(length.domain == .atLeastOne)
    #expect {
      try length.apply(0.4, to: &changed)
    } throws: { error in
      (error as? ParameterValueError)?.description
        == "a phase's length in months must be a whole number of 1 or more, not 0.0"
    }
    #expect(changed.outcomes[2].path[0].months == scenario.outcomes[2].path[0].months)
  }
}

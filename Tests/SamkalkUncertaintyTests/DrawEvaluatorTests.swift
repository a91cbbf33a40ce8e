import SamkalkCore
import SamkalkEngine
import SamkalkRates
import Testing

/// The fast evaluation must be the engine's model, not an approximation of it.
@Suite struct DrawEvaluatorTests {
  @Test(arguments: shippedScenarioNames())
  func givesTheCalculatorsNPVAndPaybackBitForBit(name: String) throws {
    let scenario = try shippedScenario(name)
    let rates = try shippedRates()
    let result = try Calculator(rates: rates).run(scenario)
    let evaluator = try DrawEvaluator(rates: rates, scenario: scenario)
    var workspace = DrawWorkspace()
    try evaluator.evaluate(scenario, overrides: RateOverrides(), into: &workspace)
    for (index, perspective) in result.perspectives.enumerated() {
      #expect(workspace.npv[index] == perspective.npv, "\(name) \(perspective.perspective)")
      #expect(
        workspace.paybackMonth[index] == (perspective.payback.month ?? -1), "\(name) \(perspective.perspective)")
    }
    #expect(Set(workspace.npv).count > 1, "the perspectives differ")
  }

  /// Porten's jobseekers and unknown exits (two outcomes, women and men each) stay in the before
  /// situation: their four after groups and four basis groups cancel and are left out. Once the
  /// unknown exits' phase differs from the before situation, only the jobseekers' cancel, and the
  /// result is still the Calculator's.
  @Test func groupsInTheBeforeSituationCancelAndTheResultStaysTheCalculators() throws {
    let rates = try shippedRates()
    let scenario = try shippedScenario("porten-2016-2018-osakerhet.xml")
    let evaluator = try DrawEvaluator(rates: rates, scenario: scenario)
    var workspace = DrawWorkspace()
    try evaluator.evaluate(scenario, overrides: RateOverrides(), into: &workspace)
    #expect(workspace.groupsLeftOut == 8)
    #expect(workspace.npv == (try Calculator(rates: rates).run(scenario)).perspectives.map(\.npv))

    var changed = scenario
    let unknown = try #require(changed.outcomes.firstIndex { $0.id == "ovrigt_okant" })
    #expect(changed.outcomes[unknown].path[0].situations[0].situation == .forsorjningsstod)
    changed.outcomes[unknown].path[0].situations[0].extent = 0.3
    changed.outcomes[unknown].path[0].situations[2].extent = 0.2
    try evaluator.evaluate(changed, overrides: RateOverrides(), into: &workspace)
    #expect(workspace.groupsLeftOut == 4)
    let expected = try Calculator(rates: rates).run(changed)
    #expect(workspace.npv == expected.perspectives.map(\.npv))
    #expect(workspace.paybackMonth == expected.perspectives.map { $0.payback.month ?? -1 })
  }

  /// Groups with a birth year age from year to year (their years are taxed one by one, and an
  /// after group pairs only with a basis group of the same birth year): the fast evaluation
  /// must still be the Calculator's, and crossing the age threshold must move the result.
  @Test func groupsWithABirthYearGiveTheCalculatorsResult() throws {
    let rates = try shippedRates()
    let base = try shippedScenario("porten-2016-2018.xml")
    var aged = base
    // 65 at the start of the first income year, past 66 from the second on.
    for index in aged.outcomes.indices { aged.outcomes[index].birthYear = base.start.year - 66 }
    let result = try Calculator(rates: rates).run(aged)
    let evaluator = try DrawEvaluator(rates: rates, scenario: aged)
    var workspace = DrawWorkspace()
    try evaluator.evaluate(aged, overrides: RateOverrides(), into: &workspace)
    #expect(workspace.npv == result.perspectives.map(\.npv))
    #expect(workspace.paybackMonth == result.perspectives.map { $0.payback.month ?? -1 })
    #expect(workspace.npv != (try Calculator(rates: rates).run(base)).perspectives.map(\.npv))
    // The evaluator built for the scenario without birth years evaluates the aged one alike.
    let other = try DrawEvaluator(rates: rates, scenario: base)
    try other.evaluate(aged, overrides: RateOverrides(), into: &workspace)
    #expect(workspace.npv == result.perspectives.map(\.npv))
  }

  /// Birth years whose arbetsgivaravgift changes within the horizon (the youth rate from April
  /// 2026 to September 2027, 18 at the start of 2027, 67 at the start of 2027) and an
  /// aktivitetsersättning by age step: the fast evaluation builds the same month-by-month
  /// profiles as the Calculator, with and without a replaced contribution rate.
  @Test(arguments: ["jamforelse-b-lonestod.xml", "uppfoljning-exempel.xml", "jamforelse-a-coachning.xml"])
  func birthYearsThatCrossAContributionThresholdGiveTheCalculatorsResult(name: String) throws {
    let rates = try shippedRates()
    let base = try shippedScenario(name)
    var aged = base
    let years = [2004, 2008, 1959]
    for index in aged.outcomes.indices { aged.outcomes[index].birthYear = years[index % years.count] }
    // An aktivitetsersättning phase for the last outcome, to cross an age step too (20 → 21).
    aged.outcomes[aged.outcomes.count - 1].path = [
      Phase(situations: [SituationShare(situation: .aktivitetsersattning)])
    ]
    aged.outcomes[aged.outcomes.count - 1].birthYear = 2005
    let result = try Calculator(rates: rates).run(aged)
    #expect(result.perspectives.map(\.npv) != (try Calculator(rates: rates).run(base)).perspectives.map(\.npv))
    let evaluator = try DrawEvaluator(rates: rates, scenario: aged)
    var workspace = DrawWorkspace()
    try evaluator.evaluate(aged, overrides: RateOverrides(), into: &workspace)
    #expect(workspace.npv == result.perspectives.map(\.npv))
    #expect(workspace.paybackMonth == result.perspectives.map { $0.payback.month ?? -1 })
    // The plan holds the groups' month-by-month steps (a comparison alternative is never planned).
    let planned: Bool
    if case .alternative = aged.comparison { planned = false } else { planned = true }
    #expect(workspace.groupsFromPlan == planned)
    // The evaluator built for the scenario without birth years evaluates the aged one alike.
    try DrawEvaluator(rates: rates, scenario: base).evaluate(aged, overrides: RateOverrides(), into: &workspace)
    #expect(workspace.npv == result.perspectives.map(\.npv))

    // A contribution rate changes the month contexts (the groups are built as the Calculator
    // builds them); an age step's amount changes only the profiles the plan computes anew.
    let replaced: [(String, Double, RateUnit, Bool)] = [
      ("arbetsgivaravgift.ungdom.andel", 0.15, .andel, false), ("arbetsgivaravgift.full", 0.30, .andel, false),
      ("formaner.aktivitetsersattning.garanti_manad_21_22", 14_000, .krPerManad, planned),
    ]
    for (key, value, unit, fromPlan) in replaced {
      var changed = aged
      changed.rateValues.append(
        RateValue(
          key: RateKey(key), amount: .number(value), unit: unit, from: aged.ratesDate,
          source: RateSource(title: "test"), status: .unconfirmed,
          origin: RateOrigin(layer: .scenario, location: SourceLocation(file: "t.xml"))))
      let expected = try Calculator(rates: rates).run(changed)
      #expect(expected.perspectives.map(\.npv) != result.perspectives.map(\.npv), "\(key) matters")
      try evaluator.evaluate(aged, overrides: RateOverrides(numbers: [RateKey(key): value]), into: &workspace)
      #expect(workspace.npv == expected.perspectives.map(\.npv), "\(key)")
      #expect(workspace.groupsFromPlan == fromPlan, "\(key)")
      try evaluator.evaluate(aged, overrides: RateOverrides(), into: &workspace)
      #expect(workspace.npv == result.perspectives.map(\.npv), "back from \(key)")
    }
  }

  @Test func aChangedWageChangesTheResultAsTheCalculatorSays() throws {
    var scenario = try shippedScenario("porten-2016-2018.xml")
    scenario.outcomes[0].path[0].situations[0].monthlyWage = 30_000
    scenario.adjustments.deadweight = 0.25
    let rates = try shippedRates()
    let result = try Calculator(rates: rates).run(scenario)
    let evaluator = try DrawEvaluator(rates: rates, scenario: try shippedScenario("porten-2016-2018.xml"))
    var workspace = DrawWorkspace()
    try evaluator.evaluate(scenario, overrides: RateOverrides(), into: &workspace)
    #expect(workspace.npv == result.perspectives.map(\.npv))
  }

  /// A benefit (the profiles), a calendar convention (read once, before any profile), a tax
  /// parameter (the prepared tax) and a Finsam share (the measure): each replaced rate must reach
  /// exactly the parts of the draw that read it, even after a first draw has kept the base's.
  @Test(arguments: [
    ("formaner.forsorjningsstod.per_hushallsmanad", 13_000.0, RateUnit.krPerManad),
    ("kalender.veckor_per_ar", 50.0, RateUnit.veckor),
    ("skatt.grundavdrag.niva_4_lutning", 0.12, RateUnit.andel),
    ("finsam.andel.region", 0.4, RateUnit.andel),
  ])
  func aChangedRateChangesTheResultAsTheCalculatorSays(key: String, value: Double, unit: RateUnit) throws {
    let scenario = try shippedScenario("porten-2016-2018.xml")
    let rates = try shippedRates()
    var changed = scenario
    changed.rateValues.append(
      RateValue(
        key: RateKey(key), amount: .number(value), unit: unit, from: scenario.ratesDate,
        source: RateSource(title: "test"), status: .unconfirmed,
        origin: RateOrigin(layer: .scenario, location: SourceLocation(file: "t.xml"))))
    let expected = try Calculator(rates: rates).run(changed)
    let base = try Calculator(rates: rates).run(scenario)
    #expect(expected.perspectives.map(\.npv) != base.perspectives.map(\.npv), "the rate matters")
    let evaluator = try DrawEvaluator(rates: rates, scenario: scenario)
    var workspace = DrawWorkspace()
    try evaluator.evaluate(scenario, overrides: RateOverrides(), into: &workspace)  // keeps the base's
    try evaluator.evaluate(scenario, overrides: RateOverrides(numbers: [RateKey(key): value]), into: &workspace)
    #expect(workspace.npv == expected.perspectives.map(\.npv))
    #expect(workspace.paybackMonth == expected.perspectives.map { $0.payback.month ?? -1 })
    // And back: nothing the replaced rate computed (the measure's costs with other Finsam
    // shares, say) may be taken for the base's.
    try evaluator.evaluate(scenario, overrides: RateOverrides(), into: &workspace)
    #expect(workspace.npv == base.perspectives.map(\.npv))
  }
}

/// Items 16–18 of issue 19: outcomes with their own effect starts (each an arm of the fast
/// evaluation), the optimism bias on benefits and their delay, agree with the Calculator.
@Suite struct DrawEvaluatorEffectStartTests {
  func expectCalculatorsFigures(_ scenario: Scenario, base: Scenario, _ comment: Comment) throws {
    let rates = try shippedRates()
    let result = try Calculator(rates: rates).run(scenario)
    let evaluator = try DrawEvaluator(rates: rates, scenario: base)
    var workspace = DrawWorkspace()
    try evaluator.evaluate(scenario, overrides: RateOverrides(), into: &workspace)
    #expect(workspace.npv == result.perspectives.map(\.npv), comment)
    #expect(workspace.paybackMonth == result.perspectives.map { $0.payback.month ?? -1 }, comment)
  }

  @Test func staggeredStartsDelayAndBenefitBias() throws {
    var scenario = try shippedScenario("porten-2016-2018-osakerhet.xml")
    for (index, start) in [12, 23, 30, 23, 5].enumerated() where index < scenario.outcomes.count {
      scenario.outcomes[index].startMonth = start
    }
    scenario.adjustments.optimismBiasBenefits = 0.15
    scenario.adjustments.optimismBiasDelayMonths = 4
    scenario.adjustments.attribution = 0.1
    // The evaluator planned on this very scenario, and on the shipped one (a draw of another shape).
    try expectCalculatorsFigures(scenario, base: scenario, "planned")
    try expectCalculatorsFigures(scenario, base: try shippedScenario("porten-2016-2018-osakerhet.xml"), "built")
  }

  @Test func comparisonAlternativeWithTwoStarts() throws {
    var scenario = try shippedScenario("jamforelse-b-lonestod.xml")
    scenario.outcomes[0].startMonth = 7
    scenario.adjustments.deadweight = 0.3
    try expectCalculatorsFigures(scenario, base: scenario, "alternative")
  }

  @Test func drawsOfAnotherDelayAgreeToo() throws {
    let base = try shippedScenario("porten-2016-2018-osakerhet.xml")
    let rates = try shippedRates()
    let evaluator = try DrawEvaluator(rates: rates, scenario: base)
    var workspace = DrawWorkspace()
    for delay in [0, 7, 0, 13] {
      var scenario = base
      scenario.adjustments.optimismBiasDelayMonths = delay
      try evaluator.evaluate(scenario, overrides: RateOverrides(), into: &workspace)
      let result = try Calculator(rates: rates).run(scenario)
      #expect(workspace.npv == result.perspectives.map(\.npv), "delay \(delay)")
      #expect(workspace.paybackMonth == result.perspectives.map { $0.payback.month ?? -1 }, "delay \(delay)")
    }
  }
}

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

  @Test func aChangedRateChangesTheResultAsTheCalculatorSays() throws {
    let scenario = try shippedScenario("porten-2016-2018.xml")
    let rates = try shippedRates()
    var changed = scenario
    changed.rateValues.append(
      RateValue(
        key: "formaner.forsorjningsstod.per_hushallsmanad", amount: .number(13_000), unit: .krPerManad,
        from: scenario.ratesDate, source: RateSource(title: "test"), status: .unconfirmed,
        origin: RateOrigin(layer: .scenario, location: SourceLocation(file: "t.xml"))))
    let expected = try Calculator(rates: rates).run(changed)
    let evaluator = try DrawEvaluator(rates: rates, scenario: scenario)
    var workspace = DrawWorkspace()
    try evaluator.evaluate(
      scenario, overrides: RateOverrides(numbers: ["formaner.forsorjningsstod.per_hushallsmanad": 13_000]),
      into: &workspace)
    #expect(workspace.npv == expected.perspectives.map(\.npv))
    #expect(workspace.paybackMonth == expected.perspectives.map { $0.payback.month ?? -1 })
  }
}

import SamkalkCore
import SamkalkEngine
import SamkalkRates
import Testing

@testable import SamkalkUncertainty

/// Draws as the Monte Carlo and sensitivity analyses make them: every one must give the
/// Calculator's NPV and payback, to the bit, however the fast evaluation shortcuts its work.
@Suite struct DrawEvaluatorDrawTests {
  /// Porten over ten years, its declared distributions drawn 40 times (kommunalskatt left out:
  /// the Calculator reads it from the municipal table only).
  @Test func drawsOfTheDeclaredDistributionsGiveTheCalculatorsResults() throws {
    let scenario = try shippedScenario("porten-2016-2018-osakerhet.xml")
    let rates = try shippedRates()
    let space = try ParameterSpace(scenario: scenario, result: try Calculator(rates: rates).run(scenario))
    let varied = space.parameters.filter { parameter in
      guard parameter.declared?.distribution != nil else { return false }
      if case .kommunal = parameter.setter { return false }
      return true
    }
    #expect(varied.count == 9)
    let evaluator = try DrawEvaluator(rates: rates, scenario: scenario)
    var workspace = DrawWorkspace()
    var generator = Xoshiro256StarStar(seed: 2026)
    for draw in 0..<40 {
      var point = EvaluationPoint(scenario: scenario, overrides: RateOverrides())
      for parameter in varied { try parameter.apply(parameter.declared!.distribution!.sample(&generator), to: &point) }
      try expectCalculatorsResult(point, space: space, rates: rates, evaluator: evaluator, &workspace, "draw \(draw)")
      #expect(workspace.groupsFromPlan, "draw \(draw) changes no start month, phase length or branch share")
    }
  }

  /// Every shipped scenario with each numeric input and rate moved by up to ±30 % at once (whole
  /// numbers rounded, values kept in their domain): start months, phase lengths and persons
  /// change the groups themselves. Draws the Calculator rejects are skipped. Once with every
  /// input moved (the groups are built afresh when the paths change), once with the amounts
  /// only (the groups come from the evaluator's plan).
  @Test(arguments: shippedScenarioNames(), [false, true])
  func perturbedScenariosGiveTheCalculatorsResults(name: String, amountsOnly: Bool) throws {
    let scenario = try shippedScenario(name)
    let rates = try shippedRates()
    let space = try ParameterSpace(scenario: scenario, result: try Calculator(rates: rates).run(scenario))
    let evaluator = try DrawEvaluator(rates: rates, scenario: scenario)
    var workspace = DrawWorkspace()
    var generator = Xoshiro256StarStar(seed: 7)
    var compared = 0
    // A comparison alternative's groups are always built.
    let planned: Bool
    if case .alternative = scenario.comparison { planned = false } else { planned = true }
    for draw in 0..<16 {
      var point = EvaluationPoint(scenario: scenario, overrides: RateOverrides())
      for parameter in space.parameters {
        if case .kommunal = parameter.setter { continue }
        if case .regional = parameter.setter { continue }
        let shapesPaths = ["@startMonth", "@months", "@share"].contains { parameter.id.hasSuffix($0) }
        if amountsOnly && shapesPaths { continue }
        var value = parameter.base * (0.7 + 0.6 * Double(generator.next() >> 11) / Double(1 << 53))
        if parameter.isWholeNumber { value = value.rounded() }
        guard parameter.domain.contains(value) else { continue }
        try parameter.apply(value, to: &point)
      }
      if try expectCalculatorsResult(
        point, space: space, rates: rates, evaluator: evaluator, &workspace, "draw \(draw)")
      {
        compared += 1
        if amountsOnly { #expect(workspace.groupsFromPlan == planned, "draw \(draw) takes its groups from the plan") }
      }
    }
    #expect(compared >= 6, "most perturbed draws are valid scenarios")
  }

  /// Evaluates `point` both ways; `false` when the Calculator rejects it.
  @discardableResult
  private func expectCalculatorsResult(
    _ point: EvaluationPoint, space: ParameterSpace, rates: RateBook, evaluator: DrawEvaluator,
    _ workspace: inout DrawWorkspace, _ label: String
  ) throws -> Bool {
    var scenario = point.scenario
    for (key, value) in point.overrides.numbers.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
      let unit = try #require(
        space.parameters.first { $0.id == "rate:\(key.rawValue)" }.flatMap { RateUnit(rawValue: $0.unit) })
      scenario.rateValues.append(
        RateValue(
          key: key, amount: .number(value), unit: unit, from: scenario.ratesDate, source: RateSource(title: "draw"),
          status: .unconfirmed, origin: RateOrigin(layer: .scenario, location: SourceLocation(file: "draw.xml"))))
    }
    let expected: ScenarioResult
    do { expected = try Calculator(rates: rates).run(scenario) } catch { return false }
    try evaluator.evaluate(point.scenario, overrides: point.overrides, into: &workspace)
    #expect(workspace.npv == expected.perspectives.map(\.npv), "\(label)")
    #expect(workspace.paybackMonth == expected.perspectives.map { $0.payback.month ?? -1 }, "\(label)")
    return true
  }
}

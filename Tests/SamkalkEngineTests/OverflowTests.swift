import SamkalkCore
import SamkalkEngine
import SamkalkRates
import Testing

@Suite struct OverflowTests {
  @Test func hugeAmountsAreAnErrorNotATrap() throws {
    var scenario = try CalculatorTests.scenario()
    // A billion persons at ten billion kronor a month: 10^21 öre a month, beyond Int64.
    scenario.measure.participants = 1_000_000_000
    scenario.outcomes[0].persons = 1e9
    scenario.outcomes[0].path = [Phase(situations: [SituationShare(situation: .arbete, monthlyWage: 1e10)])]
    #expect {
      try Calculator(rates: try CalculatorTests.rates.get()).run(scenario)
    } throws: { error in
      (error as? DiagnosticError)?.description.contains("more than samkalk can count exactly") == true
    }
  }

  @Test func scalingStaysExactForLargeButValidVolumes() throws {
    var scenario = try CalculatorTests.scenario()
    scenario.measure.participants = 100_000
    scenario.outcomes[0].persons = 100_000
    let result = try Calculator(rates: try CalculatorTests.rates.get()).run(scenario)
    // 100 000 × 32 855 × 6 months of production in year 1.
    #expect(result.result(for: .samhallet).years[0].change == Money(kronor: 100_000 * 32_855 * 6))
  }
}

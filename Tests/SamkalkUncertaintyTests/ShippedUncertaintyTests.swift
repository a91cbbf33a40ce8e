import SamkalkCore
import SamkalkEngine
import SamkalkUncertainty
import Testing

/// The shipped scenario with an `<uncertainty>` section runs through both analyses.
@Suite struct ShippedUncertaintyTests {
  static let name = "porten-2016-2018-osakerhet.xml"

  @Test func monteCarloRunsEveryDrawAndIsTheSameOnOneOrTwoThreads() throws {
    let scenario = try shippedScenario(Self.name)
    let monteCarlo = MonteCarlo(rates: try shippedRates())
    let seed = try #require(scenario.uncertainty.seed)
    let one = try monteCarlo.run(scenario, draws: 1500, seed: seed, threads: 1)
    let two = try monteCarlo.run(scenario, draws: 1500, seed: seed, threads: 2)
    #expect(one.parameters.count == scenario.uncertainty.parameters.count)
    #expect(one.parameters.map(\.sampleMean) == two.parameters.map(\.sampleMean))
    #expect(one.perspectives.map(\.p50) == two.perspectives.map(\.p50))
    #expect(one.perspectives.map(\.meanNPV) == two.perspectives.map(\.meanNPV))
    let society = one.distribution(for: .samhallet)
    // The ranges spread society's NPV around the deterministic result.
    #expect(society.p5 < society.p50 && society.p50 < society.p95)
    #expect(society.minimum < one.deterministicNPV[Perspective.all.firstIndex(of: .samhallet)!])
    #expect(society.paybackByYear.reduce(0, +) + society.paybackNotWithinHorizon == 1500)
    // Every sample mean is near its distribution's mean (1 500 draws).
    for parameter in one.parameters {
      #expect(abs(parameter.sampleMean - parameter.mean) <= 0.05 * abs(parameter.mean), "\(parameter.id)")
    }
  }

  @Test func sensitivityUsesTheScenariosOwnRanges() throws {
    let scenario = try shippedScenario(Self.name)
    let analysis = try SensitivityAnalyzer(rates: try shippedRates()).run(scenario, range: 0.2)
    let declared = Set(scenario.uncertainty.parameters.map(\.id))
    let own = analysis.rows.filter { $0.rangeSource == .scenario }
    #expect(Set(own.map(\.id)) == declared)
    let deadweight = try #require(analysis.rows.first { $0.id == "input:adjustments@deadweight" })
    #expect(deadweight.lowValue == 0 && deadweight.highValue == 0.4)
    // More deadweight, less NPV for society.
    #expect(deadweight.npvHigh(for: .samhallet) < deadweight.npvLow(for: .samhallet))
  }
}

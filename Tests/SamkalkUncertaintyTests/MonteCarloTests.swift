import SamkalkCore
import SamkalkEngine
import SamkalkUncertainty
import Testing

@Suite struct MonteCarloTests {
  static let varied = """
    <uncertainty>
      <vary input="outcome[arbete]@persons" distribution="triangular" min="2" mode="4" max="7"/>
      <vary input="outcome[arbete]/phase[1]/situation[arbete]@wage" distribution="normal" mean="25000" sd="2000"
        lower="15000" upper="35000"/>
      <vary rate="formaner.forsorjningsstod.per_hushallsmanad" distribution="uniform" min="9000" max="13000"/>
      <vary input="adjustments@deadweight" distribution="pert" min="0" mode="0.1" max="0.4"/>
      <vary input="measure/cost[budget]@amount" distribution="discrete" values="80000 100000 150000"
        probabilities="0.25 0.5 0.25"/>
    </uncertainty>
    """

  @Test func noUncertaintyGivesTheDeterministicResultInEveryDraw() throws {
    let scenario = try scenario(smallScenario())
    let rates = try shippedRates()
    let result = try Calculator(rates: rates).run(scenario)
    let analysis = try MonteCarlo(rates: rates).run(scenario, draws: 500, seed: 7, threads: 2)
    #expect(analysis.parameters.isEmpty)
    for (index, perspective) in result.perspectives.enumerated() {
      let distribution = analysis.perspectives[index]
      #expect(distribution.meanNPV == perspective.npv)
      #expect(distribution.p5 == perspective.npv && distribution.p95 == perspective.npv)
      #expect(distribution.minimum == distribution.maximum)
      #expect(distribution.standardDeviation == 0)
      #expect(distribution.probabilityPositiveNPV == (perspective.npv > 0 ? 1 : 0))
      #expect(distribution.npvHistogram.counts == [500])
      let month = perspective.payback.month
      #expect(distribution.paybackMonthP50 == month)
      #expect(distribution.paybackNotWithinHorizon == (month == nil ? 500 : 0))
      #expect(
        distribution.probabilityPaybackWithinMandate
          == (perspective.paysBackWithin(years: scenario.mandatePeriodYears) ? 1 : 0))
    }
  }

  /// The shipped cohort varies an outcome's persons (and so its subgroups): each thread sets
  /// its draws on one copy of the scenario, and the figures must not depend on which draws a
  /// thread set before.
  @Test func sameFiguresWhateverTheThreadsWithSubgroupsVaried() throws {
    let scenario = try shippedScenario("porten-2016-2018-osakerhet.xml")
    let engine = MonteCarlo(rates: try shippedRates())
    let one = try engine.run(scenario, draws: 2500, seed: 5, threads: 1)
    let three = try engine.run(scenario, draws: 2500, seed: 5, threads: 3)
    #expect(one.perspectives.map(\.meanNPV) == three.perspectives.map(\.meanNPV))
    #expect(one.perspectives.map(\.npvHistogram) == three.perspectives.map(\.npvHistogram))
    #expect(one.perspectives.map(\.paybackByYear) == three.perspectives.map(\.paybackByYear))
  }

  @Test func sameSeedSameFiguresWhateverTheThreads() throws {
    let text = smallScenario(uncertainty: Self.varied, adjustments: #"<adjustments deadweight="0.1"/>"#)
    let scenario = try scenario(text)
    let engine = MonteCarlo(rates: try shippedRates())
    let one = try engine.run(scenario, draws: 3000, seed: 42, threads: 1)
    for threads in [2, 3] {
      let other = try engine.run(scenario, draws: 3000, seed: 42, threads: threads)
      for (a, b) in zip(one.perspectives, other.perspectives) {
        #expect(a.meanNPV == b.meanNPV)
        #expect(a.standardDeviation == b.standardDeviation)
        #expect([a.p5, a.p50, a.p95] == [b.p5, b.p50, b.p95])
        #expect(a.npvHistogram == b.npvHistogram)
        #expect(a.paybackByYear == b.paybackByYear)
        #expect(a.probabilityPaybackWithinMandate == b.probabilityPaybackWithinMandate)
      }
      #expect(one.parameters == other.parameters)
    }
    let reseeded = try engine.run(scenario, draws: 3000, seed: 43, threads: 2)
    #expect(reseeded.distribution(for: .samhallet).meanNPV != one.distribution(for: .samhallet).meanNPV)
  }

  @Test func drawsFollowTheDeclaredDistributions() throws {
    let text = smallScenario(uncertainty: Self.varied, adjustments: #"<adjustments deadweight="0.1"/>"#)
    let scenario = try scenario(text)
    let analysis = try MonteCarlo(rates: try shippedRates()).run(scenario, draws: 20_000, seed: 1, threads: 2)
    #expect(analysis.parameters.map(\.id).first == "input:outcome[arbete]@persons")
    for parameter in analysis.parameters {
      // Standard errors of the sample means at 20 000 draws are at most 0.7 % of these means.
      #expect(abs(parameter.sampleMean - parameter.mean) <= 0.02 * abs(parameter.mean), "\(parameter.id)")
    }
    let society = analysis.distribution(for: .samhallet)
    #expect(society.p5 < society.p50 && society.p50 < society.p95)
    #expect(society.npvHistogram.counts.reduce(0, +) == 20_000)
    #expect(society.paybackByYear.reduce(0, +) + society.paybackNotWithinHorizon == 20_000)
    #expect(society.minimum <= society.p5 && society.p95 <= society.maximum)
  }

  /// A drawn amount beyond what whole öre can count stops the run at the <vary>, naming the
  /// draw, its values and the input; with two threads the lowest failing draw is the one named.
  @Test func aDrawTheScenarioCannotHoldIsAnErrorAtItsVary() throws {
    let vary =
      #"<vary input="measure/cost[budget]@amount" distribution="discrete" "#
      + #"values="100000 100000000000000000000" probabilities="0.5 0.5"/>"#
    let text = smallScenario(uncertainty: "<uncertainty>\(vary)</uncertainty>")
    let scenario = try scenario(text)
    let line = try #require(
      text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("<vary") })
    #expect {
      _ = try MonteCarlo(rates: try shippedRates()).run(scenario, draws: 3000, seed: 3, threads: 2)
    } throws: { error in
      let message = (error as? DiagnosticError)?.description ?? ""
      return message.contains("t.xml:\(line + 1):") && message.contains("(input:measure/cost[budget]@amount = 1")
        && message.contains(
          "): input:measure/cost[budget]@amount: the amount 1e+20 kr is more than whole öre can count")
    }
  }
}

import SamkalkCore
import SamkalkEngine
import SamkalkUncertainty
import Testing

@Suite struct SensitivityTests {
  /// The whole cost falls in year 1, so NPV(c) = A − c / 1.035 for every perspective that pays
  /// it: the switching value is c* = 1.035 × NPV(c₀) + c₀, written out from the base NPV.
  @Test func switchingValueOfTheCostIsAnalyticOnALinearCase() throws {
    let text = smallScenario(
      uncertainty: """
        <uncertainty><vary input="measure/cost[budget]@amount" low="0" high="100000000"/></uncertainty>
        """)
    let scenario = try scenario(text)
    let analysis = try SensitivityAnalyzer(rates: try shippedRates()).run(scenario, range: 0.2)
    let row = try #require(analysis.rows.first { $0.id == "input:measure/cost[budget]@amount" })
    #expect(row.rangeSource == .scenario)
    #expect(row.lowValue == 0 && row.highValue == 100_000_000)
    for perspective in [Perspective.samhallet, .actor(.kommun), .offentligSektor] {
      let base = analysis.baseNPV(for: perspective)
      let expected = 1.035 * base + 100_000
      let found = try #require(row.switchingValue(for: perspective).value, "\(perspective)")
      #expect(abs(found - expected) < 0.05, "\(perspective): \(found) vs \(expected)")
      // NPV falls by 1/1.035 kr for each krona of cost: the row's low and high say the same.
      let slope = (row.npvHigh(for: perspective) - row.npvLow(for: perspective)) / 100_000_000
      #expect(abs(slope + 1 / 1.035) < 1e-9)
    }
    // Arbetsförmedlingen pays nothing of the cost: its NPV does not move, so no crossing.
    #expect(row.switchingValue(for: .actor(.arbetsformedlingen)) == .noneInRange)
  }

  @Test func relativeRangeIsCutAtTheEdgeOfAShareAndSortedBySwing() throws {
    let scenario = try scenario(smallScenario(adjustments: #"<adjustments deadweight="0.9"/>"#))
    let analysis = try SensitivityAnalyzer(rates: try shippedRates()).run(scenario, range: 0.2)
    let deadweight = try #require(analysis.rows.first { $0.id == "input:adjustments@deadweight" })
    #expect(deadweight.lowValue == 0.9 * 0.8)
    #expect(deadweight.highValue == 1)
    #expect(deadweight.rangeSource == .relativeLimited)
    // Zero-valued inputs (attribution, displacement, …) have no relative range.
    #expect(!analysis.rows.contains { $0.id == "input:adjustments@attribution" })
    let swings = analysis.rows.map { $0.swing(for: .samhallet) }
    #expect(swings == swings.sorted(by: >))
    // The base NPV is the engine's.
    let result = try Calculator(rates: try shippedRates()).run(scenario)
    #expect(analysis.baseNPV == result.perspectives.map(\.npv))
    // Rates the result uses are there, calendar conventions are not.
    #expect(analysis.rows.contains { $0.id == "rate:formaner.forsorjningsstod.per_hushallsmanad" })
    #expect(!analysis.rows.contains { $0.id.hasPrefix("rate:kalender.") })
    #expect(analysis.rows.contains { $0.id == "rate:kommunalskatt.kommunal" })
  }

  @Test func aWholeNumberInputMovesInWholeSteps() throws {
    let scenario = try scenario(smallScenario())
    let analysis = try SensitivityAnalyzer(rates: try shippedRates()).run(scenario, range: 0.2)
    let start = try #require(analysis.rows.first { $0.id == "input:outcome[arbete]@startMonth" })
    #expect(start.lowValue == 10 && start.highValue == 14)  // 12 ± 20 % = 9.6 … 14.4, rounded
    // Starting work later costs society production: a lower NPV at the high value.
    #expect(start.npvHigh(for: .samhallet) < start.npvLow(for: .samhallet))
  }

  @Test func aRateTheResultNeverReadsIsAnError() throws {
    let text = smallScenario(
      uncertainty: """
        <uncertainty><vary rate="formaner.sjukersattning.garanti_manad" low="10000" high="12000"/></uncertainty>
        """)
    try expectError(
      of: text,
      containing: ["rate:formaner.sjukersattning.garanti_manad is not used by this scenario's result", "t.xml:"])
  }

  /// An amount beyond what whole öre can count is refused where the range is declared, not
  /// evaluated with the amount the scenario had before.
  @Test func anAmountBeyondWholeOreIsAnErrorAtItsVary() throws {
    let text = smallScenario(
      uncertainty: """
        <uncertainty><vary input="measure/cost[budget]@amount" low="0" high="100000000000000000000"/></uncertainty>
        """)
    let line = try #require(
      text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("<vary") })
    try expectError(
      of: text,
      containing: [
        "t.xml:\(line + 1):", "input:measure/cost[budget]@amount: the amount 1e+20 kr is more than whole öre can count",
      ])
  }

  /// The sensitivity analysis of the scenario `text` fails with a message holding every one of `parts`.
  private func expectError(of text: String, containing parts: [String]) throws {
    let scenario = try scenario(text)
    #expect {
      _ = try SensitivityAnalyzer(rates: try shippedRates()).run(scenario, range: 0.2)
    } throws: { error in
      let message = (error as? DiagnosticError)?.description ?? ""
      return parts.allSatisfy { message.contains($0) }
    }
  }
}

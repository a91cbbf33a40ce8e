import SamkalkCore
import SamkalkEngine
import SamkalkRates
import Testing

/// A one-person scenario small enough to compute by hand.
///
/// Karlstad (1780), rates on 2025-01-01. Before: försörjningsstöd, set by the scenario to
/// 10 000 kr a month. The measure costs 60 000 kr over months 0–5, paid by the kommun. From
/// month 6 the person works full time at 25 000 kr a month; the horizon is 2 years at 5 %.
@Suite struct CalculatorTests {
  static let rates = Result { try RateBook.shipped() }

  static func scenario() throws -> Scenario {
    let origin = RateOrigin(layer: .scenario, location: SourceLocation(file: "hand.xml", line: 1))
    let override = RateValue(
      key: "formaner.forsorjningsstod.per_hushallsmanad", amount: .number(10_000), unit: .krPerManad,
      from: try #require(Day("2025-01-01")), to: nil, source: RateSource(title: "test"), status: .unconfirmed,
      note: nil, origin: origin)
    return Scenario(
      id: "hand", title: "Hand-computed", file: "hand.xml", municipality: "1780",
      ratesDate: try #require(Day("2025-01-01")), start: try #require(YearMonth("2025-01")), horizonYears: 2,
      discountRate: 0.05,
      measure: Measure(
        participants: 1, months: 6,
        costs: [CostItem(id: "coach", label: "Coach", amount: Money(kronor: 60_000), startMonth: 0, months: 6)],
        financing: [Financing(financier: .actor(.kommun), share: 1)]),
      before: Phase(situations: [SituationShare(situation: .forsorjningsstod)]),
      outcomes: [
        Outcome(
          id: "arbete", persons: 1, startMonth: 6,
          path: [Phase(situations: [SituationShare(situation: .arbete, monthlyWage: 25_000)])])
      ],
      rateValues: [override])
  }

  @Test func kommunYearByYear() throws {
    let result = try Calculator(rates: try Self.rates.get()).run(try Self.scenario())
    let kommun = result.result(for: .actor(.kommun))
    // Year 1 before: 12 × −10 000 = −120 000.
    #expect(kommun.years[0].before == Money(kronor: -120_000))
    // Year 1 after: 6 × −10 000 of försörjningsstöd, plus kommunalskatt on 6 × 25 000 = 150 000:
    // GA = 0.225 × 58 800 + 0.2 × 150 000 = 43 230 → 43 300; BFI 106 700; × 21.27 % = 22 695.09 → 22 695.
    #expect(kommun.years[0].after == Money(kronor: -60_000 + 22_695))
    #expect(kommun.years[0].change == Money(kronor: 82_695))
    #expect(kommun.years[0].investment == Money(kronor: 60_000))
    #expect(kommun.years[0].net == Money(kronor: 22_695))
    // Year 2: income 300 000 → GA 33 600, BFI 266 400, × 21.27 % = 56 663.28 → 56 663.
    #expect(kommun.years[1].after == Money(kronor: 56_663))
    #expect(kommun.years[1].change == Money(kronor: 176_663))
    #expect(kommun.years[1].cumulative == Money(kronor: 22_695 + 176_663))
    // NPV = 22 695 / 1.05 + 176 663 / 1.05² = 21 614.2857 + 160 238.5488 = 181 852.8345
    #expect(abs(kommun.npv - 181_852.8345) < 0.001)
    // Months 0–5 cost 10 000 each (cumulative −60 000); from month 6 the kommun gains
    // 10 000 + 22 695 / 6 = 13 782.5 a month: −4 870 after month 10, +8 912.5 after month 11.
    #expect(kommun.payback == .month(11))
    // NyttoSam simple payback: 60 000 / the effect in the twelve months after exit (months 6–17,
    // worked out in EffectTimingTests): 171 026.52.
    #expect(abs(kommun.simplePaybackYears! - 60_000.0 / 171_026.52) < 1e-12)
  }

  @Test func societyGainsProductionLessTheMeasure() throws {
    let result = try Calculator(rates: try Self.rates.get()).run(try Self.scenario())
    let society = result.result(for: .samhallet)
    // Transfers cancel; production = wage cost 25 000 × 1.3142 = 32 855 a month.
    #expect(society.years[0].change == Money(kronor: 6 * 32_855))
    #expect(society.years[0].net == Money(kronor: 6 * 32_855 - 60_000))
    #expect(society.years[1].change == Money(kronor: 12 * 32_855))
    // Month 0–5: −10 000 a month; from month 6 +32 855: cumulative −60 000 + 2 × 32 855 ≥ 0 after month 8.
    #expect(society.payback == .month(8))
    let sumOfActors = Actor.allCases.map { result.result(for: .actor($0)).totalNet }.reduce(.zero, +)
    #expect(sumOfActors == society.totalNet)
  }

  @Test func perspectivesAddUpAndLedgersReconcile() throws {
    let result = try Calculator(rates: try Self.rates.get()).run(try Self.scenario())
    for year in 0..<2 {
      let publicSum = Perspective.offentligSektor.members.map { result.result(for: .actor($0)).years[year].net }
        .reduce(.zero, +)
      #expect(result.result(for: .offentligSektor).years[year].net == publicSum)
    }
    for ledger in result.ledgers.values { try ledger.checkInvariant() }
    #expect(
      result.ratesUsed.contains { $0.key == "formaner.forsorjningsstod.per_hushallsmanad" && $0.file == "hand.xml" })
  }

  @Test func samordningsforbundPassesCostsOnByFinsamShares() throws {
    var scenario = try Self.scenario()
    scenario.measure.costs = [CostItem(id: "p", label: "P", amount: Money(kronor: 9_000_000), startMonth: 0, months: 6)]
    scenario.measure.financing = [Financing(financier: .samordningsforbund, share: 1)]
    let result = try Calculator(rates: try Self.rates.get()).run(scenario)
    // Finsam: Försäkringskassan ½, region ¼, kommun ¼ of 9 000 000.
    #expect(result.result(for: .actor(.forsakringskassan)).totalInvestment == Money(kronor: 4_500_000))
    #expect(result.result(for: .actor(.region)).totalInvestment == Money(kronor: 2_250_000))
    #expect(result.result(for: .actor(.kommun)).totalInvestment == Money(kronor: 2_250_000))
    #expect(result.result(for: .samhallet).totalInvestment == Money(kronor: 9_000_000))
  }

  @Test func missingRateIsALocatedError() throws {
    var scenario = try Self.scenario()
    scenario.ratesDate = try #require(Day("2019-01-01"))
    scenario.rateValues = []
    #expect {
      try Calculator(rates: try Self.rates.get()).run(scenario)
    } throws: { error in
      let text = (error as! DiagnosticError).description
      return text.hasPrefix("hand.xml: error:") && text.contains("2019")
    }
  }

  @Test func propertyZeroEffectNeverPaysBackAndInvariantHolds() throws {
    var generator = Generator(seed: 2025)
    let rates = try Self.rates.get()
    let situations: [Situation] = [.forsorjningsstod, .aktivitetsstod, .sjukersattning, .studier, .ingenErsattning]
    for _ in 0..<25 {
      var scenario = try Self.scenario()
      let situation = situations[Int(generator.next() % UInt64(situations.count))]
      let phase = Phase(situations: [
        SituationShare(situation: situation, extent: Double(generator.next() % 100 + 1) / 100)
      ])
      scenario.before = phase
      scenario.outcomes = [Outcome(id: "same", persons: 1, startMonth: Int(generator.next() % 12), path: [phase])]
      scenario.horizonYears = Int(generator.next() % 5) + 1
      let result = try Calculator(rates: rates).run(scenario)
      for perspective in result.perspectives {
        #expect(perspective.totalChange == .zero)
        if perspective.totalInvestment > .zero { #expect(perspective.payback == .notWithinHorizon) }
      }
    }
  }

  /// A person who works all year at 25 000 kr a month in Stockholm with 2026 rates, born in
  /// `birthYear`: the engine's income tax, year by year as the persons age, must be what
  /// `samkalk tax` (``PersonTax``) gives for the same income and age.
  private static func agedScenario(birthYear: Int?) throws -> Scenario {
    Scenario(
      id: "aged", title: "Aged", file: "aged.xml", municipality: "0180",
      ratesDate: try #require(Day("2026-01-01")), start: try #require(YearMonth("2026-01")), horizonYears: 2,
      discountRate: 0.05,
      measure: Measure(
        participants: 1, months: 1,
        costs: [CostItem(id: "coach", label: "Coach", amount: Money(kronor: 1_000), startMonth: 0, months: 1)],
        financing: [Financing(financier: .actor(.kommun), share: 1)]),
      before: Phase(situations: [SituationShare(situation: .arbete, monthlyWage: 25_000)]),
      outcomes: [
        Outcome(
          id: "arbete", persons: 1, startMonth: 0,
          path: [Phase(situations: [SituationShare(situation: .arbete, monthlyWage: 25_000)])],
          birthYear: birthYear)
      ])
  }

  @Test func theEngineTaxesEachYearAtThePersonsAgeAsSamkalkTaxDoes() throws {
    let rates = try Self.rates.get()
    func engineTaxes(_ birthYear: Int?) throws -> [TaxBreakdown] {
      let result = try Calculator(rates: rates).run(try Self.agedScenario(birthYear: birthYear))
      return result.taxes.filter { $0.arm == .after && $0.group == "arbete" }.sorted { $0.year < $1.year }
        .map(\.breakdown)
    }
    func cli(_ birthYear: Int?) throws -> TaxBreakdown {
      try PersonTax.compute(
        rates: rates, year: 2026, municipality: "0180", wage: Money(kronor: 300_000), benefits: .zero,
        birthYear: birthYear
      ).breakdown
    }
    // Born 1960: 65 at the start of 2026 (the ordinary rules), 66 at the start of 2027 (the
    // förhöjt grundavdrag and 67 kap. 8 §), both years with the rates of 2026-01-01.
    let aging = try engineTaxes(1960)
    #expect(aging.count == 2)
    #expect(aging[0] == (try cli(1960)))
    #expect(aging[0] == (try cli(nil)))
    #expect(aging[1] == (try cli(1959)))
    #expect(aging[1].grundavdrag == Money(kronor: 136_500))
    // No birth year: below every threshold in every year, as before the attribute existed.
    #expect(try engineTaxes(nil) == [try cli(nil), try cli(nil)])
  }
}

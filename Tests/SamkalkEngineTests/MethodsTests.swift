import SamkalkCore
import SamkalkEngine
import SamkalkRates
import Testing

/// Issue 4's methods on the hand-computed one-person scenario of ``CalculatorTests``: work at
/// 25 000 kr a month from month 6 gives society production of 25 000 × 1.3142 = 32 855 kr a month,
/// against a measure costing 60 000 kr in months 0–5; horizon 2 years at 5 %.
@Suite struct MethodsTests {
  let rates: RateBook
  init() throws { rates = try CalculatorTests.rates.get() }

  func run(_ change: (inout Scenario) -> Void) throws -> ScenarioResult {
    var scenario = try CalculatorTests.scenario()
    change(&scenario)
    return try Calculator(rates: rates).run(scenario)
  }

  @Test func deadweightScalesTheEffectButNotTheInvestment() throws {
    let society = try run { $0.adjustments.deadweight = 0.25 }.result(for: .samhallet)
    // 32 855 × 0.75 = 24 641.25 a month: 6 months in year 1, 12 in year 2.
    #expect(society.years[0].change == Money(kronor: 6 * 32_855))
    #expect(society.years[0].afterDeadweight == Money(ore: 6 * 2_464_125))
    #expect(society.years[0].effect == Money(ore: 6 * 2_464_125))
    #expect(society.years[1].effect == Money(ore: 12 * 2_464_125))
    #expect(society.years[0].investment == Money(kronor: 60_000))
    #expect(society.years[0].net == Money(ore: 6 * 2_464_125) - Money(kronor: 60_000))
  }

  @Test func attributionAndDisplacementCompound() throws {
    let society = try run {
      $0.adjustments.attribution = 0.1
      $0.adjustments.displacement = 0.1
    }.result(for: .samhallet)
    // 32 855 × 0.9 = 29 569.50; × 0.9 × 0.9 = 26 612.55 a month.
    #expect(society.years[1].afterDeadweight == Money(kronor: 12 * 32_855))
    #expect(society.years[1].afterAttribution == Money(ore: 12 * 2_956_950))
    #expect(society.years[1].afterDisplacement == Money(ore: 12 * 2_661_255))
    #expect(society.years[1].effect == Money(ore: 12 * 2_661_255))
  }

  @Test func dropOffAppliesFromTheOutcomesSecondYear() throws {
    let society = try run { $0.adjustments.dropOff = 0.2 }.result(for: .samhallet)
    // The outcome starts in month 6: its first twelve months (6–17) are whole, months 18–23 × 0.8:
    // 32 855 × 0.8 = 26 284 a month.
    #expect(society.years[0].effect == Money(kronor: 6 * 32_855))
    #expect(society.years[1].effect == Money(kronor: 6 * 32_855 + 6 * 26_284))
  }

  @Test func optimismBiasRaisesTheInvestment() throws {
    let society = try run { $0.adjustments.optimismBias = 0.1 }.result(for: .samhallet)
    // 10 000 a month × 1.1 = 11 000 for 6 months.
    #expect(society.years[0].investmentBeforeUplift == Money(kronor: 60_000))
    #expect(society.years[0].investment == Money(kronor: 66_000))
    #expect(society.years[0].effect == Money(kronor: 6 * 32_855))
  }

  @Test func benefitCostRatioAndROI() throws {
    let society = try run { _ in }.result(for: .samhallet)
    // PV(E) = 197 130 / 1.05 + 394 260 / 1.05² = 187 742.857 + 357 605.442 = 545 348.299
    // PV(I) = 60 000 / 1.05 = 57 142.857; BCR = 9.5436; ROI = 8.5436
    #expect(abs(society.presentValueOfEffects - 545_348.2993) < 0.001)
    #expect(abs(society.presentValueOfInvestment - 57_142.8571) < 0.001)
    #expect(abs(society.benefitCostRatio! - 545_348.2993 / 57_142.8571) < 1e-6)
    #expect(abs(society.returnOnInvestment! - (545_348.2993 / 57_142.8571 - 1)) < 1e-6)
    #expect(abs(society.npv - (545_348.2993 - 57_142.8571)) < 0.001)
    // The individual invests nothing: no ratio.
    let individ = try run { _ in }.result(for: .actor(.individ))
    #expect(individ.benefitCostRatio == nil)
  }

  @Test func verkningsgrad() throws {
    let result = try run { $0.potentialWage = 25_000 }
    let measure = try #require(result.verkningsgrad)
    // Potential: 1 participant × 12 × 25 000 × 1.3142 = 394 260 a year (no resource use before).
    #expect(abs(measure.potentialPerYear - 394_260) < 1e-6)
    // Realised: society's effect in the twelve months after exit (months 6–17), 12 × 32 855 =
    // 394 260: the person reached the potential → 100 %.
    #expect(abs(measure.realisedPerYear - 394_260) < 1e-6)
    #expect(abs(measure.ratio - 1) < 1e-12)
  }

  @Test func breakEvenShareIsExact() throws {
    let result = try run { $0.breakEven = BreakEvenSpec(outcome: "arbete") }
    let analysis = try #require(result.breakEven)
    // Society: S = PV(E) of one full success = 545 348.299; PV(I) = 57 142.857 → p* = 10.478 %.
    guard case .share(let share) = analysis.shares[.samhallet] else {
      Issue.record("expected a share, got \(String(describing: analysis.shares[.samhallet]))")
      return
    }
    #expect(abs(share - 57_142.8571 / 545_348.2993) < 1e-6)
    // The individual invests nothing.
    #expect(analysis.shares[.actor(.individ)] == .noInvestment)

    // With p* of the participants succeeding and the rest staying put, society's NPV is 0.
    var scenario = try CalculatorTests.scenario()
    let success = scenario.outcomes[0]
    scenario.outcomes = [
      Outcome(id: "lyckas", persons: share, startMonth: success.startMonth, path: success.path),
      Outcome(id: "oforandrad", persons: 1 - share, startMonth: 0, path: [scenario.before]),
    ]
    let society = try Calculator(rates: rates).run(scenario).result(for: .samhallet)
    // Within a krona: each of the 24 months' flows is rounded to the öre for a fractional
    // number of persons (half an öre at most per flow).
    #expect(abs(society.npv) < 1)
  }

  @Test func breakEvenNeverWhenSuccessGainsNothing() throws {
    var scenario = try CalculatorTests.scenario()
    scenario.outcomes = [Outcome(id: "same", persons: 1, startMonth: 0, path: [scenario.before])]
    scenario.breakEven = BreakEvenSpec()
    let analysis = try #require(try Calculator(rates: rates).run(scenario).breakEven)
    #expect(analysis.shares[.samhallet] == .never)
    #expect(analysis.shares[.actor(.kommun)] == .never)
  }

  @Test func branchesDivideThePersons() throws {
    let result = try run { scenario in
      scenario.outcomes = [
        Outcome(
          id: "nystart", persons: 1, startMonth: 0,
          path: [
            Phase(
              months: 12, situations: [SituationShare(situation: .nystartsjobb, monthlyWage: 25_000, subsidyFactor: 1)],
              branches: [
                Branch(
                  id: "behaller", share: 0.25,
                  path: [Phase(situations: [SituationShare(situation: .arbete, monthlyWage: 25_000)])]),
                Branch(id: "aterfall", share: 0.75, path: [scenario.before]),
              ])
          ])
      ]
    }
    let after = try #require(result.ledgers[.after])
    // Year 2: försörjningsstöd for 0.75 of a person: 12 × 10 000 × 0.75 = 90 000.
    let support = after.flows.filter { $0.item == "forsorjningsstod" && $0.month >= 12 }.reduce(Money.zero) {
      $0 + $1.amount
    }
    #expect(support == Money(kronor: 90_000))
    // Year 2 wages: 0.25 × 12 × 25 000 = 75 000; year 1: 12 × 25 000 in nystartsjobb.
    let wages = after.flows.filter { $0.item == "lon" }
    #expect(wages.filter { $0.month >= 12 }.reduce(Money.zero) { $0 + $1.amount } == Money(kronor: 75_000))
    #expect(wages.filter { $0.month < 12 }.reduce(Money.zero) { $0 + $1.amount } == Money(kronor: 300_000))
    #expect(Set(result.taxes.map(\.group)).isSuperset(of: ["nystart/behaller", "nystart/aterfall"]))
  }

  @Test func typfallKeepTheirOwnBefore() throws {
    let result = try run { scenario in
      scenario.population = .typfall
      let work = [Phase(situations: [SituationShare(situation: .arbete, monthlyWage: 25_000)])]
      scenario.outcomes = [
        Outcome(id: "a", persons: 2, startMonth: 6, path: work, before: scenario.before),
        Outcome(
          id: "b", persons: 3, startMonth: 6, path: work,
          before: Phase(situations: [SituationShare(situation: .ingenErsattning)])),
      ]
    }
    // Only typfall a lives on försörjningsstöd before: the kommun's basis is 2 × 10 000 a month.
    #expect(result.result(for: .actor(.kommun)).years[0].before == Money(kronor: -2 * 12 * 10_000))
  }

  @Test func comparisonAlternativeEqualToTheOutcomeGivesNoEffect() throws {
    let result = try run { scenario in
      scenario.comparison = .alternative(scenario.outcomes)
    }
    for perspective in result.perspectives { #expect(perspective.totalChange == .zero) }
  }

  @Test func subgroupsAddUpExactlyToTheTotal() throws {
    let result = try run { scenario in
      scenario.measure.participants = 5
      scenario.outcomes[0].persons = 5
      scenario.outcomes[0].subgroups = [
        SubgroupShare(subgroup: Subgroup(sex: .kvinna, ageBand: "18-29"), persons: 2),
        SubgroupShare(subgroup: Subgroup(sex: .man, ageBand: "30-49"), persons: 3),
      ]
    }
    let bySex = result.subgroups.filter { $0.subgroup.sex != nil }
    #expect(bySex.map(\.subgroup.description) == ["kvinna", "man"])
    #expect(bySex.map(\.participants) == [2, 3])
    #expect(result.subgroups.filter { $0.subgroup.ageBand != nil }.count == 2)
    for perspective in Perspective.all {
      for year in 0..<2 {
        let parts = bySex.map { $0.result(for: perspective).years[year].net }.reduce(.zero, +)
        #expect(parts == result.result(for: perspective).years[year].net)
      }
    }
  }

  @Test func propertyMoreDeadweightNeverRaisesNPVWhenEffectsAreGains() throws {
    var generator = Generator(seed: 99)
    for _ in 0..<20 {
      let wage = Double(15_000 + generator.next() % 25_000)
      let low = Double(generator.next() % 50) / 100
      let high = low + Double(generator.next() % 50) / 100
      func npv(_ deadweight: Double) throws -> Double {
        try run {
          $0.outcomes[0].path = [Phase(situations: [SituationShare(situation: .arbete, monthlyWage: wage)])]
          $0.adjustments.deadweight = deadweight
        }.result(for: .samhallet).npv
      }
      #expect(try npv(high) <= npv(low))
    }
  }
}

@Suite struct SituationPricingTests {
  @Test func valuesAMonthOfAktivitetsstod() throws {
    let rates = try CalculatorTests.rates.get()
    let pricing = try SituationPricing(rates: rates, date: try #require(Day("2025-01-01")), municipality: "1780")
    let month = try pricing.month(Phase(situations: [SituationShare(situation: .aktivitetsstod)]))
    // 223 kr/dag × 52 × 5 / 12 = 4 831.666… → 4 831.67, and Arbetsförmedlingen pays staten's
    // ålderspensionsavgift on it, 10.21 % = 493.31 (lag 1998:676 2 §).
    #expect(month.net[.arbetsformedlingen] == Money(ore: -483_167 - 49_331))
    #expect(month.net[.staten] == Money(ore: 49_331))
    #expect(month.net[.individ] == Money(ore: 483_167))
    #expect(month.taxable == Money(ore: 483_167))
    #expect(month.earned == .zero)
    let tax = try pricing.tax(
      PersonYearIncome(taxable: Money(kronor: 60_000), earned: .zero, pensionable: Money(kronor: 60_000)))
    // As in SKV433MethodTests.aktivitetsstodGetsNoJobbskatteavdrag (BFI 34 700: no reduction for
    // förvärvsinkomst since issue 19, so 11 838 → 11 988).
    #expect(tax.slutligSkatt == Money(kronor: 11_988))
    let net = SituationPricing.net(of: tax)
    #expect(Actor.allCases.map { net[$0]! }.reduce(.zero, +) == .zero)
    #expect(net[.kommun] == Money(kronor: 7_380))
  }
}

import SamkalkCore
import SamkalkEngine
import SamkalkRates
import Testing

/// Issue 19, items 16–19, on the hand-computed one-person scenario of ``CalculatorTests``
/// (försörjningsstöd 10 000 kr a month before; work at 25 000 kr a month, society's production
/// 25 000 × 1.3142 = 32 855 kr a month; a measure of 60 000 kr in months 0–5 paid by the kommun).
@Suite struct EffectTimingTests {
  let rates: RateBook
  init() throws { rates = try CalculatorTests.rates.get() }

  func run(_ change: (inout Scenario) throws -> Void) throws -> ScenarioResult {
    var scenario = try CalculatorTests.scenario()
    try change(&scenario)
    return try Calculator(rates: rates).run(scenario)
  }

  /// A primary-care visit priced by the scenario at 1 000 kr (a resource the region uses).
  static func visitPrice() throws -> RateValue {
    RateValue(
      key: "tjanster.primarvard_lakarbesok", amount: .number(1_000), unit: .krPerBesok,
      from: try #require(Day("2025-01-01")), to: nil, source: RateSource(title: "test"), status: .unconfirmed,
      note: nil, origin: RateOrigin(layer: .scenario, location: SourceLocation(file: "hand.xml", line: 2)))
  }

  @Test func dropOffStartsAtTheOutcomesOwnStart() throws {
    // The outcome starts in month 23 of a 4-year horizon; drop-off 20 %. Its first twelve months
    // (23–34) keep the whole effect, the next twelve (35–46) × 0.8, month 47 × 0.64:
    //   year 2 (months 12–23): month 23 only                 32 855
    //   year 3 (months 24–35): 11 × 32 855 + 26 284         387 689
    //   year 4 (months 36–47): 11 × 26 284 + 21 027.20      310 151.20
    // (Counted from the scenario's start, month 23 would already have lost 20 % and year 4 49 %.)
    let society = try run {
      $0.horizonYears = 4
      $0.outcomes[0].startMonth = 23
      $0.adjustments.dropOff = 0.2
    }.result(for: .samhallet)
    #expect(society.years[0].effect == .zero)
    #expect(society.years[1].effect == Money(kronor: 32_855))
    #expect(society.years[2].effect == Money(kronor: 11 * 32_855 + 26_284))
    #expect(society.years[3].effect == Money(ore: 11 * 2_628_400 + 2_102_720))
    // The steps before drop-off are untouched by it.
    #expect(society.years[3].afterDisplacement == Money(kronor: 12 * 32_855))
  }

  @Test func additionalityLeavesTheLockInMonthsUnadjusted() throws {
    // While in the measure (months 0–5) the person also sees a doctor once a month (1 000 kr,
    // the region's resource): society's gross effect is −1 000 a month then, +32 855 from month 6.
    // Deadweight 25 %, attribution 10 %, displacement 20 %: the lock-in months stay −1 000 at
    // every step; the outcome months are × 0.75, × 0.675, × 0.54.
    let society = try run {
      $0.rateValues.append(try Self.visitPrice())
      $0.during = Phase(
        situations: [SituationShare(situation: .forsorjningsstod)],
        services: [ServiceUse(item: "tjanster.primarvard_lakarbesok", perMonth: 1)])
      $0.adjustments.deadweight = 0.25
      $0.adjustments.attribution = 0.1
      $0.adjustments.displacement = 0.2
    }.result(for: .samhallet)
    let year = society.years[0]
    #expect(year.change == Money(kronor: -6 * 1_000 + 6 * 32_855))
    // 32 855 × 0.75 = 24 641.25; × 0.675 = 22 177.125 → 22 177.13 (to the öre, half away from 0);
    // × 0.54 = 17 741.70.
    #expect(year.afterDeadweight == Money(ore: -6 * 100_000 + 6 * 2_464_125))
    #expect(year.afterAttribution == Money(ore: -6 * 100_000 + 6 * 2_217_713))
    #expect(year.afterDisplacement == Money(ore: -6 * 100_000 + 6 * 1_774_170))
    #expect(year.effect == Money(ore: -6 * 100_000 + 6 * 1_774_170))
    #expect(society.years[1].effect == Money(ore: 12 * 1_774_170))
  }

  @Test func optimismBiasReducesAndDelaysTheBenefits() throws {
    // Benefits × (1 − 0.1) and three months later: work from month 9, 32 855 × 0.9 = 29 569.50 a
    // month; the cost uplift stays on the costs only.
    let society = try run {
      $0.adjustments.optimismBiasBenefits = 0.1
      $0.adjustments.optimismBiasDelayMonths = 3
      $0.adjustments.optimismBias = 0.1
    }.result(for: .samhallet)
    #expect(society.years[0].change == Money(kronor: 3 * 32_855))
    #expect(society.years[0].effect == Money(ore: 3 * 2_956_950))
    #expect(society.years[1].effect == Money(ore: 12 * 2_956_950))
    #expect(society.years[0].investment == Money(kronor: 66_000))
    // Payback: −66 000 after month 6; +29 569.50 a month from month 10 → −6 861 after month 11,
    // +22 708.50 after month 12.
    #expect(society.payback == .month(12))
  }

  @Test func simplePaybackUsesTheTwelveMonthsAfterExit() throws {
    // Kommun, exit in month 6: the twelve months after it are months 6–17.
    //   försörjningsstöd no longer paid: 12 × 10 000                        120 000
    //   kommunalskatt of year 1 (months 6–11, CalculatorTests):              22 695
    //   kommunalskatt of year 2, 56 663 split over its 12 months: 4 721.92
    //   in its first 8 months (5 666 300 öre = 12 × 472 191 + 8), 4 721.91
    //   in the last 4; months 12–17 are 6 × 4 721.92 =                      28 331.52
    //   the effect in the twelve months after exit                         171 026.52
    // Simple payback = 60 000 / 171 026.52 years (not 60 000 / 82 695, year 1 of the horizon).
    let kommun = try run { _ in }.result(for: .actor(.kommun))
    #expect(kommun.effectFirstYearAfterExit == Money(ore: 17_102_652))
    #expect(abs(kommun.simplePaybackYears! - 60_000 / 171_026.52) < 1e-12)
    // Society: 12 × 32 855 = 394 260 after exit; 60 000 / 394 260 years.
    let society = try run { _ in }.result(for: .samhallet)
    #expect(abs(society.simplePaybackYears! - 60_000.0 / 394_260.0) < 1e-12)
  }

  @Test func verkningsgradCountsTheRealResourceUseInThePotential() throws {
    // Before (and so in the comparison basis) the person sees a doctor once a month, 1 000 kr;
    // at work not. Realised: society's effect in months 6–17, 12 × (32 855 + 1 000) = 406 260.
    // Potential at 30 000 kr: production 12 × 30 000 × 1.3142 = 473 112, plus the basis's
    // resource use 12 × 1 000 = 12 000: 485 112. Ratio 406 260 / 485 112 = 0.837455…
    let result = try run {
      $0.rateValues.append(try Self.visitPrice())
      $0.before.services = [ServiceUse(item: "tjanster.primarvard_lakarbesok", perMonth: 1)]
      $0.potentialWage = 30_000
    }
    let measure = try #require(result.verkningsgrad)
    #expect(abs(measure.realisedPerYear - 406_260) < 1e-6)
    #expect(abs(measure.potentialProductionPerYear - 473_112) < 1e-6)
    #expect(abs(measure.potentialResourceUsePerYear - 12_000) < 1e-6)
    #expect(abs(measure.potentialPerYear - 485_112) < 1e-6)
    #expect(abs(measure.ratio - 406_260.0 / 485_112.0) < 1e-12)
  }

  @Test func outcomesWithTwoStartsAreAdjustedEachByItsOwn() throws {
    // Two persons: one leaves the measure in month 6, one in month 18; drop-off 50 %. Year 2
    // (months 12–23): the first 6 × 32 855 + 6 × 16 427.50, the second 6 × 32 855.
    let society = try run {
      $0.measure.participants = 2
      $0.outcomes.append(
        Outcome(id: "sent", persons: 1, startMonth: 18, path: $0.outcomes[0].path))
      $0.adjustments.dropOff = 0.5
    }.result(for: .samhallet)
    #expect(society.years[0].effect == Money(kronor: 6 * 32_855))
    #expect(society.years[1].effect == Money(ore: 6 * 3_285_500 + 6 * 1_642_750 + 6 * 3_285_500))
  }
}

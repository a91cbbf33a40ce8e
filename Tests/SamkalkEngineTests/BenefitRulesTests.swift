import SamkalkCore
import SamkalkEngine
import SamkalkRates
import Testing

/// Issue 19's benefit rules, each with the law's own figure, on one person's month as
/// `SituationPricing` values it (the same `SituationFlows` the Calculator and the DrawEvaluator
/// use).
@Suite struct BenefitRulesTests {
  let rates: RateBook
  init() throws { rates = try CalculatorTests.rates.get() }

  func month(_ share: SituationShare, on date: String, services: [ServiceUse] = []) throws -> SituationPricing.Month {
    let pricing = try SituationPricing(rates: rates, date: try #require(Day(date)), municipality: "1780")
    return try pricing.month(Phase(situations: [share], services: services))
  }

  func amount(_ month: SituationPricing.Month, _ item: String) -> Money? {
    month.flows.first { $0.item == item }?.amount
  }

  // MARK: - Studiebidrag and utvecklingsersättning (item 10)

  @Test func studiebidragIsPaidPerStudyWeekFromPrisbasbeloppet() throws {
    // 2025: 58 800 × 1,74 % = 1 023,12 → 1 023 kr a week (CSN's figure); × 40 weeks / 12 = 3 410.
    let general = try month(SituationShare(situation: .studier), on: "2025-01-01")
    #expect(amount(general, "studiebidrag") == Money(kronor: 3_410))
    #expect(general.net[.staten] == Money(kronor: -3_410))
    #expect(general.taxable == .zero && general.pensionable == .zero)
    // The higher grant (3 kap. 13 §): 58 800 × 3,85 % = 2 263,80 → 2 263; × 40 / 12 = 7 543.33.
    let higher = try month(SituationShare(situation: .studier, studyGrant: .hogre), on: "2025-01-01")
    #expect(amount(higher, "studiebidrag") == Money(ore: 754_333))
    // 2023's CSN figure shows the rounding down: 2024, 57 300 × 1,74 % = 997,02 → 997; × 40 / 12.
    let year2024 = try month(SituationShare(situation: .studier), on: "2024-01-01")
    #expect(amount(year2024, "studiebidrag") == Money(ore: 332_333))
  }

  @Test func utvecklingsersattningIsAFifthOfTheWeeklyStudiebidrag() throws {
    // 2025: 1 023 / 5 = 204,60 kr a day; × 52 × 5 / 12 = 4 433,00 kr a month.
    let month2025 = try month(SituationShare(situation: .utvecklingsersattning), on: "2025-01-01")
    #expect(amount(month2025, "utvecklingsersattning") == Money(kronor: 4_433))
    #expect(month2025.net[.arbetsformedlingen] == Money(kronor: -4_433))
    #expect(month2025.taxable == .zero)
    // 2024: 997 / 5 = 199,40 kr a day (not the 2021 level of 166); × 260 / 12 = 4 320.33.
    let month2024 = try month(SituationShare(situation: .utvecklingsersattning), on: "2024-01-01")
    #expect(amount(month2024, "utvecklingsersattning") == Money(ore: 432_033))
  }

  @Test func utvecklingsersattningWithoutGymnasieexamenIsStudiehjalpDividedBy22() throws {
    // 1 250 kr a month / 22 = 56,82 kr a day; × 52 × 5 / 12 = 1 231,06 kr a month.
    let share = SituationShare(situation: .utvecklingsersattning, hasGymnasieexamen: false)
    #expect(amount(try month(share, on: "2025-01-01"), "utvecklingsersattning") == Money(ore: 123_106))
  }

  // MARK: - A-kassa (item 8)

  @Test func aKassaBeforeOctober2025PaysTheGrundbelopp() throws {
    // 510 kr/dag × 52 × 5 / 12 = 11 050; staten bears it, so its own pension fee is internal.
    let old = try month(SituationShare(situation: .aKassa), on: "2025-01-01")
    #expect(amount(old, "a_kassa") == Money(kronor: 11_050))
    #expect(amount(old, "statlig_alderspensionsavgift") == nil)
    #expect(old.pensionable == Money(kronor: 11_050))
  }

  @Test func aKassaFromOctober2025IsAShareOfPriorIncomeUpToTheCeiling() throws {
    // Days 1–100: 0,8 × min(40 000, 34 000) = 27 200 kr a month.
    let capped = try month(
      SituationShare(situation: .aKassa, priorMonthlyIncome: 40_000, benefitStep: .dag1_100), on: "2025-10-01")
    #expect(amount(capped, "a_kassa") == Money(kronor: 27_200))
    // Below the ceiling: 0,8 × 25 000 = 20 000; days 101–200: 0,7 × 25 000 = 17 500;
    // from day 201: 0,65 × 25 000 = 16 250; half unemployed: half of it.
    let steps: [(AKassaStep, Double, Money)] = [
      (.dag1_100, 1, Money(kronor: 20_000)), (.dag101_200, 1, Money(kronor: 17_500)),
      (.dag201, 1, Money(kronor: 16_250)), (.dag1_100, 0.5, Money(kronor: 10_000)),
    ]
    for (step, extent, expected) in steps {
      let share = SituationShare(situation: .aKassa, extent: extent, priorMonthlyIncome: 25_000, benefitStep: step)
      #expect(amount(try month(share, on: "2026-01-01"), "a_kassa") == expected, "\(step) at \(extent)")
    }
  }

  @Test func aKassaFromOctober2025WithoutPriorIncomeIsAnError() throws {
    let error = #expect(throws: DiagnosticError.self) {
      _ = try month(SituationShare(situation: .aKassa, benefitStep: .dag1_100), on: "2025-10-01")
    }
    #expect(error?.diagnostics.first?.message.contains("needs 'priorIncome'") == true)
    let noStep = #expect(throws: DiagnosticError.self) {
      _ = try month(SituationShare(situation: .aKassa, priorMonthlyIncome: 25_000), on: "2025-10-01")
    }
    #expect(noStep?.diagnostics.first?.message.contains("needs 'step'") == true)
  }

  // MARK: - Aktivitetsstöd (item 9)

  @Test func aktivitetsstodLevelFollowsAKassaEntitlement() throws {
    // Not entitled (default): 223 kr/dag × 260 / 12 = 4 831,67; entitled: the floor 365 → 7 908,33.
    let notEntitled = try month(SituationShare(situation: .aktivitetsstod), on: "2025-01-01")
    #expect(amount(notEntitled, "aktivitetsstod") == Money(ore: 483_167))
    let entitled = try month(SituationShare(situation: .aktivitetsstod, entitledToAKassa: true), on: "2025-01-01")
    #expect(amount(entitled, "aktivitetsstod") == Money(ore: 790_833))
  }

  // MARK: - Pension contributions on benefits (item 12)

  @Test func stateOldAgePensionFeeOnAPensionableBenefit() throws {
    // Aktivitetsstöd 4 831,67 kr: statlig ålderspensionsavgift 10,21 % = 493,31 kr, from
    // Arbetsförmedlingen (which bears the benefit) to staten (the pension system).
    let aktivitetsstod = try month(SituationShare(situation: .aktivitetsstod), on: "2025-01-01")
    #expect(amount(aktivitetsstod, "statlig_alderspensionsavgift") == Money(ore: 49_331))
    #expect(aktivitetsstod.net[.arbetsformedlingen] == Money(ore: -483_167 - 49_331))
    #expect(aktivitetsstod.net[.staten] == Money(ore: 49_331))
    #expect(aktivitetsstod.pensionable == Money(ore: 483_167))
    // Sjukpenning on SGI 300 000: 300 000 × 0,97 × 0,8 / 365 = 637,81 kr a calendar day,
    // × 365 / 12 = 19 400 kr a month; the fee 10,21 % = 1 980,74 kr from Försäkringskassan.
    let sjukpenning = try month(SituationShare(situation: .sjukpenning, annualIncome: 300_000), on: "2025-01-01")
    #expect(amount(sjukpenning, "sjukpenning") == Money(kronor: 19_400))
    #expect(amount(sjukpenning, "statlig_alderspensionsavgift") == Money(ore: 198_074))
    #expect(sjukpenning.net[.forsakringskassan] == Money(ore: -1_940_000 - 198_074))
  }

  @Test func sjukersattningIsTaxableButNotPensionableInkomst() throws {
    // Garantinivå 13 622 kr (2025): taxable, but pensionsgrundande belopp, not inkomst: no
    // allmän pensionsavgift and no statlig ålderspensionsavgift at 10,21 %.
    for situation in [Situation.sjukersattning, .aktivitetsersattning] {
      let month = try month(SituationShare(situation: situation), on: "2025-01-01")
      #expect(month.taxable > .zero, "\(situation)")
      #expect(month.pensionable == .zero, "\(situation)")
      #expect(amount(month, "statlig_alderspensionsavgift") == nil, "\(situation)")
    }
  }

  // MARK: - Services (items 13 and 14)

  @Test func aYearlyUnitCostIsAPlaceForAYear() throws {
    // One daglig verksamhet place at 300 000 kr/år: 25 000 kr a month, not 300 000.
    let month = try month(
      SituationShare(situation: .ingenErsattning), on: "2024-01-01",
      services: [ServiceUse(item: "tjanster.daglig_verksamhet_ar", perMonth: 1)])
    #expect(month.net[.kommun] == Money(kronor: -25_000))
    #expect(month.flows.first { $0.item == "daglig_verksamhet_ar" }?.kind == .resource)
  }

  @Test func thePatientFeeIsATransferFromTheIndividualToTheRegion() throws {
    // Two inpatient days at 130 kr: the individual pays the region 260 kr; no resource is used.
    let month = try month(
      SituationShare(situation: .ingenErsattning), on: "2025-01-01",
      services: [ServiceUse(item: "tjanster.patientavgift_slutenvard_dygn", perMonth: 2)])
    let fee = try #require(month.flows.first { $0.item == "patientavgift_slutenvard_dygn" })
    #expect(fee.kind == .transfer)
    #expect(fee.payer == .actor(.individ) && fee.payee == .actor(.region))
    #expect(month.net[.individ] == Money(kronor: -260))
    #expect(month.net[.region] == Money(kronor: 260))
    #expect(Actor.allCases.map { month.net[$0]! }.reduce(.zero, +) == .zero)
  }

  // MARK: - Stale values (item 15)

  @Test func kriminalvardensUnitCostsArePriceAdjustedFrom2019() throws {
    // 3 202 kr/dygn in 2019 prices × 58 800 / 46 500 = 4 048,98 kr in 2025.
    let month = try month(
      SituationShare(situation: .ingenErsattning), on: "2025-01-01",
      services: [ServiceUse(item: "tjanster.kriminalvard_anstalt_dygn", perMonth: 1)])
    #expect(month.net[.staten] == Money(ore: -404_898))
  }
}

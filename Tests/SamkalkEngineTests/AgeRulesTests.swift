import SamkalkCore
import SamkalkEngine
import SamkalkRates
import Testing

/// Issue 19 items 7 and 11: the arbetsgivaravgift by age and date (socialavgiftslagen 2000:980,
/// lag 2026:100) and aktivitetsersättning by age step (socialförsäkringsbalken 35 kap. 19 §),
/// each figure worked out by hand, month by month as the calendar and the person's age move.
@Suite struct AgeRulesTests {
  let rates: RateBook
  init() throws { rates = try CalculatorTests.rates.get() }

  /// One person from `start` (rates of `ratesDate`) in `situation` for two years, born in
  /// `birthYear`; before the measure without income (so the comparison basis has no wage).
  func scenario(
    _ situation: SituationShare, birthYear: Int?, start: String = "2026-01", ratesDate: String = "2026-01-01",
    years: Int = 2
  ) throws -> Scenario {
    Scenario(
      id: "age", title: "Age", file: "age.xml", municipality: "0180",
      ratesDate: try #require(Day(ratesDate)), start: try #require(YearMonth(start)), horizonYears: years,
      discountRate: 0.035,
      measure: Measure(
        participants: 1, months: 1,
        costs: [CostItem(id: "coach", label: "Coach", amount: Money(kronor: 1_000), startMonth: 0, months: 1)],
        financing: [Financing(financier: .actor(.kommun), share: 1)]),
      before: Phase(situations: [SituationShare(situation: .ingenErsattning)]),
      outcomes: [
        Outcome(id: "utfall", persons: 1, startMonth: 0, path: [Phase(situations: [situation])], birthYear: birthYear)
      ])
  }

  /// The after ledger's amount of `item` in each month.
  func monthly(_ item: String, _ result: ScenarioResult) throws -> [Money] {
    let ledger = try #require(result.ledgers[.after])
    var months = Array(repeating: Money.zero, count: ledger.months)
    for flow in ledger.flows where flow.item == item { months[flow.month] += flow.amount }
    return months
  }

  func run(_ scenario: Scenario) throws -> ScenarioResult { try Calculator(rates: rates).run(scenario) }

  static let work25 = SituationShare(situation: .arbete, monthlyWage: 25_000)

  // MARK: - Item 7: the youth rate (lag 2026:100)

  @Test func theYouthRateAppliesFromApril2026ToSeptember2027() throws {
    // Born 2004: 21 at the start of 2026, 22 at the start of 2027 (18–22: "har fyllt 18 men inte
    // 23 år"). Jan–Mar 2026: 25 000 × 31,42 % = 7 855; Apr 2026 – Sep 2027: 25 000 × 20,81 % =
    // 5 202,50; Oct–Dec 2027, the law expired: 7 855 again.
    let young = try run(try scenario(Self.work25, birthYear: 2004))
    let contributions = try monthly("arbetsgivaravgifter", young)
    let full = Money(kronor: 7_855)
    let youth = Money(ore: 520_250)
    #expect(
      contributions == Array(repeating: full, count: 3) + Array(repeating: youth, count: 18)
        + Array(repeating: full, count: 3))
    // Production is the wage cost (productivity 1): 25 000 + 5 202,50 = 30 202,50 in April 2026.
    #expect(try monthly("produktion", young)[3] == Money(ore: 3_020_250))

    // Every actor: only the contributions move. The employer pays 2 652,50 a month less for 18
    // months and society's production is as much lower, so the employer's net is unchanged at
    // productivity 1; staten receives 18 × 2 652,50 = 47 745 kr less; the individual, kommun
    // and region are untouched (the income tax does not depend on the contributions).
    let unknown = try run(try scenario(Self.work25, birthYear: nil))
    #expect(try monthly("arbetsgivaravgifter", unknown) == Array(repeating: full, count: 24))
    let after = try #require(young.ledgers[.after]), before = try #require(unknown.ledgers[.after])
    func total(_ ledger: Ledger, _ actor: Actor) -> Money { ledger.monthlyNet(of: actor).reduce(.zero, +) }
    #expect(total(before, .staten) - total(after, .staten) == Money(kronor: 47_745))
    #expect(total(after, .arbetsgivare) == total(before, .arbetsgivare))
    for actor in [Actor.individ, .kommun, .region] { #expect(total(after, actor) == total(before, actor)) }
    #expect(after.totals.production == before.totals.production - Money(kronor: 47_745))
  }

  @Test func theYouthRateCoversOnlyPayUpToTheCeiling() throws {
    // 30 000 kr a month in May 2026: 25 000 × 20,81 % + 5 000 × 31,42 % = 5 202,50 + 1 571 =
    // 6 773,50 (lag 2026:100 2 § second paragraph).
    let result = try run(try scenario(SituationShare(situation: .arbete, monthlyWage: 30_000), birthYear: 2005))
    #expect(try monthly("arbetsgivaravgifter", result)[4] == Money(ore: 677_350))
    // Half time at 30 000 (15 000 paid): all of it under the ceiling, 15 000 × 20,81 % = 3 121,50.
    let half = try run(
      try scenario(SituationShare(situation: .arbete, extent: 0.5, monthlyWage: 30_000), birthYear: 2005))
    #expect(try monthly("arbetsgivaravgifter", half)[4] == Money(ore: 312_150))
  }

  @Test func theYouthAgeBoundsAreAtTheStartOfTheYear() throws {
    // Born 2008: 17 at the start of 2026 (full rate all 2026), 18 at the start of 2027 (the
    // youth rate Jan–Sep 2027). Born 2003: 22 at the start of 2026 (youth Apr–Dec 2026), 23 at
    // the start of 2027 (full).
    let full = Money(kronor: 7_855), youth = Money(ore: 520_250)
    let teen = try monthly("arbetsgivaravgifter", try run(try scenario(Self.work25, birthYear: 2008)))
    #expect(
      teen == Array(repeating: full, count: 12) + Array(repeating: youth, count: 9) + Array(repeating: full, count: 3))
    let older = try monthly("arbetsgivaravgifter", try run(try scenario(Self.work25, birthYear: 2003)))
    #expect(
      older == Array(repeating: full, count: 3) + Array(repeating: youth, count: 9) + Array(repeating: full, count: 12))
  }

  // MARK: - Item 7: the older and those born 1937 or earlier

  @Test func theOlderPayOnlyTheAlderspensionsavgiftFromTheThresholdOfTheYear() throws {
    let full = Money(kronor: 7_855)
    let older = Money(ore: 255_250)  // 25 000 × 10,21 %
    // Born 1958: 66 at the start of 2025, 67 at the start of 2026 (the limit of 2025: 66).
    let born1958 = try monthly(
      "arbetsgivaravgifter",
      try run(try scenario(Self.work25, birthYear: 1958, start: "2025-01", ratesDate: "2025-01-01")))
    #expect(born1958 == Array(repeating: older, count: 24))
    // The limit is the rates date's law, as the income tax's: with the rates of 2025 (66), born
    // 1959 is 65 at the start of 2025 (full) and 66 at the start of 2026 (10,21 %); with the
    // rates of 2026 (riktåldern, 67), 66 at the start of 2026 is below it (below).
    let born1959 = try monthly(
      "arbetsgivaravgifter",
      try run(try scenario(Self.work25, birthYear: 1959, start: "2025-01", ratesDate: "2025-01-01")))
    #expect(born1959 == Array(repeating: full, count: 12) + Array(repeating: older, count: 12))
    // Born 1959 from 2026: 66 at the start of 2026 (full), 67 at the start of 2027 (10,21 %).
    let turning = try monthly("arbetsgivaravgifter", try run(try scenario(Self.work25, birthYear: 1959)))
    #expect(turning == Array(repeating: full, count: 12) + Array(repeating: older, count: 12))
    // 12 × (7 855 − 2 552,50) = 63 630 kr less to staten in 2027 than for a person of unknown
    // age, and society's production (the wage cost) as much lower; the employer's net is
    // unchanged at productivity 1. (Staten's whole net differs by the income tax as well: from
    // 66 at the start of the year the person has the förhöjt grundavdrag.)
    let unknown = try run(try scenario(Self.work25, birthYear: nil))
    let aged = try run(try scenario(Self.work25, birthYear: 1959))
    let fullContributions = try monthly("arbetsgivaravgifter", unknown)
    #expect(fullContributions[12...].reduce(.zero, +) - turning[12...].reduce(.zero, +) == Money(kronor: 63_630))
    let agedLedger = try #require(aged.ledgers[.after]), unknownLedger = try #require(unknown.ledgers[.after])
    #expect(unknownLedger.totals.production - agedLedger.totals.production == Money(kronor: 63_630))
    #expect(
      agedLedger.monthlyNet(of: .arbetsgivare).reduce(.zero, +)
        == unknownLedger.monthlyNet(of: .arbetsgivare).reduce(.zero, +))
  }

  @Test func noContributionsForThoseBornIn1937OrEarlier() throws {
    let born1937 = try monthly("arbetsgivaravgifter", try run(try scenario(Self.work25, birthYear: 1937)))
    #expect(born1937.allSatisfy { $0 == .zero })
    // Born 1938: 87 at the start of 2026, past the older limit: 10,21 %.
    let born1938 = try monthly("arbetsgivaravgifter", try run(try scenario(Self.work25, birthYear: 1938)))
    #expect(born1938[0] == Money(ore: 255_250))
  }

  @Test func subsidisedWorkKeepsItsSubsidyAndPaysTheYouthRate() throws {
    // Lönebidrag for a person born 2004 in May 2026: the contributions 25 000 × 20,81 %; the
    // subsidy, expressed in the full arbetsgivaravgift, is unchanged.
    let share = SituationShare(situation: .lonebidrag, monthlyWage: 25_000, subsidyShare: 0.5)
    let young = try run(try scenario(share, birthYear: 2004))
    let unknown = try run(try scenario(share, birthYear: nil))
    #expect(try monthly("arbetsgivaravgifter", young)[4] == Money(ore: 520_250))
    #expect(try monthly("lonesubvention_lonebidrag", young) == (try monthly("lonesubvention_lonebidrag", unknown)))
  }

  // MARK: - Item 11: aktivitetsersättning by age step

  @Test func aktivitetsersattningFollowsTheAgeStepYearByYear() throws {
    // Born 2005: 20 at the start of 2026 (step "till 21": 2,48 × 59 200 / 12 = 12 234,67 →
    // 12 235 kr), 21 at the start of 2027 (2,53 × 59 200 / 12 = 12 481,33 → 12 481 kr), both at
    // the rates of 2026.
    let share = SituationShare(situation: .aktivitetsersattning)
    let young = try monthly("aktivitetsersattning", try run(try scenario(share, birthYear: 2005)))
    #expect(
      young == Array(repeating: Money(kronor: 12_235), count: 12) + Array(repeating: Money(kronor: 12_481), count: 12))
    // 2024 (PBB 57 300): born 1996, 27 at the start of 2024: 2,68 × 57 300 / 12 = 12 797 kr;
    // 28 at the start of 2025, the same step.
    let older = try monthly(
      "aktivitetsersattning",
      try run(try scenario(share, birthYear: 1996, start: "2024-01", ratesDate: "2024-01-01")))
    #expect(older == Array(repeating: Money(kronor: 12_797), count: 24))
    // Without a birth year: the 25–26 step, 2,63 × 59 200 / 12 = 12 974,67 → 12 975 kr.
    let unknown = try monthly("aktivitetsersattning", try run(try scenario(share, birthYear: nil)))
    #expect(unknown == Array(repeating: Money(kronor: 12_975), count: 24))
  }

  @Test func aktivitetsersattningPastTheAgeOf29IsAnError() throws {
    // Born 1996: 29 at the start of 2026 (the last step, 2,73 × 59 200 / 12 = 13 468), 30 at
    // the start of 2027: aktivitetsersättning ends the month before the 30th birthday.
    #expect {
      try run(try scenario(SituationShare(situation: .aktivitetsersattning), birthYear: 1996))
    } throws: { error in
      "\(error)".contains("aktivitetsersattning is paid from 19 until 30; the persons are 30")
    }
    let last = try monthly(
      "aktivitetsersattning",
      try run(try scenario(SituationShare(situation: .aktivitetsersattning), birthYear: 1996, years: 1)))
    #expect(last == Array(repeating: Money(kronor: 13_468), count: 12))
  }
}

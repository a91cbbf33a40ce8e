import Foundation
import SamkalkCore
import SamkalkRates
import SamkalkReports

import SamkalkEngine

/// A small hand-built result: 10 participants, two years from 2016-03, Karlstad's rates.
enum Fixture {
  static let context = ReportContextValues.context

  static func municipality() -> MunicipalTaxRates {
    MunicipalTaxRates(
      code: "1780", name: "Karlstad", year: 2016, kommunal: 0.2115, regional: 0.1138,
      source: RateSource(title: "SCB, kommunalskatter 2016", url: "https://www.scb.se"),
      status: .seen,
      origin: RateOrigin(
        layer: .shipped, location: SourceLocation(file: "Rates/kommunalskatt/2016.csv", line: 90)))
  }

  static func scenario(title: String = "Porten, test", inputs: [ScenarioInput]? = nil) -> Scenario {
    let phase = Phase(situations: [SituationShare(situation: .forsorjningsstod)])
    return Scenario(
      id: "porten-test", title: title, municipality: "1780",
      ratesDate: Day(year: 2016, month: 1, day: 1),
      start: YearMonth(year: 2016, month: 3), horizonYears: 2, discountRate: 0.035,
      mandatePeriodYears: 1,
      measure: Measure(
        participants: 10, months: 6,
        costs: [
          CostItem(
            id: "personal", label: "Personal, 2 årsarbetare", amount: Money(kronor: 60_000),
            startMonth: 0, months: 6)
        ],
        financing: [Financing(financier: .samordningsforbund, share: 1)]),
      before: phase,
      outcomes: [Outcome(id: "arbete", label: "Arbete", persons: 4, startMonth: 6, path: [phase])],
      inputs: inputs ?? [
        ScenarioInput(
          path: "measure/participants", value: "10", source: .report("slutrapport, avsnitt 3.1"),
          location: SourceLocation(file: "Scenarios/porten-test.xml", line: 12, column: 5)),
        ScenarioInput(
          path: "outcome[arbete]/wage", value: "22000", source: .assumption("antagande: typisk lön")
        ),
      ])
  }

  /// Year figures for perspective number `index` (0-based in Perspective.all order).
  static func years(_ index: Int) -> [YearFigures] {
    let base = Int64(index + 1)
    let first = YearFigures(
      year: 1, before: Money(ore: -100_000 * base), after: Money(ore: 50_025 * base),
      change: Money(ore: 150_025 * base), investment: Money(ore: 200_000),
      net: Money(ore: 150_025 * base - 200_000),
      cumulative: Money(ore: 150_025 * base - 200_000),
      presentValue: Double(150_025 * base - 200_000) / 100 / 1.035)
    let secondNet = 150_025 * base
    let second = YearFigures(
      year: 2, before: Money(ore: -100_000 * base), after: Money(ore: 50_025 * base),
      change: Money(ore: 150_025 * base), investment: .zero, net: Money(ore: secondNet),
      cumulative: Money(ore: 150_025 * base - 200_000 + secondNet),
      presentValue: Double(secondNet) / 100 / (1.035 * 1.035))
    return [first, second]
  }

  static func perspectives() -> [PerspectiveResult] {
    Perspective.all.enumerated().map { index, perspective in
      let years = years(index)
      let effects = years.reduce(0) { $0 + $1.change.kronor / pow(1.035, Double($1.year)) }
      // Individen's present value of investment is left at 0 (unlike its years) to show the
      // reports without a benefit-cost ratio.
      let investment = index == 0 ? 0 : 2_000 / 1.035
      return PerspectiveResult(
        perspective: perspective, years: years, npv: years.reduce(0) { $0 + $1.presentValue },
        payback: index == 0 ? .notWithinHorizon : (index == 1 ? .month(0) : .month(14)),
        simplePaybackYears: index == 2 ? 1.333 : nil,
        monthlyNet: Array(repeating: .zero, count: 24), presentValueOfEffects: effects,
        presentValueOfInvestment: investment)
    }
  }

  static func ledger() -> Ledger {
    var ledger = Ledger(months: 24)
    ledger.record(
      month: 0, from: .actor(.kommun), to: .actor(.individ), item: "forsorjningsstod",
      amount: Money(kronor: 5_000),
      kind: .transfer)
    ledger.record(
      month: 1, from: .actor(.kommun), to: .outside, item: "ame", amount: Money(ore: 300_050),
      kind: .resource)
    ledger.record(
      month: 2, from: .outside, to: .actor(.arbetsgivare), item: "produktion",
      amount: Money(kronor: 20_000),
      kind: .production)
    ledger.record(
      month: 2, from: .actor(.arbetsgivare), to: .actor(.individ), item: "lon",
      amount: Money(kronor: 15_000),
      kind: .transfer)
    return ledger
  }

  static func usedRates() -> [UsedRate] {
    let shipped = RateValue(
      key: "formaner.aktivitetsstod.dag", amount: .number(223), unit: .krPerDag,
      from: Day(year: 2015, month: 1, day: 1),
      source: RateSource(
        title: "Försäkringskassan, aktivitetsstöd", url: "https://www.forsakringskassan.se",
        sfs: "1996:1100"),
      status: .seen,
      origin: RateOrigin(
        layer: .shipped,
        location: SourceLocation(file: "Rates/formaner/aktivitetsstod/dag.xml", line: 7)))
    let extrapolated = RateValue(
      key: "basbelopp.prisbasbelopp", amount: .number(44_500), unit: .kr,
      from: Day(year: 2015, month: 1, day: 1),
      to: Day(year: 2015, month: 12, day: 31), source: RateSource(title: "SCB"), status: .derived,
      note: "avrundat",
      origin: RateOrigin(layer: .userFile(0), location: SourceLocation(file: "egna.csv", line: 3)))
    let payer = RateValue(
      key: "betalare.aktivitetsstod", amount: .actor(.arbetsformedlingen), unit: .aktor,
      from: Day(year: 2000, month: 1, day: 1), source: RateSource(title: "antagande"),
      status: .unconfirmed,
      origin: RateOrigin(
        layer: .scenario, location: SourceLocation(file: "Scenarios/porten-test.xml")))
    let date = Day(year: 2016, month: 1, day: 1)
    return [
      UsedRate(resolved: ResolvedRate(value: payer, date: date), file: "Scenarios/porten-test.xml"),
      UsedRate(
        resolved: ResolvedRate(
          value: extrapolated, date: date,
          extrapolation: Extrapolation(
            method: "prisbasbelopp", baseDate: Day(year: 2015, month: 12, day: 31), factor: 1.0045)),
        file: "egna.csv"),
      UsedRate(
        resolved: ResolvedRate(value: shipped, date: date),
        file: "Rates/formaner/aktivitetsstod/dag.xml"),
    ]
  }

  static func result(
    title: String = "Porten, test", warnings: [Diagnostic]? = nil, inputs: [ScenarioInput]? = nil
  ) -> ScenarioResult {
    var tax = TaxBreakdown()
    tax.faststalldForvarvsinkomst = Money(kronor: 264_000)
    tax.grundavdrag = Money(kronor: 19_600)
    tax.beskattningsbarInkomst = Money(kronor: 244_400)
    tax.kommunalskatt = Money(kronor: 51_690)
    tax.jobbskatteavdrag = Money(kronor: 20_000)
    return ScenarioResult(
      scenario: scenario(title: title, inputs: inputs), municipality: municipality(),
      discountRate: 0.035,
      perspectives: perspectives(), ledgers: [.basis: Ledger(months: 24), .after: ledger()],
      ratesUsed: usedRates(),
      rateFiles: [
        RateFile(
          path: "Rates/formaner/aktivitetsstod/dag.xml", sha256: String(repeating: "a", count: 64),
          layer: .shipped),
        RateFile(
          path: "egna.csv", sha256: String(repeating: "b", count: 64), layer: .userFile(0),
          encoding: "Windows-1252"),
      ],
      warnings: warnings ?? [
        .warning(
          "deltagarantalet skiljer sig från summan av utfallen",
          at: SourceLocation(file: "Scenarios/porten-test.xml", line: 20))
      ],
      taxes: [TaxRecord(arm: .after, group: "arbete", year: 2016, persons: 4, breakdown: tax)])
  }
}

extension Fixture {
  /// The fixture with every new part: adjustments (deadweight 20 %, optimism bias 10 %),
  /// fractional and subgrouped outcomes, an ongoing cost, a comparison alternative, subgroups,
  /// break-even and verkningsgrad.
  static func richResult() -> ScenarioResult {
    var result = result(warnings: [])
    result.scenario.adjustments = Adjustments(deadweight: 0.2, optimismBias: 0.1)
    result.scenario.population = .typfall
    result.scenario.measure.costs.append(
      CostItem(
        id: "processtod", label: "Processtöd", amount: Money(kronor: 12_000), startMonth: 6, months: 12,
        kind: .ongoing))
    let phase = Phase(situations: [SituationShare(situation: .forsorjningsstod)])
    result.scenario.outcomes[0].persons = 2.5
    result.scenario.outcomes[0].subgroups = [
      SubgroupShare(subgroup: Subgroup(sex: .kvinna, ageBand: "18-29"), persons: 1.5),
      SubgroupShare(subgroup: Subgroup(sex: .man, ageBand: "18-29"), persons: 1),
    ]
    result.scenario.comparison = .alternative([
      Outcome(id: "ordinarie", label: "Ordinarie insatser", persons: 10.0 / 3, startMonth: 0, path: [phase])
    ])
    result.perspectives = result.perspectives.map { perspective in
      var perspective = perspective
      var cumulative = Money.zero
      perspective.years = perspective.years.map { year in
        // E = G × 0.8; I = I₀ × 1.1.
        let effect = Money(ore: year.change.ore * 8 / 10)
        let investment = Money(ore: year.investment.ore * 11 / 10)
        cumulative += effect - investment
        return YearFigures(
          year: year.year, before: year.before, after: year.after, change: year.change, afterDeadweight: effect,
          afterAttribution: effect, afterDisplacement: effect, effect: effect, investmentBeforeUplift: year.investment,
          investment: investment, net: effect - investment, cumulative: cumulative,
          presentValue: (effect - investment).kronor / pow(1.035, Double(year.year)))
      }
      perspective.npv = perspective.years.reduce(0) { $0 + $1.presentValue }
      return perspective
    }
    let women = SubgroupResult(
      subgroup: Subgroup(sex: .kvinna, ageBand: "18-29"), participants: 6, perspectives: perspectives())
    let men = SubgroupResult(
      subgroup: Subgroup(sex: .man, ageBand: "18-29"), participants: 4, perspectives: perspectives())
    result.subgroups = [women, men]
    result.verkningsgrad = Verkningsgrad(
      realisedPerYear: 13_500, potentialPerYear: 900_000, potentialWage: 25_000, potentialProductionPerYear: 880_000,
      potentialResourceUsePerYear: 20_000)
    result.breakEven = BreakEvenAnalysis(
      outcome: "arbete", years: 2,
      shares: [
        .samhallet: .share(0.015), .actor(.individ): .noInvestment, .actor(.kommun): .notReachable(1.234),
        .actor(.region): .never,
      ],
      successValue: [.samhallet: 100_000, .actor(.kommun): 1_000],
      investmentValue: [.samhallet: 1_500, .actor(.kommun): 1_234, .actor(.region): 500])
    return result
  }
}

enum ReportContextValues {
  static let context = SamkalkReports.ReportContext(
    scenarioPath: "Scenarios/porten-test.xml",
    scenarioSHA256: String(repeating: "0", count: 63) + "1",
    samkalkVersion: "test")
}

import SamkalkCore
import SamkalkRates

/// Computes a scenario: builds the three ledgers (comparison basis, after, measure), checks
/// their invariant, and derives every perspective's yearly results, NPV and payback.
///
/// ```swift
/// let rates = try RateBook.shipped()
/// let result = try Calculator(rates: rates).run(scenario)
/// result.result(for: .samhallet).npv
/// ```
///
/// Timing conventions (docs/ARCHITECTURE.md): year t covers months 12(t−1)…12t−1 from the
/// start; a year's flows are discounted by (1 + r)^t (end-of-year convention, DOMAIN.md §8);
/// income tax is computed per person and analysis year and booked in that year's months in
/// proportion to the month's taxable income.
public struct Calculator: Sendable {
  public var rates: RateBook
  public var taxMethod: any IncomeTaxMethod

  public init(rates: RateBook, taxMethod: any IncomeTaxMethod = SKV433Method()) {
    self.rates = rates
    self.taxMethod = taxMethod
  }

  public func run(_ scenario: Scenario) throws(DiagnosticError) -> ScenarioResult {
    let location = SourceLocation(file: scenario.file ?? scenario.id)
    do {
      return try compute(scenario)
    } catch let error as EngineError {
      throw DiagnosticError(.error(error.description, at: location))
    } catch let error as Ledger.InvariantViolation {
      throw DiagnosticError(
        .error("internal error, a bug in samkalk: the ledger invariant is violated: \(error)", at: location))
    } catch {
      throw DiagnosticError(.error("\(error)", at: location))
    }
  }

  private func compute(_ scenario: Scenario) throws -> ScenarioResult {
    let book = rates.adding(scenarioValues: scenario.rateValues)
    let reader = RateReader(book: book, date: scenario.ratesDate)
    let municipality: MunicipalTaxRates
    do {
      municipality = try book.municipality(scenario.municipality, year: scenario.ratesDate.year)
    } catch {
      throw EngineError(error.description)
    }
    let discountRate = try scenario.discountRate ?? reader.number("kalkylranta.standard", unit: .andel)
    let flows = try SituationFlows(rates: reader)
    let months = scenario.months
    let taxes = TaxBooking(method: taxMethod, municipality: municipality, rates: reader)

    var taxRecords: [TaxRecord] = []
    var basis = Ledger(months: months)
    let beforeProfile = try flows.profile(of: scenario.before)
    let basisSchedule = Array(repeating: beforeProfile, count: months)
    try bookGroup(
      schedule: basisSchedule, persons: Int64(scenario.measure.participants), into: &basis, taxes: taxes,
      record: {
        taxRecords.append(
          TaxRecord(arm: .basis, group: "basis", year: $0, persons: scenario.measure.participants, breakdown: $1))
      })

    var after = Ledger(months: months)
    let duringProfile =
      try scenario.during.map { phase throws(EngineError) in try flows.profile(of: phase) } ?? beforeProfile
    for outcome in scenario.outcomes {
      let schedule = try Self.schedule(of: outcome, during: duringProfile, months: months, flows: flows)
      try bookGroup(
        schedule: schedule, persons: Int64(outcome.persons), into: &after, taxes: taxes,
        record: {
          taxRecords.append(
            TaxRecord(arm: .after, group: outcome.id, year: $0, persons: outcome.persons, breakdown: $1))
        })
    }

    let measure = try Self.measureLedger(scenario.measure, months: months, rates: reader)
    for ledger in [basis, after, measure] { try ledger.checkInvariant() }

    let perspectives = Perspective.all.map { perspective in
      Self.result(
        for: perspective, basis: basis, after: after, measure: measure, months: months, discountRate: discountRate)
    }
    let used = reader.used.values.sorted { $0.value.key < $1.value.key }.map {
      UsedRate(resolved: $0, file: $0.value.origin.location.file)
    }
    let usedFiles = Set(
      used.map(\.file) + [municipality.origin.location.file] + reader.listsUsed.values.map(\.origin.location.file))
    var warnings: [Diagnostic] = []
    for rate in used where rate.resolved.extrapolation != nil {
      let extrapolation = rate.resolved.extrapolation!
      warnings.append(
        .warning(
          "rate '\(rate.key)' extrapolated to \(scenario.ratesDate) by \(extrapolation.method) from \(extrapolation.baseDate) (factor \(DecimalText.format(extrapolation.factor, decimals: 6)))",
          at: SourceLocation(file: rate.file)))
    }
    return ScenarioResult(
      scenario: scenario, municipality: municipality, discountRate: discountRate, perspectives: perspectives,
      ledgers: [.basis: basis, .after: after, .measure: measure], ratesUsed: used,
      rateFiles: book.files.filter { usedFiles.contains($0.path) }, warnings: warnings, taxes: taxRecords)
  }

  /// The profile of each month of the horizon for one outcome group: the during phase until
  /// the group's start month, then its path's phases; the last phase lasts to the end.
  static func schedule(of outcome: Outcome, during: PersonMonth, months: Int, flows: SituationFlows)
    throws(EngineError) -> [PersonMonth]
  {
    guard !outcome.path.isEmpty else { throw EngineError("outcome '\(outcome.id)' has no phase") }
    var schedule: [PersonMonth] = []
    schedule.reserveCapacity(months)
    while schedule.count < min(outcome.startMonth, months) { schedule.append(during) }
    for (index, phase) in outcome.path.enumerated() {
      let profile = try flows.profile(of: phase)
      let isLast = index == outcome.path.count - 1
      let end = isLast ? months : min(months, schedule.count + (phase.months ?? 0))
      while schedule.count < end { schedule.append(profile) }
    }
    return schedule
  }

  /// Records a group's flows month by month, then its income tax year by year.
  private func bookGroup(
    schedule: [PersonMonth], persons: Int64, into ledger: inout Ledger, taxes: TaxBooking,
    record: (Int, TaxBreakdown) -> Void
  ) throws {
    guard persons > 0 else { return }
    for (month, profile) in schedule.enumerated() {
      for entry in profile.entries {
        ledger.record(
          month: month, from: entry.payer, to: entry.payee, item: entry.item, amount: entry.amount * persons,
          kind: entry.kind)
      }
    }
    for yearStart in stride(from: 0, to: schedule.count, by: 12) {
      let yearMonths = Array(schedule[yearStart..<min(yearStart + 12, schedule.count)])
      let breakdown = try taxes.book(
        year: yearMonths, firstMonth: yearStart, persons: persons, into: &ledger)
      record(yearStart / 12 + 1, breakdown)
    }
  }

  /// The measure's costs as resource flows from each financier, month by month.
  static func measureLedger(_ measure: Measure, months: Int, rates: RateReader) throws(EngineError) -> Ledger {
    var ledger = Ledger(months: months)
    let finsam: [(Actor, Double)] = [
      (.forsakringskassan, try rates.number("finsam.andel.forsakringskassan", unit: .andel)),
      (.region, try rates.number("finsam.andel.region", unit: .andel)),
      (.kommun, try rates.number("finsam.andel.kommun", unit: .andel)),
    ]
    for item in measure.costs {
      guard item.months > 0, item.startMonth >= 0, item.startMonth + item.months <= months else {
        throw EngineError("cost '\(item.id)' runs outside the horizon of \(months) months")
      }
      var weights: [Actor: Double] = [:]
      for financing in item.financing ?? measure.financing {
        switch financing.financier {
        case .actor(let actor): weights[actor, default: 0] += financing.share
        case .samordningsforbund:
          for (actor, share) in finsam { weights[actor, default: 0] += financing.share * share }
        }
      }
      let payers = Actor.allCases.filter { (weights[$0] ?? 0) > 0 }
      guard !payers.isEmpty else { throw EngineError("cost '\(item.id)' has no financier") }
      for (offset, monthly) in item.amount.split(into: item.months).enumerated() {
        let parts = monthly.split(proportionalTo: payers.map { weights[$0]! })
        for (payer, part) in zip(payers, parts) {
          ledger.record(
            month: item.startMonth + offset, from: .actor(payer), to: .outside, item: item.id, amount: part,
            kind: .resource)
        }
      }
    }
    return ledger
  }

  /// Yearly figures, NPV and payback of one perspective from the three ledgers.
  static func result(
    for perspective: Perspective, basis: Ledger, after: Ledger, measure: Ledger, months: Int, discountRate: Double
  ) -> PerspectiveResult {
    func monthly(_ ledger: Ledger) -> [Money] {
      var sum = Array(repeating: Money.zero, count: months)
      for actor in perspective.members {
        for (index, amount) in ledger.monthlyNet[actor]!.enumerated() { sum[index] += amount }
      }
      return sum
    }
    let before = monthly(basis)
    let afterNet = monthly(after)
    let investmentNet = monthly(measure)
    let monthlyNet = (0..<months).map { afterNet[$0] - before[$0] + investmentNet[$0] }
    var years: [YearFigures] = []
    var cumulative = Money.zero
    var npv = 0.0
    for start in stride(from: 0, to: months, by: 12) {
      let range = start..<min(start + 12, months)
      let yearBefore = before[range].reduce(.zero, +)
      let yearAfter = afterNet[range].reduce(.zero, +)
      let investment = -investmentNet[range].reduce(.zero, +)
      let change = yearAfter - yearBefore
      let net = change - investment
      cumulative += net
      let year = start / 12 + 1
      let presentValue = net.kronor / pow(1 + discountRate, Double(year))
      npv += presentValue
      years.append(
        YearFigures(
          year: year, before: yearBefore, after: yearAfter, change: change, investment: investment, net: net,
          cumulative: cumulative, presentValue: presentValue))
    }
    var simple: Double?
    let totalInvestment = years.reduce(Money.zero) { $0 + $1.investment }
    if let first = years.first, first.change > .zero, totalInvestment > .zero {
      simple = totalInvestment.kronor / first.change.kronor
    }
    return PerspectiveResult(
      perspective: perspective, years: years, npv: npv, payback: Payback.of(monthlyNets: monthlyNet),
      simplePaybackYears: simple, monthlyNet: monthlyNet)
  }
}

import Foundation

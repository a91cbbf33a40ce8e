import Foundation
import SamkalkCore
import SamkalkRates

/// Computes a scenario: builds the three ledgers (comparison basis, after, measure), checks
/// their invariant, and derives every perspective's yearly results, NPV, payback and the
/// measures of docs/METHODS.md ("Measures").
///
/// ```swift
/// let rates = try RateBook.shipped()
/// let result = try Calculator(rates: rates).run(scenario)
/// result.result(for: .samhallet).npv
/// ```
///
/// Timing conventions (docs/ARCHITECTURE.md): year t covers months 12(t−1)…12t−1 from the
/// start; a year's flows are discounted by (1 + r)^t (end-of-year convention, docs/METHODS.md);
/// income tax is computed per person and analysis year and booked in that year's months in
/// proportion to the month's taxable income. Adjustments act on each month's gross effect of
/// the groups of one effect start (``EffectArm``) with the factor of that month since the start
/// (``Evaluation/stepFactors(month:start:)``), so yearly figures are exact sums of monthly ones.
public struct Calculator: Sendable {
  public var rates: RateBook
  public var taxMethod: any IncomeTaxMethod

  public init(rates: RateBook, taxMethod: any IncomeTaxMethod = SKV433Method()) {
    self.rates = rates
    self.taxMethod = taxMethod
  }

  public func run(_ scenario: Scenario) throws(DiagnosticError) -> ScenarioResult {
    let location = scenario.fileLocation
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
    if let problem = scenario.sizeProblem { throw EngineError(problem) }
    let book = rates.adding(scenarioValues: scenario.rateValues)
    let reader = RateReader(book: book, date: scenario.ratesDate)
    let municipality: MunicipalTaxRates
    do {
      municipality = try book.municipality(scenario.municipality, year: scenario.ratesDate.year)
    } catch {
      throw EngineError(error.description)
    }
    let discountRate = try scenario.discountRate ?? reader.number("kalkylranta.standard", unit: .andel)
    let booking = GroupBooking(
      months: scenario.months, start: scenario.start,
      taxes: TaxBooking(method: taxMethod, municipality: municipality, rates: reader))
    let builder = GroupBuilder(scenario: scenario, flows: try SituationFlows(rates: reader))
    let basisGroups = try builder.basisGroups()
    let afterGroups = try builder.afterGroups(scenario.outcomes)

    var taxes = TaxRecords()
    let basis = try booking.ledger(of: basisGroups, arm: .basis, taxes: &taxes)
    let after = try booking.ledger(of: afterGroups, arm: .after, taxes: &taxes)
    let measure = try Self.measureLedger(scenario.measure, months: scenario.months, rates: reader)
    for ledger in [basis, after, measure] { try ledger.checkInvariant() }

    let evaluation = Evaluation(
      months: scenario.months, discountRate: discountRate, adjustments: scenario.adjustments)
    let starts = EffectArm.starts(of: afterGroups + basisGroups)
    let arms =
      starts.count == 1
      ? [EffectArm(start: starts[0], basis: basis, after: after)]
      : try booking.arms(basis: basisGroups, after: afterGroups)
    let perspectives = Perspective.all.map { evaluation.result(for: $0, arms: arms, measure: measure) }
    let subgroups = try SubgroupAnalysis(booking: booking, evaluation: evaluation)
      .results(basisGroups: basisGroups, afterGroups: afterGroups, measure: measure)
    let verkningsgrad = try scenario.potentialWage.map { wage throws(EngineError) in
      try Self.verkningsgrad(
        wage: wage, participants: Double(scenario.measure.participants), society: perspectives.last!, rates: reader)
    }
    let breakEven = try scenario.breakEven.map { spec throws in
      try BreakEvenSolver(scenario: scenario, builder: builder, booking: booking, evaluation: evaluation)
        .solve(spec, perspectives: perspectives)
    }

    // The values the run read on its own date, and those of the rules that follow the calendar
    // (``EmployerContribution``) read on a month's date only.
    let usedValues = Array(reader.used.values) + reader.usedOnOtherDates.filter { reader.used[$0.key] == nil }.values
    let used = usedValues.sorted { $0.value.key < $1.value.key }.map {
      UsedRate(resolved: $0, file: $0.value.origin.location.file)
    }
    let usedFiles = Set(
      used.map(\.file) + [municipality.origin.location.file] + reader.listsUsed.values.map(\.origin.location.file))
    var warnings: [Diagnostic] = []
    for rate in used {
      guard let extrapolation = rate.resolved.extrapolation else { continue }
      let factor = DecimalText.format(extrapolation.factor, decimals: 6)
      warnings.append(
        .warning(
          "rate '\(rate.key)' extrapolated to \(rate.resolved.date) by \(extrapolation.method) from "
            + "\(extrapolation.baseDate) (factor \(factor))", at: SourceLocation(file: rate.file)))
    }
    warnings += Self.unconfirmedWarnings(used)
    return ScenarioResult(
      scenario: scenario, municipality: municipality, discountRate: discountRate, perspectives: perspectives,
      ledgers: [.basis: basis, .after: after, .measure: measure], ratesUsed: used,
      rateFiles: book.files.filter { usedFiles.contains($0.path) }, warnings: warnings, taxes: taxes.records,
      subgroups: subgroups, verkningsgrad: verkningsgrad, breakEven: breakEven)
  }

  /// One warning for each UNCONFIRMED value the result used, at the value's place in its
  /// file: a placeholder that no seen source confirms must never pass unremarked (the rate
  /// tables of every report show each value's status as well).
  static func unconfirmedWarnings(_ used: [UsedRate]) -> [Diagnostic] {
    used.filter { $0.resolved.value.status == .unconfirmed }.map { rate in
      var value =
        rate.resolved.number.map { DecimalText.format($0, decimals: 6) } ?? rate.resolved.actor?.rawValue ?? ""
      if rate.resolved.number != nil, value.contains(".") {
        while value.hasSuffix("0") { value.removeLast() }
        if value.hasSuffix(".") { value.removeLast() }
      }
      return .warning(
        "rate '\(rate.key)' = \(value) \(rate.resolved.value.unit.rawValue) on \(rate.resolved.date) is UNCONFIRMED "
          + "(no seen source confirms it; see its note)", at: rate.resolved.value.origin.location)
    }
  }

  /// The measure's costs as resource flows from each financier, month by month.
  static func measureLedger(_ measure: Measure, months: Int, rates: RateReader) throws(EngineError) -> Ledger {
    var ledger = Ledger(months: months)
    try measureFlows(measure, months: months, rates: rates) { month, payer, item, part in
      ledger.record(month: month, from: .actor(payer), to: .outside, item: item, amount: part, kind: .resource)
    }
    return ledger
  }

  /// The Finsam shares by which a samordningsförbund's financing passes to Försäkringskassan,
  /// the region and the municipalities, in that order.
  static let finsamKeys: [RateKey] = ["finsam.andel.forsakringskassan", "finsam.andel.region", "finsam.andel.kommun"]
  static let finsamActors: [Actor] = [.forsakringskassan, .region, .kommun]

  /// Each cost item spread evenly over its months (to the öre) and split among its payers in
  /// proportion to their shares, a samordningsförbund's share passed on by the Finsam shares:
  /// `record(month, payer, item, amount)` for every part, month by month, for the ledger.
  static func measureFlows(
    _ measure: Measure, months: Int, rates: RateReader, record: (Int, Actor, String, Money) -> Void
  ) throws(EngineError) {
    try splitCosts(measure, months: months, rates: rates) { item, split in
      for offset in 0..<item.months {
        let monthly = offset < split.largerMonths ? split.larger : split.smaller
        for (index, payer) in split.payers.enumerated() {
          record(item.startMonth + offset, payer, item.id, Money(ore: monthly[index]))
        }
      }
    }
  }

  /// The same parts as runs of months with one part each: `record(months, payer, amount a
  /// month)`, at most two runs a payer and item, for the fast evaluation (which adds a run in
  /// two steps).
  static func measureRuns(
    _ measure: Measure, months: Int, rates: RateReader, record: (Range<Int>, Actor, Money) -> Void
  ) throws(EngineError) {
    try splitCosts(measure, months: months, rates: rates) { item, split in
      let middle = item.startMonth + split.largerMonths
      let end = item.startMonth + item.months
      for (index, payer) in split.payers.enumerated() {
        if middle > item.startMonth { record(item.startMonth..<middle, payer, Money(ore: split.larger[index])) }
        if end > middle { record(middle..<end, payer, Money(ore: split.smaller[index])) }
      }
    }
  }

  /// An item's monthly amount among its payers: spread as ``Money/split(into:)`` spreads it,
  /// there are only two monthly amounts (the first `largerMonths` months one öre more), each
  /// split among the payers once. In memory lent for the call (the body must not keep it): the
  /// Monte Carlo evaluation splits the costs of every draw.
  struct CostSplit {
    var payers: UnsafeBufferPointer<Actor>
    /// Öre a month, per payer.
    var larger: UnsafeBufferPointer<Int64>
    var smaller: UnsafeBufferPointer<Int64>
    var largerMonths: Int
  }

  private static func splitCosts(
    _ measure: Measure, months: Int, rates: RateReader, body: (CostItem, CostSplit) -> Void
  ) throws(EngineError) {
    let actors = Actor.count
    let finsamCount = finsamKeys.count
    // Lent once for all items: the Finsam shares, each item's weights by actor ordinal and the
    // payers' weights in ordinal order; the payers; the larger and the smaller parts.
    try withUnsafeTemporaryAllocation(of: Double.self, capacity: finsamCount + 2 * actors) {
      numbers throws(EngineError) in
      let finsam = UnsafeMutableBufferPointer(rebasing: numbers[0..<finsamCount])
      let byActor = UnsafeMutableBufferPointer(rebasing: numbers[finsamCount..<(finsamCount + actors)])
      let compact = UnsafeMutableBufferPointer(rebasing: numbers[(finsamCount + actors)...])
      for (index, key) in finsamKeys.enumerated() { finsam[index] = try rates.number(key, unit: .andel) }
      try withUnsafeTemporaryAllocation(of: Actor.self, capacity: actors) { payers throws(EngineError) in
        payers.initialize(repeating: .individ)
        try withUnsafeTemporaryAllocation(of: Int64.self, capacity: 2 * actors) { parts throws(EngineError) in
          for item in measure.costs {
            guard item.months > 0, item.startMonth >= 0, item.startMonth + item.months <= months else {
              throw EngineError("cost '\(item.id)' runs outside the horizon of \(months) months")
            }
            byActor.update(repeating: 0)
            for financing in item.financing ?? measure.financing {
              switch financing.financier {
              case .actor(let actor): byActor[actor.ordinal] += financing.share
              case .samordningsforbund:
                for (index, actor) in finsamActors.enumerated() {
                  byActor[actor.ordinal] += financing.share * finsam[index]
                }
              }
            }
            var count = 0
            for actor in Actor.allCases where byActor[actor.ordinal] > 0 {
              payers[count] = actor
              compact[count] = byActor[actor.ordinal]
              count += 1
            }
            guard count > 0 else { throw EngineError("cost '\(item.id)' has no financier") }
            let weights = UnsafeBufferPointer(rebasing: compact[0..<count])
            let larger = UnsafeMutableBufferPointer(rebasing: parts[0..<count])
            let smaller = UnsafeMutableBufferPointer(rebasing: parts[actors..<(actors + count)])
            let even = item.amount.evenParts(item.months)
            Money(ore: even.each + even.extra).split(proportionalTo: weights, into: larger)
            Money(ore: even.each).split(proportionalTo: weights, into: smaller)
            body(
              item,
              CostSplit(
                payers: UnsafeBufferPointer(rebasing: payers[0..<count]), larger: UnsafeBufferPointer(larger),
                smaller: UnsafeBufferPointer(smaller), largerMonths: even.extraParts))
          }
        }
      }
    }
  }

  /// Verkningsgrad as NyttoSam defines it (``Verkningsgrad``): society's net effect in the
  /// twelve months after exit against the production of full-time work less society's net in
  /// the comparison basis over the same months (its real resource use).
  static func verkningsgrad(wage: Double, participants: Double, society: PerspectiveResult, rates: RateReader)
    throws(EngineError) -> Verkningsgrad
  {
    let contributions = try rates.number("arbetsgivaravgift.full", unit: .andel)
    let productivity = try rates.number("produktion.andel_av_lonekostnad", unit: .andel)
    let production = participants * 12 * wage * (1 + contributions) * productivity
    let resourceUse = -society.beforeFirstYearAfterExit.kronor
    return Verkningsgrad(
      realisedPerYear: society.effectFirstYearAfterExit.kronor, potentialPerYear: production + resourceUse,
      potentialWage: wage, potentialProductionPerYear: production, potentialResourceUsePerYear: resourceUse)
  }
}

/// Books groups into a ledger: their monthly flows, then their income tax year by year.
struct GroupBooking {
  let months: Int
  /// The scenario's first month, for the calendar year (and so the persons' age) of each
  /// analysis year.
  let start: YearMonth
  let taxes: TaxBooking

  /// The largest sum of amounts a ledger may reach: far below `Int64.max` öre (9.2 × 10^16 kr),
  /// so that no addition can overflow, with room for taxes and adjustments.
  static let maximumVolume = 1.0e18

  func ledger(of groups: [PopulationGroup], arm: LedgerArm?, taxes records: inout TaxRecords) throws -> Ledger {
    try Self.checkVolume(of: groups)
    var ledger = Ledger(months: months, keepsFlows: arm != nil)
    for group in groups where group.persons > 0 {
      // A run repeats one profile month after month: scale it once per run.
      for run in group.runs {
        let amounts = run.profile.groupAmounts(persons: group.persons)
        for month in run.start..<run.end {
          for (entry, amount) in zip(run.profile.entries, amounts) {
            ledger.record(
              month: month, from: entry.payer, to: entry.payee, item: entry.item, amount: amount, kind: entry.kind)
          }
        }
      }
      let schedule = group.schedule
      for yearStart in stride(from: 0, to: schedule.count, by: 12) {
        let year = Array(schedule[yearStart..<min(yearStart + 12, schedule.count)])
        let breakdown = try taxes.book(
          year: year, firstMonth: yearStart, persons: group.persons,
          ageAtStartOfYear: group.ageAtStartOfIncomeYear(beginningIn: yearStart, start: start), into: &ledger)
        if let arm {
          records.add(arm: arm, group: group.id, year: yearStart / 12 + 1, persons: group.persons, breakdown)
        }
      }
    }
    return ledger
  }

  /// Refuses inputs whose amounts could overflow 64-bit öre (e.g. a billion persons at a
  /// million kronor a month), with a message instead of a trap.
  static func checkVolume(of groups: [PopulationGroup]) throws(EngineError) {
    var volume = 0.0
    for group in groups {
      for run in group.runs {
        let months = Double(run.count)
        for entry in run.profile.entries { volume += abs(Double(entry.amount.ore)) * group.persons * months }
        volume += abs(Double(run.profile.taxable.ore)) * group.persons * months
      }
    }
    guard volume.isFinite, volume < Self.maximumVolume else {
      throw EngineError(
        "the scenario's amounts add up to more than samkalk can count exactly in öre "
          + "(about \(DecimalText.format(Self.maximumVolume / 100, decimals: 0)) kr); check persons and amounts")
    }
  }

  /// The groups' gross effects by effect start (``EffectArm``): each start's basis and after
  /// groups booked in ledgers of nets, for the adjustments of ``Evaluation``.
  func arms(basis: [PopulationGroup], after: [PopulationGroup]) throws -> [EffectArm] {
    try EffectArm.starts(of: after + basis).map { start in
      EffectArm(
        start: start, basis: try ledger(of: basis.filter { $0.effectStart == start }),
        after: try ledger(of: after.filter { $0.effectStart == start }))
    }
  }

  /// A ledger without tax records, for subgroup and break-even arms.
  func ledger(of groups: [PopulationGroup]) throws -> Ledger {
    var ignored = TaxRecords()
    return try ledger(of: groups, arm: nil, taxes: &ignored)
  }
}

/// Tax records per (arm, group, year), persons summed over subgroups of the same group.
struct TaxRecords {
  private var index: [String: Int] = [:]
  private(set) var records: [TaxRecord] = []

  mutating func add(arm: LedgerArm, group: String, year: Int, persons: Double, _ breakdown: TaxBreakdown) {
    guard breakdown != TaxBreakdown() else { return }
    let key = "\(arm.rawValue)|\(group)|\(year)"
    if let position = index[key] {
      records[position].persons += persons
    } else {
      index[key] = records.count
      records.append(TaxRecord(arm: arm, group: group, year: year, persons: persons, breakdown: breakdown))
    }
  }
}

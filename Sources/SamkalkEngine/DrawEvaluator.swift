import SamkalkCore
import SamkalkRates

/// Evaluates a scenario again and again with varied inputs and rates — the inner loop of the
/// Monte Carlo and sensitivity analyses — and gives each perspective's NPV and payback month.
///
/// It computes exactly what ``Calculator`` computes for those two figures, from the same
/// groups, profiles, öre rounding, tax method and adjustments, but keeps no ledger of flows:
/// each group's runs of months are added to per-actor arrays as differences (a run of 30
/// months costs two additions, not thirty), each income tax is split over its year's months
/// into a reused buffer, and every buffer lives in a ``DrawWorkspace`` that the caller keeps
/// from draw to draw, so that a draw allocates nothing per month. A scenario without varied
/// values gives bit for bit the NPV and payback of ``Calculator/run(_:)`` (tested on every
/// shipped scenario).
///
/// ```swift
/// let evaluator = try DrawEvaluator(rates: book, scenario: scenario)
/// var workspace = DrawWorkspace()
/// try evaluator.evaluate(scenario, overrides: RateOverrides(), into: &workspace)
/// workspace.npv[Perspective.all.count - 1]   // society's NPV
/// ```
public struct DrawEvaluator: @unchecked Sendable {
  // @unchecked: `base` is a reader whose cache is filled in `init` and only read afterwards
  // (every draw works on its own copy, `RateReader.overriding`).
  private let base: RateReader
  private let municipality: MunicipalTaxRates
  private let taxMethod: any IncomeTaxMethod
  /// The horizon of the scenario the evaluator was made for; draws may not lengthen it.
  public let months: Int

  /// Looks up, once, every rate the scenario's base run needs.
  public init(rates: RateBook, scenario: Scenario, taxMethod: any IncomeTaxMethod = SKV433Method())
    throws(DiagnosticError)
  {
    let book = rates.adding(scenarioValues: scenario.rateValues)
    let location = SourceLocation(file: scenario.file ?? scenario.id)
    do {
      municipality = try book.municipality(scenario.municipality, year: scenario.ratesDate.year)
    } catch {
      throw DiagnosticError(.error(error.description, at: location))
    }
    self.base = RateReader(book: book, date: scenario.ratesDate)
    self.taxMethod = taxMethod
    self.months = scenario.months
    // One evaluation fills the base reader's cache, so draws start from resolved values.
    var workspace = DrawWorkspace()
    try evaluate(scenario, overrides: RateOverrides(), into: &workspace, reader: base)
  }

  /// Evaluates one draw: `scenario` with its values as drawn, and rate values replaced by
  /// `overrides`. The results are in `workspace.npv` and `workspace.paybackMonth`.
  public func evaluate(_ scenario: Scenario, overrides: RateOverrides, into workspace: inout DrawWorkspace)
    throws(DiagnosticError)
  {
    try evaluate(scenario, overrides: overrides, into: &workspace, reader: base.overriding(overrides.numbers))
  }

  private func evaluate(
    _ scenario: Scenario, overrides: RateOverrides, into workspace: inout DrawWorkspace, reader: RateReader
  ) throws(DiagnosticError) {
    do {
      try compute(scenario, overrides: overrides, workspace: &workspace, reader: reader)
    } catch let error as EngineError {
      throw DiagnosticError(.error(error.description, at: SourceLocation(file: scenario.file ?? scenario.id)))
    } catch let error as DiagnosticError {
      throw error
    } catch {
      throw DiagnosticError(.error("\(error)", at: SourceLocation(file: scenario.file ?? scenario.id)))
    }
  }

  private func compute(
    _ scenario: Scenario, overrides: RateOverrides, workspace: inout DrawWorkspace, reader: RateReader
  ) throws {
    let months = scenario.months
    guard months > 0 else { throw EngineError("the horizon has no months") }
    workspace.reset(months: months)
    var rates = municipality
    if let kommunal = overrides.kommunal { rates.kommunal = kommunal }
    if let regional = overrides.regional { rates.regional = regional }
    let discountRate = try scenario.discountRate ?? reader.number("kalkylranta.standard", unit: .andel)
    let builder = GroupBuilder(scenario: scenario, flows: try SituationFlows(rates: reader))
    let basisGroups = try builder.basisGroups()
    let afterGroups = try builder.afterGroups(scenario.outcomes)
    try GroupBooking.checkVolume(of: basisGroups)
    try GroupBooking.checkVolume(of: afterGroups)
    let tax = taxMethod.prepared(for: reader.taxContext(for: rates))
    try workspace.add(afterGroups, sign: 1, tax: tax)
    try workspace.add(basisGroups, sign: -1, tax: tax)
    try Calculator.measureFlows(scenario.measure, months: months, rates: reader) { month, payer, _, part in
      workspace.spent[payer.ordinal * months + month] -= part.ore
    }
    workspace.finish(
      Evaluation(months: months, discountRate: discountRate, adjustments: scenario.adjustments))
  }
}

/// Rate values a draw replaces: numbers by key, and the municipality's tax rates.
public struct RateOverrides: Sendable {
  public var numbers: [RateKey: Double]
  /// Kommunalskatt and regionskatt as shares, replacing the municipal table's.
  public var kommunal: Double?
  public var regional: Double?

  public init(numbers: [RateKey: Double] = [:], kommunal: Double? = nil, regional: Double? = nil) {
    self.numbers = numbers
    self.kommunal = kommunal
    self.regional = regional
  }
}

/// The buffers of ``DrawEvaluator``, kept by the caller from one draw to the next (one per
/// thread), and the results of the last draw.
public struct DrawWorkspace: Sendable {
  /// NPV per perspective, in ``Perspective/all`` order.
  public private(set) var npv: [Double] = []
  /// Payback month per perspective (``Perspective/all`` order); −1 when not within the horizon.
  public private(set) var paybackMonth: [Int] = []

  private var months = 0
  /// Per actor (ordinal × (months + 1)): differences of after − basis by run, summed at the end.
  private var runDifferences: [Int64] = []
  /// Per actor (ordinal × months): after − basis of the amounts that vary month by month (taxes).
  private var monthly: [Int64] = []
  /// Per actor (ordinal × months): the measure's net cost flows (negative = paid).
  fileprivate var spent: [Int64] = []
  private var amounts: [Money] = []
  private var weights: [Double] = []
  private var parts: [Int64] = []
  /// One year of one group's income tax per month, rows in ``taxActors`` order (4 × 12).
  private var taxYear: [Int64] = []
  private var taxes: [(PersonYearIncome, TaxBreakdown)] = []
  private var perspectiveNet: [Int64] = []

  public init() {}

  mutating func reset(months: Int) {
    let actors = Actor.allCases.count
    self.months = months
    Self.zero(&runDifferences, count: actors * (months + 1))
    Self.zero(&monthly, count: actors * months)
    Self.zero(&spent, count: actors * months)
    Self.zero(&perspectiveNet, count: months)
    taxes.removeAll(keepingCapacity: true)
    if weights.count != 12 {
      weights = Array(repeating: 0, count: 12)
      parts = Array(repeating: 0, count: 12)
      taxYear = Array(repeating: 0, count: 4 * 12)
    }
  }

  private static func zero(_ buffer: inout [Int64], count: Int) {
    if buffer.count == count {
      buffer.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    } else {
      buffer = Array(repeating: 0, count: count)
    }
  }

  /// Adds groups' flows and income taxes with `sign` (+1 after, −1 comparison basis).
  mutating func add(_ groups: [PopulationGroup], sign: Int64, tax: PreparedIncomeTax) throws {
    let stride = months + 1
    for group in groups where group.persons > 0 {
      for run in group.runs {
        run.profile.groupAmounts(persons: group.persons, into: &amounts)
        for (entry, amount) in zip(run.profile.entries, amounts) where amount != .zero {
          let value = sign * amount.ore
          if case .actor(let payer) = entry.payer {
            runDifferences[payer.ordinal * stride + run.start] -= value
            runDifferences[payer.ordinal * stride + run.end] += value
          }
          if case .actor(let payee) = entry.payee {
            runDifferences[payee.ordinal * stride + run.start] += value
            runDifferences[payee.ordinal * stride + run.end] -= value
          }
        }
      }
      try addTaxes(of: group, sign: sign, tax: tax)
    }
  }

  /// The actors between whom income tax flows, and their rows in `taxYear`.
  private static let taxActors: [Actor] = [.individ, .kommun, .region, .staten]

  /// The group's income tax year by year, as ``TaxBooking`` books it: per person, times the
  /// persons, split over the year's months in proportion to taxable income.
  private mutating func addTaxes(of group: PopulationGroup, sign: Int64, tax method: PreparedIncomeTax) throws {
    // A whole year inside the run of the previous computed year has the same income, persons
    // and weights, so its split is the one in `taxYear`: add it again instead of recomputing.
    var repeatedRun = -1
    for yearStart in Swift.stride(from: 0, to: months, by: 12) {
      let yearEnd = min(yearStart + 12, months)
      let count = yearEnd - yearStart
      let runIndex = group.runs.firstIndex { $0.start <= yearStart && yearEnd <= $0.end } ?? -2
      if runIndex == repeatedRun && count == 12 {
        addTaxYear(at: yearStart, count: count)
        continue
      }
      // Sums over the months, as TaxBooking reduces the year's profiles.
      var income = PersonYearIncome(taxable: .zero, earned: .zero, pensionable: .zero)
      for run in group.runs where run.end > yearStart && run.start < yearEnd {
        let overlap = Int64(min(run.end, yearEnd) - max(run.start, yearStart))
        income.taxable += run.profile.taxable * overlap
        income.earned += run.profile.earned * overlap
        income.pensionable += run.profile.pensionable * overlap
        for month in max(run.start, yearStart)..<min(run.end, yearEnd) {
          weights[month - yearStart] = Double(run.profile.taxable.ore)
        }
      }
      guard income.taxable > .zero || income.pensionable > .zero else {
        repeatedRun = -1
        continue
      }
      let tax = try taxBreakdown(income, method)
      taxYear.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
      let persons = group.persons
      // Rows: 0 individ, 1 kommun, 2 region, 3 staten (``taxActors``).
      split(tax.kommunalskatt, persons, count, sign, from: 0, to: 1)
      split(tax.regionskatt, persons, count, sign, from: 0, to: 2)
      split(tax.statligSkatt, persons, count, sign, from: 0, to: 3)
      split(tax.pensionsavgift, persons, count, sign, from: 0, to: 3)
      split(tax.publicServiceAvgift, persons, count, sign, from: 0, to: 3)
      split(tax.pensionsavgiftReduktion, persons, count, sign, from: 3, to: 0)
      split(tax.jobbskatteavdrag, persons, count, sign, from: 3, to: 0)
      split(tax.skattereduktionForvarvsinkomst, persons, count, sign, from: 3, to: 0)
      split(tax.regionalSkattereduktion, persons, count, sign, from: 3, to: 0)
      addTaxYear(at: yearStart, count: count)
      repeatedRun = runIndex >= 0 ? runIndex : -1
    }
  }

  /// One tax component for the group, split over the year's months into `taxYear`.
  private mutating func split(_ perPerson: Money, _ persons: Double, _ count: Int, _ sign: Int64, from: Int, to: Int) {
    guard perPerson != .zero else { return }
    let total = perPerson.scaled(by: persons)
    weights.withUnsafeBufferPointer { weights in
      parts.withUnsafeMutableBufferPointer { parts in
        total.split(
          proportionalTo: UnsafeBufferPointer(rebasing: weights[0..<count]),
          into: UnsafeMutableBufferPointer(rebasing: parts[0..<count]))
      }
    }
    for offset in 0..<count {
      let value = sign * parts[offset]
      taxYear[from * 12 + offset] -= value
      taxYear[to * 12 + offset] += value
    }
  }

  private mutating func addTaxYear(at yearStart: Int, count: Int) {
    for (row, actor) in Self.taxActors.enumerated() {
      let base = actor.ordinal * months + yearStart
      for offset in 0..<count { monthly[base + offset] += taxYear[row * 12 + offset] }
    }
  }

  private mutating func taxBreakdown(_ income: PersonYearIncome, _ method: PreparedIncomeTax) throws -> TaxBreakdown {
    for (known, breakdown) in taxes where known == income { return breakdown }
    let breakdown = try method.tax(income)
    taxes.append((income, breakdown))
    return breakdown
  }

  /// Turns the per-actor arrays into each perspective's NPV and payback month, with the
  /// arithmetic of ``Evaluation`` (the same rounding per month and discounting per year).
  mutating func finish(_ evaluation: Evaluation) {
    let stride = months + 1
    // Prefix sums of the run differences, added to the month-by-month amounts.
    for actor in 0..<Actor.allCases.count {
      var running: Int64 = 0
      for month in 0..<months {
        running += runDifferences[actor * stride + month]
        monthly[actor * months + month] += running
      }
    }
    let perspectives = Perspective.all
    if npv.count != perspectives.count {
      npv = Array(repeating: 0, count: perspectives.count)
      paybackMonth = Array(repeating: 0, count: perspectives.count)
    }
    let uplift = 1 + evaluation.adjustments.optimismBias
    for (index, perspective) in perspectives.enumerated() {
      var total = 0.0
      var cumulative = Money.zero
      var lastNegative = 0
      for start in Swift.stride(from: 0, to: months, by: 12) {
        let year = start / 12 + 1
        let factor = evaluation.effectFactor(year: year)
        var effect = Money.zero
        var investment = Money.zero
        for month in start..<min(start + 12, months) {
          var gross: Int64 = 0
          var cost: Int64 = 0
          for actor in perspective.members {
            gross += monthly[actor.ordinal * months + month]
            cost += spent[actor.ordinal * months + month]
          }
          let monthEffect = Money(ore: gross).scaled(by: factor)
          let monthInvestment = Money(ore: -cost).scaled(by: uplift)
          effect += monthEffect
          investment += monthInvestment
          cumulative += monthEffect - monthInvestment
          if cumulative < .zero { lastNegative = month + 1 }
        }
        total += (effect - investment).kronor * evaluation.discountFactor(year: year)
      }
      npv[index] = total
      paybackMonth[index] =
        lastNegative == months && lastNegative > 0 ? -1 : (lastNegative == 0 ? 0 : lastNegative + 1)
    }
  }
}

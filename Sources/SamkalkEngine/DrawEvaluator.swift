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
  /// The base run's profiles, reused by draws whose rate overrides leave the flows alone (a
  /// draw's phase still has to have the same situations and services to match).
  private let baseProfiles: ProfileMemo
  /// The base scenario's groups, planned once (``DrawPlan``); `nil` for a comparison alternative.
  private var plan: DrawPlan?

  /// Looks up, once, every rate the scenario's base run needs.
  public init(rates: RateBook, scenario: Scenario, taxMethod: any IncomeTaxMethod = SKV433Method())
    throws(DiagnosticError)
  {
    let book = rates.adding(scenarioValues: scenario.rateValues)
    let location = scenario.fileLocation
    do {
      municipality = try book.municipality(scenario.municipality, year: scenario.ratesDate.year)
    } catch {
      throw DiagnosticError(.error(error.description, at: location))
    }
    self.base = RateReader(book: book, date: scenario.ratesDate)
    self.taxMethod = taxMethod
    self.baseProfiles = ProfileMemo(tracesKeys: true)
    // One evaluation fills the base reader's cache and the profiles, so draws start from them.
    var workspace = DrawWorkspace()
    self.plan = nil
    try evaluate(scenario, overrides: RateOverrides(), into: &workspace, reader: base, memo: baseProfiles)
    do {
      self.plan = DrawPlan(scenario: scenario, memo: baseProfiles, flows: try SituationFlows(rates: base))
    } catch {
      throw DiagnosticError(.error(error.description, at: location))
    }
  }

  /// Evaluates one draw: `scenario` with its values as drawn, and rate values replaced by
  /// `overrides`. The results are in `workspace.npv` and `workspace.paybackMonth`.
  public func evaluate(_ scenario: Scenario, overrides: RateOverrides, into workspace: inout DrawWorkspace)
    throws(DiagnosticError)
  {
    try evaluate(
      scenario, overrides: overrides, into: &workspace, reader: base.overriding(overrides.numbers), memo: nil)
  }

  private func evaluate(
    _ scenario: Scenario, overrides: RateOverrides, into workspace: inout DrawWorkspace, reader: RateReader,
    memo: ProfileMemo?
  ) throws(DiagnosticError) {
    do {
      try compute(scenario, overrides: overrides, workspace: &workspace, reader: reader, memo: memo)
    } catch let error as EngineError {
      throw DiagnosticError(.error(error.description, at: scenario.fileLocation))
    } catch let error as DiagnosticError {
      throw error
    } catch {
      throw DiagnosticError(.error("\(error)", at: scenario.fileLocation))
    }
  }

  private func compute(
    _ scenario: Scenario, overrides: RateOverrides, workspace: inout DrawWorkspace, reader: RateReader,
    memo: ProfileMemo?
  ) throws {
    let months = scenario.months
    guard months > 0 else { throw EngineError("the horizon has no months") }
    let (kommunal, regional) = (
      overrides.kommunal ?? municipality.kommunal, overrides.regional ?? municipality.regional
    )
    let discountRate = try scenario.discountRate ?? reader.number("kalkylranta.standard", unit: .andel)
    let flows = try SituationFlows(rates: reader)
    let basisGroups: [PopulationGroup]
    let afterGroups: [PopulationGroup]
    // A draw's own memo holds the profiles it computes; the planned groups take the base run's
    // profiles from the plan, the built ones from the base memo's entries the draw leaves alone.
    workspace.groupsFromPlan = false
    if let plan, memo == nil,
      try workspace.fillGroups(
        from: plan, scenario: scenario, overridden: overrides.numbers.keys, flows: flows, memo: ProfileMemo())
    {
      (afterGroups, basisGroups) = (workspace.plannedAfter, workspace.plannedBasis)
      workspace.groupsFromPlan = true
    } else {
      let builder = GroupBuilder(
        scenario: scenario, flows: flows,
        memo: memo ?? ProfileMemo(entries: baseProfiles.entries(unaffectedBy: overrides.numbers.keys)),
        namesGroups: false)
      basisGroups = try builder.basisGroups()
      afterGroups = try builder.afterGroups(scenario.outcomes)
    }
    try GroupBooking.checkVolume(of: basisGroups)
    try GroupBooking.checkVolume(of: afterGroups)
    workspace.setArms(afterGroups, basisGroups)
    workspace.reset(months: months, start: scenario.start)
    let tax = workspace.taxMethod(
      numbersAsBase: taxMethod.parameterKeys.map { keys in !overrides.numbers.keys.contains { keys.contains($0) } }
        ?? overrides.numbers.isEmpty,
      municipalityAsBase: overrides.kommunal == nil && overrides.regional == nil, kommunal: kommunal,
      regional: regional
    ) {
      var rates = municipality
      (rates.kommunal, rates.regional) = (kommunal, regional)
      return taxMethod.prepared(for: reader.taxContext(for: rates))
    }
    workspace.pair(afterGroups, basisGroups)
    try workspace.add(afterGroups, sign: 1, tax: tax, sharing: workspace.afterShared)
    try workspace.add(basisGroups, sign: -1, tax: tax, sharing: workspace.basisShared)
    let finsamAsBase = !Calculator.finsamKeys.contains { overrides.numbers[$0] != nil }
    try workspace.addMeasure(scenario.measure, rates: reader, reusable: finsamAsBase)
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
public struct DrawWorkspace {
  /// NPV per perspective, in ``Perspective/all`` order.
  public private(set) var npv: [Double] = []
  /// Payback month per perspective (``Perspective/all`` order); −1 when not within the horizon.
  public private(set) var paybackMonth: [Int] = []
  /// Whether the last draw took its groups from the evaluator's plan (``DrawPlan``): every draw
  /// that changes no start month, phase length or branch share does.
  public internal(set) var groupsFromPlan = false

  private var months = 0
  /// The scenario's first month: the calendar year, and so the persons' age, of each year.
  private var start = YearMonth(year: 2000, month: 1)
  /// The effect starts of the draw's groups in increasing order (``EffectArm``): one block of
  /// rows in `runDifferences` and `combDifferences` each, adjusted by its own timing.
  private var armStarts: [Int] = []
  /// Per arm and perspective ((arm × ``Perspective/all``.count + perspective index) × (months +
  /// 1)): differences of after − basis by run (a tax split month by month as runs of equal
  /// parts); a row's prefix sums are the perspective's monthly amounts in that arm. The flows
  /// write the actors' rows, ``finish(_:)`` the last two of each arm: offentlig_sektor's and
  /// samhället's sums of them.
  private var runDifferences: [Int64] = []
  /// The first row of the arm of the group being added, as an offset into `runDifferences`.
  private var armBase = 0
  /// The arm of the group being added (its block of comb rows).
  private var arm = 0
  /// Per perspective as `runDifferences`: the measure's net cost flows by run (negative = paid).
  private var spent: [Int64] = []
  private var amounts: [Money] = []
  private var weights: [Double] = []
  private var parts: [Int64] = []
  /// Taxes by income within one draw with varied tax parameters.
  private var taxes: [(PersonYearIncome, TaxBreakdown)] = []
  /// Whether this draw uses the base tax parameters, the method prepared with them, and its
  /// taxes by income (kept from draw to draw; at most 4 096, then started afresh).
  private var taxesAsBase = true
  private var basePrepared: PreparedIncomeTax?
  private var baseTaxes: [PersonYearIncome: TaxBreakdown] = [:]
  /// Per (arm, actor, month offset 0–11): differences over the years (``addComb``), `combYears` each.
  private var combDifferences: [Int64] = []
  private var combYears = 0
  /// The (arm, actor, offset) rows of `combDifferences` that ``addComb`` wrote to this draw: a
  /// few of the 84 an arm, so that ``finish(_:)`` expands only those.
  private var combRows: [Int] = []
  private var combRowUsed: [Bool] = []
  /// The month ranges in which a paired after group and basis group are the same persons in
  /// copies of one profile (``pair(_:_:)``), one list after another, and per after group and per
  /// basis group the part of `shared` that is its pair's (empty when unpaired).
  private var shared: [Range<Int>] = []
  fileprivate var afterShared: [Range<Int>] = []
  fileprivate var basisShared: [Range<Int>] = []
  /// The part of `shared` of the group being added (``add(_:sign:tax:sharing:)``).
  private var current: Range<Int> = 0..<0
  /// Discount factor per year of the horizon.
  private var factors: [Double] = []
  /// The discount rate of `factors`' discount factors (`nan`: none computed yet).
  private var factorsDiscountRate = Double.nan
  /// Per arm and month (arm × months + month): the factor from gross to net effect
  /// (``Evaluation/effectFactor(month:start:)``), and per month whether any arm's factor differs
  /// from the month before (non-zero: a new segment starts), kept while the adjustments and the
  /// arms' starts are the last draw's.
  private var effectFactors: [Double] = []
  private var factorChanges: [Int64] = []
  private var effectFactorsFor: (adjustments: Adjustments, months: Int)?
  /// The arms' starts of `effectFactors`: a copy of the elements, never the storage of
  /// `armStarts` (which the next draw clears in place).
  private var effectFactorStarts: [Int] = []
  /// Each arm's running amount within ``finish(_:)``.
  private var armAmounts: [Int64] = []
  /// The groups of the last draw planned by ``DrawPlan``
  /// (``fillGroups(from:scenario:overridden:flows:memo:)``), the plan they belong to, each phase
  /// slot's profile and the draw's shape, kept for the next draw.
  var plannedAfter: [PopulationGroup] = []
  var plannedBasis: [PopulationGroup] = []
  var plannedFor: DrawPlan?
  var slotProfiles: [PersonMonth] = []
  var shape: [Double] = []
  /// The measure whose cost flows `spent` holds, when they were computed with the base Finsam
  /// shares.
  private var keptMeasure: (measure: Measure, months: Int)?

  public init() {}

  /// Sets the draw's arms from its groups' effect starts (``EffectArm``) and clears the buffers.
  mutating func setArms(_ after: [PopulationGroup], _ basis: [PopulationGroup]) {
    armStarts.removeAll(keepingCapacity: true)
    // By index, reading the start in place (a copy of the group would retain its arrays).
    func collect(_ groups: UnsafeBufferPointer<PopulationGroup>) {
      for index in groups.indices {
        let start = groups[index].effectStart
        guard !armStarts.contains(start) else { continue }
        let position = armStarts.firstIndex { $0 > start } ?? armStarts.count
        armStarts.insert(start, at: position)
      }
    }
    after.withUnsafeBufferPointer(collect)
    basis.withUnsafeBufferPointer(collect)
    if armStarts.isEmpty { armStarts.append(0) }
  }

  mutating func reset(months: Int, start: YearMonth) {
    let actors = Actor.count
    let arms = armStarts.count
    self.months = months
    self.start = start
    Self.zero(&runDifferences, count: arms * Perspective.all.count * (months + 1))
    let years = (months + 11) / 12 + 1
    if years != combYears || combRowUsed.count != arms * actors * 12 {
      combYears = years
      combDifferences = Array(repeating: 0, count: arms * actors * 12 * combYears)
      combRowUsed = Array(repeating: false, count: arms * actors * 12)
      combRows.removeAll(keepingCapacity: true)
    } else {
      // Only the rows the last draw wrote.
      combDifferences.withUnsafeMutableBufferPointer { comb in
        for row in combRows { comb[(row * years)..<((row + 1) * years)].update(repeating: 0) }
      }
    }
    for row in combRows where row < combRowUsed.count { combRowUsed[row] = false }
    combRows.removeAll(keepingCapacity: true)
    if weights.count != 12 {
      weights = Array(repeating: 0, count: 12)
      parts = Array(repeating: 0, count: 12)
    }
  }

  private static func zero(_ buffer: inout [Int64], count: Int) {
    if buffer.count == count {
      buffer.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    } else {
      buffer = Array(repeating: 0, count: count)
    }
  }

  /// Fills `spent` with the measure's cost flows and offentlig_sektor's and samhället's sums of
  /// them. Nothing else writes `spent`, so when the measure and the Finsam shares (`reusable`:
  /// the base's) are the last computed ones, it already holds them: the costs seldom vary.
  mutating func addMeasure(_ measure: Measure, rates: RateReader, reusable: Bool) throws(EngineError) {
    let months = self.months
    if reusable, let kept = keptMeasure, kept.months == months, kept.measure == measure { return }
    keptMeasure = nil  // until `spent` holds this measure's flows
    let stride = months + 1
    Self.zero(&spent, count: Perspective.all.count * stride)
    try spent.withUnsafeMutableBufferPointer { differences throws(EngineError) in
      // Through the buffer: the closure runs a few times an item, and `self` is inout.
      try Calculator.measureRuns(measure, months: months, rates: rates) { run, payer, part in
        differences[payer.ordinal * stride + run.lowerBound] -= part.ore
        differences[payer.ordinal * stride + run.upperBound] += part.ore
      }
    }
    Self.sumPublicAndSociety(&spent, stride: stride, blocks: 1)
    if reusable { keptMeasure = (measure, months) }
  }

  /// Writes offentlig_sektor's and samhället's rows of per-perspective differences
  /// (``Perspective/all`` index × `stride`) as the sums of the actors' rows: the difference of
  /// a sum is the sum of the differences, exact in öre. Relies on ``Perspective/all`` being the
  /// actors in ordinal order, then offentlig_sektor, then samhället (``isPublic``). The
  /// additions wrap instead of checking for overflow (a check and branch each): every partial
  /// sum is bounded by the groups' volume, which ``GroupBooking/checkVolume(of:)`` keeps far
  /// below `Int64.max`.
  private static func sumPublicAndSociety(_ rows: inout [Int64], stride: Int, blocks: Int) {
    let actors = Actor.count
    func sum(block base: UnsafeMutablePointer<Int64>) {
      let publicRow = base + actors * stride
      let societyRow = base + (actors + 1) * stride
      publicRow.update(repeating: 0, count: 2 * stride)
      // Four months at a time (every draw sums two sets of rows), the public actors' values
      // picked by mask rather than by branch; the months after the last four one by one.
      let wide = stride - stride % 4
      for actor in 0..<actors {
        let row = base + actor * stride
        let mask: Int64 = isPublic[actor] ? -1 : 0
        let masks = SIMD4<Int64>(repeating: mask)
        for month in Swift.stride(from: 0, to: wide, by: 4) {
          let values = UnsafeRawPointer(row + month).loadUnaligned(as: SIMD4<Int64>.self)
          let publicSums = UnsafeRawPointer(publicRow + month).loadUnaligned(as: SIMD4<Int64>.self)
          let societySums = UnsafeRawPointer(societyRow + month).loadUnaligned(as: SIMD4<Int64>.self)
          UnsafeMutableRawPointer(publicRow + month).storeBytes(
            of: publicSums &+ (values & masks), as: SIMD4<Int64>.self)
          UnsafeMutableRawPointer(societyRow + month).storeBytes(of: societySums &+ values, as: SIMD4<Int64>.self)
        }
        for month in wide..<stride {
          publicRow[month] &+= row[month] & mask
          societyRow[month] &+= row[month]
        }
      }
    }
    rows.withUnsafeMutableBufferPointer { rows in
      for block in 0..<blocks { sum(block: rows.baseAddress! + block * Perspective.all.count * stride) }
    }
  }

  /// Pairs each after group with a comparison-basis group of the same persons, and records the
  /// months in which both are in copies of one profile (the months before an outcome starts, a
  /// phase "as before", the whole horizon for an outcome that stays in the before situation). In
  /// those months their flows are alike, and so are their taxes in every year wholly inside one
  /// such range (the same income, split alike): they cancel to the öre, so neither adds them.
  /// Any pairing of equal persons in the same arm (effect start) and with the same birth year
  /// (the same taxes) is exact; the first basis group that shares months is taken.
  mutating func pair(_ after: [PopulationGroup], _ basis: [PopulationGroup]) {
    shared.removeAll(keepingCapacity: true)
    afterShared.removeAll(keepingCapacity: true)
    basisShared.removeAll(keepingCapacity: true)
    basisShared.append(contentsOf: repeatElement(0..<0, count: basis.count))
    // Through the buffers, by index: a copy of each group would retain its arrays.
    after.withUnsafeBufferPointer { after in
      basis.withUnsafeBufferPointer { basis in
        for index in after.indices {
          let start = shared.count
          for match in basis.indices
          where basisShared[match].isEmpty && basis[match].persons == after[index].persons
            && basis[match].birthYear == after[index].birthYear
            && basis[match].effectStart == after[index].effectStart
          {
            appendSharedMonths(after.baseAddress! + index, basis.baseAddress! + match)
            if shared.count > start {
              basisShared[match] = start..<shared.count
              break
            }
          }
          afterShared.append(start..<shared.count)
        }
      }
    }
  }

  /// Appends the overlaps of two groups' runs in which both follow copies of one profile (the
  /// runs are in order and without gaps, so one pass over both).
  private mutating func appendSharedMonths(
    _ one: UnsafePointer<PopulationGroup>, _ other: UnsafePointer<PopulationGroup>
  ) {
    var (mine, theirs) = (0, 0)
    while mine < one.pointee.runs.count && theirs < other.pointee.runs.count {
      // In place: a run copied out would retain its profile.
      let (firstEnd, secondEnd) = (one.pointee.runs[mine].end, other.pointee.runs[theirs].end)
      let overlap = max(one.pointee.runs[mine].start, other.pointee.runs[theirs].start)..<min(firstEnd, secondEnd)
      if !overlap.isEmpty && one.pointee.runs[mine].profile.isCopy(of: other.pointee.runs[theirs].profile) {
        shared.append(overlap)
      }
      if firstEnd <= secondEnd { mine += 1 } else { theirs += 1 }
    }
  }

  /// Groups the last draw left out because an after group and a basis group cancel over the
  /// whole horizon (both counted): outcomes that leave their persons in the before situation
  /// cost nothing to evaluate.
  public var groupsLeftOut: Int {
    2 * afterShared.count { span in shared[span].reduce(0) { $0 + $1.count } == months }
  }

  /// Adds groups' flows and income taxes with `sign` (+1 after, −1 comparison basis), leaving
  /// out the months each shares with its pair (`sharing`: ``pair(_:_:)``'s spans, one per group).
  mutating func add(_ groups: [PopulationGroup], sign: Int64, tax: PreparedIncomeTax, sharing: [Range<Int>]) throws {
    // Through the buffer, by index: a group copied out (or passed on) would retain its arrays
    // and strings every draw.
    try groups.withUnsafeBufferPointer { groups in
      for index in groups.indices where groups[index].persons > 0 {
        current = sharing[index]
        let group = groups.baseAddress! + index
        arm = armStarts.firstIndex(of: group.pointee.effectStart)!
        armBase = arm * Perspective.all.count * (months + 1)
        for run in group.pointee.runs.indices {
          // The run's months outside the shared ranges (which are in order and within the runs).
          var start = group.pointee.runs[run].start
          let end = group.pointee.runs[run].end
          for item in current where shared[item].lowerBound < end && shared[item].upperBound > start {
            let range = shared[item]
            if range.lowerBound > start {
              addFlows(of: group, run: run, sign: sign, over: start..<range.lowerBound)
            }
            start = range.upperBound
          }
          if end > start { addFlows(of: group, run: run, sign: sign, over: start..<end) }
        }
        try addTaxes(of: group, sign: sign, tax: tax)
      }
    }
  }

  /// The flows of the profile of the group's run `run` for the group's persons, every month of `span`.
  private mutating func addFlows(
    of group: UnsafePointer<PopulationGroup>, run: Int, sign: Int64, over span: Range<Int>
  ) {
    let stride = months + 1
    let base = armBase
    group.pointee.runs[run].profile.groupAmounts(persons: group.pointee.persons, into: &amounts)
    // By index, reading the entries' parties in place: copying an entry out would retain its
    // item and derivation for every entry of every run of every draw.
    group.pointee.runs[run].profile.entries.withUnsafeBufferPointer { entries in
      runDifferences.withUnsafeMutableBufferPointer { differences in
        for position in entries.indices where amounts[position] != .zero {
          let value = sign * amounts[position].ore
          if case .actor(let payer) = entries[position].payer {
            differences[base + payer.ordinal * stride + span.lowerBound] -= value
            differences[base + payer.ordinal * stride + span.upperBound] += value
          }
          if case .actor(let payee) = entries[position].payee {
            differences[base + payee.ordinal * stride + span.lowerBound] += value
            differences[base + payee.ordinal * stride + span.upperBound] -= value
          }
        }
      }
    }
  }

  /// Whether the months `start..<end` lie wholly in one range the group being added shares
  /// with its pair (``add(_:sign:tax:sharing:)``'s `current`).
  private func isCancelled(_ start: Int, _ end: Int) -> Bool {
    // By index, not through a slice (which would retain the array at every year of every group).
    for index in current where shared[index].lowerBound <= start && end <= shared[index].upperBound { return true }
    return false
  }

  /// The group's income tax year by year, as ``TaxBooking`` books it: per person, times the
  /// persons, split over the year's months in proportion to taxable income.
  ///
  /// A year inside one run has the same weight every month, so each component's split is
  /// `each` öre a month plus one öre more in its first `extraParts` months
  /// (``Money/evenSplit(weight:total:count:)``), and the following full years of the same run
  /// repeat it. Such a block of years costs two differences for `each` over the whole block
  /// and two "comb" differences for the extra öre (the same months of every year of the
  /// block), whatever its length. A year in which the phase changes is split month by month.
  private mutating func addTaxes(of group: UnsafePointer<PopulationGroup>, sign: Int64, tax method: PreparedIncomeTax)
    throws
  {
    var yearStart = 0
    while yearStart < months {
      let yearEnd = min(yearStart + 12, months)
      let count = yearEnd - yearStart
      if isCancelled(yearStart, yearEnd) {
        yearStart = yearEnd
        continue
      }
      guard let runIndex = Self.run(of: group, containing: yearStart..<yearEnd) else {
        try addTaxMonthByMonth(of: group, sign: sign, yearStart: yearStart, yearEnd: yearEnd, tax: method)
        yearStart = yearEnd
        continue
      }
      // The run's end and incomes, read in place (a copy of the run would retain its profile).
      let runEnd = group.pointee.runs[runIndex].end
      let (taxable, earned, pensionable) = (
        group.pointee.runs[runIndex].profile.taxable, group.pointee.runs[runIndex].profile.earned,
        group.pointee.runs[runIndex].profile.pensionable
      )
      var blockEnd = yearEnd
      let age = group.pointee.ageAtStartOfIncomeYear(beginningIn: yearStart, start: start)
      // A group with a birth year ages from year to year, so its years are taxed one by one.
      if count == 12 && age == nil {
        while blockEnd + 12 <= min(runEnd, months) && !isCancelled(blockEnd, blockEnd + 12) { blockEnd += 12 }
      }
      defer { yearStart = blockEnd }
      let months = Int64(count)
      let income = PersonYearIncome(
        taxable: taxable * months, earned: earned * months, pensionable: pensionable * months, ageAtStartOfYear: age)
      guard income.taxable > .zero || income.pensionable > .zero else { continue }
      let tax = try taxBreakdown(income, method)
      let weight = Double(taxable.ore)
      var total = 0.0
      for _ in 0..<count { total += weight }
      for index in 0..<Self.taxFlows.count {
        let perPerson = tax.amount(ofFlow: index)
        guard perPerson != .zero else { continue }
        let split = perPerson.scaled(by: group.pointee.persons).evenSplit(weight: weight, total: total, count: count)
        let flow = Self.taxFlows[index]
        addRange(sign * split.each, from: flow.payer, to: flow.payee, yearStart, blockEnd)
        if split.extraParts > 0 {
          addComb(
            sign * split.extra, from: flow.payer, to: flow.payee, years: (yearStart / 12)..<(blockEnd + 11) / 12,
            months: split.extraParts)
        }
      }
    }
  }

  /// The index of the group's run that holds all of `months`; `nil` when a phase changes within them.
  private static func run(of group: UnsafePointer<PopulationGroup>, containing months: Range<Int>) -> Int? {
    for index in group.pointee.runs.indices
    where group.pointee.runs[index].start <= months.lowerBound && months.upperBound <= group.pointee.runs[index].end {
      return index
    }
    return nil
  }

  /// A year whose months differ (a change of phase within it): split month by month.
  private mutating func addTaxMonthByMonth(
    of group: UnsafePointer<PopulationGroup>, sign: Int64, yearStart: Int, yearEnd: Int, tax method: PreparedIncomeTax
  ) throws {
    let count = yearEnd - yearStart
    var income = PersonYearIncome(
      taxable: .zero, earned: .zero, pensionable: .zero,
      ageAtStartOfYear: group.pointee.ageAtStartOfIncomeYear(beginningIn: yearStart, start: start))
    var overlapping = 0
    var change = yearStart
    // By index, in place, as in ``addTaxes(of:sign:tax:)``.
    for index in group.pointee.runs.indices
    where group.pointee.runs[index].end > yearStart && group.pointee.runs[index].start < yearEnd {
      let (start, end) = (group.pointee.runs[index].start, group.pointee.runs[index].end)
      let overlap = Int64(min(end, yearEnd) - max(start, yearStart))
      income.taxable += group.pointee.runs[index].profile.taxable * overlap
      income.earned += group.pointee.runs[index].profile.earned * overlap
      income.pensionable += group.pointee.runs[index].profile.pensionable * overlap
      let weight = Double(group.pointee.runs[index].profile.taxable.ore)
      for month in max(start, yearStart)..<min(end, yearEnd) { weights[month - yearStart] = weight }
      overlapping += 1
      if overlapping == 2 { change = start }
    }
    guard income.taxable > .zero || income.pensionable > .zero else { return }
    let tax = try taxBreakdown(income, method)
    // The common year of this kind: one change of phase, two runs, each component split into
    // four ranges at most (``TwoRunSplit``) instead of part by part.
    let twoRuns =
      overlapping == 2
      ? TwoRunSplit(first: weights[0], count: change - yearStart, second: weights[count - 1], count: yearEnd - change)
      : nil
    for index in 0..<Self.taxFlows.count {
      let perPerson = tax.amount(ofFlow: index)
      guard perPerson != .zero else { continue }
      let total = perPerson.scaled(by: group.pointee.persons)
      let flow = Self.taxFlows[index]
      if let twoRuns {
        let split = twoRuns.split(total)
        addRange(sign * split.first, from: flow.payer, to: flow.payee, yearStart, change)
        addRange(sign * split.extra, from: flow.payer, to: flow.payee, yearStart, yearStart + split.extraFirst)
        addRange(sign * split.second, from: flow.payer, to: flow.payee, change, yearEnd)
        addRange(sign * split.extra, from: flow.payer, to: flow.payee, change, change + split.extraSecond)
        continue
      }
      weights.withUnsafeBufferPointer { weights in
        parts.withUnsafeMutableBufferPointer { parts in
          total.split(
            proportionalTo: UnsafeBufferPointer(rebasing: weights[0..<count]),
            into: UnsafeMutableBufferPointer(rebasing: parts[0..<count]))
        }
      }
      // Months with the same part (mostly a run of one profile) as one range each.
      var offset = 0
      while offset < count {
        let part = parts[offset]
        var next = offset + 1
        while next < count && parts[next] == part { next += 1 }
        addRange(sign * part, from: flow.payer, to: flow.payee, yearStart + offset, yearStart + next)
        offset = next
      }
    }
  }

  /// Whether the actor of each ordinal belongs to offentlig_sektor; ``finish(_:)`` relies on
  /// ``Perspective/all`` being the seven actors in ordinal order, then offentlig_sektor, then samhället.
  private static let isPublic: [Bool] = {
    precondition(
      Perspective.all == Actor.allCases.sorted().map { .actor($0) } + [.offentligSektor, .samhallet],
      "Perspective.all has the order the fast evaluation sums in")
    return Actor.allCases.sorted().map(\.isPublic)
  }()

  /// ``TaxBreakdown/flows`` as actor ordinals.
  private static let taxFlows: [(payer: Int, payee: Int)] = TaxBreakdown.flows.map {
    ($0.payer.ordinal, $0.payee.ordinal)
  }

  /// `value` a month from `payer` to `payee` over months start..<end, as run differences.
  private mutating func addRange(_ value: Int64, from payer: Int, to payee: Int, _ start: Int, _ end: Int) {
    guard value != 0, end > start else { return }
    let stride = months + 1
    let base = armBase
    runDifferences.withUnsafeMutableBufferPointer { differences in
      differences[base + payer * stride + start] -= value
      differences[base + payer * stride + end] += value
      differences[base + payee * stride + start] += value
      differences[base + payee * stride + end] -= value
    }
  }

  /// `value` a month from `payer` to `payee` in the first `months` months of each year in
  /// `years`: differences at month offsets 0 and `months` of every one of those years, kept
  /// per (actor, offset) as differences over the years and expanded once in ``finish(_:)``.
  private mutating func addComb(_ value: Int64, from payer: Int, to payee: Int, years: Range<Int>, months: Int) {
    guard value != 0, !years.isEmpty, months > 0 else { return }
    precondition(months < 12, "an even split's extra öre fall in fewer months than the year has")
    let stride = combYears
    let armRow = arm * Actor.count * 12
    combDifferences.withUnsafeMutableBufferPointer { comb in
      func add(_ amount: Int64, to actor: Int) {
        let start = (armRow + actor * 12) * stride
        let end = (armRow + actor * 12 + months) * stride
        comb[start + years.lowerBound] += amount
        comb[start + years.upperBound] -= amount
        comb[end + years.lowerBound] -= amount
        comb[end + years.upperBound] += amount
      }
      add(-value, to: payer)
      add(value, to: payee)
    }
    markCombRow(armRow + payer * 12)
    markCombRow(armRow + payer * 12 + months)
    markCombRow(armRow + payee * 12)
    markCombRow(armRow + payee * 12 + months)
  }

  private mutating func markCombRow(_ row: Int) {
    guard !combRowUsed[row] else { return }
    combRowUsed[row] = true
    combRows.append(row)
  }

  /// The tax method for this draw: with the base parameters the same prepared method and its
  /// memo of incomes serve every draw of this workspace (the basis groups' incomes recur in
  /// every draw); with varied tax parameters a fresh one, whose memo lasts one draw.
  ///
  /// A draw that varies only the municipal tax rates keeps the prepared method (its other
  /// parameters are the base's) with the draw's rates, and a memo that lasts the draw.
  mutating func taxMethod(
    numbersAsBase: Bool, municipalityAsBase: Bool, kommunal: Double, regional: Double,
    prepare: () -> PreparedIncomeTax
  ) -> PreparedIncomeTax {
    taxesAsBase = numbersAsBase && municipalityAsBase
    if !taxesAsBase { taxes.removeAll(keepingCapacity: true) }
    guard numbersAsBase else { return prepare() }
    if basePrepared == nil { basePrepared = prepare() }
    // In place: the kept method's rates set, not a copy of it with another municipality.
    basePrepared!.setRates(kommunal: kommunal, regional: regional)
    return basePrepared!
  }

  private mutating func taxBreakdown(_ income: PersonYearIncome, _ method: PreparedIncomeTax) throws -> TaxBreakdown {
    if taxesAsBase {
      if let known = baseTaxes[income] { return known }
      let breakdown = try method.tax(income)
      if baseTaxes.count >= 4096 { baseTaxes.removeAll(keepingCapacity: true) }
      baseTaxes[income] = breakdown
      return breakdown
    }
    for (known, breakdown) in taxes where known == income { return breakdown }
    let breakdown = try method.tax(income)
    taxes.append((income, breakdown))
    return breakdown
  }

  /// Turns the per-perspective differences into each perspective's NPV and payback month, with
  /// the arithmetic of ``Evaluation`` (the same rounding per arm and month, the same factors
  /// from ``Evaluation/effectFactor(month:start:)``, discounting per year).
  mutating func finish(_ evaluation: Evaluation) {
    let stride = months + 1
    let months = self.months
    let combYears = self.combYears
    let arms = armStarts.count
    let count = Perspective.all.count
    // The combs become run differences, added to the actors' rows of their arm.
    combDifferences.withUnsafeBufferPointer { comb in
      runDifferences.withUnsafeMutableBufferPointer { differences in
        for row in combRows {
          let arm = row / (Actor.count * 12)
          let actor = row % (Actor.count * 12) / 12
          let offset = row % 12
          // The years whose month at this offset lies within the horizon; every one is added,
          // zero or not, rather than branching on it (wrapping: bounded by the groups' volume).
          let years = offset < months ? min(combYears, (months - 1 - offset) / 12 + 1) : 0
          let source = comb.baseAddress! + row * combYears
          let target = differences.baseAddress! + (arm * count + actor) * stride + offset
          var running: Int64 = 0
          for year in 0..<years {
            running &+= source[year]
            target[year * 12] &+= running
          }
        }
      }
    }
    Self.sumPublicAndSociety(&runDifferences, stride: stride, blocks: arms)
    if npv.count != count {
      npv = Array(repeating: 0, count: count)
      paybackMonth = Array(repeating: 0, count: count)
    }
    let uplift = 1 + evaluation.adjustments.optimismBias
    let years = (months + 11) / 12
    // The discount factors seldom vary: kept while the rate and the years are the last draw's.
    if factorsDiscountRate != evaluation.discountRate || factors.count != years {
      factors = (1...years).map { evaluation.discountFactor(year: $0) }
      factorsDiscountRate = evaluation.discountRate
    }
    setEffectFactors(evaluation)
    if armAmounts.count != arms { armAmounts = Array(repeating: 0, count: arms) }
    // Perspective by perspective, as Evaluation: each arm's month's effect and each month's
    // investment rounded to the öre, each year's net discounted. A year's months mostly repeat
    // the month before (a run of one profile, the even part of a tax): a month in which no
    // arm's difference, no cost difference and no arm's factor changes repeats the month
    // before, so the months are taken in segments of equal amounts, one rounding a segment and
    // arm, and its payback month found by division (``lastNegative``). An uplift of 1 leaves
    // every öre as it is (|öre| < 2^53) and skips the product.
    runDifferences.withUnsafeBufferPointer { flows in
      spent.withUnsafeBufferPointer { spent in
        factors.withUnsafeBufferPointer { discounts in
          effectFactors.withUnsafeBufferPointer { effectFactors in
            factorChanges.withUnsafeBufferPointer { changes in
              armAmounts.withUnsafeMutableBufferPointer { amounts in
                for index in 0..<count {
                  let row = index * stride
                  var total = 0.0
                  var cumulative: Int64 = 0
                  var lastNegative = 0
                  // The month's amounts: prefix sums of the rows' differences (wrapping, as in
                  // ``sumPublicAndSociety(_:stride:blocks:)``: bounded by the groups' volume).
                  amounts.update(repeating: 0)
                  var cost: Int64 = 0
                  for year in 0..<years {
                    let discount = discounts[year]
                    var effects: Int64 = 0
                    var investments: Int64 = 0
                    var month = year * 12
                    let end = min(month + 12, months)
                    while month < end {
                      var effect: Int64 = 0
                      for arm in 0..<arms {
                        amounts[arm] &+= flows[(arm * count) * stride + row + month]
                        effect &+= Money(ore: amounts[arm]).scaled(by: effectFactors[arm * months + month]).ore
                      }
                      cost &+= spent[row + month]
                      var next = month + 1
                      while next < end {
                        var changed = spent[row + next] | changes[next]
                        for arm in 0..<arms { changed |= flows[(arm * count) * stride + row + next] }
                        if changed != 0 { break }
                        next += 1
                      }
                      let length = Int64(next - month)
                      let investment =
                        cost == 0 ? 0 : (uplift == 1 ? -cost : Money(ore: -cost).scaled(by: uplift).ore)
                      effects &+= effect &* length
                      investments &+= investment &* length
                      let net = effect &- investment
                      lastNegative =
                        Self.lastNegative(from: cumulative, adding: net, months: month..<next) ?? lastNegative
                      cumulative &+= net &* length
                      month = next
                    }
                    total += Money(ore: effects - investments).kronor * discount
                  }
                  npv[index] = total
                  paybackMonth[index] = Payback(lastNegativeMonth: lastNegative, months: months).month ?? -1
                }
              }
            }
          }
        }
      }
    }
  }

  /// Fills `effectFactors` and `factorChanges` for the draw's arms, unless the adjustments and
  /// the starts are the last draw's.
  private mutating func setEffectFactors(_ evaluation: Evaluation) {
    if let kept = effectFactorsFor, kept.adjustments == evaluation.adjustments, effectFactorStarts == armStarts,
      kept.months == months
    {
      return
    }
    let months = self.months
    // In place when the sizes are the last draw's (a draw that varies an adjustment allocates nothing).
    if effectFactors.count == armStarts.count * months {
      effectFactors.withUnsafeMutableBufferPointer { $0.update(repeating: 1) }
    } else {
      effectFactors = Array(repeating: 1, count: armStarts.count * months)
    }
    Self.zero(&factorChanges, count: months + 1)
    for (arm, start) in armStarts.enumerated() {
      // One factor a whole year since the start (``Evaluation/effectFactor(month:start:)``
      // computes each month's from the same function), copied to its months.
      var month = max(start, 0)
      var year = 0
      while month < months {
        let factor = evaluation.effectFactor(yearsSinceStart: year)
        for offset in month..<min(month + 12, months) { effectFactors[arm * months + offset] = factor }
        month += 12
        year += 1
      }
      for month in 1..<max(months, 1)
      where effectFactors[arm * months + month] != effectFactors[arm * months + month - 1] {
        factorChanges[month] = 1
      }
    }
    effectFactorsFor = (evaluation.adjustments, months)
    effectFactorStarts.removeAll(keepingCapacity: true)
    effectFactorStarts.append(contentsOf: armStarts)
  }

  /// The last of `months` (1-based, as ``Payback``) at whose end a cumulative net that starts at
  /// `start` and grows by `net` a month is negative; `nil` when it is negative at the end of none.
  ///
  /// | start | net | months | cumulative at the ends | result |
  /// |-------|-----|--------|------------------------|--------|
  /// | −10   | 4   | 0..<5  | −6, −2, 2, 6, 10       | 2      |
  /// | −10   | 5   | 0..<5  | −5, 0, 5, 10, 15       | 1      |
  /// | −10   | 0   | 3..<5  | −10, −10               | 5      |
  /// | 5     | −2  | 0..<3  | 3, 1, −1               | 3      |
  /// | 5     | −1  | 0..<3  | 4, 3, 2                | nil    |
  /// | −10   | 1   | 0..<5  | −9, −8, −7, −6, −5     | 5      |
  static func lastNegative(from start: Int64, adding net: Int64, months: Range<Int>) -> Int? {
    let length = Int64(months.count)
    if net <= 0 {
      // Falling or flat: negative at the end of the last month, or at the end of none.
      return start + net * length < 0 ? months.upperBound : nil
    }
    // Rising: negative at the ends of the first k months, k·net < −start; all of them when it
    // is still negative at the end (no division: most rising segments lie wholly below zero).
    guard start + net < 0 else { return nil }
    if start + net * length < 0 { return months.upperBound }
    return months.lowerBound + Int((-start - 1) / net)
  }
}

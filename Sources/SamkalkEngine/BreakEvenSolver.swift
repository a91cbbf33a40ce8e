import SamkalkCore

/// The break-even success rate (Nilsson & Wadeskog): the smallest share of participants who
/// must reach the positive outcome for NPV ≥ 0 within N years.
///
/// In the model each participant either follows the positive outcome's path or stays in the
/// comparison basis (no gross effect). Every ledger amount is a per-person amount times the
/// persons in a group, and the adjustments and discounting are linear, so
/// NPV(p) = p × S − PV(I), with S the present value of the net effects if every participant
/// succeeded. The exact break-even share is p* = PV(I) / S, found from one evaluation of the
/// success arm rather than by trying a grid of shares. (Rounding to the öre makes NPV(p*)
/// differ from zero by at most a few kronor.)
///
/// | PV(I) | S        | result                                  |
/// |-------|----------|-----------------------------------------|
/// | 2 M   | 133 M    | p* = 1.5 %                              |
/// | 2 M   | 1 M      | not reachable (p* = 200 %)              |
/// | 2 M   | ≤ 0      | never                                   |
/// | 0     | any      | no investment: any share will do        |
struct BreakEvenSolver {
  let scenario: Scenario
  let builder: GroupBuilder
  let booking: GroupBooking
  let evaluation: Evaluation

  func solve(_ spec: BreakEvenSpec, perspectives: [PerspectiveResult]) throws -> BreakEvenAnalysis {
    let years = min(spec.years ?? scenario.horizonYears, scenario.horizonYears)
    let candidates = spec.outcome.map { id in scenario.outcomes.filter { $0.id == id } } ?? scenario.outcomes
    guard !candidates.isEmpty else { throw EngineError("break-even outcome '\(spec.outcome ?? "")' is not an outcome") }
    var best: (outcome: Outcome, values: [Perspective: Double])?
    for outcome in candidates {
      let values = try successValues(of: outcome, years: years)
      if best == nil || values[.samhallet]! > best!.values[.samhallet]! { best = (outcome, values) }
    }
    var shares: [Perspective: BreakEvenShare] = [:]
    var investments: [Perspective: Double] = [:]
    for result in perspectives {
      let investment = evaluation.presentValues(of: result, years: years).investment
      let success = best!.values[result.perspective]!
      investments[result.perspective] = investment
      shares[result.perspective] = Self.share(investment: investment, success: success)
    }
    return BreakEvenAnalysis(
      outcome: best!.outcome.id, years: years, shares: shares, successValue: best!.values,
      investmentValue: investments)
  }

  static func share(investment: Double, success: Double) -> BreakEvenShare {
    guard investment > 0.005 else { return .noInvestment }
    guard success > 0 else { return .never }
    let share = investment / success
    return share <= 1 ? .share(share) : .notReachable(share)
  }

  /// S per perspective: PV of the net effects within `years` if all the outcome groups' persons
  /// followed this outcome, against the same persons in the comparison basis.
  private func successValues(of outcome: Outcome, years: Int) throws -> [Perspective: Double] {
    let persons = scenario.outcomes.reduce(0) { $0 + $1.persons }
    var success = outcome
    success.persons = persons
    success.subgroups = []
    var basisGroups: [PopulationGroup]
    switch scenario.comparison {
    case .beforePersists:
      var alone = scenario
      alone.outcomes = [success]
      basisGroups = try GroupBuilder(scenario: alone, flows: builder.flows).basisGroups()
    case .alternative:
      basisGroups = try builder.basisGroups()
    }
    // Every participant is compared with the success outcome, so with its effect start.
    for index in basisGroups.indices { basisGroups[index].effectStart = scenario.effectStart(of: success) }
    let arms = try booking.arms(basis: basisGroups, after: try builder.afterGroups([success]))
    let none = Ledger(months: scenario.months, keepsFlows: false)
    var values: [Perspective: Double] = [:]
    for perspective in Perspective.all {
      let result = evaluation.result(for: perspective, arms: arms, measure: none)
      values[perspective] = evaluation.presentValues(of: result, years: years).effects
    }
    return values
  }
}

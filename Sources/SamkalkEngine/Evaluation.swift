import Foundation
import SamkalkCore

/// Turns the ledgers into one perspective's results: gross effect, the adjustment steps,
/// investment with optimism bias, NPV, payback and the ratios.
///
/// The gross effect is taken apart by effect start (``EffectArm``: the groups whose outcomes
/// leave the measure in the same month, with their comparison basis), because the adjustments
/// follow each outcome's own timing (``stepFactors(month:start:)``): in month m of an arm that
/// starts in month s, G = after − before, and each step scales G by its cumulative factor and
/// rounds to the öre. Before s (the lock-in, while the persons are in the measure) every factor
/// is 1; from s on the steps are G × (1 − dw), × (1 − att), × (1 − disp), and the net effect
/// E = G × (1 − dw)(1 − att)(1 − disp)(1 − ob_b)(1 − drop)^k with k = ⌊(m − s)/12⌋ whole years
/// since the start and ob_b the optimism bias on benefits. A month's figures are the sums over
/// the arms; I = cost × (1 + optimism bias). Yearly figures are sums of the monthly ones, so
/// the cumulative net at a year's end is the same whether read by year or by month.
///
/// Worked example, one arm starting in month 0, G = 1 000 000 a year, I = 400 000, dw 20 %,
/// att 10 %, disp 0, drop-off 15 %, optimism bias 10 %, r = 3.5 %:
///
/// | step                         | year 1    | year 2 (drop-off applies once) |
/// |------------------------------|-----------|--------------------------------|
/// | gross effect G               | 1 000 000 | 1 000 000                      |
/// | after deadweight (× 0.8)     | 800 000   | 800 000                        |
/// | after attribution (× 0.9)    | 720 000   | 720 000                        |
/// | after displacement (× 1)     | 720 000   | 720 000                        |
/// | net effect E (× 0.85^k)      | 720 000   | 612 000                        |
/// | investment I (× 1.1)         | 440 000   | 0                              |
struct Evaluation {
  let months: Int
  let discountRate: Double
  let adjustments: Adjustments

  /// The cumulative factors of the adjustment steps in month `month` of an arm whose effects
  /// start in month `start`: the one rule for both evaluations (``Calculator`` through
  /// ``result(for:arms:measure:)``, ``DrawEvaluator`` through ``effectFactor(month:start:)``).
  func stepFactors(month: Int, start: Int) -> (
    deadweight: Double, attribution: Double, displacement: Double, effect: Double
  ) {
    guard month >= start else { return (1, 1, 1, 1) }
    let deadweight = 1 - adjustments.deadweight
    let attribution = deadweight * (1 - adjustments.attribution)
    let displacement = attribution * (1 - adjustments.displacement)
    return (deadweight, attribution, displacement, effectFactor(yearsSinceStart: (month - start) / 12))
  }

  /// The factor from gross to net effect in month `month` of an arm whose effects start in
  /// month `start`: 1 in the lock-in before it.
  func effectFactor(month: Int, start: Int) -> Double {
    month < start ? 1 : effectFactor(yearsSinceStart: (month - start) / 12)
  }

  /// The factor from gross to net effect `years` whole years after an outcome's effect start.
  func effectFactor(yearsSinceStart years: Int) -> Double {
    (1 - adjustments.deadweight) * (1 - adjustments.attribution) * (1 - adjustments.displacement)
      * (1 - adjustments.optimismBiasBenefits) * pow(1 - adjustments.dropOff, Double(years))
  }

  func discountFactor(year: Int) -> Double { 1 / pow(1 + discountRate, Double(year)) }

  func result(for perspective: Perspective, arms: [EffectArm], measure: Ledger) -> PerspectiveResult {
    func monthly(_ ledger: Ledger) -> [Money] {
      var sum = Array(repeating: Money.zero, count: months)
      for actor in perspective.members {
        for (index, amount) in ledger.monthlyNet(of: actor).enumerated() { sum[index] += amount }
      }
      return sum
    }
    let before = arms.map { monthly($0.basis) }
    let afterNet = arms.map { monthly($0.after) }
    let spent = monthly(measure)
    var years: [YearFigures] = []
    var monthlyNet: [Money] = []
    monthlyNet.reserveCapacity(months)
    var cumulative = Money.zero
    var npv = 0.0
    var presentEffects = 0.0
    var presentInvestment = 0.0
    var firstYearAfterExit = (effect: Money.zero, before: Money.zero)
    for start in stride(from: 0, to: months, by: 12) {
      let year = start / 12 + 1
      var figures = YearFigures(
        year: year, before: .zero, after: .zero, change: .zero, investment: .zero, net: .zero, cumulative: .zero,
        presentValue: 0)
      for month in start..<min(start + 12, months) {
        var effect = Money.zero
        for arm in arms.indices {
          let gross = afterNet[arm][month] - before[arm][month]
          let steps = stepFactors(month: month, start: arms[arm].start)
          let armEffect = gross.scaled(by: steps.effect)
          figures.before += before[arm][month]
          figures.after += afterNet[arm][month]
          figures.change += gross
          figures.afterDeadweight += gross.scaled(by: steps.deadweight)
          figures.afterAttribution += gross.scaled(by: steps.attribution)
          figures.afterDisplacement += gross.scaled(by: steps.displacement)
          effect += armEffect
          if month >= arms[arm].start && month < arms[arm].start + 12 {
            firstYearAfterExit.effect += armEffect
            firstYearAfterExit.before += before[arm][month]
          }
        }
        let rawInvestment = -spent[month]
        let investment = rawInvestment.scaled(by: 1 + adjustments.optimismBias)
        figures.effect += effect
        figures.investmentBeforeUplift += rawInvestment
        figures.investment += investment
        monthlyNet.append(effect - investment)
      }
      figures.net = figures.effect - figures.investment
      cumulative += figures.net
      figures.cumulative = cumulative
      figures.presentValue = figures.net.kronor * discountFactor(year: year)
      npv += figures.presentValue
      presentEffects += figures.effect.kronor * discountFactor(year: year)
      presentInvestment += figures.investment.kronor * discountFactor(year: year)
      years.append(figures)
    }
    var simple: Double?
    let totalInvestment = years.reduce(Money.zero) { $0 + $1.investment }
    if firstYearAfterExit.effect > .zero, totalInvestment > .zero {
      simple = totalInvestment.kronor / firstYearAfterExit.effect.kronor
    }
    return PerspectiveResult(
      perspective: perspective, years: years, npv: npv, payback: Payback.of(monthlyNets: monthlyNet),
      simplePaybackYears: simple, monthlyNet: monthlyNet, presentValueOfEffects: presentEffects,
      presentValueOfInvestment: presentInvestment, effectFirstYearAfterExit: firstYearAfterExit.effect,
      beforeFirstYearAfterExit: firstYearAfterExit.before)
  }

  /// Present values of effects and investment over the first `years` years only.
  func presentValues(of result: PerspectiveResult, years limit: Int) -> (effects: Double, investment: Double) {
    var effects = 0.0
    var investment = 0.0
    for figures in result.years where figures.year <= limit {
      effects += figures.effect.kronor * discountFactor(year: figures.year)
      investment += figures.investment.kronor * discountFactor(year: figures.year)
    }
    return (effects, investment)
  }
}

/// The groups whose outcomes' effects start in the same month (``PopulationGroup/effectStart``),
/// booked as the comparison basis and the after arm: the part of the gross effect that one
/// timing of the adjustments applies to.
struct EffectArm {
  var start: Int
  var basis: Ledger
  var after: Ledger

  /// The distinct effect starts of `groups`, in increasing order.
  static func starts(of groups: [PopulationGroup]) -> [Int] {
    Array(Set(groups.map(\.effectStart))).sorted()
  }
}

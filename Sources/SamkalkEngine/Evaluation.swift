import Foundation
import SamkalkCore

/// Turns the three ledgers into one perspective's results: gross effect, the adjustment steps,
/// investment with optimism bias, NPV, payback and the ratios.
///
/// Per month m of year t: G = after − before; each step scales G by its cumulative factor and
/// rounds to the öre: G × (1 − dw), × (1 − att), × (1 − disp), and the net effect
/// E = G × (1 − dw)(1 − att)(1 − disp)(1 − drop)^(t−1); I = cost × (1 + optimism bias).
/// Yearly figures are sums of the monthly ones, so the cumulative net at a year's end is the
/// same whether read by year or by month.
///
/// Worked example, one year, G = 1 000 000, I = 400 000, dw 20 %, att 10 %, disp 0, drop-off 15 %,
/// optimism bias 10 %, r = 3.5 %:
///
/// | step                         | year 1    | year 2 (drop-off applies once) |
/// |------------------------------|-----------|--------------------------------|
/// | gross effect G               | 1 000 000 | 1 000 000                      |
/// | after deadweight (× 0.8)     | 800 000   | 800 000                        |
/// | after attribution (× 0.9)    | 720 000   | 720 000                        |
/// | after displacement (× 1)     | 720 000   | 720 000                        |
/// | net effect E (× 0.85^(t−1))  | 720 000   | 612 000                        |
/// | investment I (× 1.1)         | 440 000   | 0                              |
struct Evaluation {
  let months: Int
  let discountRate: Double
  let adjustments: Adjustments

  /// The factor from gross to net effect in year t (1-based).
  func effectFactor(year: Int) -> Double {
    (1 - adjustments.deadweight) * (1 - adjustments.attribution) * (1 - adjustments.displacement)
      * pow(1 - adjustments.dropOff, Double(year - 1))
  }

  func discountFactor(year: Int) -> Double { 1 / pow(1 + discountRate, Double(year)) }

  func result(for perspective: Perspective, basis: Ledger, after: Ledger, measure: Ledger) -> PerspectiveResult {
    func monthly(_ ledger: Ledger) -> [Money] {
      var sum = Array(repeating: Money.zero, count: months)
      for actor in perspective.members {
        for (index, amount) in ledger.monthlyNet(of: actor).enumerated() { sum[index] += amount }
      }
      return sum
    }
    let before = monthly(basis)
    let afterNet = monthly(after)
    let spent = monthly(measure)
    let steps = [
      1 - adjustments.deadweight,
      (1 - adjustments.deadweight) * (1 - adjustments.attribution),
      (1 - adjustments.deadweight) * (1 - adjustments.attribution) * (1 - adjustments.displacement),
    ]
    var years: [YearFigures] = []
    var monthlyNet: [Money] = []
    monthlyNet.reserveCapacity(months)
    var cumulative = Money.zero
    var npv = 0.0
    var presentEffects = 0.0
    var presentInvestment = 0.0
    for start in stride(from: 0, to: months, by: 12) {
      let year = start / 12 + 1
      let factor = effectFactor(year: year)
      var figures = YearFigures(
        year: year, before: .zero, after: .zero, change: .zero, investment: .zero, net: .zero, cumulative: .zero,
        presentValue: 0)
      for month in start..<min(start + 12, months) {
        let gross = afterNet[month] - before[month]
        let effect = gross.scaled(by: factor)
        let rawInvestment = -spent[month]
        let investment = rawInvestment.scaled(by: 1 + adjustments.optimismBias)
        figures.before += before[month]
        figures.after += afterNet[month]
        figures.change += gross
        figures.afterDeadweight += gross.scaled(by: steps[0])
        figures.afterAttribution += gross.scaled(by: steps[1])
        figures.afterDisplacement += gross.scaled(by: steps[2])
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
    if let first = years.first, first.effect > .zero, totalInvestment > .zero {
      simple = totalInvestment.kronor / first.effect.kronor
    }
    return PerspectiveResult(
      perspective: perspective, years: years, npv: npv, payback: Payback.of(monthlyNets: monthlyNet),
      simplePaybackYears: simple, monthlyNet: monthlyNet, presentValueOfEffects: presentEffects,
      presentValueOfInvestment: presentInvestment)
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

import SamkalkCore
import SamkalkUncertainty

/// Small sensitivity and uncertainty analyses built by hand, every figure written out, so that
/// the report tests do not depend on the code that computes them.
enum AnalysisFixture {
  /// Society's NPV = 1 000 000 × share − 200 000 (the worked example of ``SensitivityAnalysis``)
  /// and two more parameters; NPVs per perspective in `Perspective.all` order.
  static func sensitivity(title: String = "Porten, test", unit: String = "andel") -> SensitivityAnalysis {
    let base: [Double] = [1000, -150_000, 5000, 30000, 10000, 40000, 0, -65000, 300_000]
    let rows = [
      SensitivityRow(
        id: "input:outcomes/arbete@share", kind: .input, unit: unit, baseValue: 0.5, lowValue: 0.4, highValue: 0.6,
        rangeSource: .relative,
        npvLow: [-500, -170_000, 4000, 25000, 8000, 32000, 0, -101_000, 200_000],
        npvHigh: [2500, -130_000, 6000, 35000, 12000, 48000, 0, -29000, 400_000],
        switchingValues: [
          .value(0.45), .noneInRange, .noneInRange, .noneInRange, .noneInRange, .noneInRange, .noneInRange,
          .noneInRange, .noneInRange,
        ]),
      SensitivityRow(
        id: "rate:kalkylranta.standard", kind: .rate, unit: "andel", baseValue: 0.035, lowValue: 0.028,
        highValue: 0.042, rangeSource: .scenario,
        npvLow: [1100, -152_000, 5200, 31000, 10400, 41500, 0, -63900, 310_000],
        npvHigh: [900, -148_000, 4800, 29000, 9600, 38500, 0, -66100, 290_000],
        switchingValues: Array(repeating: .noneInRange, count: 9)),
      SensitivityRow(
        id: "rate:formaner.forsorjningsstod.manad", kind: .rate, unit: "kr/manad", baseValue: 10000,
        lowValue: 8000, highValue: 12000, rangeSource: .relative,
        npvLow: [-1000, -160_000, 5000, 30000, 10000, 40000, 0, -75000, 295_000],
        npvHigh: [3000, -140_000, 5000, 30000, 10000, 40000, 0, -55000, 305_000],
        switchingValues: [
          .value(9000), .noneInRange, .noneInRange, .noneInRange, .noneInRange, .noneInRange, .noneInRange,
          .noneInRange, .noneInRange,
        ]),
    ]
    return SensitivityAnalysis(
      scenarioID: "porten-test", title: title, range: 0.2, baseNPV: base, rows: rows, discountRate: 0.035,
      horizonYears: 2)
  }

  /// `count` parameters whose society swing is 1 000 × (index + 1), for the top-15 limit.
  static func manyRows(_ count: Int) -> SensitivityAnalysis {
    var analysis = sensitivity()
    analysis.rows = (0..<count).map { index in
      let swing = 1000 * Double(index + 1)
      return SensitivityRow(
        id: "rate:parameter.\(index)", kind: .rate, unit: "kr", baseValue: 100, lowValue: 80, highValue: 120,
        rangeSource: .relative, npvLow: analysis.baseNPV.map { $0 - swing / 2 },
        npvHigh: analysis.baseNPV.map { $0 + swing / 2 }, switchingValues: Array(repeating: .noneInRange, count: 9))
    }
    return analysis
  }

  /// 100 draws: five NPV bins per perspective, payback counts for years 0–2 and "not within".
  static func uncertainty(title: String = "Porten, test") -> UncertaintyAnalysis {
    let society = PerspectiveDistribution(
      perspective: .samhallet, meanNPV: 290_000, standardDeviation: 60000, p5: 190_000, p50: 295_000, p95: 385_000,
      minimum: 100_000, maximum: 450_000, probabilityPositiveNPV: 1, probabilityPaybackWithinMandate: 0.62,
      probabilityPaybackWithinHorizon: 0.97,
      npvHistogram: Histogram(lower: 100_000, upper: 450_000, counts: [5, 20, 40, 30, 5]), paybackByYear: [0, 62, 35],
      paybackNotWithinHorizon: 3, paybackMonthP5: 9, paybackMonthP50: 12, paybackMonthP95: 22)
    let others = Perspective.all.dropLast().enumerated().map { index, perspective in
      let offset = Double(index) * 10000 - 40000
      return PerspectiveDistribution(
        perspective: perspective, meanNPV: offset, standardDeviation: 5000, p5: offset - 8000, p50: offset,
        p95: offset + 8000, minimum: offset - 15000, maximum: offset + 15000,
        probabilityPositiveNPV: index < 4 ? 0 : 0.5, probabilityPaybackWithinMandate: Double(index) / 10,
        probabilityPaybackWithinHorizon: Double(index) / 8,
        npvHistogram: Histogram(lower: offset - 15000, upper: offset + 15000, counts: [10, 20, 40, 20, 10]),
        paybackByYear: [index, 10, 20], paybackNotWithinHorizon: 70 - index, paybackMonthP5: nil,
        paybackMonthP50: nil, paybackMonthP95: nil)
    }
    return UncertaintyAnalysis(
      scenarioID: "porten-test", title: title, draws: 100, seed: 7, mandateMonths: 12, horizonYears: 2,
      deterministicNPV: [1000, -150_000, 5000, 30000, 10000, 40000, 0, -65000, 300_000],
      parameters: [
        UncertainParameterSummary(
          id: "input:outcomes/arbete@share", baseValue: 0.5, distribution: "triangular(min=0.3, mode=0.5, max=0.7)",
          mean: 0.5, sampleMean: 0.498),
        UncertainParameterSummary(
          id: "rate:kalkylranta.standard", baseValue: 0.035, distribution: "uniform(min=0.01, max=0.06)",
          mean: 0.035, sampleMean: 0.0351),
      ], perspectives: others + [society])
  }
}

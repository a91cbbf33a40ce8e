import SamkalkCore

/// A Monte Carlo analysis: the scenario evaluated for many draws of its uncertain inputs and
/// rates, summarised per perspective.
///
/// Every draw has its own random stream, derived from the seed and the draw's number, so the
/// figures are the same for a seed whatever the number of threads.
public struct UncertaintyAnalysis: Sendable {
  public var scenarioID: String
  public var title: String
  public var draws: Int
  public var seed: UInt64
  /// The mandate period in months (P(payback within the mandate period) counts payback ≤ this).
  public var mandateMonths: Int
  public var horizonYears: Int
  /// The deterministic result's NPV per perspective (``Perspective/all`` order), for comparison.
  public var deterministicNPV: [Double]
  /// The varied parameters and their distributions, in the scenario's order.
  public var parameters: [UncertainParameterSummary]
  /// One entry per perspective, in ``Perspective/all`` order.
  public var perspectives: [PerspectiveDistribution]

  public init(
    scenarioID: String, title: String, draws: Int, seed: UInt64, mandateMonths: Int, horizonYears: Int,
    deterministicNPV: [Double], parameters: [UncertainParameterSummary], perspectives: [PerspectiveDistribution]
  ) {
    self.scenarioID = scenarioID
    self.title = title
    self.draws = draws
    self.seed = seed
    self.mandateMonths = mandateMonths
    self.horizonYears = horizonYears
    self.deterministicNPV = deterministicNPV
    self.parameters = parameters
    self.perspectives = perspectives
  }

  /// The deterministic NPV of `perspective`.
  public func deterministicNPV(for perspective: Perspective) -> Double {
    deterministicNPV[Perspective.all.firstIndex(of: perspective)!]
  }

  public func distribution(for perspective: Perspective) -> PerspectiveDistribution {
    perspectives.first { $0.perspective == perspective }!
  }
}

/// A varied parameter as the report lists it.
public struct UncertainParameterSummary: Hashable, Sendable {
  /// `rate:<key>` or `input:<path>@<attribute>`.
  public var id: String
  public var baseValue: Double
  /// The distribution in words, e.g. `triangular(min=0.05, mode=0.1, max=0.2)`.
  public var distribution: String
  /// The distribution's mean and the sample mean over the draws.
  public var mean: Double
  public var sampleMean: Double

  public init(id: String, baseValue: Double, distribution: String, mean: Double, sampleMean: Double) {
    self.id = id
    self.baseValue = baseValue
    self.distribution = distribution
    self.mean = mean
    self.sampleMean = sampleMean
  }
}

/// One perspective's distribution of NPV and payback over the draws.
public struct PerspectiveDistribution: Sendable {
  public var perspective: Perspective
  public var meanNPV: Double
  public var standardDeviation: Double
  /// Nearest-rank percentiles of NPV: 5, 50 and 95.
  public var p5: Double
  public var p50: Double
  public var p95: Double
  public var minimum: Double
  public var maximum: Double
  /// Share of draws with NPV > 0.
  public var probabilityPositiveNPV: Double
  /// Share of draws whose payback month is within the mandate period (month 0 included).
  public var probabilityPaybackWithinMandate: Double
  /// Share of draws with payback within the horizon.
  public var probabilityPaybackWithinHorizon: Double
  /// Equal-width histogram of NPV (for charts).
  public var npvHistogram: Histogram
  /// Payback by year: `paybackByYear[0]` counts month 0 ("direkt"), `[y]` months 12(y−1)+1…12y;
  /// draws without payback within the horizon are ``paybackNotWithinHorizon``.
  public var paybackByYear: [Int]
  public var paybackNotWithinHorizon: Int
  /// Nearest-rank percentiles 5/50/95 of the payback month among the draws that pay back.
  public var paybackMonthP5: Int?
  public var paybackMonthP50: Int?
  public var paybackMonthP95: Int?

  public init(
    perspective: Perspective, meanNPV: Double, standardDeviation: Double, p5: Double, p50: Double, p95: Double,
    minimum: Double, maximum: Double, probabilityPositiveNPV: Double, probabilityPaybackWithinMandate: Double,
    probabilityPaybackWithinHorizon: Double, npvHistogram: Histogram, paybackByYear: [Int],
    paybackNotWithinHorizon: Int, paybackMonthP5: Int?, paybackMonthP50: Int?, paybackMonthP95: Int?
  ) {
    self.perspective = perspective
    self.meanNPV = meanNPV
    self.standardDeviation = standardDeviation
    self.p5 = p5
    self.p50 = p50
    self.p95 = p95
    self.minimum = minimum
    self.maximum = maximum
    self.probabilityPositiveNPV = probabilityPositiveNPV
    self.probabilityPaybackWithinMandate = probabilityPaybackWithinMandate
    self.probabilityPaybackWithinHorizon = probabilityPaybackWithinHorizon
    self.npvHistogram = npvHistogram
    self.paybackByYear = paybackByYear
    self.paybackNotWithinHorizon = paybackNotWithinHorizon
    self.paybackMonthP5 = paybackMonthP5
    self.paybackMonthP50 = paybackMonthP50
    self.paybackMonthP95 = paybackMonthP95
  }
}

/// Counts in equal-width bins from `lower` to `upper`; a degenerate sample (every value the
/// same) has one bin of width zero.
public struct Histogram: Hashable, Sendable {
  public var lower: Double
  public var upper: Double
  public var counts: [Int]

  public init(lower: Double, upper: Double, counts: [Int]) {
    self.lower = lower
    self.upper = upper
    self.counts = counts
  }

  public var binWidth: Double { counts.isEmpty ? 0 : (upper - lower) / Double(counts.count) }

  /// The lower and upper edge of bin `index`.
  public func edges(of index: Int) -> (lower: Double, upper: Double) {
    (lower + Double(index) * binWidth, lower + Double(index + 1) * binWidth)
  }
}

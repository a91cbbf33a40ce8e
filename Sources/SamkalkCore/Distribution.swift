/// A probability distribution of one uncertain input of the Monte Carlo analysis.
///
/// Every case is given by the parameters an analyst writes in a scenario file, and
/// ``validationProblem()`` explains in plain English what is wrong with them before any run
/// starts, so that the sampler itself never has to check. ``mean`` and ``variance`` are the
/// analytic moments (the tests hold the sampler to them), ``quantile(_:)`` and ``cdf(_:)`` the
/// inverse and forward distribution functions, and ``sample(_:)`` one draw from a
/// ``Xoshiro256StarStar``, so that a seed gives the same run on every platform.
///
/// | case                                   | mean                  | variance                          | example                    | mean   | variance   |
/// |----------------------------------------|-----------------------|-----------------------------------|----------------------------|--------|------------|
/// | `uniform(min: a, max: b)`              | (a + b) / 2           | (b − a)² / 12                     | a = 0, b = 1               | 0.5    | 0.083333   |
/// | `triangular(min: a, mode: c, max: b)`  | (a + c + b) / 3       | (a² + b² + c² − ab − ac − bc) / 18 | 0, 1, 4                   | 1.6667 | 0.722222   |
/// | `pert(min: a, mode: c, max: b)`        | (a + 4c + b) / 6      | (mean − a)(b − mean) / 7          | 0, 1, 4                    | 1.3333 | 0.507937   |
/// | `normal(mean: μ, standardDeviation: σ)` | μ                    | σ²                                | μ = 1, σ = 0.1             | 1      | 0.01       |
/// | the same truncated to [0, ∞)           | μ + σ φ(α)/Z          | see ``variance``                  | μ = 0, σ = 1, lower 0      | 0.7979 | 0.363380   |
/// | `lognormal(mean: m, standardDeviation: s)` | m                 | s²                                | m = 1, s = 0.5             | 1      | 0.25       |
/// | `discrete(values: v, probabilities: p)` | Σ pᵢvᵢ               | Σ pᵢ(vᵢ − mean)²                  | v = 1, 2, 3; p = .2, .5, .3 | 2.1   | 0.49       |
///
/// PERT is the beta-PERT of Malcolm et al. (1959) with λ = 4: the beta distribution on
/// [a, b] with shapes α = 1 + 4(c − a)/(b − a) and β = 1 + 4(b − c)/(b − a), so α + β = 6 and
/// the mean weighs the mode four times. It has thinner tails than the triangular distribution
/// with the same three points, which is why estimates by expert judgement usually use it.
public enum Distribution: Hashable, Sendable {
  /// Every value in [min, max] equally likely.
  case uniform(min: Double, max: Double)
  /// The triangular distribution with its peak at `mode`.
  case triangular(min: Double, mode: Double, max: Double)
  /// The beta-PERT distribution (λ = 4) with its peak at `mode`.
  case pert(min: Double, mode: Double, max: Double)
  /// The normal distribution, truncated to [lower, upper] when a bound is given (nil for no bound).
  case normal(mean: Double, standardDeviation: Double, lower: Double?, upper: Double?)
  /// The lognormal distribution given by the mean `m` and standard deviation `s` of the variable
  /// itself (not of its logarithm), the figures an analyst knows. Its logarithm is normal with
  ///
  ///     σ² = ln(1 + s²/m²),   μ = ln m − σ²/2,
  ///
  /// which gives back E[X] = exp(μ + σ²/2) = m and Var[X] = (exp(σ²) − 1) exp(2μ + σ²) = s².
  /// For m = 1, s = 0.5: σ² = ln 1.25 = 0.223144, μ = −0.111572, median exp(μ) = 0.894427.
  case lognormal(mean: Double, standardDeviation: Double)
  /// Finitely many outcomes; build it with ``discrete(values:probabilities:)``.
  case discrete(Outcomes)

  /// The outcomes of a discrete distribution with their cumulative probabilities, summed once
  /// here so that ``Distribution/sample(_:)`` only searches them and never allocates.
  public struct Outcomes: Hashable, Sendable {
    /// The outcomes, strictly increasing for a valid distribution.
    public let values: [Double]
    /// The probability of each outcome.
    public let probabilities: [Double]
    /// Running sums of ``probabilities``; the last one is the total, within 1e-9 of 1 when valid.
    public let cumulative: [Double]

    public init(values: [Double], probabilities: [Double]) {
      self.values = values
      self.probabilities = probabilities
      var sum = 0.0
      var cumulative: [Double] = []
      cumulative.reserveCapacity(probabilities.count)
      for probability in probabilities {
        sum += probability
        cumulative.append(sum)
      }
      self.cumulative = cumulative
    }

    /// The sum of the probabilities, by which sampling and quantiles divide so that a sum of
    /// 1 ± 1e-9 still gives a proper distribution.
    var total: Double { cumulative.last ?? 0 }
  }

  /// A discrete distribution of `values` with the given `probabilities`.
  public static func discrete(values: [Double], probabilities: [Double]) -> Distribution {
    .discrete(Outcomes(values: values, probabilities: probabilities))
  }

  /// The largest distance, in standard deviations, between the mean of a normal distribution
  /// and its truncation interval. Beyond it the upper tail probability 1 − Φ(37) ≈ 5.7e-300
  /// approaches the smallest normal double and the interval holds no probability mass a double
  /// can carry.
  public static let maximumTruncationDistance = 37.0
}

extension Distribution {
  /// Nil when the parameters describe a proper distribution, otherwise an English message that
  /// names the case and the parameter, for the diagnostics of a scenario file:
  ///
  /// | parameters                                        | message                                              |
  /// |---------------------------------------------------|------------------------------------------------------|
  /// | `triangular(min: 0.1, mode: 0.3, max: 0.2)`       | `triangular: mode 0.3 is outside min 0.1 … max 0.2`  |
  /// | `normal(mean: 1, standardDeviation: 0, …)`        | `normal: standardDeviation must be > 0`              |
  /// | `discrete(values: [1, 2], probabilities: [0.4, 0.5])` | `discrete: probabilities add up to 0.9, not 1`   |
  public func validationProblem() -> String? {
    switch self {
    case .uniform(let min, let max):
      return Self.finiteProblem("uniform", ("min", min), ("max", max))
        ?? Self.orderProblem("uniform", min: min, max: max)
    case .triangular(let min, let mode, let max):
      return Self.threePointProblem("triangular", min: min, mode: mode, max: max)
    case .pert(let min, let mode, let max):
      return Self.threePointProblem("pert", min: min, mode: mode, max: max)
    case .normal(let mean, let sd, let lower, let upper):
      return Self.normalProblem(mean: mean, sd: sd, lower: lower, upper: upper)
    case .lognormal(let mean, let sd):
      if let problem = Self.finiteProblem("lognormal", ("mean", mean), ("standardDeviation", sd)) { return problem }
      if !(mean > 0) { return "lognormal: mean must be > 0 (a lognormal variable is positive)" }
      if !(sd > 0) { return "lognormal: standardDeviation must be > 0" }
      return nil
    case .discrete(let outcomes):
      return Self.discreteProblem(outcomes)
    }
  }

  private static func finiteProblem(_ name: String, _ parameters: (String, Double)...) -> String? {
    for (label, value) in parameters where !value.isFinite { return "\(name): \(label) must be finite" }
    return nil
  }

  private static func orderProblem(_ name: String, min: Double, max: Double) -> String? {
    min < max ? nil : "\(name): min \(text(min)) must be < max \(text(max))"
  }

  private static func threePointProblem(_ name: String, min: Double, mode: Double, max: Double) -> String? {
    if let problem = finiteProblem(name, ("min", min), ("mode", mode), ("max", max)) { return problem }
    if let problem = orderProblem(name, min: min, max: max) { return problem }
    if mode < min || mode > max { return "\(name): mode \(text(mode)) is outside min \(text(min)) … max \(text(max))" }
    return nil
  }

  private static func normalProblem(mean: Double, sd: Double, lower: Double?, upper: Double?) -> String? {
    if let problem = finiteProblem("normal", ("mean", mean), ("standardDeviation", sd)) { return problem }
    if !(sd > 0) { return "normal: standardDeviation must be > 0" }
    if let lower, !lower.isFinite { return "normal: lower must be finite (leave it out for no bound)" }
    if let upper, !upper.isFinite { return "normal: upper must be finite (leave it out for no bound)" }
    if let lower, let upper, !(lower < upper) {
      return "normal: lower \(text(lower)) must be < upper \(text(upper))"
    }
    let limit = maximumTruncationDistance
    if let lower, (lower - mean) / sd > limit {
      return "normal: lower \(text(lower)) is \(text(((lower - mean) / sd * 10).rounded() / 10)) standard deviations"
        + " above mean \(text(mean)) (at most \(text(limit))), so the interval holds no probability mass"
    }
    if let upper, (mean - upper) / sd > limit {
      return "normal: upper \(text(upper)) is \(text(((mean - upper) / sd * 10).rounded() / 10)) standard deviations"
        + " below mean \(text(mean)) (at most \(text(limit))), so the interval holds no probability mass"
    }
    return nil
  }

  private static func discreteProblem(_ outcomes: Outcomes) -> String? {
    let values = outcomes.values
    let probabilities = outcomes.probabilities
    if values.isEmpty { return "discrete: needs at least one value" }
    if values.count != probabilities.count {
      return "discrete: \(values.count) values but \(probabilities.count) probabilities"
    }
    for (index, value) in values.enumerated() where !value.isFinite {
      return "discrete: values[\(index)] must be finite"
    }
    for index in values.indices.dropFirst() where !(values[index - 1] < values[index]) {
      return "discrete: values must be strictly increasing, but values[\(index)] \(text(values[index]))"
        + " follows \(text(values[index - 1]))"
    }
    for (index, probability) in probabilities.enumerated() {
      if !probability.isFinite { return "discrete: probabilities[\(index)] must be finite" }
      if probability < 0 { return "discrete: probabilities[\(index)] \(text(probability)) must be >= 0" }
    }
    let total = outcomes.total
    if !(abs(total - 1) <= 1e-9) { return "discrete: probabilities add up to \(text(total)), not 1" }
    return nil
  }
}

extension Distribution {
  /// The smallest closed interval that holds every sample, or nil when the distribution is
  /// unbounded on either side (a normal distribution without both bounds, the lognormal).
  public var support: ClosedRange<Double>? {
    switch self {
    case .uniform(let min, let max), .triangular(let min, _, let max), .pert(let min, _, let max):
      return min <= max ? min...max : nil
    case .normal(_, _, let lower?, let upper?):
      return lower <= upper ? lower...upper : nil
    case .normal, .lognormal:
      return nil
    case .discrete(let outcomes):
      guard let first = outcomes.values.first, let last = outcomes.values.last, first <= last else { return nil }
      return first...last
    }
  }
}

extension Distribution: CustomStringConvertible {
  /// Locale-free text for reports and diagnostics, numbers as ``DecimalText`` writes them with
  /// as few decimals as give the value back:
  ///
  /// | case                                                        | description                                  |
  /// |-------------------------------------------------------------|----------------------------------------------|
  /// | `triangular(min: 0.05, mode: 0.1, max: 0.2)`                | `triangular(min=0.05, mode=0.1, max=0.2)`    |
  /// | `normal(mean: 1, standardDeviation: 0.1, lower: 0, upper: 2)` | `normal(mean=1, sd=0.1, lower=0, upper=2)` |
  /// | `lognormal(mean: 58800, standardDeviation: 12000)`          | `lognormal(mean=58800, sd=12000)`            |
  /// | `discrete(values: [0, 1], probabilities: [0.25, 0.75])`     | `discrete(values=[0, 1], probabilities=[0.25, 0.75])` |
  public var description: String {
    let t = Self.text
    switch self {
    case .uniform(let min, let max):
      return "uniform(min=\(t(min)), max=\(t(max)))"
    case .triangular(let min, let mode, let max):
      return "triangular(min=\(t(min)), mode=\(t(mode)), max=\(t(max)))"
    case .pert(let min, let mode, let max):
      return "pert(min=\(t(min)), mode=\(t(mode)), max=\(t(max)))"
    case .normal(let mean, let sd, let lower, let upper):
      let bounds = (lower.map { ", lower=\(t($0))" } ?? "") + (upper.map { ", upper=\(t($0))" } ?? "")
      return "normal(mean=\(t(mean)), sd=\(t(sd))\(bounds))"
    case .lognormal(let mean, let sd):
      return "lognormal(mean=\(t(mean)), sd=\(t(sd)))"
    case .discrete(let outcomes):
      let values = outcomes.values.map(t).joined(separator: ", ")
      let probabilities = outcomes.probabilities.map(t).joined(separator: ", ")
      return "discrete(values=[\(values)], probabilities=[\(probabilities)])"
    }
  }

  /// The shortest ``DecimalText/format(_:decimals:)`` text (0…9 decimals) that reads back
  /// within 1e-12 relative: 0.1 → `0.1`, 58 800 → `58800`, 1/3 → `0.333333333`. Values
  /// ``DecimalText`` cannot write (not finite, or beyond 1e15) fall back to Swift's own
  /// locale-free text, e.g. `1e+20`.
  static func text(_ value: Double) -> String {
    guard value.isFinite, abs(value) < 1e15 else { return "\(value)" }
    for decimals in 0...9 {
      let candidate = DecimalText.format(value, decimals: decimals)
      if let back = Double(candidate), abs(back - value) <= 1e-12 * abs(value) { return candidate }
    }
    var candidate = DecimalText.format(value, decimals: 9)
    while candidate.hasSuffix("0") { candidate.removeLast() }
    if candidate.hasSuffix(".") { candidate.removeLast() }
    return candidate
  }
}

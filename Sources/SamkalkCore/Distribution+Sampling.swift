import Foundation

extension Distribution {
  /// One draw, for a distribution whose ``validationProblem()`` is nil.
  ///
  /// Allocation-free and built only on ``Xoshiro256StarStar`` and IEEE arithmetic, so a seed
  /// gives the same sequence on every platform (uniform, triangular and discrete draws bit for
  /// bit; the others through `exp`, `log` and `erfc`, which the C libraries of Linux and macOS
  /// round to within an ulp):
  ///
  /// | case        | method                                                                   |
  /// |-------------|--------------------------------------------------------------------------|
  /// | uniform     | min + u (max − min), u in [0, 1)                                         |
  /// | triangular  | inverse distribution function of u                                       |
  /// | normal      | μ + σ Φ⁻¹(u), u in (0, 1) so that no draw is infinite                    |
  /// | truncated   | Φ⁻¹ of a uniform on [Φ(α), Φ(β)], in the upper tail when α > 0            |
  /// | lognormal   | exp(μ + σ Φ⁻¹(u))                                                        |
  /// | pert        | G_α / (G_α + G_β) on [min, max], two gamma variates (Marsaglia–Tsang)   |
  /// | discrete    | binary search of u × total in the cumulative probabilities               |
  public func sample(_ generator: inout Xoshiro256StarStar) -> Double {
    switch self {
    case .uniform(let min, let max):
      return min + generator.unit() * (max - min)
    case .triangular:
      return quantile(generator.unit())
    case .pert(let min, let mode, let max):
      let (alpha, beta) = Self.pertShapes(min: min, mode: mode, max: max)
      let x = Self.gamma(alpha, &generator)
      let y = Self.gamma(beta, &generator)
      return Swift.min(Swift.max(min + (max - min) * (x / (x + y)), min), max)
    case .normal(let mean, let sd, nil, nil):
      return mean + sd * NormalMath.quantile(Self.openUnit(&generator))
    case .normal:
      return quantile(Self.openUnit(&generator))
    case .lognormal(let mean, let sd):
      let (mu, sigma) = Self.logParameters(mean: mean, sd: sd)
      return Foundation.exp(mu + sigma * NormalMath.quantile(Self.openUnit(&generator)))
    case .discrete(let outcomes):
      return Self.sample(outcomes, &generator)
    }
  }

  /// A uniform double in (0, 1): the midpoints of the 2⁵³ cells of ``Xoshiro256StarStar/unit()``.
  @inline(__always)
  static func openUnit(_ generator: inout Xoshiro256StarStar) -> Double {
    (Double(generator.next() >> 11) + 0.5) * 0x1.0p-53
  }

  /// The first outcome whose cumulative probability exceeds u × total; outcomes of probability
  /// 0 share their predecessor's cumulative value and are never chosen.
  private static func sample(_ outcomes: Outcomes, _ generator: inout Xoshiro256StarStar) -> Double {
    let cumulative = outcomes.cumulative
    let target = generator.unit() * outcomes.total
    var low = 0
    var high = cumulative.count
    while low < high {
      let middle = (low + high) / 2
      if cumulative[middle] > target { high = middle } else { low = middle + 1 }
    }
    if low < cumulative.count { return outcomes.values[low] }
    // Rounding put the target on the total: take the last outcome that has probability.
    var index = cumulative.count - 1
    while index > 0, outcomes.probabilities[index] <= 0 { index -= 1 }
    return outcomes.values[index]
  }

  /// A Gamma(shape, 1) variate for shape ≥ 1 by Marsaglia and Tsang (2000): d = shape − ⅓,
  /// c = 1/√(9d); draw x standard normal and u uniform until v = (1 + cx)³ > 0 passes the
  /// squeeze u < 1 − 0.0331 x⁴ or the exact test ln u < x²/2 + d(1 − v + ln v); return d v.
  /// Only a few per cent of the proposals are rejected for shapes of 1 and more.
  static func gamma(_ shape: Double, _ generator: inout Xoshiro256StarStar) -> Double {
    let d = shape - 1.0 / 3.0
    let c = 1 / (9 * d).squareRoot()
    while true {
      let x = NormalMath.quantile(openUnit(&generator))
      var v = 1 + c * x
      if v <= 0 { continue }
      v = v * v * v
      let u = openUnit(&generator)
      let x2 = x * x
      if u < 1 - 0.0331 * x2 * x2 { return d * v }
      if Foundation.log(u) < 0.5 * x2 + d * (1 - v + Foundation.log(v)) { return d * v }
    }
  }
}

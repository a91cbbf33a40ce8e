extension Distribution {
  /// The expected value, from the closed forms in the table on ``Distribution``.
  ///
  /// For a normal distribution truncated to [lower, upper], with α = (lower − μ)/σ,
  /// β = (upper − μ)/σ (±∞ for a missing bound) and Z = Φ(β) − Φ(α), the mean is
  /// μ + σ (φ(α) − φ(β)) / Z: the standard normal truncated to [0, ∞) has mean
  /// φ(0)/½ = √(2/π) = 0.797885.
  public var mean: Double {
    switch self {
    case .uniform(let min, let max):
      return (min + max) / 2
    case .triangular(let min, let mode, let max):
      return (min + mode + max) / 3
    case .pert(let min, let mode, let max):
      return (min + 4 * mode + max) / 6
    case .normal(let mean, let sd, let lower, let upper):
      guard lower != nil || upper != nil else { return mean }
      return mean + sd * TruncatedNormal(mean: mean, sd: sd, lower: lower, upper: upper).meanShift
    case .lognormal(let mean, _):
      return mean
    case .discrete(let outcomes):
      var sum = 0.0
      for index in outcomes.values.indices { sum += outcomes.probabilities[index] * outcomes.values[index] }
      return sum / outcomes.total
    }
  }

  /// The variance, from the closed forms in the table on ``Distribution``.
  ///
  /// PERT is a beta distribution on [a, b] with α + β = 6, so its variance
  /// αβ (b − a)² / ((α + β)² (α + β + 1)) is (mean − a)(b − mean)/7. The truncated normal's
  /// (same α, β, Z as in ``mean``) is
  ///
  ///     σ² [1 + (α φ(α) − β φ(β))/Z − ((φ(α) − φ(β))/Z)²],
  ///
  /// 1 − 2/π = 0.363380 for the standard normal on [0, ∞) and 1 − 2φ(1)/(2Φ(1) − 1) = 0.291125
  /// on [−1, 1]. Far in a tail the bracket loses digits to cancellation: on [30, ∞) its terms
  /// are about 900 and the variance 0.0011, so it keeps about seven digits (1e-7 relative
  /// against a 50-digit value), which the Monte Carlo summaries do not need.
  public var variance: Double {
    switch self {
    case .uniform(let min, let max):
      return (max - min) * (max - min) / 12
    case .triangular(let a, let c, let b):
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18
    case .pert(let min, let mode, let max):
      let mean = (min + 4 * mode + max) / 6
      return (mean - min) * (max - mean) / 7
    case .normal(let mean, let sd, let lower, let upper):
      guard lower != nil || upper != nil else { return sd * sd }
      let truncated = TruncatedNormal(mean: mean, sd: sd, lower: lower, upper: upper)
      let shift = truncated.meanShift
      return sd * sd * (1 + truncated.tailTerm - shift * shift)
    case .lognormal(_, let sd):
      return sd * sd
    case .discrete(let outcomes):
      let mean = self.mean
      var sum = 0.0
      for index in outcomes.values.indices {
        let deviation = outcomes.values[index] - mean
        sum += outcomes.probabilities[index] * deviation * deviation
      }
      return sum / outcomes.total
    }
  }
}

/// A normal distribution truncated to [lower, upper] in standard units, with the probability
/// mass of the interval computed in the tail where the interval lies: 1 − Φ(x) for x far above
/// the mean comes from `erfc` directly, not from 1 minus a number close to 1.
struct TruncatedNormal {
  /// (lower − μ)/σ, or −∞.
  let alpha: Double
  /// (upper − μ)/σ, or +∞.
  let beta: Double

  init(mean: Double, sd: Double, lower: Double?, upper: Double?) {
    alpha = lower.map { ($0 - mean) / sd } ?? -.infinity
    beta = upper.map { ($0 - mean) / sd } ?? .infinity
  }

  /// Whether the interval lies above the mean, where upper tail probabilities keep the digits.
  var usesUpperTail: Bool { alpha > 0 }

  /// Z = Φ(β) − Φ(α).
  var mass: Double {
    usesUpperTail
      ? NormalMath.upperTail(alpha) - NormalMath.upperTail(beta) : NormalMath.cdf(beta) - NormalMath.cdf(alpha)
  }

  /// (φ(α) − φ(β)) / Z, the mean's shift in standard deviations.
  var meanShift: Double { (NormalMath.density(alpha) - NormalMath.density(beta)) / mass }

  /// (α φ(α) − β φ(β)) / Z, with x φ(x) = 0 at an infinite bound.
  var tailTerm: Double {
    func xDensity(_ x: Double) -> Double { x.isFinite ? x * NormalMath.density(x) : 0 }
    return (xDensity(alpha) - xDensity(beta)) / mass
  }

  /// The standard-unit quantile of probability `p` in 0…1 within [α, β].
  func quantile(_ p: Double) -> Double {
    let x: Double
    if usesUpperTail {
      let upperBeta = NormalMath.upperTail(beta)
      x = -NormalMath.quantile(upperBeta + (1 - p) * (NormalMath.upperTail(alpha) - upperBeta))
    } else {
      let lowerAlpha = NormalMath.cdf(alpha)
      x = NormalMath.quantile(lowerAlpha + p * (NormalMath.cdf(beta) - lowerAlpha))
    }
    return Swift.min(Swift.max(x, alpha), beta)
  }

  /// Φ restricted to the interval and rescaled to 0…1, at the standard-unit point `z`.
  func cdf(_ z: Double) -> Double {
    if z <= alpha { return 0 }
    if z >= beta { return 1 }
    let inside =
      usesUpperTail
      ? NormalMath.upperTail(alpha) - NormalMath.upperTail(z) : NormalMath.cdf(z) - NormalMath.cdf(alpha)
    return Swift.min(Swift.max(inside / mass, 0), 1)
  }
}

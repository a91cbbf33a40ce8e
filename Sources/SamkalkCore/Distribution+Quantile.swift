import Foundation

extension Distribution {
  /// The inverse distribution function: the smallest x with P(X ≤ x) ≥ p, for p in 0…1 (NaN
  /// outside). Unbounded distributions give ±∞ at p = 0 and p = 1.
  ///
  /// | distribution                   | p     | quantile                                  |
  /// |--------------------------------|-------|-------------------------------------------|
  /// | standard normal                | 0.975 | 1.959963984540054                         |
  /// | triangular(0, 1, 4)            | 0.5   | 4 − √6 = 1.550510257216822                |
  /// | pert(0, 0, 1), Beta(1, 5)      | 0.5   | 1 − 0.5^(1/5) = 0.129449436703876         |
  /// | lognormal(mean 1, sd 0.5)      | 0.5   | 1/√1.25 = 0.894427190999916               |
  ///
  /// The normal quantile is Wichura's AS 241 (PPND16), good to about 1e-16 relative for
  /// p down to 1e-300; PERT inverts the regularized incomplete beta function by safeguarded
  /// Newton steps to about 1e-15.
  public func quantile(_ p: Double) -> Double {
    guard p >= 0, p <= 1 else { return .nan }
    switch self {
    case .uniform(let min, let max):
      return p == 1 ? max : min + p * (max - min)
    case .triangular(let min, let mode, let max):
      let range = max - min
      if p * range < mode - min { return min + (p * range * (mode - min)).squareRoot() }
      return max - ((1 - p) * range * (max - mode)).squareRoot()
    case .pert(let min, let mode, let max):
      let (alpha, beta) = Self.pertShapes(min: min, mode: mode, max: max)
      return min + (max - min) * BetaMath.quantile(p, alpha, beta)
    case .normal(let mean, let sd, nil, nil):
      return mean + sd * NormalMath.quantile(p)
    case .normal(let mean, let sd, let lower, let upper):
      // The bounds themselves at the ends: μ + σ(upper − μ)/σ may miss upper by an ulp.
      if p == 0, let lower { return lower }
      if p == 1, let upper { return upper }
      let z = TruncatedNormal(mean: mean, sd: sd, lower: lower, upper: upper).quantile(p)
      return Swift.min(Swift.max(mean + sd * z, lower ?? -.infinity), upper ?? .infinity)
    case .lognormal(let mean, let sd):
      let (mu, sigma) = Self.logParameters(mean: mean, sd: sd)
      return Foundation.exp(mu + sigma * NormalMath.quantile(p))
    case .discrete(let outcomes):
      let target = p * outcomes.total
      for index in outcomes.values.indices where outcomes.probabilities[index] > 0 {
        if outcomes.cumulative[index] >= target { return outcomes.values[index] }
      }
      return outcomes.values.last ?? .nan
    }
  }

  /// The distribution function P(X ≤ x).
  public func cdf(_ x: Double) -> Double {
    switch self {
    case .uniform(let min, let max):
      return x <= min ? 0 : x >= max ? 1 : (x - min) / (max - min)
    case .triangular(let min, let mode, let max):
      if x <= min { return 0 }
      if x >= max { return 1 }
      if x <= mode { return (x - min) * (x - min) / ((max - min) * (mode - min)) }
      return 1 - (max - x) * (max - x) / ((max - min) * (max - mode))
    case .pert(let min, let mode, let max):
      let (alpha, beta) = Self.pertShapes(min: min, mode: mode, max: max)
      return BetaMath.regularized((x - min) / (max - min), alpha, beta)
    case .normal(let mean, let sd, nil, nil):
      return NormalMath.cdf((x - mean) / sd)
    case .normal(let mean, let sd, let lower, let upper):
      return TruncatedNormal(mean: mean, sd: sd, lower: lower, upper: upper).cdf((x - mean) / sd)
    case .lognormal(let mean, let sd):
      guard x > 0 else { return 0 }
      let (mu, sigma) = Self.logParameters(mean: mean, sd: sd)
      return NormalMath.cdf((Foundation.log(x) - mu) / sigma)
    case .discrete(let outcomes):
      var below = 0.0
      for index in outcomes.values.indices where outcomes.values[index] <= x { below = outcomes.cumulative[index] }
      return Swift.min(below / outcomes.total, 1)
    }
  }

  /// The beta shapes of a PERT with λ = 4: α = 1 + 4(c − a)/(b − a), β = 1 + 4(b − c)/(b − a).
  static func pertShapes(min: Double, mode: Double, max: Double) -> (alpha: Double, beta: Double) {
    let range = max - min
    return (1 + 4 * (mode - min) / range, 1 + 4 * (max - mode) / range)
  }

  /// μ and σ of ln X for a lognormal X with mean m and standard deviation s:
  /// σ² = ln(1 + s²/m²), μ = ln m − σ²/2.
  static func logParameters(mean: Double, sd: Double) -> (mu: Double, sigma: Double) {
    let ratio = sd / mean
    let variance = Foundation.log1p(ratio * ratio)
    return (Foundation.log(mean) - variance / 2, variance.squareRoot())
  }
}

/// The standard normal distribution: density, both tails and Wichura's inverse.
enum NormalMath {
  /// φ(x) = exp(−x²/2)/√(2π).
  @inline(__always)
  static func density(_ x: Double) -> Double { 0.398_942_280_401_432_7 * Foundation.exp(-0.5 * x * x) }

  /// Φ(x), accurate in the lower tail (erfc of a large argument does not cancel).
  @inline(__always)
  static func cdf(_ x: Double) -> Double { 0.5 * Foundation.erfc(-x * 0.707_106_781_186_547_5) }

  /// 1 − Φ(x), accurate in the upper tail.
  @inline(__always)
  static func upperTail(_ x: Double) -> Double { 0.5 * Foundation.erfc(x * 0.707_106_781_186_547_5) }

  /// Φ⁻¹(p) by Algorithm AS 241 (Wichura 1988, PPND16): a rational approximation in p − ½
  /// near the centre and in √(−ln min(p, 1 − p)) in the tails; −∞ at 0, +∞ at 1.
  static func quantile(_ p: Double) -> Double {
    let q = p - 0.5
    if abs(q) <= 0.425 {
      let r = 0.180625 - q * q
      return q * horner(r, centreNumerator) / horner(r, centreDenominator)
    }
    let tail = q < 0 ? p : 1 - p
    if tail <= 0 { return tail == 0 ? (q < 0 ? -.infinity : .infinity) : .nan }
    let r = (-Foundation.log(tail)).squareRoot()
    let magnitude =
      r <= 5
      ? horner(r - 1.6, middleNumerator) / horner(r - 1.6, middleDenominator)
      : horner(r - 5, farNumerator) / horner(r - 5, farDenominator)
    return q < 0 ? -magnitude : magnitude
  }

  typealias Coefficients = (Double, Double, Double, Double, Double, Double, Double, Double)

  /// c₀ + c₁r + … + c₇r⁷.
  @inline(__always)
  static func horner(_ r: Double, _ c: Coefficients) -> Double {
    ((((((c.7 * r + c.6) * r + c.5) * r + c.4) * r + c.3) * r + c.2) * r + c.1) * r + c.0
  }

  // The coefficients of PPND16 as published, lowest power first.
  static let centreNumerator: Coefficients = (
    3.387_132_872_796_366_608_0, 1.331_416_678_917_843_774_5e2, 1.971_590_950_306_551_442_7e3,
    1.373_169_376_550_946_112_5e4, 4.592_195_393_154_987_145_7e4, 6.726_577_092_700_870_085_3e4,
    3.343_057_558_358_812_810_5e4, 2.509_080_928_730_122_672_7e3
  )
  static let centreDenominator: Coefficients = (
    1, 4.231_333_070_160_091_125_2e1, 6.871_870_074_920_579_083_0e2, 5.394_196_021_424_751_107_7e3,
    2.121_379_430_158_659_586_7e4, 3.930_789_580_009_271_061_0e4, 2.872_908_573_572_194_267_4e4,
    5.226_495_278_852_854_561_0e3
  )
  static let middleNumerator: Coefficients = (
    1.423_437_110_749_683_577_34, 4.630_337_846_156_545_295_90, 5.769_497_221_460_691_405_50,
    3.647_848_324_763_204_605_04, 1.270_458_252_452_368_382_58, 2.417_807_251_774_506_117_70e-1,
    2.272_384_498_926_918_458_33e-2, 7.745_450_142_783_414_076_40e-4
  )
  static let middleDenominator: Coefficients = (
    1, 2.053_191_626_637_758_821_87, 1.676_384_830_183_803_849_40, 6.897_673_349_851_000_045_50e-1,
    1.481_039_764_274_800_745_90e-1, 1.519_866_656_361_645_719_66e-2, 5.475_938_084_995_344_946_00e-4,
    1.050_750_071_644_416_843_24e-9
  )
  static let farNumerator: Coefficients = (
    6.657_904_643_501_103_777_20, 5.463_784_911_164_114_369_90, 1.784_826_539_917_291_335_80,
    2.965_605_718_285_048_912_30e-1, 2.653_218_952_657_612_309_30e-2, 1.242_660_947_388_078_438_60e-3,
    2.711_555_568_743_487_578_15e-5, 2.010_334_399_292_288_132_65e-7
  )
  static let farDenominator: Coefficients = (
    1, 5.998_322_065_558_879_376_90e-1, 1.369_298_809_227_358_053_10e-1, 1.487_536_129_085_061_485_25e-2,
    7.868_691_311_456_132_591_00e-4, 1.846_318_317_510_054_681_80e-5, 1.421_511_758_316_445_888_70e-7,
    2.044_263_103_389_939_785_64e-15
  )
}

/// The regularized incomplete beta function I_x(a, b) and its inverse, for the PERT shapes
/// (1 ≤ a, b ≤ 5).
enum BetaMath {
  /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b); `tgamma` is exact enough and free of
  /// `lgamma`'s global sign variable for these small shapes.
  static func logBeta(_ a: Double, _ b: Double) -> Double {
    Foundation.log(Foundation.tgamma(a) * Foundation.tgamma(b) / Foundation.tgamma(a + b))
  }

  /// I_x(a, b) by the continued fraction of Numerical Recipes (§6.4, modified Lentz), on the
  /// side of the mean where it converges fast: I_x(a, b) = 1 − I_(1−x)(b, a).
  static func regularized(_ x: Double, _ a: Double, _ b: Double) -> Double {
    if !(x > 0) { return x.isNaN ? .nan : 0 }
    if x >= 1 { return 1 }
    let logFront = a * Foundation.log(x) + b * Foundation.log1p(-x) - logBeta(a, b)
    if x < (a + 1) / (a + b + 2) { return Foundation.exp(logFront) * continuedFraction(x, a, b) / a }
    return 1 - Foundation.exp(logFront) * continuedFraction(1 - x, b, a) / b
  }

  private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1...300 {
      let m = Double(m)
      let even = m * (b - m) * x / ((a - 1 + 2 * m) * (a + 2 * m))
      d = 1 + even * d
      if abs(d) < tiny { d = tiny }
      c = 1 + even / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      h *= d * c
      let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 1 + 2 * m))
      d = 1 + odd * d
      if abs(d) < tiny { d = tiny }
      c = 1 + odd / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let step = d * c
      h *= step
      if abs(step - 1) < 2e-16 { break }
    }
    return h
  }

  /// The x in 0…1 with I_x(a, b) = p: Newton steps on I_x − p with the beta density as slope,
  /// replaced by bisection whenever a step leaves the bracket that the signs have narrowed.
  static func quantile(_ p: Double, _ a: Double, _ b: Double) -> Double {
    if p <= 0 { return 0 }
    if p >= 1 { return 1 }
    let logB = logBeta(a, b)
    var low = 0.0
    var high = 1.0
    var x = a / (a + b)
    for _ in 0..<200 {
      let error = regularized(x, a, b) - p
      if error == 0 { return x }
      if error < 0 { low = x } else { high = x }
      let logDensity =
        (a == 1 ? 0 : (a - 1) * Foundation.log(x)) + (b == 1 ? 0 : (b - 1) * Foundation.log1p(-x)) - logB
      var next = x - error / Foundation.exp(logDensity)
      if !(next > low && next < high) { next = 0.5 * (low + high) }
      if abs(next - x) <= 1e-16 * x || high - low <= 1e-16 * x { return next }
      x = next
    }
    return x
  }
}

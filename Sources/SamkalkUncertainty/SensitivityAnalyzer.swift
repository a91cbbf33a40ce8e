import SamkalkCore
import SamkalkEngine
import SamkalkRates

/// Runs the one-way sensitivity analysis and finds the switching values.
///
/// Each parameter goes to its low and its high with every other parameter at its base: the
/// scenario's own `low`/`high` when its `<vary>` gives them, else base × (1 ∓ range), cut at
/// the edge of what the parameter may take (a share stops at 1) and rounded for whole numbers.
/// Parameters whose base is 0 have no relative range and are left out unless the scenario
/// gives one. Every point is evaluated by ``DrawEvaluator``, the engine's own model.
///
/// A switching value is looked for between low and high: NPV is evaluated at five points
/// (low, halfway to the base, the base, halfway to high, high); in the first interval where it
/// changes sign, regula falsi (Illinois) finds the zero to within 0.01 kr of NPV, or, for a
/// whole-number input, the first whole value past it. A second crossing inside the range is
/// not looked for.
public struct SensitivityAnalyzer {
  public var rates: RateBook
  public var taxMethod: any IncomeTaxMethod

  public init(rates: RateBook, taxMethod: any IncomeTaxMethod = SKV433Method()) {
    self.rates = rates
    self.taxMethod = taxMethod
  }

  /// The parameters the analysis would vary, with base values and units, for `--list`.
  public func parameters(of scenario: Scenario) throws(DiagnosticError) -> [(id: String, unit: String, base: Double)] {
    let result = try Calculator(rates: rates, taxMethod: taxMethod).run(scenario)
    return try ParameterSpace(scenario: scenario, result: result).parameters.map { ($0.id, $0.unit, $0.base) }
  }

  public func run(_ scenario: Scenario, range: Double) throws(DiagnosticError) -> SensitivityAnalysis {
    precondition(range > 0 && range < 1, "the relative range is a share between 0 and 1")
    let result = try Calculator(rates: rates, taxMethod: taxMethod).run(scenario)
    let space = try ParameterSpace(scenario: scenario, result: result)
    let evaluator = try DrawEvaluator(rates: rates, scenario: scenario, taxMethod: taxMethod)
    var workspace = DrawWorkspace()
    let base = EvaluationPoint(scenario: scenario, overrides: RateOverrides())
    let baseNPV = try Self.npv(at: base, evaluator, &workspace)

    var rows: [SensitivityRow] = []
    for parameter in space.parameters {
      guard let (low, high, source) = Self.range(of: parameter, relative: range) else { continue }
      func evaluate(_ value: Double) throws(DiagnosticError) -> [Double] {
        var point = base
        do throws(ParameterValueError) {
          try parameter.apply(value, to: &point)
        } catch {
          throw parameter.diagnostic(error, in: scenario)  // names the parameter and the value
        }
        do {
          return try Self.npv(at: point, evaluator, &workspace)
        } catch {
          throw DiagnosticError(
            error.diagnostics.map {
              Diagnostic(
                $0.severity, at: $0.location,
                "with \(parameter.id) = \(DecimalText.format(value, decimals: 6)): \($0.message)")
            })
        }
      }
      var memo: [Double: [Double]] = [parameter.base: baseNPV]
      func cached(_ value: Double) throws(DiagnosticError) -> [Double] {
        let key = parameter.isWholeNumber ? value.rounded() : value
        if let known = memo[key] { return known }
        let npv = try evaluate(key)
        memo[key] = npv
        return npv
      }
      let npvLow = try cached(low)
      let npvHigh = try cached(high)
      var switching: [SwitchingValue] = []
      for index in Perspective.all.indices {
        switching.append(
          try Self.switchingValue(
            index, low: low, high: high, base: parameter.base, whole: parameter.isWholeNumber, npv: cached))
      }
      rows.append(
        SensitivityRow(
          id: parameter.id, kind: parameter.kind, unit: parameter.unit, baseValue: parameter.base, lowValue: low,
          highValue: high, rangeSource: source, npvLow: npvLow, npvHigh: npvHigh, switchingValues: switching))
    }
    return SensitivityAnalysis(
      scenarioID: scenario.id, title: scenario.title, range: range, baseNPV: baseNPV, rows: rows,
      discountRate: result.discountRate, horizonYears: scenario.horizonYears)
  }

  static func npv(at point: EvaluationPoint, _ evaluator: DrawEvaluator, _ workspace: inout DrawWorkspace)
    throws(DiagnosticError) -> [Double]
  {
    try evaluator.evaluate(point.scenario, overrides: point.overrides, into: &workspace)
    return workspace.npv
  }

  /// Low, high and where they come from; `nil` when the parameter has no range to vary in.
  static func range(of parameter: AnalysisParameter, relative: Double) -> (Double, Double, RangeSource)? {
    if let low = parameter.declared?.low, let high = parameter.declared?.high { return (low, high, .scenario) }
    guard parameter.base != 0 else { return nil }
    var low = parameter.base * (1 - relative)
    var high = parameter.base * (1 + relative)
    if low > high { swap(&low, &high) }
    var source = RangeSource.relative
    switch parameter.domain {
    case .share where high > 1:
      high = 1
      source = .relativeLimited
    case .discountRate where high >= 1:
      high = 0.999
      source = .relativeLimited
    case .atLeastOne where low < 1:
      low = 1
      source = .relativeLimited
    default: break
    }
    if low < 0 {
      low = 0
      source = .relativeLimited
    }
    if parameter.isWholeNumber {
      low = low.rounded()
      high = high.rounded()
    }
    return low < high ? (low, high, source) : nil
  }

  /// The value between low and high at which perspective `index`'s NPV is zero.
  static func switchingValue(
    _ index: Int, low: Double, high: Double, base: Double, whole: Bool,
    npv: (Double) throws(DiagnosticError) -> [Double]
  ) throws(DiagnosticError) -> SwitchingValue {
    var grid =
      base > low && base < high
      ? [low, (low + base) / 2, base, (base + high) / 2, high] : (0...4).map { low + (high - low) * Double($0) / 4 }
    if whole { grid = Array(Set(grid.map { $0.rounded() })).sorted() }
    var points: [(x: Double, f: Double)] = []
    for x in grid { points.append((x, try npv(x)[index])) }
    // An NPV that is zero all along (an actor the measure never touches) crosses nothing.
    guard points.contains(where: { $0.f != 0 }) else { return .noneInRange }
    if let zero = points.first(where: { $0.f == 0 }) { return .value(zero.x) }
    for (left, right) in zip(points, points.dropFirst()) where (left.f < 0) != (right.f < 0) {
      return .value(
        whole
          ? try wholeCrossing(index, left.x, left.f, right.x, npv: npv)
          : try regulaFalsi(index, left.x, left.f, right.x, right.f, npv: npv))
    }
    return .noneInRange
  }

  /// Illinois regula falsi on a bracket [a, b] with f(a) and f(b) of opposite signs.
  private static func regulaFalsi(
    _ index: Int, _ a0: Double, _ fa0: Double, _ b0: Double, _ fb0: Double,
    npv: (Double) throws(DiagnosticError) -> [Double]
  ) throws(DiagnosticError) -> Double {
    var (a, fa, b, fb) = (a0, fa0, b0, fb0)
    var side = 0
    for _ in 0..<100 {
      let x = (a * fb - b * fa) / (fb - fa)
      let f = try npv(x)[index]
      if abs(f) < 0.01 || abs(b - a) <= 1e-12 * max(1, abs(x)) { return x }
      if (f < 0) == (fb < 0) {
        (b, fb) = (x, f)
        if side == -1 { fa /= 2 }
        side = -1
      } else {
        (a, fa) = (x, f)
        if side == 1 { fb /= 2 }
        side = 1
      }
    }
    return (a * fb - b * fa) / (fb - fa)
  }

  /// The first whole value past the crossing in [a, b] (a and b whole, f(a) of one sign).
  private static func wholeCrossing(
    _ index: Int, _ a0: Double, _ fa: Double, _ b0: Double, npv: (Double) throws(DiagnosticError) -> [Double]
  ) throws(DiagnosticError) -> Double {
    var (a, b) = (a0, b0)
    while b - a > 1 {
      let middle = ((a + b) / 2).rounded(.down)
      if (try npv(middle)[index] < 0) == (fa < 0) { a = middle } else { b = middle }
    }
    return b
  }
}

import SamkalkCore
import SamkalkEngine

/// What `samkalk compare` ranks measures by, always from society's point of view (`samhallet`).
public enum ComparisonCriterion: String, CaseIterable, Sendable {
  /// Society's NPV, highest first.
  case npv
  /// Society's payback month, earliest first (month 0 first); "not within the horizon" last.
  case payback
  /// Society's benefit-cost ratio, highest first; measures without one (no investment) last.
  case bcr
}

/// One computed measure in a comparison, with where it came from and its place in the ranking.
public struct ComparedMeasure: Sendable {
  public var result: ScenarioResult
  /// The scenario file's path and SHA-256.
  public var context: ReportContext
  /// 1 for the best by the criterion; ties are broken by scenario id, so ranks are 1…n.
  public var rank: Int

  public init(result: ScenarioResult, context: ReportContext, rank: Int) {
    self.result = result
    self.context = context
    self.rank = rank
  }

  public var id: String { result.scenario.id }
  public var society: PerspectiveResult { result.result(for: .samhallet) }
}

/// Several measures side by side, ranked by a criterion, with warnings when they are not
/// comparable as they stand (horizon, discount rate, municipality or rates date differ).
///
/// The ranking compares figures at the precision the reports write them (NPV to the öre, the
/// benefit-cost ratio to six decimals), so two measures that read the same are ordered by id.
public struct MeasureComparison: Sendable {
  public var criterion: ComparisonCriterion
  /// The measures in rank order.
  public var measures: [ComparedMeasure]
  /// One warning per property that differs, located at the first scenario file that differs
  /// from the first measure given.
  public var warnings: [Diagnostic]

  /// Ranks the results: at least two, with different scenario ids (they name the columns).
  public init(
    _ inputs: [(result: ScenarioResult, context: ReportContext)], by criterion: ComparisonCriterion
  ) throws(DiagnosticError) {
    guard inputs.count >= 2 else {
      throw DiagnosticError(
        .error(
          "give at least two scenarios to compare (got \(inputs.count))",
          at: SourceLocation(file: inputs.first?.context.scenarioPath ?? "compare")))
    }
    var seen: [String: String] = [:]
    var problems: [Diagnostic] = []
    for input in inputs {
      let id = input.result.scenario.id
      if let first = seen[id] {
        problems.append(
          .error(
            "scenario id '\(id)' is also the id of '\(first)'; each compared measure needs its own id",
            at: SourceLocation(file: input.context.scenarioPath)))
      } else {
        seen[id] = input.context.scenarioPath
      }
    }
    if !problems.isEmpty { throw DiagnosticError(problems) }
    self.criterion = criterion
    let ordered = inputs.sorted { Self.precedes($0.result, $1.result, by: criterion) }
    measures = ordered.enumerated().map { index, input in
      ComparedMeasure(result: input.result, context: input.context, rank: index + 1)
    }
    warnings = Self.comparabilityWarnings(inputs)
  }

  /// Whether `a` ranks before `b`: by the criterion for society, then by scenario id.
  public static func precedes(_ a: ScenarioResult, _ b: ScenarioResult, by criterion: ComparisonCriterion) -> Bool {
    let left = a.result(for: .samhallet)
    let right = b.result(for: .samhallet)
    switch criterion {
    case .npv:
      let (x, y) = (rounded(left.npv, decimals: 2), rounded(right.npv, decimals: 2))
      if x != y { return x > y }
    case .payback:
      switch (left.payback.month, right.payback.month) {
      case (let x?, let y?) where x != y: return x < y
      case (.some, nil): return true
      case (nil, .some): return false
      default: break
      }
    case .bcr:
      let x = left.benefitCostRatio.map { rounded($0, decimals: 6) }
      let y = right.benefitCostRatio.map { rounded($0, decimals: 6) }
      switch (x, y) {
      case (let x?, let y?) where x != y: return x > y
      case (.some, nil): return true
      case (nil, .some): return false
      default: break
      }
    }
    return a.scenario.id < b.scenario.id
  }

  static func rounded(_ value: Double, decimals: Int) -> Double {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    return (value * scale).rounded(.toNearestOrAwayFromZero)
  }

  /// The warnings for properties that differ between the measures, in the order horizon,
  /// discount rate, municipality, rates date; each lists every value with the ids that have it.
  static func comparabilityWarnings(_ inputs: [(result: ScenarioResult, context: ReportContext)]) -> [Diagnostic] {
    let properties: [(String, (ScenarioResult) -> String)] = [
      ("horizon", { "\($0.scenario.horizonYears) years" }),
      ("discount rate", { "\(percent($0.discountRate)) %" }),
      ("municipality", { "\($0.municipality.code) \($0.municipality.name)" }),
      ("rates date", { $0.scenario.ratesDate.description }),
    ]
    guard let first = inputs.first else { return [] }
    var warnings: [Diagnostic] = []
    for (name, value) in properties {
      var values: [(String, [String])] = []
      for input in inputs {
        let text = value(input.result)
        if let index = values.firstIndex(where: { $0.0 == text }) {
          values[index].1.append(input.result.scenario.id)
        } else {
          values.append((text, [input.result.scenario.id]))
        }
      }
      guard values.count > 1 else { continue }
      let reference = value(first.result)
      let differing = inputs.first { value($0.result) != reference }!
      let list = values.map { "\($0.0) in \(joined($0.1))" }.joined(separator: ", ")
      warnings.append(
        .warning(
          "not comparable as they stand: \(name) differs (\(list))",
          at: SourceLocation(file: differing.context.scenarioPath)))
    }
    return warnings
  }

  /// `3.5` for 0.035: a percentage with at most four decimals, trailing zeros dropped.
  static func percent(_ share: Double) -> String {
    var text = DecimalText.format(share * 100, decimals: 4)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }

  /// `a`, `a and b`, `a, b and c`.
  static func joined(_ ids: [String]) -> String {
    ids.count <= 1 ? ids.joined() : ids.dropLast().joined(separator: ", ") + " and " + ids.last!
  }
}

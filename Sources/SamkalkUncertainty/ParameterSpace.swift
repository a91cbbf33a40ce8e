import SamkalkCore
import SamkalkEngine
import SamkalkRates

/// A parameter an analysis can vary, resolved against the scenario and its base run: its id,
/// base value and how a value is put into an evaluation.
struct AnalysisParameter {
  enum Setter {
    case input(ScenarioParameter)
    case rate(RateKey)
    case kommunal
    case regional
  }

  var id: String
  var kind: ParameterKind
  var unit: String
  var base: Double
  var domain: ParameterDomain
  var isWholeNumber: Bool
  var setter: Setter
  /// The scenario's own `<vary>`, if any.
  var declared: VariedParameter?

  /// Whether setting a value gives the same point whatever was set before
  /// (``ScenarioParameter/overwrites``; always for rates).
  var overwrites: Bool {
    if case .input(let parameter) = setter { return parameter.overwrites }
    return true
  }

  /// Sets `value` on the point (the scenario copy or the rate overrides); throws for a value the
  /// scenario cannot hold (``ScenarioParameter/apply(_:to:)``).
  func apply(_ value: Double, to point: inout EvaluationPoint) throws(ParameterValueError) {
    try applier(value, &point)
  }

  /// A value the scenario cannot hold (``ScenarioParameter/apply(_:to:)``) as a diagnostic at the
  /// parameter's `<vary>`, or at the scenario's file for one the scenario does not declare.
  func diagnostic(_ error: ParameterValueError, in scenario: Scenario) -> DiagnosticError {
    DiagnosticError(.error("\(id): \(error.description)", at: declared?.location ?? scenario.fileLocation))
  }

  /// ``apply(_:to:)`` as a function that holds only what it sets: the Monte Carlo loop calls it
  /// for every varied parameter of every draw, and going through the parameter would copy its
  /// setter (and retain the strings in it) each time.
  var applier: @Sendable (Double, inout EvaluationPoint) throws(ParameterValueError) -> Void {
    switch setter {
    case .input(let parameter):
      { value, point throws(ParameterValueError) in try parameter.apply(value, to: &point.scenario) }
    case .rate(let key): { value, point in point.overrides.numbers[key] = value }
    case .kommunal: { value, point in point.overrides.kommunal = value }
    case .regional: { value, point in point.overrides.regional = value }
    }
  }
}

/// One evaluation's inputs: the scenario as varied and the rates replaced.
struct EvaluationPoint {
  var scenario: Scenario
  var overrides: RateOverrides
}

/// The parameters of a scenario: every numeric input, every numeric rate its result uses and
/// the municipality's two tax rates, in that order, each with its base value.
///
/// Left out of the automatic list (they can still be named in `<vary>`): the calendar
/// conventions `kalender.*` (52 weeks a year is a definition, not an uncertainty).
struct ParameterSpace {
  let parameters: [AnalysisParameter]

  init(scenario: Scenario, result: ScenarioResult) throws(DiagnosticError) {
    var list: [AnalysisParameter] = []
    for input in scenario.parameters {
      list.append(
        AnalysisParameter(
          id: "input:\(input.path)", kind: .input, unit: input.unit, base: input.value, domain: input.domain,
          isWholeNumber: input.isWholeNumber, setter: .input(input)))
    }
    for used in result.ratesUsed {
      guard let number = used.resolved.number, !used.key.rawValue.hasPrefix("kalender.") else { continue }
      list.append(
        AnalysisParameter(
          id: "rate:\(used.key.rawValue)", kind: .rate, unit: used.resolved.value.unit.rawValue, base: number,
          domain: ParameterDomain(rateUnit: used.resolved.value.unit), isWholeNumber: false, setter: .rate(used.key)))
    }
    list.append(
      AnalysisParameter(
        id: "rate:kommunalskatt.kommunal", kind: .rate, unit: "andel", base: result.municipality.kommunal,
        domain: .share, isWholeNumber: false, setter: .kommunal))
    list.append(
      AnalysisParameter(
        id: "rate:kommunalskatt.regional", kind: .rate, unit: "andel", base: result.municipality.regional,
        domain: .share, isWholeNumber: false, setter: .regional))

    // Attach each <vary> to its parameter; one that names a rate the result never reads is an
    // error, since varying it would change nothing.
    var index = Dictionary(list.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    var problems: [Diagnostic] = []
    for varied in scenario.uncertainty.parameters {
      guard let position = index[varied.id] else {
        let location = varied.location ?? scenario.fileLocation
        if case .rate(let key) = varied.target, key.rawValue.hasPrefix("kalender."),
          let number = result.ratesUsed
            .first(where: { $0.key == key })?.resolved.number
        {
          index[varied.id] = list.count
          list.append(
            AnalysisParameter(
              id: varied.id, kind: .rate, unit: "", base: number, domain: .nonNegative, isWholeNumber: false,
              setter: .rate(key), declared: varied))
          continue
        }
        problems.append(
          .error("\(varied.id) is not used by this scenario's result: varying it changes nothing", at: location))
        continue
      }
      list[position].declared = varied
    }
    if !problems.isEmpty { throw DiagnosticError(problems) }
    parameters = list
  }
}

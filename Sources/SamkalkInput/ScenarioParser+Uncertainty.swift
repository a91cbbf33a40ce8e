import SamkalkCore
import SamkalkEngine
import SamkalkRates
import SamkalkXML

/// `<uncertainty>`: which inputs and rates vary, by how much (`low`/`high` for the one-way
/// sensitivity) and how (a distribution for Monte Carlo).
///
/// The attributes each distribution takes:
///
/// | distribution | attributes                                  |
/// |--------------|---------------------------------------------|
/// | uniform      | min, max                                    |
/// | triangular   | min, mode, max                              |
/// | pert         | min, mode, max                              |
/// | normal       | mean, sd, and optionally lower, upper       |
/// | lognormal    | mean, sd (of the value itself)              |
/// | discrete     | values, probabilities (space-separated)     |
extension ScenarioParser {
  /// A `<vary>` read from the file, checked against the scenario once the scenario exists.
  struct PendingVary {
    var parameter: VariedParameter
    var element: XMLElement
  }

  /// Every attribute that belongs to a distribution, and which of them each one takes.
  static let distributionAttributes: [String: [String]] = [
    "uniform": ["min", "max"], "triangular": ["min", "mode", "max"], "pert": ["min", "mode", "max"],
    "normal": ["mean", "sd", "lower", "upper"], "lognormal": ["mean", "sd"], "discrete": ["values", "probabilities"],
  ]

  /// The pseudo-keys for the municipality's tax rates.
  static let municipalRateKeys: Set<String> = ["kommunalskatt.kommunal", "kommunalskatt.regional"]

  mutating func parseUncertainty(_ element: XMLElement, rates: RateBook) -> (UncertaintySpec, [PendingVary]) {
    var spec = UncertaintySpec()
    if element.attribute("draws") != nil {
      spec.draws = integerAttribute(element, "draws", range: 1...UncertaintySpec.maximumDraws)
    }
    if let text = element[attribute: "seed"]?.trimmed {
      if let seed = UInt64(text) {
        spec.seed = seed
      } else {
        error("seed '\(text)' is not a whole number from 0 to 2^64 − 1", element)
      }
    }
    var pending: [PendingVary] = []
    var seen: [String: Int] = [:]
    for vary in element.children(named: "vary") {
      guard let parameter = parseVary(vary, rates: rates) else { continue }
      if let first = seen[parameter.id] {
        error("\(parameter.id) is varied twice (first on line \(first))", vary)
        continue
      }
      seen[parameter.id] = vary.line
      record(vary, path: "uncertainty/vary[\(parameter.id)]")
      pending.append(PendingVary(parameter: parameter, element: vary))
    }
    return (spec, pending)
  }

  private mutating func integerAttribute(_ element: XMLElement, _ name: String, range: ClosedRange<Int>) -> Int? {
    guard let text = element[attribute: name]?.trimmed, let value = Int(text), range.contains(value) else {
      error("'\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound)", element)
      return nil
    }
    return value
  }

  private mutating func parseVary(_ element: XMLElement, rates: RateBook) -> VariedParameter? {
    let input = element[attribute: "input"]?.trimmed
    let rate = element[attribute: "rate"]?.trimmed
    var target: VariedParameter.Target?
    switch (input, rate) {
    case (let path?, nil):
      target = .input(path)
    case (nil, let key?):
      if Self.municipalRateKeys.contains(key) {
        target = .rate(RateKey(key))
      } else if let info = rates.info(for: RateKey(key)) {
        if info.unit == .aktor {
          error("rate '\(key)' names an actor, not a number: it cannot vary", element)
        } else {
          target = .rate(RateKey(key))
        }
      } else {
        let known = rates.keys.map(\.rawValue) + Self.municipalRateKeys
        error("unknown rate '\(key)'\(NameSuggestion.hint(for: key, among: known))", element)
      }
    case (nil, nil):
      error("<vary> needs 'input' (a scenario input's path) or 'rate' (a rate key)", element)
    case (.some, .some):
      error("<vary> gives both 'input' and 'rate': one parameter per <vary>", element)
    }

    let low = decimal(element, "low")
    let high = decimal(element, "high")
    var lowHighValid = true
    if (low == nil) != (high == nil) {
      error("give both 'low' and 'high', or neither", element)
      lowHighValid = false
    } else if let low, let high, !(low < high) {
      error("'low' \(format(low)) must be below 'high' \(format(high))", element)
      lowHighValid = false
    }
    let distribution = parseDistribution(element)
    if low == nil && high == nil && element.attribute("distribution") == nil {
      error("<vary> needs 'low' and 'high' (for sensitivity) or a 'distribution' (for Monte Carlo)", element)
    }
    guard let target, lowHighValid, element.attribute("distribution") == nil || distribution != nil else {
      return nil
    }
    return VariedParameter(
      target: target, low: low, high: high, distribution: distribution, location: document.location(element))
  }

  private mutating func parseDistribution(_ element: XMLElement) -> Distribution? {
    let used = Set(Self.distributionAttributes.values.joined())
    guard let kind = element[attribute: "distribution"]?.trimmed else {
      for name in used.sorted() where element.attribute(name) != nil {
        error("'\(name)' belongs to a distribution: add distribution=\"…\" or remove it", element)
      }
      return nil
    }
    // The schema allows only the six kinds.
    let takes = Self.distributionAttributes[kind] ?? []
    var problems = false
    for name in used.sorted() where element.attribute(name) != nil && !takes.contains(name) {
      error("'\(name)' is not used by a \(kind) distribution (it takes \(takes.joined(separator: ", ")))", element)
      problems = true
    }
    func required(_ name: String) -> Double? {
      if element.attribute(name) == nil {
        error("a \(kind) distribution needs '\(name)'", element)
        return nil
      }
      return decimal(element, name)
    }
    let distribution: Distribution?
    switch kind {
    case "uniform":
      let (min, max) = (required("min"), required("max"))
      distribution = min.flatMap { min in max.map { .uniform(min: min, max: $0) } }
    case "triangular", "pert":
      let (min, mode, max) = (required("min"), required("mode"), required("max"))
      if let min, let mode, let max {
        distribution =
          kind == "pert" ? .pert(min: min, mode: mode, max: max) : .triangular(min: min, mode: mode, max: max)
      } else {
        distribution = nil
      }
    case "normal":
      let (mean, sd) = (required("mean"), required("sd"))
      let lower = decimal(element, "lower")
      let upper = decimal(element, "upper")
      distribution = mean.flatMap { mean in
        sd.map { .normal(mean: mean, standardDeviation: $0, lower: lower, upper: upper) }
      }
    case "lognormal":
      let (mean, sd) = (required("mean"), required("sd"))
      distribution = mean.flatMap { mean in sd.map { .lognormal(mean: mean, standardDeviation: $0) } }
    default:
      let values = numberList(element, "values")
      let probabilities = numberList(element, "probabilities")
      if let values, let probabilities, values.count != probabilities.count {
        error("'values' has \(values.count) numbers but 'probabilities' has \(probabilities.count)", element)
        distribution = nil
      } else {
        distribution = values.flatMap { values in probabilities.map { .discrete(values: values, probabilities: $0) } }
      }
    }
    guard let distribution, !problems else { return nil }
    if let problem = distribution.validationProblem() {
      error(problem, element)
      return nil
    }
    return distribution
  }

  private mutating func numberList(_ element: XMLElement, _ name: String) -> [Double]? {
    guard let text = element[attribute: name] else {
      error("a discrete distribution needs '\(name)'", element)
      return nil
    }
    let items = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
    var numbers: [Double] = []
    for item in items {
      guard Self.isDecimalText(item), let value = Double(item), value.isFinite else {
        error("'\(name)' item '\(item)' is not a decimal number", element)
        return nil
      }
      numbers.append(value)
    }
    if numbers.isEmpty { error("'\(name)' is empty", element) }
    return numbers.isEmpty ? nil : numbers
  }

  /// Checks each `<vary input>` against the scenario's inputs and every range and distribution
  /// against the values its parameter may take.
  mutating func checkUncertainty(_ pending: [PendingVary], of scenario: Scenario) {
    let parameters = Dictionary(scenario.parameters.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    // The first varied branch share of each branching phase, by the phase's path, with its line:
    // a branch share is the one input whose setter does not overwrite (it rescales its siblings).
    var branchings: [String: (path: String, line: Int)] = [:]
    for item in pending {
      guard case .input(let path) = item.parameter.target, parameters[path]?.overwrites == false,
        let branch = path.range(of: "/branch[", options: .backwards)
      else { continue }
      let phase = String(path[..<branch.lowerBound])
      if let first = branchings[phase] {
        // Setting a share rescales its siblings so that the shares add up to 1: a second one set
        // in the same draw would undo the first, and which one wins would depend on the order.
        error(
          "input '\(path)' is a second branch share of '\(phase)' (first '\(first.path)' on line \(first.line)): "
            + "setting a share rescales the other branches to keep the sum at 1, so one share a phase can vary",
          item.element)
      } else {
        branchings[phase] = (path, item.element.line)
      }
    }
    for item in pending {
      let domain: ParameterDomain
      let what: String
      switch item.parameter.target {
      case .input(let path):
        guard let parameter = parameters[path] else {
          error(
            "'\(path)' is not a numeric input of this scenario\(NameSuggestion.hint(for: path, among: parameters.keys))"
              + " (paths are listed by 'samkalk sensitivity --list')", item.element)
          continue
        }
        domain = parameter.domain
        what = "input '\(path)'"
      case .rate(let key):
        domain =
          Self.municipalRateKeys.contains(key.rawValue) ? .share : ParameterDomain(rateUnit: rates.info(for: key)?.unit)
        what = "rate '\(key)'"
      }
      if let low = item.parameter.low, let high = item.parameter.high, !domain.contains(low...high) {
        error("\(what) is \(domain): low \(format(low)) … high \(format(high)) goes outside it", item.element)
      }
      if let distribution = item.parameter.distribution {
        if let support = distribution.support {
          if !domain.contains(support) {
            error(
              "\(what) is \(domain), but \(distribution) can draw values from \(format(support.lowerBound)) to "
                + "\(format(support.upperBound))", item.element)
          }
        } else if domain != .nonNegative || Self.drawsBelowZero(distribution) {
          error(
            "\(what) is \(domain), but \(distribution) is unbounded and can draw values outside it"
              + " (truncate a normal with 'lower' and 'upper')", item.element)
        }
      }
    }
  }

  /// Whether an unbounded distribution can draw below zero (a lognormal never does).
  private static func drawsBelowZero(_ distribution: Distribution) -> Bool {
    switch distribution {
    case .lognormal: false
    case .normal(_, _, let lower, _): (lower ?? -.infinity) < 0
    default: true
    }
  }
}

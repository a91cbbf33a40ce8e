import SamkalkCore
import SamkalkRates

/// The values a numeric scenario input may take.
public enum ParameterDomain: Hashable, Sendable, CustomStringConvertible {
  /// 0–1: extents, shares, adjustments.
  case share
  /// ≥ 0: amounts, counts, persons.
  case nonNegative
  /// A real discount rate: 0 ≤ r < 1.
  case discountRate

  public func contains(_ value: Double) -> Bool {
    switch self {
    case .share: value >= 0 && value <= 1
    case .nonNegative: value >= 0
    case .discountRate: value >= 0 && value < 1
    }
  }

  /// Whether every value of a closed range lies in the domain.
  public func contains(_ range: ClosedRange<Double>) -> Bool {
    contains(range.lowerBound) && contains(range.upperBound)
  }

  /// The domain of a rate: a share for unit `andel`, else 0 or more.
  public init(rateUnit: RateUnit?) {
    self = rateUnit == .andel ? .share : .nonNegative
  }

  public var description: String {
    switch self {
    case .share: "a share between 0 and 1"
    case .nonNegative: "a value of 0 or more"
    case .discountRate: "a discount rate from 0 up to (not including) 1"
    }
  }
}

/// One numeric input of a scenario as the sensitivity and Monte Carlo analyses see it: where it
/// is, its value, and how to set it on a copy of the scenario.
///
/// The path follows the scenario file, with the attribute after `@`:
///
/// | path                                                          | input                         |
/// |---------------------------------------------------------------|-------------------------------|
/// | `outcome[studier]@persons`                                    | the outcome's persons          |
/// | `outcome[studier]@startMonth`                                 | when it leaves the measure     |
/// | `outcome[studier]/phase[1]@months`                            | a phase's length               |
/// | `outcome[studier]/phase[1]/situation[studier]@extent`         | a situation's extent           |
/// | `outcome[x]/phase[1]/branch[behaller]@share`                  | a branch's share               |
/// | `before/service[tjanster.psykiatri_besok]@perMonth`           | service use per month          |
/// | `measure/cost[projektbudget]@amount`                          | a cost's total amount (kr)     |
/// | `adjustments@deadweight`                                      | an adjustment                  |
/// | `discountRate@value`                                          | the scenario's discount rate   |
///
/// Setting an outcome's persons scales its subgroups in proportion; setting a branch's share
/// scales its sibling branches so that the shares still add up to 1. Whole-number inputs
/// (months, start months) are rounded to the nearest whole number when set.
public struct ScenarioParameter: @unchecked Sendable {
  // @unchecked: `set` captures key paths, which are immutable values.
  public var path: String
  public var value: Double
  /// The unit as the file states it: `andel`, `kr/manad`, `kr/ar`, `kr`, `antal`, `manader`, …
  public var unit: String
  public var domain: ParameterDomain
  public var isWholeNumber: Bool
  private let set: (inout Scenario, Double) -> Void

  init(
    path: String, value: Double, unit: String, domain: ParameterDomain, isWholeNumber: Bool = false,
    set: @escaping (inout Scenario, Double) -> Void
  ) {
    self.path = path
    self.value = value
    self.unit = unit
    self.domain = domain
    self.isWholeNumber = isWholeNumber
    self.set = set
  }

  /// Sets the input on `scenario` (rounded first when it is a whole number).
  public func apply(_ value: Double, to scenario: inout Scenario) {
    set(&scenario, isWholeNumber ? value.rounded() : value)
  }
}

extension Scenario {
  /// Every numeric input of the scenario that changes its result, in file order.
  ///
  /// Left out: the horizon, the mandate period and the participants (they frame the analysis
  /// rather than measure the measure; persons of outcomes given as shares are already counts
  /// here), financing shares (a split that must add up to 1, not a quantity) and the
  /// verkningsgrad's potential wage (it does not enter NPV).
  public var parameters: [ScenarioParameter] {
    var list: [ScenarioParameter] = []
    if let rate = discountRate {
      list.append(
        ScenarioParameter(path: "discountRate@value", value: rate, unit: "andel", domain: .discountRate) {
          $0.discountRate = $1
        })
    }
    for (index, cost) in measure.costs.enumerated() {
      list.append(
        ScenarioParameter(
          path: "measure/cost[\(cost.id)]@amount", value: cost.amount.kronor, unit: "kr", domain: .nonNegative
        ) { scenario, value in
          scenario.measure.costs[index].amount = Money.rounding(kronor: value) ?? scenario.measure.costs[index].amount
        })
    }
    list += Self.phaseParameters(before, path: "before", at: [\Scenario.before])
    if during != nil { list += Self.phaseParameters(during!, path: "during", at: [\Scenario.during!]) }
    list += Self.groupParameters(outcomes, prefix: "outcome", at: \Scenario.outcomes)
    if case .alternative(let groups) = comparison {
      list += Self.groupParameters(groups, prefix: "comparison/alternative", at: \Scenario.alternativeGroups)
    }
    let adjustmentFields: [(String, WritableKeyPath<Adjustments, Double>)] = [
      ("deadweight", \.deadweight), ("attribution", \.attribution), ("displacement", \.displacement),
      ("dropOff", \.dropOff), ("optimismBias", \.optimismBias),
    ]
    for (name, field) in adjustmentFields {
      let adjustmentsPath: WritableKeyPath<Scenario, Adjustments> = \Scenario.adjustments
      let keyPath = adjustmentsPath.appending(path: field)
      list.append(
        ScenarioParameter(
          path: "adjustments@\(name)", value: adjustments[keyPath: field], unit: "andel",
          domain: name == "optimismBias" ? .nonNegative : .share
        ) { $0[keyPath: keyPath] = $1 })
    }
    return list
  }

  /// The groups of the comparison alternative, as a settable array (empty under before-persists).
  var alternativeGroups: [Outcome] {
    get {
      if case .alternative(let groups) = comparison { return groups }
      return []
    }
    set { if case .alternative = comparison { comparison = .alternative(newValue) } }
  }

  private static func groupParameters(
    _ groups: [Outcome], prefix: String, at groupsPath: WritableKeyPath<Scenario, [Outcome]>
  ) -> [ScenarioParameter] {
    var list: [ScenarioParameter] = []
    for (index, group) in groups.enumerated() {
      let path = "\(prefix)[\(group.id)]"
      let keyPath = groupsPath.appending(path: \[Outcome][index])
      list.append(
        ScenarioParameter(path: "\(path)@persons", value: group.persons, unit: "antal", domain: .nonNegative) {
          scenario, value in
          let old = scenario[keyPath: keyPath].persons
          scenario[keyPath: keyPath].persons = value
          for sub in scenario[keyPath: keyPath].subgroups.indices {
            let persons = scenario[keyPath: keyPath].subgroups[sub].persons
            scenario[keyPath: keyPath].subgroups[sub].persons = old > 0 ? persons * value / old : 0
          }
        })
      list.append(
        ScenarioParameter(
          path: "\(path)@startMonth", value: Double(group.startMonth), unit: "manad", domain: .nonNegative,
          isWholeNumber: true
        ) { $0[keyPath: keyPath].startMonth = Int($1) })
      if group.before != nil {
        // Without a <during> of its own, a typfall is in its before situation while in the
        // measure too: the reader copies it into `during`, and a change of the before changes both.
        let copied = group.during.map { same($0, group.before) } ?? false
        var targets = [keyPath.appending(path: \Outcome.before!)]
        if copied { targets.append(keyPath.appending(path: \Outcome.during!)) }
        list += phaseParameters(group.before!, path: "\(path)/before", at: targets)
      }
      if group.during != nil, group.during.map({ !same($0, group.before) }) ?? false {
        list += phaseParameters(group.during!, path: "\(path)/during", at: [keyPath.appending(path: \Outcome.during!)])
      }
      list += pathParameters(group.path, path: path, at: keyPath.appending(path: \Outcome.path))
    }
    return list
  }

  /// Whether a group's during phase is its before phase copied (the reader makes it explicit).
  private static func same(_ phase: Phase, _ other: Phase?) -> Bool {
    guard let other else { return false }
    return phase.situations == other.situations && phase.services == other.services && phase.months == other.months
  }

  private static func pathParameters(
    _ phases: [Phase], path: String, at phasesPath: WritableKeyPath<Scenario, [Phase]>
  ) -> [ScenarioParameter] {
    var list: [ScenarioParameter] = []
    for (index, phase) in phases.enumerated() {
      let phasePath = "\(path)/phase[\(index + 1)]"
      let keyPath = phasesPath.appending(path: \[Phase][index])
      if let months = phase.months {
        list.append(
          ScenarioParameter(
            path: "\(phasePath)@months", value: Double(months), unit: "manader", domain: .nonNegative,
            isWholeNumber: true
          ) { $0[keyPath: keyPath].months = max(1, Int($1)) })
      }
      list += phaseParameters(phase, path: phasePath, at: [keyPath])
      for (branchIndex, branch) in phase.branches.enumerated() {
        let branchPath = "\(phasePath)/branch[\(branch.id)]"
        let branchesPath = keyPath.appending(path: \Phase.branches)
        list.append(
          ScenarioParameter(path: "\(branchPath)@share", value: branch.share, unit: "andel", domain: .share) {
            scenario, value in
            var branches = scenario[keyPath: branchesPath]
            let rest = 1 - branches[branchIndex].share
            for other in branches.indices where other != branchIndex {
              branches[other].share =
                rest > 0 ? branches[other].share * (1 - value) / rest : (1 - value) / Double(branches.count - 1)
            }
            branches[branchIndex].share = value
            scenario[keyPath: branchesPath] = branches
          })
        list += pathParameters(
          branch.path, path: branchPath, at: branchesPath.appending(path: \[Branch][branchIndex].path))
      }
    }
    return list
  }

  /// The inputs of a phase; each is set at every one of `phasePaths` (a phase and its copies).
  private static func phaseParameters(
    _ phase: Phase, path: String, at phasePaths: [WritableKeyPath<Scenario, Phase>]
  ) -> [ScenarioParameter] {
    func field<Value>(_ field: WritableKeyPath<Phase, Value>) -> [WritableKeyPath<Scenario, Value>] {
      phasePaths.map { $0.appending(path: field) }
    }
    var list: [ScenarioParameter] = []
    var seen: [String: Int] = [:]
    for (index, share) in phase.situations.enumerated() {
      let type = share.situation.rawValue
      seen[type, default: 0] += 1
      let name = seen[type]! == 1 ? type : "\(type):\(seen[type]!)"
      let situationPath = "\(path)/situation[\(name)]"
      let extents = field(\Phase.situations[index].extent)
      list.append(
        ScenarioParameter(path: "\(situationPath)@extent", value: share.extent, unit: "andel", domain: .share) {
          scenario, value in
          for keyPath in extents { scenario[keyPath: keyPath] = value }
        })
      let optionalFields: [(String, WritableKeyPath<SituationShare, Double?>, String, ParameterDomain)] = [
        ("wage", \.monthlyWage, "kr/manad", .nonNegative), ("subsidyFactor", \.subsidyFactor, "faktor", .nonNegative),
        ("subsidyShare", \.subsidyShare, "andel", .share), ("annualIncome", \.annualIncome, "kr/ar", .nonNegative),
        ("monthlyAmount", \.monthlyAmount, "kr/manad", .nonNegative),
      ]
      for (attribute, situationField, unit, domain) in optionalFields {
        guard let value = share[keyPath: situationField] else { continue }
        let situation: WritableKeyPath<Phase, SituationShare> = \Phase.situations[index]
        let targets = field(situation.appending(path: situationField))
        list.append(
          ScenarioParameter(path: "\(situationPath)@\(attribute)", value: value, unit: unit, domain: domain) {
            scenario, value in
            for keyPath in targets { scenario[keyPath: keyPath] = value }
          })
      }
    }
    for (index, service) in phase.services.enumerated() {
      let targets = field(\Phase.services[index].perMonth)
      list.append(
        ScenarioParameter(
          path: "\(path)/service[\(service.item.rawValue)]@perMonth", value: service.perMonth, unit: "antal/manad",
          domain: .nonNegative
        ) { scenario, value in
          for keyPath in targets { scenario[keyPath: keyPath] = value }
        })
    }
    return list
  }
}

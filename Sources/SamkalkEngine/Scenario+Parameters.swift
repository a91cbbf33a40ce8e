import SamkalkCore
import SamkalkRates

/// The values a numeric scenario input may take.
public enum ParameterDomain: Hashable, Sendable, CustomStringConvertible {
  /// 0–1: extents, shares, adjustments.
  case share
  /// ≥ 0: amounts, counts, persons.
  case nonNegative
  /// ≥ 1: a phase's length in months (a phase of no months is no phase).
  case atLeastOne
  /// A real discount rate: 0 ≤ r < 1.
  case discountRate

  public func contains(_ value: Double) -> Bool {
    switch self {
    case .share: value >= 0 && value <= 1
    case .nonNegative: value >= 0
    case .atLeastOne: value >= 1
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
    case .atLeastOne: "a value of 1 or more"
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
  // @unchecked: `set` captures only immutable values (locations, indices, names).
  public var path: String
  public var value: Double
  /// The unit as the file states it, spelt as the rate tables spell units: `andel`, `kr/månad`, `kr/år`, `kr`, `antal`, `månader`, …
  public var unit: String
  public var domain: ParameterDomain
  public var isWholeNumber: Bool
  /// Whether setting the input gives the same scenario whatever value it held before: true for
  /// every input but a branch's share, which rescales its sibling branches from their current
  /// shares. An analysis that sets such inputs may set draw after draw on one copy of the
  /// scenario instead of a fresh copy each time (which copies every array it changes).
  public let overwrites: Bool
  private let set: (inout Scenario, Double) throws(ParameterValueError) -> Void

  init(
    path: String, value: Double, unit: String, domain: ParameterDomain, isWholeNumber: Bool = false,
    overwrites: Bool = true, set: @escaping (inout Scenario, Double) throws(ParameterValueError) -> Void
  ) {
    self.path = path
    self.value = value
    self.unit = unit
    self.domain = domain
    self.isWholeNumber = isWholeNumber
    self.overwrites = overwrites
    self.set = set
  }

  /// Sets the input on `scenario`, the scenario it was read from or a copy of it with inputs
  /// set (rounded first when it is a whole number). Throws, leaving the scenario as it was, for
  /// a value the scenario cannot hold: an amount beyond what whole öre can count, a month or a
  /// length that is no whole number of months — an analysis must not go on with the last value
  /// instead.
  public func apply(_ value: Double, to scenario: inout Scenario) throws(ParameterValueError) {
    try set(&scenario, isWholeNumber ? value.rounded() : value)
  }

  /// `value` as a whole number of at least `minimum`, or an error saying what it should be.
  static func whole(_ value: Double, atLeast minimum: Int, _ what: String) throws(ParameterValueError) -> Int {
    guard let whole = Int(exactly: value), whole >= minimum else {
      throw ParameterValueError("\(what) must be a whole number of \(minimum) or more, not \(value)")
    }
    return whole
  }
}

/// A value a scenario input cannot take, found when an analysis sets it.
public struct ParameterValueError: Error, CustomStringConvertible {
  public var description: String
  init(_ description: String) { self.description = description }
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
        ) { scenario, value throws(ParameterValueError) in
          guard let amount = Money.rounding(kronor: value) else {
            throw ParameterValueError("the amount \(value) kr is more than whole öre can count")
          }
          scenario.measure.costs[index].amount = amount
        })
    }
    list += Self.phaseParameters(before, path: "before", at: [.before])
    if let during { list += Self.phaseParameters(during, path: "during", at: [.during]) }
    list += Self.groupParameters(outcomes, prefix: "outcome", kind: GroupLocation.outcome)
    if case .alternative(let groups) = comparison {
      list += Self.groupParameters(groups, prefix: "comparison/alternative", kind: GroupLocation.alternative)
    }
    let adjustmentFields: [(String, WritableKeyPath<Adjustments, Double>)] = [
      ("deadweight", \.deadweight), ("attribution", \.attribution), ("displacement", \.displacement),
      ("dropOff", \.dropOff), ("optimismBias", \.optimismBias), ("optimismBiasBenefits", \.optimismBiasBenefits),
    ]
    for (name, field) in adjustmentFields {
      let value = adjustments[keyPath: field]
      let domain: ParameterDomain = name == "optimismBias" ? .nonNegative : .share
      list.append(
        ScenarioParameter(path: "adjustments@\(name)", value: value, unit: "andel", domain: domain) { scenario, value in
          switch name {
          case "deadweight": scenario.adjustments.deadweight = value
          case "attribution": scenario.adjustments.attribution = value
          case "displacement": scenario.adjustments.displacement = value
          case "dropOff": scenario.adjustments.dropOff = value
          case "optimismBiasBenefits": scenario.adjustments.optimismBiasBenefits = value
          default: scenario.adjustments.optimismBias = value
          }
        })
    }
    list.append(
      ScenarioParameter(
        path: "adjustments@optimismBiasDelayMonths", value: Double(adjustments.optimismBiasDelayMonths),
        unit: "månad", domain: .nonNegative, isWholeNumber: true
      ) { scenario, value throws(ParameterValueError) in
        scenario.adjustments.optimismBiasDelayMonths = try ScenarioParameter.whole(
          value, atLeast: 0, "a delay in months")
      })
    return list
  }

  private static func groupParameters(
    _ groups: [Outcome], prefix: String, kind: (Int) -> GroupLocation
  ) -> [ScenarioParameter] {
    var list: [ScenarioParameter] = []
    for (index, group) in groups.enumerated() {
      let path = "\(prefix)[\(group.id)]"
      let location = kind(index)
      // The subgroups in proportion to the scenario's own, not to whatever they were last set to:
      // setting a value twice gives the same scenario (``ScenarioParameter/overwrites``).
      let (persons, subgroups) = (group.persons, group.subgroups.map(\.persons))
      list.append(
        ScenarioParameter(path: "\(path)@persons", value: group.persons, unit: "antal", domain: .nonNegative) {
          scenario, value in
          scenario.modifyGroup(location) { group in
            group.persons = value
            for sub in group.subgroups.indices {
              group.subgroups[sub].persons = persons > 0 ? subgroups[sub] * value / persons : 0
            }
          }
        })
      list.append(
        ScenarioParameter(
          path: "\(path)@startMonth", value: Double(group.startMonth), unit: "månad", domain: .nonNegative,
          isWholeNumber: true
        ) { scenario, value throws(ParameterValueError) in
          let month = try ScenarioParameter.whole(value, atLeast: 0, "a start month")
          scenario.modifyGroup(location) { $0.startMonth = month }
        })
      if let before = group.before {
        // Without a <during> of its own, a typfall is in its before situation while in the
        // measure too: the reader copies it into `during`, and a change of the before changes both.
        let copied = group.during.map { same($0, before) } ?? false
        list += phaseParameters(
          before, path: "\(path)/before",
          at: copied ? [.groupBefore(location), .groupDuring(location)] : [.groupBefore(location)])
      }
      if let during = group.during, !same(during, group.before) {
        list += phaseParameters(during, path: "\(path)/during", at: [.groupDuring(location)])
      }
      list += pathParameters(group.path, path: path, at: .group(location))
    }
    return list
  }

  /// Whether a group's during phase is its before phase copied (the reader makes it explicit).
  private static func same(_ phase: Phase, _ other: Phase?) -> Bool {
    guard let other else { return false }
    return phase.situations == other.situations && phase.services == other.services && phase.months == other.months
  }

  private static func pathParameters(_ phases: [Phase], path: String, at pathLocation: PathLocation)
    -> [ScenarioParameter]
  {
    var list: [ScenarioParameter] = []
    for (index, phase) in phases.enumerated() {
      let phasePath = "\(path)/phase[\(index + 1)]"
      let location = PhaseLocation.pathPhase(pathLocation, index)
      if let months = phase.months {
        list.append(
          ScenarioParameter(
            path: "\(phasePath)@months", value: Double(months), unit: RateUnit.manader.rawValue, domain: .atLeastOne,
            isWholeNumber: true
          ) { scenario, value throws(ParameterValueError) in
            let length = try ScenarioParameter.whole(value, atLeast: 1, "a phase's length in months")
            scenario.modifyPhase(location) { $0.months = length }
          })
      }
      list += phaseParameters(phase, path: phasePath, at: [location])
      for (branchIndex, branch) in phase.branches.enumerated() {
        let branchPath = "\(phasePath)/branch[\(branch.id)]"
        list.append(
          ScenarioParameter(
            path: "\(branchPath)@share", value: branch.share, unit: "andel", domain: .share, overwrites: false
          ) { scenario, value in
            scenario.modifyPhase(location) { phase in
              let rest = 1 - phase.branches[branchIndex].share
              let count = Double(phase.branches.count - 1)
              for other in phase.branches.indices where other != branchIndex {
                phase.branches[other].share =
                  rest > 0 ? phase.branches[other].share * (1 - value) / rest : (1 - value) / count
              }
              phase.branches[branchIndex].share = value
            }
          })
        list += pathParameters(
          branch.path, path: branchPath, at: .branch(pathLocation, phase: index, branch: branchIndex))
      }
    }
    return list
  }

  /// The inputs of a phase; each is set at every one of `locations` (a phase and its copies).
  private static func phaseParameters(_ phase: Phase, path: String, at locations: [PhaseLocation])
    -> [ScenarioParameter]
  {
    var list: [ScenarioParameter] = []
    var seen: [String: Int] = [:]
    for (index, share) in phase.situations.enumerated() {
      let type = share.situation.rawValue
      seen[type, default: 0] += 1
      let name = seen[type]! == 1 ? type : "\(type):\(seen[type]!)"
      let situationPath = "\(path)/situation[\(name)]"
      list.append(
        ScenarioParameter(path: "\(situationPath)@extent", value: share.extent, unit: "andel", domain: .share) {
          scenario, value in
          for location in locations { scenario.modifyPhase(location) { $0.situations[index].extent = value } }
        })
      let optionalFields: [(String, WritableKeyPath<SituationShare, Double?>, String, ParameterDomain)] = [
        ("wage", \.monthlyWage, "kr/månad", .nonNegative), ("subsidyFactor", \.subsidyFactor, "faktor", .nonNegative),
        ("subsidyShare", \.subsidyShare, "andel", .share), ("annualIncome", \.annualIncome, "kr/år", .nonNegative),
        ("monthlyAmount", \.monthlyAmount, "kr/månad", .nonNegative),
        ("priorIncome", \.priorMonthlyIncome, "kr/månad", .nonNegative),
      ]
      for (attribute, field, unit, domain) in optionalFields {
        guard let value = share[keyPath: field] else { continue }
        list.append(
          ScenarioParameter(path: "\(situationPath)@\(attribute)", value: value, unit: unit, domain: domain) {
            scenario, value in
            for location in locations {
              scenario.modifyPhase(location) { phase in
                switch attribute {
                case "wage": phase.situations[index].monthlyWage = value
                case "subsidyFactor": phase.situations[index].subsidyFactor = value
                case "subsidyShare": phase.situations[index].subsidyShare = value
                case "annualIncome": phase.situations[index].annualIncome = value
                case "priorIncome": phase.situations[index].priorMonthlyIncome = value
                default: phase.situations[index].monthlyAmount = value
                }
              }
            }
          })
      }
    }
    for (index, service) in phase.services.enumerated() {
      list.append(
        ScenarioParameter(
          path: "\(path)/service[\(service.item.rawValue)]@perMonth", value: service.perMonth, unit: "antal/månad",
          domain: .nonNegative
        ) { scenario, value in
          for location in locations { scenario.modifyPhase(location) { $0.services[index].perMonth = value } }
        })
    }
    return list
  }

  // MARK: - Locations
  //
  // Setters navigate by hand rather than through key paths: a key path through an optional or
  // an array subscript costs a runtime lookup on every write, and a Monte Carlo draw writes
  // every varied input.

  /// An outcome, or a group of the comparison alternative, by position.
  enum GroupLocation {
    case outcome(Int)
    case alternative(Int)
  }

  /// A path of phases: a group's own, or a branch's within a phase of another path.
  indirect enum PathLocation {
    case group(GroupLocation)
    case branch(PathLocation, phase: Int, branch: Int)
  }

  /// A phase: the scenario's before or during, a group's before or during, or a phase of a path.
  enum PhaseLocation {
    case before
    case during
    case groupBefore(GroupLocation)
    case groupDuring(GroupLocation)
    case pathPhase(PathLocation, Int)
  }

  mutating func modifyGroup(_ location: GroupLocation, _ body: (inout Outcome) -> Void) {
    switch location {
    case .outcome(let index): body(&outcomes[index])
    case .alternative(let index):
      guard case .alternative(var groups) = comparison else { return }
      comparison = .beforePersists  // let go of the array so that it is changed in place
      body(&groups[index])
      comparison = .alternative(groups)
    }
  }

  mutating func modifyPath(_ location: PathLocation, _ body: (inout [Phase]) -> Void) {
    switch location {
    case .group(let group): modifyGroup(group) { body(&$0.path) }
    case .branch(let parent, let phase, let branch): modifyPath(parent) { body(&$0[phase].branches[branch].path) }
    }
  }

  mutating func modifyPhase(_ location: PhaseLocation, _ body: (inout Phase) -> Void) {
    switch location {
    case .before: body(&before)
    case .during: if during != nil { body(&during!) }
    case .groupBefore(let group): modifyGroup(group) { if $0.before != nil { body(&$0.before!) } }
    case .groupDuring(let group): modifyGroup(group) { if $0.during != nil { body(&$0.during!) } }
    case .pathPhase(let path, let index): modifyPath(path) { body(&$0[index]) }
    }
  }
}

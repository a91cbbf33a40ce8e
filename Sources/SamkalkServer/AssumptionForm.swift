import SamkalkCore
import SamkalkEngine

/// The assumptions decision-makers argue about, as form fields: persons per outcome, the branch
/// shares of each phase that branches (retention after subsidies), deadweight, drop-off, horizon,
/// discount rate, municipality and rates year.
///
/// ``fields(for:)`` lists them with the scenario's values; ``apply(_:to:)`` reads a submitted
/// form back into a changed `Scenario` for the engine, or says what is wrong with each value.
public struct AssumptionForm: Sendable {
  /// A titled group of fields; branch shares of one phase form one group (they add up to 100 %).
  public struct Group: Sendable {
    public var title: String
    public var fields: [AssumptionField]
    /// Set for a group of branch shares: they must add up to 1.
    public var sharesAddUpToOne: Bool
  }

  /// The groups in the order the form shows them.
  public var groups: [Group]

  /// Marks a submitted form (the form's hidden input), so a bare page view is not a submission.
  public static let submitField = "apply"

  /// Every field of every group, in form order.
  public var fields: [AssumptionField] { groups.flatMap(\.fields) }

  /// The fields for `scenario`; `discountRate` is the rate the run used (the scenario's or the
  /// rate table's standard), shown when the scenario states none.
  public init(scenario: Scenario, discountRate: Double) {
    var groups: [Group] = []
    let typfall = scenario.population == .typfall
    groups.append(
      Group(
        title: typfall ? "Typfall (vikt i personer)" : "Utfall (personer per utfall)",
        fields: scenario.outcomes.map { outcome in
          AssumptionField(
            name: "persons.\(outcome.id)", label: outcome.label ?? outcome.id, kind: .persons,
            text: AssumptionField.numberText(outcome.persons))
        }, sharesAddUpToOne: false))
    for outcome in scenario.outcomes {
      Self.visitBranchingPhases(outcome.path, key: "share.\(outcome.id)") { key, phase, index in
        let where_ = "\(outcome.label ?? outcome.id), fas \(index + 1) (\(phase.months ?? 0) mån)"
        groups.append(
          Group(
            title: "Andelar efter \(where_)",
            fields: phase.branches.map { branch in
              AssumptionField(
                name: "\(key).\(branch.id)", label: branch.id, kind: .percent,
                text: AssumptionField.percentText(branch.share))
            }, sharesAddUpToOne: true))
      }
    }
    groups.append(
      Group(
        title: "Justeringar",
        fields: [
          AssumptionField(
            name: "deadweight", label: "Dödviktsandel (hade skett ändå)", kind: .percent,
            text: AssumptionField.percentText(scenario.adjustments.deadweight)),
          AssumptionField(
            name: "dropOff", label: "Avtagande effekt per år", kind: .percent,
            text: AssumptionField.percentText(scenario.adjustments.dropOff)),
        ], sharesAddUpToOne: false))
    groups.append(
      Group(
        title: "Kalkyl",
        fields: [
          AssumptionField(
            name: "horizon", label: "Kalkylperiod", kind: .years, text: String(scenario.horizonYears)),
          AssumptionField(
            name: "discountRate", label: "Kalkylränta (real)", kind: .percent,
            text: AssumptionField.percentText(scenario.discountRate ?? discountRate)),
          AssumptionField(
            name: "municipality", label: "Kommun (kommunkod)", kind: .municipality, text: scenario.municipality),
          AssumptionField(
            name: "ratesYear", label: "Prisår för satserna", kind: .year, text: String(scenario.ratesDate.year)),
        ], sharesAddUpToOne: false))
    self.groups = groups
  }

  /// Calls `body` for every phase with branches in `path` and, recursively, in the branches'
  /// paths, with a key naming the phase: `share.<outcome>.<phase>[.<branch>.<phase>…]`.
  static func visitBranchingPhases(_ path: [Phase], key: String, _ body: (String, Phase, Int) -> Void) {
    for (index, phase) in path.enumerated() where !phase.branches.isEmpty {
      let phaseKey = "\(key).\(index + 1)"
      body(phaseKey, phase, index)
      for branch in phase.branches {
        visitBranchingPhases(branch.path, key: "\(phaseKey).\(branch.id)", body)
      }
    }
  }

  /// The same walk as ``visitBranchingPhases(_:key:_:)``, able to change the branches.
  static func updateBranchingPhases(_ path: inout [Phase], key: String, _ body: (String, inout Phase) -> Void) {
    for index in path.indices where !path[index].branches.isEmpty {
      let phaseKey = "\(key).\(index + 1)"
      body(phaseKey, &path[index])
      for branch in path[index].branches.indices {
        updateBranchingPhases(
          &path[index].branches[branch].path, key: "\(phaseKey).\(path[index].branches[branch].id)", body)
      }
    }
  }
}

import SamkalkCore

/// Results by sex and by age band (ESF reporting asks for women/men/total).
///
/// For each value of a dimension (kvinna, man, and `ej_angivet` for persons the scenario does
/// not place) the subgroup's ledgers hold only its own groups; the measure's cost is split
/// among the subgroups in proportion to their persons, to the öre, so the subgroups of a
/// dimension add up exactly to the total.
struct SubgroupAnalysis {
  let booking: GroupBooking
  let evaluation: Evaluation

  func results(basisGroups: [PopulationGroup], afterGroups: [PopulationGroup], measure: Ledger) throws
    -> [SubgroupResult]
  {
    let named = afterGroups.map(\.subgroup)
    guard named.contains(where: { $0 != Subgroup() }) else { return [] }
    var results: [SubgroupResult] = []
    let sexes = Set(named.map(\.sex))
    if sexes.contains(where: { $0 != nil }) {
      let keys = sexes.sorted { ($0?.rawValue ?? "~") < ($1?.rawValue ?? "~") }.map { Subgroup(sex: $0) }
      results += try family(keys, matches: { $0.sex == $1.sex }, basisGroups, afterGroups, measure)
    }
    let bands = Set(named.map(\.ageBand))
    if bands.contains(where: { $0 != nil }) {
      let keys = bands.sorted { ($0 ?? "~") < ($1 ?? "~") }.map { Subgroup(ageBand: $0) }
      results += try family(keys, matches: { $0.ageBand == $1.ageBand }, basisGroups, afterGroups, measure)
    }
    return results
  }

  /// One dimension: a result for each key, with the measure's cost split by persons.
  private func family(
    _ keys: [Subgroup], matches: (Subgroup, Subgroup) -> Bool, _ basisGroups: [PopulationGroup],
    _ afterGroups: [PopulationGroup], _ measure: Ledger
  ) throws -> [SubgroupResult] {
    let persons = keys.map { key in afterGroups.filter { matches($0.subgroup, key) }.reduce(0) { $0 + $1.persons } }
    var measures = keys.map { _ in Ledger(months: measure.months, keepsFlows: false) }
    for flow in measure.flows {
      for (index, part) in flow.amount.split(proportionalTo: persons).enumerated() {
        measures[index].record(
          month: flow.month, from: flow.payer, to: flow.payee, item: flow.item, amount: part, kind: flow.kind)
      }
    }
    return try keys.enumerated().map { index, key in
      let arms = try booking.arms(
        basis: basisGroups.filter { matches($0.subgroup, key) }, after: afterGroups.filter { matches($0.subgroup, key) }
      )
      return SubgroupResult(
        subgroup: key, participants: persons[index],
        perspectives: Perspective.all.map { evaluation.result(for: $0, arms: arms, measure: measures[index]) })
    }
  }
}

import SamkalkCore
import SamkalkEngine
import SamkalkRates
import Testing

/// Each Monte Carlo thread draws on a copy of the scenario in storage of its own: the copy must
/// be the same scenario (the same results, bit for bit) and share none of the arrays a draw
/// reads.
@Suite struct ScenarioUnsharedCopyTests {
  @Test(arguments: shippedScenarioNames())
  func theCopyGivesTheSameResultsFromStorageOfItsOwn(name: String) throws {
    let scenario = try shippedScenario(name)
    let copy = scenario.unsharedCopy()
    let rates = try shippedRates()
    let original = try Calculator(rates: rates).run(scenario)
    let copied = try Calculator(rates: rates).run(copy)
    #expect(copied.perspectives.map(\.npv) == original.perspectives.map(\.npv))
    #expect(copied.perspectives.map(\.payback) == original.perspectives.map(\.payback))

    #expect(!sharesStorage(copy.outcomes, scenario.outcomes))
    #expect(!sharesStorage(copy.measure.costs, scenario.measure.costs))
    expectUnshared(copy.before, scenario.before, "before")
    for (index, outcome) in scenario.outcomes.enumerated() {
      #expect(!sharesStorage(copy.outcomes[index].subgroups, outcome.subgroups), "\(outcome.id) subgroups")
      #expect(!sharesStorage(copy.outcomes[index].path, outcome.path), "\(outcome.id) path")
      for (position, phase) in outcome.path.enumerated() {
        expectUnshared(copy.outcomes[index].path[position], phase, "\(outcome.id) phase \(position + 1)")
      }
    }
  }

  /// A plain copy shares every array: the check above could not pass by accident.
  @Test func aPlainCopySharesItsStorage() throws {
    let scenario = try shippedScenario("porten-2016-2018-osakerhet.xml")
    let copy = scenario
    #expect(sharesStorage(copy.outcomes, scenario.outcomes))
    #expect(sharesStorage(copy.before.situations, scenario.before.situations))
  }

  private func expectUnshared(_ copy: Phase, _ phase: Phase, _ label: String) {
    #expect(!sharesStorage(copy.situations, phase.situations), "\(label) situations")
    #expect(!sharesStorage(copy.services, phase.services), "\(label) services")
    #expect(!sharesStorage(copy.branches, phase.branches), "\(label) branches")
    for (index, branch) in phase.branches.enumerated() {
      for (position, inner) in branch.path.enumerated() {
        expectUnshared(copy.branches[index].path[position], inner, "\(label) branch \(branch.id) phase \(position + 1)")
      }
    }
  }

  /// Whether two non-empty arrays use the same buffer (empty arrays share the empty singleton).
  private func sharesStorage<Element>(_ one: [Element], _ other: [Element]) -> Bool {
    guard !one.isEmpty else { return false }
    return one.withUnsafeBufferPointer { first in
      other.withUnsafeBufferPointer { second in first.baseAddress == second.baseAddress }
    }
  }
}

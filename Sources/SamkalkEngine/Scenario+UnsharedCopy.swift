/// Copies of a scenario that share no array storage with it, one for each thread of a Monte
/// Carlo run.
///
/// A Swift copy of a scenario shares its arrays' storage, and every draw retains and releases
/// some of it (a phase looked up, a run's profile). The count sits in the storage's first
/// cache line: when two threads retain the same storage, that line moves between the cores at
/// every count. With a scenario (and an evaluator built from it) of its own, made by the thread
/// itself, each thread counts on storage only it touches: 100 000 draws of the Porten scenario
/// on two threads took 1.078 s sharing the scenario and 1.049 s with a copy each (the same
/// figures, bit for bit).
extension Scenario {
  /// The same scenario, its phases, outcomes and costs in new storage (strings stay shared: a
  /// draw copies few of them, the cost items' and branches' ids).
  public func unsharedCopy() -> Scenario {
    var copy = self
    copy.before = before.unsharedCopy()
    copy.during = during?.unsharedCopy()
    copy.outcomes = outcomes.map { $0.unsharedCopy() }
    if case .alternative(let groups) = comparison { copy.comparison = .alternative(groups.map { $0.unsharedCopy() }) }
    copy.measure.costs = measure.costs.map { cost in
      var copy = cost
      copy.financing = cost.financing?.map { $0 }
      return copy
    }
    copy.measure.financing = measure.financing.map { $0 }
    return copy
  }
}

extension Outcome {
  func unsharedCopy() -> Outcome {
    var copy = self
    copy.path = path.map { $0.unsharedCopy() }
    copy.before = before?.unsharedCopy()
    copy.during = during?.unsharedCopy()
    copy.subgroups = subgroups.map { $0 }
    return copy
  }
}

extension Phase {
  func unsharedCopy() -> Phase {
    // `map` always writes a new buffer (an `Array(_:)` of an array would share it).
    Phase(
      months: months, situations: situations.map { $0 }, services: services.map { $0 },
      branches: branches.map { Branch(id: $0.id, share: $0.share, path: $0.path.map { $0.unsharedCopy() }) })
  }
}

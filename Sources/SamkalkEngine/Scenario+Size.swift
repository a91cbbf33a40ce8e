/// The size of a computation, bounded so that a small hostile file cannot make samkalk use
/// gigabytes: 400 outcomes over 100 years, a 57 kB file, kept 260 MB of ledgers.
extension Scenario {
  /// The most group-months (population groups × months of the horizon) a scenario may need.
  /// 120 000 is 100 groups over 100 years, or 1 000 over 10; the shipped scenarios need at most
  /// a few hundred groups-years. The reader refuses a larger scenario at its `<outcomes>`, the
  /// engine any scenario changed past it (e.g. a longer horizon in `samkalk serve`).
  public static let maxGroupMonths = 120_000

  /// The population groups the engine computes: in the after arm each outcome's subgroups times
  /// the ends of its branches; in the comparison basis each outcome's subgroups, or each
  /// alternative's groups times the outcomes' distinct subgroups. Saturates at `Int.max`.
  public var groupCount: Int {
    var after = 0
    for outcome in outcomes {
      after = Self.saturating(
        after, plus: Self.saturating(max(1, outcome.subgroups.count), times: Self.leaves(outcome.path)))
    }
    var basis = 0
    switch comparison {
    case .beforePersists:
      for outcome in outcomes { basis = Self.saturating(basis, plus: max(1, outcome.subgroups.count)) }
    case .alternative(let alternatives):
      var subgroups = Set<Subgroup>()
      for outcome in outcomes {
        if outcome.subgroups.isEmpty { subgroups.insert(Subgroup()) }
        for share in outcome.subgroups { subgroups.insert(share.subgroup) }
      }
      for alternative in alternatives {
        let groups = Self.saturating(max(1, alternative.subgroups.count), times: Self.leaves(alternative.path))
        basis = Self.saturating(basis, plus: Self.saturating(groups, times: subgroups.count))
      }
    }
    return Self.saturating(after, plus: basis)
  }

  /// ``groupCount`` × ``months``, saturating: the work and memory of a run grow with it.
  public var groupMonths: Int { Self.saturating(groupCount, times: months) }

  /// The message when ``groupMonths`` exceeds ``maxGroupMonths``; nil when the scenario fits.
  public var sizeProblem: String? {
    guard groupMonths > Self.maxGroupMonths else { return nil }
    let count = groupCount == Int.max ? "more than \(Int.max)" : String(groupCount)
    return "the scenario needs \(count) population groups over \(months) months "
      + "(\(groupMonths == Int.max ? "too many" : String(groupMonths)) group-months), more than the limit of "
      + "\(Self.maxGroupMonths) group-months: use fewer outcomes, subgroups or branches, or a shorter horizon"
  }

  /// The ends of a path: one, or the sum over the branches of its branching phase.
  static func leaves(_ path: [Phase]) -> Int {
    guard let phase = path.first(where: { !$0.branches.isEmpty }) else { return 1 }
    var count = 0
    for branch in phase.branches { count = saturating(count, plus: leaves(branch.path)) }
    return max(1, count)
  }

  static func saturating(_ a: Int, plus b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? Int.max : sum
  }

  static func saturating(_ a: Int, times b: Int) -> Int {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? Int.max : product
  }
}

import SamkalkCore
import SamkalkRates

/// A scenario's groups worked out once for all the draws of an analysis: which phase each
/// group follows over which months, and for how many persons, as positions in the scenario
/// rather than as values.
///
/// A Monte Carlo draw mostly varies amounts (wages, extents, persons, costs, rates), not the
/// shape of the paths (start months, phase lengths, branch shares), and building the groups
/// afresh every draw (``GroupBuilder``) costs more than evaluating them. A draw whose
/// scenario has the base's shape (``shape(of:into:)``, checked every draw) takes its groups
/// from the plan instead: each phase's profile is the base run's when the phase's situations,
/// services and the rates its profile read are the base's, else computed; the persons are read
/// from the draw's outcomes. The groups are then the ones ``GroupBuilder`` builds, run for run
/// (the same phases filled to the same months, so the same runs merge), which the tests check
/// on every shipped scenario.
///
/// | phase in the draw                         | its profile            |
/// |-------------------------------------------|------------------------|
/// | as in the base, rates as in the base      | the base run's         |
/// | a situation or service varied             | computed for the draw  |
/// | as in the base, a rate it reads varied    | computed for the draw  |
final class DrawPlan {
  /// Where a phase is in a scenario.
  enum Source: Hashable {
    case before
    case during
    case outcomeBefore(Int)
    case outcomeDuring(Int)
    /// An outcome's path: phase index, then (branch index, phase index) pairs down the branches.
    case path(outcome: Int, steps: [Int])
  }

  /// Fill a group's runs with the profile of phase `slot` up to month `end`.
  struct Step {
    var slot: Int
    var end: Int
  }

  /// A group: an outcome's subgroup (−1: the outcome without subgroups), the share of its
  /// persons on this branch (`nil` for a comparison-basis group, which has all of them), and
  /// its steps.
  struct Group {
    var outcome: Int
    var subgroup: Int
    var share: Double?
    var steps: [Step]
  }

  /// Per slot: where its phase is, the base phase's situations and services, the base run's
  /// profile and the rate keys that profile read.
  let sources: [Source]
  /// Per slot: the month context its profile is computed in (``MonthContext/relevant(to:)``),
  /// and which parts of a context the base phase reads.
  let contexts: [MonthContext]
  let reads: [MonthContext.Reads]
  /// Whether a group has a birth year: its steps then follow its ``PersonCalendar``, which a
  /// draw that replaces a contribution rate (``EmployerContribution/keys``) does not share.
  let hasCalendars: Bool
  let situations: [[SituationShare]]
  let services: [[ServiceUse]]
  let profiles: [PersonMonth]
  let keys: [Set<RateKey>]
  let after: [Group]
  let basis: [Group]
  /// The base scenario's ``shape(of:into:)``.
  let shape: [Double]

  /// The plan of `scenario`'s groups with the profiles of the base run's memo; `nil` when its
  /// comparison is an alternative (whose groups are not planned) or its groups cannot be built
  /// (every draw then reports the error).
  init?(scenario: Scenario, memo: ProfileMemo, flows: SituationFlows) {
    guard case .beforePersists = scenario.comparison, scenario.months > 0 else { return nil }
    var builder = Builder(scenario: scenario)
    var after: [Group] = []
    var basis: [Group] = []
    var hasCalendars = false
    for index in scenario.outcomes.indices {
      let outcome = scenario.outcomes[index]
      let before: Source = outcome.before == nil ? .before : .outcomeBefore(index)
      let during: Source =
        outcome.during != nil ? .outcomeDuring(index) : scenario.during != nil ? .during : before
      // As GroupBuilder: the persons' month contexts split a phase where a rule changes.
      guard
        let calendar = try? PersonCalendar.of(
          bornIn: outcome.birthYear, start: scenario.start, months: scenario.months, rates: flows.rates)
      else { return nil }
      hasCalendars = hasCalendars || outcome.birthYear != nil
      var start = Builder.Schedule()
      builder.fill(&start, during, to: min(scenario.effectStart(of: outcome), scenario.months), calendar: calendar)
      guard
        let leaves = builder.expand(
          outcome.path, outcome: index, share: 1, steps: [], prefix: start, calendar: calendar)
      else {
        return nil
      }
      let subgroups = outcome.subgroups.isEmpty ? [-1] : Array(outcome.subgroups.indices)
      for subgroup in subgroups {
        for leaf in leaves {
          after.append(Group(outcome: index, subgroup: subgroup, share: leaf.share, steps: leaf.schedule.steps))
        }
      }
      var basisSchedule = Builder.Schedule()
      builder.fill(&basisSchedule, before, to: scenario.months, calendar: calendar)
      for subgroup in subgroups {
        basis.append(Group(outcome: index, subgroup: subgroup, share: nil, steps: basisSchedule.steps))
      }
    }
    var (situations, services, profiles, keys): ([[SituationShare]], [[ServiceUse]], [PersonMonth], [Set<RateKey>]) =
      ([], [], [], [])
    var reads: [MonthContext.Reads] = []
    for (source, context) in zip(builder.sources, builder.contexts) {
      let phase = Self.phase(source, in: scenario)
      guard let profile = try? memo.profile(of: phase, in: context, flows: flows),
        let read = memo.keys(of: phase, in: context)
      else {
        return nil
      }
      reads.append(MonthContext.reads(phase))
      situations.append(phase.situations)
      services.append(phase.services)
      profiles.append(profile)
      keys.append(read)
    }
    self.sources = builder.sources
    self.contexts = builder.contexts
    self.reads = reads
    self.hasCalendars = hasCalendars
    self.situations = situations
    self.services = services
    self.profiles = profiles
    self.keys = keys
    self.after = after
    self.basis = basis
    var shape: [Double] = []
    Self.shape(of: scenario, into: &shape)
    self.shape = shape
  }

  /// Collects the slots and steps of the groups as ``GroupBuilder`` fills their runs.
  private struct Builder {
    struct Schedule {
      var steps: [Step] = []
      var filled = 0
    }

    struct Leaf {
      var share: Double
      var schedule: Schedule
    }

    struct SlotKey: Hashable {
      var source: Source
      var context: MonthContext
    }

    let scenario: Scenario
    let months: Int
    var sources: [Source] = []
    var contexts: [MonthContext] = []
    var slots: [SlotKey: Int] = [:]

    init(scenario: Scenario) {
      self.scenario = scenario
      self.months = scenario.months
    }

    mutating func slot(_ source: Source, _ context: MonthContext) -> Int {
      let key = SlotKey(source: source, context: context)
      if let known = slots[key] { return known }
      sources.append(source)
      contexts.append(context)
      slots[key] = sources.count - 1
      return sources.count - 1
    }

    /// As `GroupBuilder`'s fill: a step for each of the calendar's contexts the months cross,
    /// each as `[ScheduleRun].fill(_:to:)` (nothing when the runs already reach `end`).
    mutating func fill(_ schedule: inout Schedule, _ source: Source, to end: Int, calendar: PersonCalendar) {
      let phase = DrawPlan.phase(source, in: scenario)
      // The body throws nothing: `pieces` only passes on what its body throws.
      try? calendar.pieces(from: schedule.filled, to: end) { context, next in
        let slot = slot(source, context.relevant(to: phase))
        guard next > schedule.filled else { return }
        // A piece in the previous piece's slot (a new age that the phase does not read) extends
        // its step, as the runs it fills would merge: fewer steps to walk every draw.
        if let last = schedule.steps.indices.last, schedule.steps[last].slot == slot,
          schedule.steps[last].end == schedule.filled
        {
          schedule.steps[last].end = next
        } else {
          schedule.steps.append(Step(slot: slot, end: next))
        }
        schedule.filled = next
      }
    }

    /// As `GroupBuilder.expand`; `nil` where it throws.
    mutating func expand(
      _ path: [Phase], outcome: Int, share: Double, steps: [Int], prefix: Schedule, calendar: PersonCalendar
    ) -> [Leaf]? {
      guard !path.isEmpty else { return nil }
      var schedule = prefix
      for (index, phase) in path.enumerated() {
        let source = Source.path(outcome: outcome, steps: steps + [index])
        let isLast = index == path.count - 1
        if !phase.branches.isEmpty {
          guard isLast, let length = phase.months else { return nil }
          fill(&schedule, source, to: min(months, schedule.filled + length), calendar: calendar)
          var leaves: [Leaf] = []
          for (position, branch) in phase.branches.enumerated() {
            guard
              let more = expand(
                branch.path, outcome: outcome, share: share * branch.share, steps: steps + [index, position],
                prefix: schedule, calendar: calendar)
            else { return nil }
            leaves += more
          }
          return leaves
        }
        fill(
          &schedule, source, to: isLast ? months : min(months, schedule.filled + (phase.months ?? 0)),
          calendar: calendar)
      }
      return [Leaf(share: share, schedule: schedule)]
    }
  }

  /// The phase at `source`; the scenario has the plan's shape, so it is there.
  static func phase(_ source: Source, in scenario: Scenario) -> Phase {
    switch source {
    case .before: return scenario.before
    case .during: return scenario.during!
    case .outcomeBefore(let outcome): return scenario.outcomes[outcome].before!
    case .outcomeDuring(let outcome): return scenario.outcomes[outcome].during!
    case .path(let outcome, let steps):
      var phase = scenario.outcomes[outcome].path[steps[0]]
      var index = 1
      while index < steps.count {
        phase = phase.branches[steps[index]].path[steps[index + 1]]
        index += 2
      }
      return phase
    }
  }

  /// Everything about a scenario that decides its groups' runs apart from the profiles and
  /// the persons, as numbers: the horizon, which phases exist, effect starts, phase lengths,
  /// branches and their shares, the number of subgroups. Two scenarios with the same shape
  /// have groups that differ only in persons and profiles.
  static func shape(of scenario: Scenario, into shape: inout [Double]) {
    shape.removeAll(keepingCapacity: true)
    let isBeforePersists: Bool
    if case .beforePersists = scenario.comparison { isBeforePersists = true } else { isBeforePersists = false }
    shape.append(isBeforePersists ? 1 : 0)
    shape.append(Double(scenario.months))
    shape.append(Double(scenario.start.ordinal))
    shape.append(scenario.during == nil ? 0 : 1)
    shape.append(Double(scenario.outcomes.count))
    for index in scenario.outcomes.indices {
      shape.append(Double(scenario.effectStart(of: scenario.outcomes[index])))
      shape.append(scenario.outcomes[index].birthYear.map(Double.init) ?? -1)
      shape.append(Double(scenario.outcomes[index].subgroups.count))
      shape.append(scenario.outcomes[index].before == nil ? 0 : 1)
      shape.append(scenario.outcomes[index].during == nil ? 0 : 1)
      appendShape(of: scenario.outcomes[index].path, to: &shape)
    }
  }

  private static func appendShape(of path: [Phase], to shape: inout [Double]) {
    shape.append(Double(path.count))
    for index in path.indices {
      shape.append(path[index].months.map(Double.init) ?? -1)
      shape.append(Double(path[index].branches.count))
      for branch in path[index].branches.indices {
        shape.append(path[index].branches[branch].share)
        appendShape(of: path[index].branches[branch].path, to: &shape)
      }
    }
  }
}

extension DrawWorkspace {
  /// Fills `plannedAfter` and `plannedBasis` with the draw's groups from `plan`, when the
  /// draw's scenario has the plan's shape; returns whether it did.
  mutating func fillGroups(
    from plan: DrawPlan, scenario: Scenario, overridden: some Collection<RateKey>, flows: SituationFlows,
    memo: ProfileMemo
  ) throws(EngineError) -> Bool {
    DrawPlan.shape(of: scenario, into: &shape)
    guard shape == plan.shape else { return false }
    // Groups with a birth year: the draw's month contexts are the plan's unless it replaces a
    // rate they read.
    if plan.hasCalendars && overridden.contains(where: { EmployerContribution.keys.contains($0) }) { return false }
    if plannedFor !== plan {
      plannedFor = plan
      func empty(_ group: DrawPlan.Group) -> PopulationGroup {
        var runs: [ScheduleRun] = []
        runs.reserveCapacity(group.steps.count)
        let subgroup =
          group.subgroup < 0 ? Subgroup() : scenario.outcomes[group.outcome].subgroups[group.subgroup].subgroup
        return PopulationGroup(
          id: "", persons: 0, subgroup: subgroup, runs: runs,
          effectStart: scenario.effectStart(of: scenario.outcomes[group.outcome]))
      }
      plannedAfter = plan.after.map(empty)
      plannedBasis = plan.basis.map(empty)
    }
    slotProfiles.removeAll(keepingCapacity: true)
    for slot in plan.sources.indices {
      let phase = DrawPlan.phase(plan.sources[slot], in: scenario)
      // Arrays the draw left alone share their storage with the base's: compared in O(1).
      if phase.situations == plan.situations[slot] && phase.services == plan.services[slot]
        && !overridden.contains(where: { plan.keys[slot].contains($0) })
      {
        slotProfiles.append(plan.profiles[slot])
      } else {
        // A phase that reads other parts of the month context than the base's splits its months
        // elsewhere: the plan's steps do not hold for it.
        if plan.hasCalendars && MonthContext.reads(phase) != plan.reads[slot] { return false }
        slotProfiles.append(try memo.profile(of: phase, in: plan.contexts[slot], flows: flows))
      }
    }
    Self.fill(&plannedAfter, from: plan.after, scenario: scenario, profiles: slotProfiles)
    Self.fill(&plannedBasis, from: plan.basis, scenario: scenario, profiles: slotProfiles)
    return true
  }

  /// Sets each group's persons and runs in place (its arrays keep their storage).
  private static func fill(
    _ groups: inout [PopulationGroup], from planned: [DrawPlan.Group], scenario: Scenario, profiles: [PersonMonth]
  ) {
    for index in planned.indices {
      let outcome = planned[index].outcome
      let subgroup = planned[index].subgroup
      let persons =
        subgroup < 0 ? scenario.outcomes[outcome].persons : scenario.outcomes[outcome].subgroups[subgroup].persons
      // As GroupBuilder: the subgroup's persons times the branch's share.
      groups[index].persons = planned[index].share.map { persons * $0 } ?? persons
      // Each draw's own: the evaluated scenario need not be the one the plan was made from.
      groups[index].birthYear = scenario.outcomes[outcome].birthYear
      overwrite(&groups[index].runs, with: planned[index].steps, profiles: profiles)
    }
  }

  /// Fills the runs as `[ScheduleRun].fill(_:to:)` fills an empty array step by step, writing
  /// over the last draw's runs in place: a run whose profile is the one it held keeps it, so
  /// that neither is retained or released.
  private static func overwrite(_ runs: inout [ScheduleRun], with steps: [DrawPlan.Step], profiles: [PersonMonth]) {
    var written = 0
    for step in steps.indices {
      let start = written == 0 ? 0 : runs[written - 1].end
      let (slot, end) = (steps[step].slot, steps[step].end)
      guard end > start else { continue }
      if written > 0 && runs[written - 1].profile.isCopy(of: profiles[slot]) {
        runs[written - 1].count += end - start
      } else if written < runs.count {
        if !runs[written].profile.isCopy(of: profiles[slot]) { runs[written].profile = profiles[slot] }
        runs[written].start = start
        runs[written].count = end - start
        written += 1
      } else {
        runs.append(ScheduleRun(profile: profiles[slot], start: start, count: end - start))
        written += 1
      }
    }
    if runs.count > written { runs.removeLast(runs.count - written) }
  }
}

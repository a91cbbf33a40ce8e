import SamkalkCore
import SamkalkRates

/// One homogeneous group of persons with a month-by-month profile over the horizon: an outcome
/// (or one branch of it) within one subgroup, or a comparison group.
///
/// Outcomes, typfall, branches, subgroups and comparison alternatives all reduce to groups;
/// the ledgers are sums of groups, so results for any set of groups (a subgroup, the success
/// arm of the break-even analysis) come from the same code.
struct PopulationGroup {
  /// `outcome`, `outcome/branch/…`, or `jamforelse:<id>`.
  var id: String
  var persons: Double
  var subgroup: Subgroup
  /// The months of the horizon as runs of one profile each, in order and without gaps; a
  /// group's schedule is a handful of runs (during, each phase), not one entry per month.
  var runs: [ScheduleRun]
  /// The persons' birth year (``Outcome/birthYear``); `nil` when the scenario does not say.
  var birthYear: Int? = nil

  /// The persons' age at the start of the income year of the analysis year that begins in month
  /// `yearStart` (the calendar year of that month, counted from the scenario's `start`): the
  /// age the income tax's age rules read. `nil` without a birth year.
  func ageAtStartOfIncomeYear(beginningIn yearStart: Int, start: YearMonth) -> Int? {
    PersonYearIncome.age(bornIn: birthYear, atStartOf: start.adding(months: yearStart).year)
  }

  /// The month its outcome's persons leave the measure and the adjustments start to apply
  /// (``Scenario/effectStart(of:)``); a comparison-basis group has the start of the outcome
  /// group it is compared with, so that each gross effect is adjusted by its own timing.
  var effectStart: Int

  /// One profile per month of the horizon.
  var schedule: [PersonMonth] {
    var months: [PersonMonth] = []
    months.reserveCapacity(runs.last.map { $0.start + $0.count } ?? 0)
    for run in runs { months.append(contentsOf: repeatElement(run.profile, count: run.count)) }
    return months
  }
}

/// `count` months from `start` in which a group's persons follow one profile.
struct ScheduleRun {
  var profile: PersonMonth
  var start: Int
  var count: Int

  var end: Int { start + count }
}

extension [ScheduleRun] {
  /// Months covered so far.
  var filled: Int { last?.end ?? 0 }

  /// Extends the runs with `profile` up to month `end` (nothing when already there); a phase
  /// with the last run's very profile (an "as before" phase after the before situation)
  /// lengthens that run, so that groups on the same path have the same runs.
  mutating func fill(_ profile: PersonMonth, to end: Int) {
    let start = filled
    guard end > start else { return }
    if let last = indices.last, self[last].profile.isCopy(of: profile) {
      self[last].count += end - start
      return
    }
    append(ScheduleRun(profile: profile, start: start, count: end - start))
  }
}

/// Builds groups from a scenario's outcomes.
struct GroupBuilder {
  let scenario: Scenario
  let flows: SituationFlows
  let months: Int
  /// Profiles already computed, shared by the phases with the same situations and services
  /// (the before situation of every outcome, a path's "as before" phase).
  let memo: ProfileMemo

  /// Whether groups get their ids (`outcome/branch`, `basis:outcome`) for the tax records; a
  /// Monte Carlo draw needs none and saves building the strings.
  let namesGroups: Bool

  init(scenario: Scenario, flows: SituationFlows, memo: ProfileMemo = ProfileMemo(), namesGroups: Bool = true) {
    self.scenario = scenario
    self.flows = flows
    self.months = scenario.months
    self.memo = memo
    self.namesGroups = namesGroups
  }

  /// The persons' month contexts (``PersonCalendar``): uniform without a birth year.
  func calendar(bornIn birthYear: Int?) throws(EngineError) -> PersonCalendar {
    try PersonCalendar.of(bornIn: birthYear, start: scenario.start, months: months, rates: flows.rates)
  }

  /// Fills `schedule` with `phase` up to month `end`, one run for each of the calendar's
  /// contexts the months cross (for a phase that reads no context, or a uniform calendar, the
  /// one profile of the phase).
  private func fill(_ schedule: inout [ScheduleRun], _ phase: Phase, to end: Int, calendar: PersonCalendar)
    throws(EngineError)
  {
    try calendar.pieces(from: schedule.filled, to: end) { context, next throws(EngineError) in
      schedule.fill(try memo.profile(of: phase, in: context.relevant(to: phase), flows: flows), to: next)
    }
  }

  /// The before phase of an outcome: its own (typfall) or the scenario's.
  func before(of outcome: Outcome) -> Phase { outcome.before ?? scenario.before }

  /// The after-arm groups: each outcome's persons by subgroup, then by branch. The measure's
  /// outcomes start at their effect start (delayed by the optimism bias on timing); a comparison
  /// alternative's groups (`delayed` false) at their own start months.
  func afterGroups(_ outcomes: [Outcome], delayed: Bool = true) throws(EngineError) -> [PopulationGroup] {
    var groups: [PopulationGroup] = []
    // One group a subgroup when no outcome branches: one allocation, not one a doubling.
    groups.reserveCapacity(Self.subgroupCount(of: outcomes))
    // By index, reading the fields in place: a copy of each outcome would retain all its strings
    // and arrays, every Monte Carlo draw.
    for index in outcomes.indices {
      let during = outcomes[index].during ?? scenario.during ?? before(of: outcomes[index])
      guard !outcomes[index].path.isEmpty else { throw EngineError("outcome '\(outcomes[index].id)' has no phase") }
      let effectStart = delayed ? scenario.effectStart(of: outcomes[index]) : outcomes[index].startMonth
      let calendar = try calendar(bornIn: outcomes[index].birthYear)
      var start: [ScheduleRun] = []
      try fill(&start, during, to: min(effectStart, months), calendar: calendar)
      let leaves = try expand(
        outcomes[index].path, id: outcomes[index].id, share: 1, prefix: start, calendar: calendar)
      for share in Self.subgroupShares(of: outcomes[index]) {
        for leaf in leaves {
          groups.append(
            PopulationGroup(
              id: leaf.id, persons: share.persons * leaf.share, subgroup: share.subgroup, runs: leaf.runs,
              birthYear: outcomes[index].birthYear, effectStart: effectStart))
        }
      }
    }
    return groups
  }

  /// The comparison-basis groups: every outcome's persons in its before situation, or the
  /// comparison alternative's groups, divided among the outcomes' effect starts and subgroups in
  /// proportion to the outcomes' persons (each part compared with the outcomes of its start).
  func basisGroups() throws(EngineError) -> [PopulationGroup] {
    switch scenario.comparison {
    case .beforePersists:
      var groups: [PopulationGroup] = []
      groups.reserveCapacity(Self.subgroupCount(of: scenario.outcomes))
      for index in scenario.outcomes.indices {  // by index, as in afterGroups(_:)
        var runs: [ScheduleRun] = []
        try fill(
          &runs, before(of: scenario.outcomes[index]), to: months,
          calendar: try calendar(bornIn: scenario.outcomes[index].birthYear))
        for share in Self.subgroupShares(of: scenario.outcomes[index]) {
          groups.append(
            PopulationGroup(
              id: namesGroups ? "basis:\(scenario.outcomes[index].id)" : "", persons: share.persons,
              subgroup: share.subgroup, runs: runs, birthYear: scenario.outcomes[index].birthYear,
              effectStart: scenario.effectStart(of: scenario.outcomes[index])))
        }
      }
      return groups
    case .alternative(let alternatives):
      let totals = startAndSubgroupTotals(scenario.outcomes)
      let all = totals.reduce(0) { $0 + $1.persons }
      var groups: [PopulationGroup] = []
      for group in try afterGroups(alternatives, delayed: false) {
        for total in totals where all > 0 {
          groups.append(
            PopulationGroup(
              id: namesGroups ? "jamforelse:\(group.id)" : "", persons: group.persons * total.persons / all,
              subgroup: total.subgroup, runs: group.runs, birthYear: group.birthYear, effectStart: total.start))
        }
      }
      return groups
    }
  }

  /// Persons per (effect start, subgroup) over the outcomes, by start and then by subgroup.
  func startAndSubgroupTotals(_ outcomes: [Outcome]) -> [(start: Int, subgroup: Subgroup, persons: Double)] {
    var totals: [Int: [Subgroup: Double]] = [:]
    for outcome in outcomes {
      for share in Self.subgroupShares(of: outcome) {
        totals[scenario.effectStart(of: outcome), default: [:]][share.subgroup, default: 0] += share.persons
      }
    }
    return totals.sorted { $0.key < $1.key }.flatMap { start, subgroups in
      subgroups.sorted { $0.key < $1.key }.map { (start, $0.key, $0.value) }
    }
  }

  /// The outcomes' subgroups (one for an outcome without any): the number of groups when no
  /// outcome branches.
  static func subgroupCount(of outcomes: [Outcome]) -> Int {
    var count = 0
    for index in outcomes.indices { count += max(1, outcomes[index].subgroups.count) }
    return count
  }

  /// An outcome's subgroups, or all its persons in the unspecified subgroup.
  static func subgroupShares(of outcome: Outcome) -> [SubgroupShare] {
    outcome.subgroups.isEmpty ? [SubgroupShare(subgroup: Subgroup(), persons: outcome.persons)] : outcome.subgroups
  }

  private struct Leaf {
    var id: String
    var share: Double
    var runs: [ScheduleRun]
  }

  /// Follows a path from a schedule prefix; a branching phase continues in each branch.
  private func expand(_ path: [Phase], id: String, share: Double, prefix: [ScheduleRun], calendar: PersonCalendar)
    throws(EngineError) -> [Leaf]
  {
    guard !path.isEmpty else { throw EngineError("a branch of '\(id)' has no phase") }
    var schedule = prefix
    schedule.reserveCapacity(prefix.count + path.count)  // a run a phase at most
    for (index, phase) in path.enumerated() {
      let isLast = index == path.count - 1
      if !phase.branches.isEmpty {
        guard isLast, let length = phase.months else {
          throw EngineError("a phase of '\(id)' branches but is not the last of its path or has no months")
        }
        try fill(&schedule, phase, to: min(months, schedule.filled + length), calendar: calendar)
        var leaves: [Leaf] = []
        for branch in phase.branches {
          leaves += try expand(
            branch.path, id: namesGroups ? id + "/" + branch.id : "", share: share * branch.share, prefix: schedule,
            calendar: calendar)
        }
        return leaves
      }
      try fill(
        &schedule, phase, to: isLast ? months : min(months, schedule.filled + (phase.months ?? 0)), calendar: calendar)
    }
    return [Leaf(id: id, share: share, runs: schedule)]
  }
}

/// Profiles by the situations and services they were computed from: a phase's profile depends
/// on nothing else (its length and branches only say for how long and for whom), and on the
/// rates it read, which each entry lists so that a draw can keep the profiles whose rates it
/// leaves alone.
final class ProfileMemo {
  struct Entry {
    var situations: [SituationShare]
    var services: [ServiceUse]
    /// The month context the profile was computed in (``MonthContext/relevant(to:)``).
    var context: MonthContext = MonthContext()
    var profile: PersonMonth
    /// The rate keys the profile read, the calendar conventions of its period conversions included.
    var keys: Set<RateKey>
  }

  /// Unchecked, as ``RateReader``'s caches: read at every lookup of every draw, never
  /// accessed twice at once (a memo belongs to one evaluation).
  @exclusivity(unchecked) private(set) var entries: [Entry]
  /// Whether new entries record the rate keys they read: the base run's memo does, so that
  /// draws can reuse its profiles; a draw's own memo lasts one draw and need not.
  let tracesKeys: Bool

  init(entries: [Entry] = [], tracesKeys: Bool = false) {
    self.entries = entries
    self.tracesKeys = tracesKeys
  }

  /// This memo's entries that read none of `keys`, for a draw that replaces those rates.
  func entries(unaffectedBy keys: some Collection<RateKey>) -> [Entry] {
    guard !keys.isEmpty else { return entries }
    return entries.filter { entry in !keys.contains { entry.keys.contains($0) } }
  }

  /// The rate keys the profile of `phase` read, when this memo has it.
  func keys(of phase: Phase, in context: MonthContext = MonthContext()) -> Set<RateKey>? {
    entries.first {
      $0.situations == phase.situations && $0.services == phase.services && $0.context == context
    }?.keys
  }

  /// The profile of `phase` in `context` (already reduced to what the phase reads).
  func profile(of phase: Phase, in context: MonthContext = MonthContext(), flows: SituationFlows)
    throws(EngineError) -> PersonMonth
  {
    // By index, comparing in place: `for entry in entries` would copy every entry it passes,
    // retaining its arrays and key set, at every lookup of every draw.
    for index in entries.indices
    where entries[index].situations == phase.situations && entries[index].services == phase.services
      && entries[index].context == context
    {
      return entries[index].profile
    }
    if tracesKeys { flows.rates.trace = [] }
    defer { flows.rates.trace = nil }
    let profile = try flows.profile(of: phase, in: context)
    entries.append(
      Entry(
        situations: phase.situations, services: phase.services, context: context, profile: profile,
        // SituationFlows read the period conversions once, before any profile: every profile uses
        // them. A memo that does not trace (a draw's own) needs no keys.
        keys: tracesKeys ? (flows.rates.trace ?? []).union(PeriodConversion.keys) : []))
    return profile
  }
}

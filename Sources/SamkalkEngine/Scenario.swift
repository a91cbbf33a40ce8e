import SamkalkCore
import SamkalkRates

/// Where an input value comes from: a place in a source report, or an assumption with its reason.
///
/// Reports list assumptions apart from reported facts, so a reader sees at once which figures
/// the scenario's author chose.
public enum InputSource: Hashable, Sendable {
  /// A reference into a report, e.g. "Porten slutrapport (000), rad 695–697".
  case report(String)
  /// An assumption and why it was made, e.g. "antagande: typisk lön i kommunal sektor".
  case assumption(String)

  public var text: String {
    switch self {
    case .report(let reference): reference
    case .assumption(let reason): reason
    }
  }

  public var isAssumption: Bool {
    if case .assumption = self { return true }
    return false
  }
}

/// One input of a scenario with its source, for the report's list of facts and assumptions.
public struct ScenarioInput: Hashable, Sendable {
  /// A readable path to the input, e.g. `outcome[subventionerat_arbete]/situation[lonebidrag]/wage`.
  public var path: String
  /// The value as written in the file.
  public var value: String
  public var source: InputSource
  public var location: SourceLocation?

  public init(path: String, value: String, source: InputSource, location: SourceLocation? = nil) {
    self.path = path
    self.value = value
    self.source = source
    self.location = location
  }
}

/// A complete scenario: one measure, its participants, the before situation and the outcomes.
///
/// Time runs in months from ``start`` (month index 0) to the end of the horizon
/// (`horizonYears × 12` months). All amounts use the rates in force on ``ratesDate``: the
/// calculation is in constant prices of the rates year, discounted at a real rate.
public struct Scenario: Sendable {
  public var id: String
  public var title: String
  public var summary: String?
  /// The file the scenario was read from, for diagnostics and provenance.
  public var file: String?
  /// Kommunkod of the municipality whose tax rates apply, e.g. "1780" (Karlstad).
  public var municipality: String
  /// The date at which every rate is looked up (constant prices of that year).
  public var ratesDate: Day
  /// The calendar month of month index 0.
  public var start: YearMonth
  public var horizonYears: Int
  /// The real discount rate as a share; `nil` takes `kalkylranta.standard` from the rates.
  public var discountRate: Double?
  public var mandatePeriodYears: Int
  public var measure: Measure
  /// The situation before the measure; under `before-persists` it is also the comparison basis.
  public var before: Phase
  /// What participants live on while in the measure; `nil` means the before situation goes on.
  public var during: Phase?
  public var outcomes: [Outcome]
  /// Whether the outcome groups are a cohort's outcome categories or weighted typfall.
  public var population: PopulationKind
  /// What the outcomes are compared with: the before situation persisting (NyttoSam), or an
  /// explicit comparison alternative (jämförelsealternativ, SKL Smart ekonomi).
  public var comparison: ComparisonBasis
  /// Deadweight, attribution, displacement, drop-off and optimism bias (all zero by default).
  public var adjustments: Adjustments
  /// The break-even success rate to compute, if asked for.
  public var breakEven: BreakEvenSpec?
  /// The full-time monthly wage of the verkningsgrad's potential (every participant in
  /// unsubsidised full-time work); `nil` leaves verkningsgrad out.
  public var potentialWage: Double?
  /// Rate values the scenario states itself (highest precedence).
  public var rateValues: [RateValue]
  /// Every sourced input, for the report's facts-and-assumptions list.
  public var inputs: [ScenarioInput]
  /// Person-level follow-up data the scenario points to (`<followup>`); the engine ignores it.
  public var followup: FollowupSpec?
  /// Goals to follow up as the ESF final report asks (expected against actual, by sex).
  public var goals: [GoalSpec]
  /// Inputs and rates declared uncertain (`<uncertainty>`), with their ranges and distributions.
  public var uncertainty: UncertaintySpec

  public init(
    id: String, title: String, summary: String? = nil, file: String? = nil, municipality: String,
    ratesDate: Day, start: YearMonth, horizonYears: Int, discountRate: Double? = nil,
    mandatePeriodYears: Int = 4, measure: Measure, before: Phase, during: Phase? = nil,
    outcomes: [Outcome], population: PopulationKind = .cohort, comparison: ComparisonBasis = .beforePersists,
    adjustments: Adjustments = Adjustments(), breakEven: BreakEvenSpec? = nil, potentialWage: Double? = nil,
    rateValues: [RateValue] = [], inputs: [ScenarioInput] = [], followup: FollowupSpec? = nil,
    goals: [GoalSpec] = [], uncertainty: UncertaintySpec = UncertaintySpec()
  ) {
    self.goals = goals
    self.uncertainty = uncertainty
    self.id = id
    self.title = title
    self.summary = summary
    self.file = file
    self.municipality = municipality
    self.ratesDate = ratesDate
    self.start = start
    self.horizonYears = horizonYears
    self.discountRate = discountRate
    self.mandatePeriodYears = mandatePeriodYears
    self.measure = measure
    self.before = before
    self.during = during
    self.outcomes = outcomes
    self.population = population
    self.comparison = comparison
    self.adjustments = adjustments
    self.breakEven = breakEven
    self.potentialWage = potentialWage
    self.rateValues = rateValues
    self.inputs = inputs
    self.followup = followup
  }

  /// Months in the horizon.
  public var months: Int { horizonYears * 12 }

  /// The month an outcome's persons leave the measure and its effects start: its `startMonth`
  /// delayed by the optimism bias on timing. Before it they are in the measure (lock-in), and
  /// additionality, drop-off and the benefits' optimism bias apply from it on. The one place
  /// both evaluations (``Calculator`` and ``DrawEvaluator``) take an outcome's start from.
  public func effectStart(of outcome: Outcome) -> Int { outcome.startMonth + adjustments.optimismBiasDelayMonths }

  /// Where a diagnostic about the scenario as a whole points: its file (or, for a scenario
  /// built in code, its id).
  public var fileLocation: SourceLocation { SourceLocation(file: file ?? id) }

  /// The scenario over another horizon, as if its file had said `years`: every cost that runs to
  /// the horizon runs to the new one, a yearly amount for the new number of months and a stated
  /// total spread over them. A cost that would have no month left keeps its months (and is then
  /// outside the horizon, which the engine refuses with a message naming it).
  public func withHorizon(years: Int) -> Scenario {
    var scenario = self
    scenario.horizonYears = years
    for index in scenario.measure.costs.indices where scenario.measure.costs[index].runsToHorizon {
      var cost = scenario.measure.costs[index]
      let months = scenario.months - cost.startMonth
      guard months > 0 else { continue }
      cost.months = months
      if let annual = cost.annualAmount,
        let total = Money.rounding(kronor: CostItem.total(annualAmount: annual, months: months))
      {
        cost.amount = total
      }
      scenario.measure.costs[index] = cost
    }
    return scenario
  }
}

/// What a scenario declares uncertain (`<uncertainty>`, docs/SCENARIO-FORMAT.md).
public struct UncertaintySpec: Hashable, Sendable {
  /// The most draws a Monte Carlo run may have: each keeps 9 NPVs and 9 payback months
  /// (about 100 bytes), so 2 000 000 draws hold some 200 MB.
  public static let maximumDraws = 2_000_000

  public var parameters: [VariedParameter]
  /// Defaults for `samkalk uncertainty` when the command line gives none.
  public var draws: Int?
  public var seed: UInt64?

  public init(parameters: [VariedParameter] = [], draws: Int? = nil, seed: UInt64? = nil) {
    self.parameters = parameters
    self.draws = draws
    self.seed = seed
  }
}

/// One uncertain input or rate: the low and high of a one-way sensitivity, and/or the
/// distribution of a Monte Carlo draw.
public struct VariedParameter: Hashable, Sendable {
  public enum Target: Hashable, Sendable {
    /// A scenario input by its path (``ScenarioParameter/path``).
    case input(String)
    /// A rate by key; `kommunalskatt.kommunal` and `kommunalskatt.regional` stand for the
    /// municipality's tax rates.
    case rate(RateKey)
  }

  public var target: Target
  public var low: Double?
  public var high: Double?
  public var distribution: Distribution?
  public var location: SourceLocation?

  public init(
    target: Target, low: Double? = nil, high: Double? = nil, distribution: Distribution? = nil,
    location: SourceLocation? = nil
  ) {
    self.target = target
    self.low = low
    self.high = high
    self.distribution = distribution
    self.location = location
  }

  /// `input:<path>` or `rate:<key>`, as reports name the parameter.
  public var id: String {
    switch target {
    case .input(let path): "input:\(path)"
    case .rate(let key): "rate:\(key.rawValue)"
    }
  }
}

/// A scenario's person-month follow-up file and how to study it (`<followup>`,
/// docs/SCENARIO-FORMAT.md; the study itself is `SamkalkMicrodata.FollowupStudy`).
public struct FollowupSpec: Hashable, Sendable {
  /// The data file's absolute path (a relative `file` is resolved against the scenario's folder).
  public var path: String
  /// Months in the before window (N) and the after window (M).
  public var monthsBefore: Int
  public var monthsAfter: Int
  /// The participants the sample stands for; `nil`: the sample is the whole group.
  public var groupSize: Int?
  /// Bootstrap replicates (0: no interval) and the bootstrap's seed.
  public var bootstrapReplicates: Int
  public var seed: UInt64
  /// Keep persons with incomplete windows instead of excluding them.
  public var keepPartial: Bool
  /// Where the element is, for diagnostics.
  public var location: SourceLocation?

  /// The limits of a follow-up study's settings, the same from a scenario and from the command
  /// line: a window of 1–64 months, a group of at most 100 million participants (Sweden has
  /// about 10 million inhabitants) and at most 100 000 bootstrap replicates (a run's memory
  /// grows with them; 1 000 give stable 95 % intervals).
  public static let windowMonths = 1...64
  public static let groupSizes = 1...100_000_000
  public static let bootstrapReplicateCounts = 0...100_000

  public init(
    path: String, monthsBefore: Int = 12, monthsAfter: Int = 12, groupSize: Int? = nil,
    bootstrapReplicates: Int = 1000, seed: UInt64 = 1, keepPartial: Bool = false, location: SourceLocation? = nil
  ) {
    self.path = path
    self.monthsBefore = monthsBefore
    self.monthsAfter = monthsAfter
    self.groupSize = groupSize
    self.bootstrapReplicates = bootstrapReplicates
    self.seed = seed
    self.keepPartial = keepPartial
    self.location = location
  }
}

/// The measure ("insatsen"): who takes part, what it costs and who pays.
public struct Measure: Hashable, Sendable {
  /// The number of participants; results per participant divide by it.
  public var participants: Int
  /// Months from the scenario start during which participants are in the measure.
  public var months: Int
  public var costs: [CostItem]
  /// Financing shares; they must add up to 1.
  public var financing: [Financing]

  public init(participants: Int, months: Int, costs: [CostItem], financing: [Financing]) {
    self.participants = participants
    self.months = months
    self.costs = costs
    self.financing = financing
  }
}

/// One cost of the measure, spread evenly (to the öre) over its months.
public struct CostItem: Hashable, Sendable {
  public var id: String
  public var label: String
  /// The whole cost over the item's months.
  public var amount: Money
  /// First month (index from the scenario start) and number of months the cost is spent over.
  public var startMonth: Int
  public var months: Int
  /// Who pays this item; `nil` uses the measure's financing shares.
  public var financing: [Financing]?
  /// A cost of the project itself, or an ongoing cost after it (a function made permanent).
  public var kind: CostKind
  /// Whether the cost runs to the end of the horizon because its file gives no `months` (an
  /// ongoing cost): a changed horizon moves its end (``Scenario/withHorizon(years:)``).
  public var runsToHorizon: Bool
  /// The yearly amount in kronor when the file states one (`annualAmount`, or `fte` ×
  /// `annualCostPerFte`): `amount` is then it × months / 12, and a longer run costs more.
  /// `nil` for a stated total (`amount`), which stays the total whatever the months.
  public var annualAmount: Double?

  public init(
    id: String, label: String, amount: Money, startMonth: Int, months: Int, financing: [Financing]? = nil,
    kind: CostKind = .project, runsToHorizon: Bool = false, annualAmount: Double? = nil
  ) {
    self.id = id
    self.label = label
    self.amount = amount
    self.startMonth = startMonth
    self.months = months
    self.financing = financing
    self.kind = kind
    self.runsToHorizon = runsToHorizon
    self.annualAmount = annualAmount
  }

  /// The total in kronor of a yearly amount over `months` months.
  public static func total(annualAmount: Double, months: Int) -> Double { annualAmount * Double(months) / 12 }
}

/// A goal the measure states for its ESF follow-up, e.g. 70 % of the participants to work or
/// studies; reached by the persons of the listed outcomes.
public struct GoalSpec: Hashable, Sendable {
  public var id: String
  public var label: String
  /// The share of participants expected to reach the goal, 0–1.
  public var targetShare: Double
  /// The outcome ids whose persons count as reaching the goal.
  public var outcomes: [String]

  public init(id: String, label: String, targetShare: Double, outcomes: [String]) {
    self.id = id
    self.label = label
    self.targetShare = targetShare
    self.outcomes = outcomes
  }
}

/// Whether a cost belongs to the project or continues after it.
public enum CostKind: String, Hashable, Sendable {
  case project
  /// A function made permanent after the project (e.g. Porten's Processtöd).
  case ongoing
}

/// Who finances (a share of) the measure.
public enum Financier: Hashable, Sendable {
  case actor(Actor)
  /// A samordningsförbund: its share is passed on to its members by the Finsam shares
  /// (`finsam.andel.*`: Försäkringskassan ½, region ¼, municipalities ¼).
  case samordningsforbund

  public var id: String {
    switch self {
    case .actor(let actor): actor.rawValue
    case .samordningsforbund: "samordningsforbund"
    }
  }
}

public struct Financing: Hashable, Sendable {
  public var financier: Financier
  /// Share of the cost, 0–1.
  public var share: Double

  public init(financier: Financier, share: Double) {
    self.financier = financier
    self.share = share
  }
}

/// One outcome group, or one typfall: persons who follow the same path.
///
/// In a cohort, the groups are the outcome categories (Payoff's five by default) and share the
/// scenario's before situation. A typfall (NyttoSam, Smart ekonomi) is a group with its own
/// before situation and a weight: the number of participants it stands for.
public struct Outcome: Sendable {
  /// E.g. `osubventionerat_arbete`, `subventionerat_arbete`, `studier`, `stegforflyttning`,
  /// `oforandrad_situation`, or a typfall's name.
  public var id: String
  public var label: String?
  /// Persons in the group; fractional when given as a share of the participants or as a
  /// typfall weight.
  public var persons: Double
  /// Month index at which the group leaves the measure and enters its path, as the file says
  /// (``Scenario/effectStart(of:)`` adds the optimism-bias delay).
  public var startMonth: Int
  /// Phases in order; the last lasts to the end of the horizon unless it branches.
  public var path: [Phase]
  /// The group's own before situation (a typfall's); `nil` uses the scenario's.
  public var before: Phase?
  /// The group's own situation while in the measure; `nil` uses the scenario's.
  public var during: Phase?
  /// How the persons divide by sex and age band; empty when the source does not say.
  public var subgroups: [SubgroupShare]
  /// The birth year of the group's persons, for the rules that depend on age (the income tax's
  /// förhöjt grundavdrag and older's jobbskatteavdrag, from the age at the start of each income
  /// year); `nil` when the scenario does not say: the persons are then below every age threshold.
  public var birthYear: Int?

  public init(
    id: String, label: String? = nil, persons: Double, startMonth: Int, path: [Phase], before: Phase? = nil,
    during: Phase? = nil, subgroups: [SubgroupShare] = [], birthYear: Int? = nil
  ) {
    self.id = id
    self.label = label
    self.persons = persons
    self.startMonth = startMonth
    self.path = path
    self.before = before
    self.during = during
    self.subgroups = subgroups
    self.birthYear = birthYear
  }
}

/// Whether the groups are a cohort's outcome categories or typfall.
public enum PopulationKind: String, Hashable, Sendable {
  case cohort
  case typfall
}

/// Sex as ESF reporting counts it.
public enum Sex: String, Hashable, Sendable, CaseIterable, Comparable {
  case kvinna
  case man

  public static func < (lhs: Sex, rhs: Sex) -> Bool { lhs == .kvinna && rhs == .man }
}

/// A subgroup of participants for results by sex and age band; either part may be unknown.
public struct Subgroup: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var sex: Sex?
  /// E.g. `18-29`, `30-49`, `50-64`.
  public var ageBand: String?

  public init(sex: Sex? = nil, ageBand: String? = nil) {
    self.sex = sex
    self.ageBand = ageBand
  }

  /// `kvinna/18-29`, `man`, `18-29` or `ej_angivet`.
  public var description: String {
    [sex?.rawValue, ageBand].compactMap { $0 }.joined(separator: "/").isEmpty
      ? "ej_angivet" : [sex?.rawValue, ageBand].compactMap { $0 }.joined(separator: "/")
  }

  public static func < (lhs: Subgroup, rhs: Subgroup) -> Bool { lhs.description < rhs.description }
}

/// Part of a group's persons that belongs to one subgroup.
public struct SubgroupShare: Hashable, Sendable {
  public var subgroup: Subgroup
  public var persons: Double

  public init(subgroup: Subgroup, persons: Double) {
    self.subgroup = subgroup
    self.persons = persons
  }
}

/// What the outcomes are compared with.
public enum ComparisonBasis: Sendable {
  /// The before situation would have continued for every participant (NyttoSam).
  case beforePersists
  /// An explicit comparison alternative: groups with paths of their own (SKL Smart ekonomi's
  /// jämförelsealternativ), e.g. regular services in which some find work anyway.
  case alternative([Outcome])
}

/// The SROI and Green Book adjustments (docs/METHODS.md, "Effects, adjustments and investment").
///
/// Additionality (deadweight, attribution, displacement), drop-off and the optimism bias on
/// benefits act on an outcome's effects from the month its persons leave the measure (its
/// effect start), never on the months before it (the lock-in while in the measure); drop-off
/// counts whole years from that start. Optimism bias raises the measure's costs and can also
/// reduce the benefits (a share) and delay them (whole months), HM Treasury's Green Book 5.61–5.62.
public struct Adjustments: Hashable, Sendable {
  public var deadweight: Double
  public var attribution: Double
  public var displacement: Double
  /// Share of the effect lost each year after the outcome's first year.
  public var dropOff: Double
  /// Uplift on the measure's costs.
  public var optimismBias: Double
  /// Optimism bias on benefits: the share by which every outcome effect is reduced, 0–1.
  public var optimismBiasBenefits: Double
  /// Optimism bias on timing: months by which every outcome starts later than its file says (its
  /// persons stay that much longer in their situation during the measure).
  public var optimismBiasDelayMonths: Int

  public init(
    deadweight: Double = 0, attribution: Double = 0, displacement: Double = 0, dropOff: Double = 0,
    optimismBias: Double = 0, optimismBiasBenefits: Double = 0, optimismBiasDelayMonths: Int = 0
  ) {
    self.deadweight = deadweight
    self.attribution = attribution
    self.displacement = displacement
    self.dropOff = dropOff
    self.optimismBias = optimismBias
    self.optimismBiasBenefits = optimismBiasBenefits
    self.optimismBiasDelayMonths = optimismBiasDelayMonths
  }

  public var isNone: Bool { self == Adjustments() }
}

/// Which break-even success rate to compute.
public struct BreakEvenSpec: Hashable, Sendable {
  /// The positive outcome's id; `nil` takes the outcome with the highest NPV per person for society.
  public var outcome: String?
  /// Within how many years NPV must reach zero; `nil` means the horizon.
  public var years: Int?

  public init(outcome: String? = nil, years: Int? = nil) {
    self.outcome = outcome
    self.years = years
  }
}

/// Persons leaving a phase divide into branches, each with a path of its own (e.g. after 12
/// months of nystartsjobb, a third keeps unsubsidised work and two thirds return).
public struct Branch: Sendable {
  public var id: String
  /// Share of the persons leaving the phase, 0–1; a phase's branch shares add up to 1.
  public var share: Double
  public var path: [Phase]

  public init(id: String, share: Double, path: [Phase]) {
    self.id = id
    self.share = share
    self.path = path
  }
}

/// A stretch of months with a fixed mix of situations and service use, per person.
public struct Phase: Sendable {
  /// Length in months; `nil` for an open-ended phase (the last phase of a path).
  public var months: Int?
  public var situations: [SituationShare]
  public var services: [ServiceUse]
  /// When not empty, the persons divide into these branches after `months` (the phase is
  /// then the last of its path and must have `months`).
  public var branches: [Branch]

  public init(
    months: Int? = nil, situations: [SituationShare], services: [ServiceUse] = [], branches: [Branch] = []
  ) {
    self.months = months
    self.situations = situations
    self.services = services
    self.branches = branches
  }
}

/// A situation at some extent of a full month (0.5 = half time), with the inputs it needs.
public struct SituationShare: Hashable, Sendable {
  public var situation: Situation
  /// Share of a full month, 0–1.
  public var extent: Double
  /// Full-time monthly wage in kronor, for work situations.
  public var monthlyWage: Double?
  /// Nystartsjobb: the multiple of the employer contribution paid as subsidy (1–2.5).
  public var subsidyFactor: Double?
  /// Lönebidrag, OSA, Samhall, introduktionsjobb: the subsidy as a share of the wage cost.
  public var subsidyShare: Double?
  /// Sjukpenning: the sjukpenninggrundande inkomst (kr/år).
  public var annualIncome: Double?
  /// A benefit amount per full month stated by the scenario instead of the rate table.
  public var monthlyAmount: Double?
  /// Studier: which studiebidrag the student gets (the general or the higher grant).
  public var studyGrant: StudyGrant?
  /// Aktivitetsstöd (and praktik, arbetsträning): whether the participant is entitled to
  /// a-kassa, which sets the level paid; `nil` is the level for those not entitled.
  public var entitledToAKassa: Bool?
  /// Utvecklingsersättning: `false` for a participant without gymnasieexamen (or the
  /// equivalent), who is paid from studiehjälp's studiebidrag; `nil` or `true` for the level of
  /// a fifth of studiemedel's weekly studiebidrag.
  public var hasGymnasieexamen: Bool?
  /// A-kassa under the rules from 2025-10-01: the ersättningsgrundande inkomst, kr/månad (the
  /// mean monthly income of the ramtid before unemployment), before the ceiling.
  public var priorMonthlyIncome: Double?
  /// A-kassa under the rules from 2025-10-01: the step of the ersättningsperiod the phase is
  /// in (the level falls after 100 and after 200 ersättningsdagar).
  public var benefitStep: AKassaStep?

  public init(
    situation: Situation, extent: Double = 1, monthlyWage: Double? = nil, subsidyFactor: Double? = nil,
    subsidyShare: Double? = nil, annualIncome: Double? = nil, monthlyAmount: Double? = nil,
    studyGrant: StudyGrant? = nil, entitledToAKassa: Bool? = nil, priorMonthlyIncome: Double? = nil,
    benefitStep: AKassaStep? = nil, hasGymnasieexamen: Bool? = nil
  ) {
    self.situation = situation
    self.extent = extent
    self.monthlyWage = monthlyWage
    self.subsidyFactor = subsidyFactor
    self.subsidyShare = subsidyShare
    self.annualIncome = annualIncome
    self.monthlyAmount = monthlyAmount
    self.studyGrant = studyGrant
    self.entitledToAKassa = entitledToAKassa
    self.priorMonthlyIncome = priorMonthlyIncome
    self.benefitStep = benefitStep
    self.hasGymnasieexamen = hasGymnasieexamen
  }
}

/// The studiebidrag within studiemedel (studiestödslagen 3 kap. 12–13 §§).
public enum StudyGrant: String, CaseIterable, Hashable, Sendable {
  /// The general grant, 3 kap. 12 §.
  case generellt
  /// The higher grant, 3 kap. 13 § (e.g. komvux at grundskole- or gymnasienivå from the year
  /// one turns 25, and some unemployed aged 20–24).
  case hogre
}

/// The step of an ersättningsperiod under the a-kassa rules from 2025-10-01: the share of the
/// ersättningsgrundande inkomst paid falls after 100 and after 200 ersättningsdagar.
public enum AKassaStep: String, CaseIterable, Hashable, Sendable {
  /// Ersättningsdagar 1–100.
  case dag1_100 = "1-100"
  /// Ersättningsdagar 101–200.
  case dag101_200 = "101-200"
  /// Ersättningsdag 201 and later.
  case dag201 = "201-"
}

/// Use of a public service per person and month, priced by a `tjanster.*` unit cost.
public struct ServiceUse: Hashable, Sendable {
  /// The unit-cost key, e.g. `tjanster.primarvard_lakarbesok`.
  public var item: RateKey
  /// Count per person and month (may be fractional: 0.25 visits a month = 3 a year).
  public var perMonth: Double

  public init(item: RateKey, perMonth: Double) {
    self.item = item
    self.perMonth = perMonth
  }

  /// The units a service's unit cost may be in: a price per visit, contact, day (dygn), hour
  /// or month is the price of one use counted by `perMonth`; a price per year is a place held
  /// for a year, of which a month costs a twelfth. Any other unit (kr, kr/dag, a share) has no
  /// meaning as a count per month and is refused, never multiplied as it stands.
  public static let countableUnits: [RateUnit] = [
    .krPerBesok, .krPerKontakt, .krPerDygn, .krPerTimme, .krPerManad, .krPerAr,
  ]

  /// The message for a unit cost in a unit not in ``countableUnits``.
  public static func unusableUnitMessage(key: RateKey, unit: RateUnit) -> String {
    "unit cost '\(key)' is in '\(unit.rawValue)', which cannot be counted per month "
      + "(a service's unit cost must be in one of: \(countableUnits.map(\.rawValue).joined(separator: ", ")))"
  }
}

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
  /// Rate values the scenario states itself (highest precedence).
  public var rateValues: [RateValue]
  /// Every sourced input, for the report's facts-and-assumptions list.
  public var inputs: [ScenarioInput]

  public init(
    id: String, title: String, summary: String? = nil, file: String? = nil, municipality: String,
    ratesDate: Day, start: YearMonth, horizonYears: Int, discountRate: Double? = nil,
    mandatePeriodYears: Int = 4, measure: Measure, before: Phase, during: Phase? = nil,
    outcomes: [Outcome], rateValues: [RateValue] = [], inputs: [ScenarioInput] = []
  ) {
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
    self.rateValues = rateValues
    self.inputs = inputs
  }

  /// Months in the horizon.
  public var months: Int { horizonYears * 12 }
}

/// The measure ("insatsen"): who takes part, what it costs and who pays.
public struct Measure: Sendable {
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
public struct CostItem: Sendable {
  public var id: String
  public var label: String
  /// The whole cost over the item's months.
  public var amount: Money
  /// First month (index from the scenario start) and number of months the cost is spent over.
  public var startMonth: Int
  public var months: Int
  /// Who pays this item; `nil` uses the measure's financing shares.
  public var financing: [Financing]?

  public init(
    id: String, label: String, amount: Money, startMonth: Int, months: Int, financing: [Financing]? = nil
  ) {
    self.id = id
    self.label = label
    self.amount = amount
    self.startMonth = startMonth
    self.months = months
    self.financing = financing
  }
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

/// One outcome group: participants who end the measure in the same way and follow one path.
public struct Outcome: Sendable {
  /// E.g. `osubventionerat_arbete`, `subventionerat_arbete`, `studier`, `stegforflyttning`,
  /// `oforandrad_situation`.
  public var id: String
  public var label: String?
  public var persons: Int
  /// Month index at which the group leaves the measure and enters its path.
  public var startMonth: Int
  /// Phases in order; the last lasts to the end of the horizon.
  public var path: [Phase]

  public init(id: String, label: String? = nil, persons: Int, startMonth: Int, path: [Phase]) {
    self.id = id
    self.label = label
    self.persons = persons
    self.startMonth = startMonth
    self.path = path
  }
}

/// A stretch of months with a fixed mix of situations and service use, per person.
public struct Phase: Sendable {
  /// Length in months; `nil` for an open-ended phase (the last phase of a path).
  public var months: Int?
  public var situations: [SituationShare]
  public var services: [ServiceUse]

  public init(months: Int? = nil, situations: [SituationShare], services: [ServiceUse] = []) {
    self.months = months
    self.situations = situations
    self.services = services
  }
}

/// A situation at some extent of a full month (0.5 = half time), with the inputs it needs.
public struct SituationShare: Sendable {
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

  public init(
    situation: Situation, extent: Double = 1, monthlyWage: Double? = nil, subsidyFactor: Double? = nil,
    subsidyShare: Double? = nil, annualIncome: Double? = nil, monthlyAmount: Double? = nil
  ) {
    self.situation = situation
    self.extent = extent
    self.monthlyWage = monthlyWage
    self.subsidyFactor = subsidyFactor
    self.subsidyShare = subsidyShare
    self.annualIncome = annualIncome
    self.monthlyAmount = monthlyAmount
  }
}

/// Use of a public service per person and month, priced by a `tjanster.*` unit cost.
public struct ServiceUse: Sendable {
  /// The unit-cost key, e.g. `tjanster.primarvard_lakarbesok`.
  public var item: RateKey
  /// Count per person and month (may be fractional: 0.25 visits a month = 3 a year).
  public var perMonth: Double

  public init(item: RateKey, perMonth: Double) {
    self.item = item
    self.perMonth = perMonth
  }
}

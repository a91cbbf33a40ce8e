import SamkalkCore
import SamkalkRates

/// When an actor's investment is paid back.
///
/// The payback month is the first month m (1-based, counted from the scenario start) such
/// that the cumulative net (effect − investment) is ≥ 0 at the end of month m and of every
/// later month of the horizon. `month(0)` means the cumulative net is never negative: the
/// actor never carries a net cost. When the cumulative net is negative at the end of the
/// horizon there is no payback: `notWithinHorizon`, never a sentinel number.
public enum Payback: Hashable, Sendable, CustomStringConvertible {
  case month(Int)
  case notWithinHorizon

  public var month: Int? {
    if case .month(let month) = self { return month }
    return nil
  }

  /// `12` or `not-within-horizon`, as machine-readable reports write it.
  public var description: String {
    switch self {
    case .month(let month): String(month)
    case .notWithinHorizon: "not-within-horizon"
    }
  }

  /// Finds the payback month of a monthly series of nets (effect − investment).
  ///
  /// | monthly nets             | cumulative            | payback            |
  /// |--------------------------|-----------------------|--------------------|
  /// | −100, 30, 30, 30, 30     | −100, −70, −40, −10, 20 | month 5          |
  /// | 10, −20, 30              | 10, −10, 20           | month 3            |
  /// | 5, 5                     | 5, 10                 | month 0            |
  /// | −100, 30, 30             | −100, −70, −40        | not within horizon |
  public static func of(monthlyNets: [Money]) -> Payback {
    var cumulative = Money.zero
    var lastNegative = 0
    for (index, net) in monthlyNets.enumerated() {
      cumulative += net
      if cumulative < .zero { lastNegative = index + 1 }
    }
    return Payback(lastNegativeMonth: lastNegative, months: monthlyNets.count)
  }

  /// The payback of a series whose cumulative net was last negative at the end of month
  /// `lastNegativeMonth` (1-based; 0 when never) of `months`.
  init(lastNegativeMonth lastNegative: Int, months: Int) {
    if lastNegative == months && lastNegative > 0 {
      self = .notWithinHorizon
    } else {
      self = .month(lastNegative == 0 ? 0 : lastNegative + 1)
    }
  }
}

/// One year of one perspective's results (docs/METHODS.md, "Measures"), in öre.
///
/// The adjustment steps run from the gross effect (`change`) to the net effect (`effect`);
/// with no adjustments every step equals `change`.
public struct YearFigures: Hashable, Sendable {
  /// 1 for the first twelve months from the start.
  public var year: Int
  /// Net (received − paid) in the comparison basis.
  public var before: Money
  /// Net in the after situation (outcome paths), without the measure's cost.
  public var after: Money
  /// after − before: the gross effect G(t).
  public var change: Money
  /// G × (1 − deadweight) from each outcome's effect start (G itself before it).
  public var afterDeadweight: Money
  /// … × (1 − attribution).
  public var afterAttribution: Money
  /// … × (1 − displacement).
  public var afterDisplacement: Money
  /// … × (1 − optimism bias on benefits) × (1 − drop-off)^k, k whole years since each outcome's
  /// effect start: the net effect E(t) (the months before an outcome's start are unadjusted).
  public var effect: Money
  /// The perspective's share of the measure's cost spent this year, before optimism bias.
  public var investmentBeforeUplift: Money
  /// The investment I(t) with optimism bias (a positive number is a cost).
  public var investment: Money
  /// effect − investment.
  public var net: Money
  /// Σ of `net` from year 1 through this year.
  public var cumulative: Money
  /// net / (1 + r)^year, in kronor.
  public var presentValue: Double

  public init(
    year: Int, before: Money, after: Money, change: Money, afterDeadweight: Money, afterAttribution: Money,
    afterDisplacement: Money, effect: Money, investmentBeforeUplift: Money, investment: Money, net: Money,
    cumulative: Money, presentValue: Double
  ) {
    self.year = year
    self.before = before
    self.after = after
    self.change = change
    self.afterDeadweight = afterDeadweight
    self.afterAttribution = afterAttribution
    self.afterDisplacement = afterDisplacement
    self.effect = effect
    self.investmentBeforeUplift = investmentBeforeUplift
    self.investment = investment
    self.net = net
    self.cumulative = cumulative
    self.presentValue = presentValue
  }

  /// Figures without adjustments: every step equals the gross effect.
  public init(
    year: Int, before: Money, after: Money, change: Money, investment: Money, net: Money, cumulative: Money,
    presentValue: Double
  ) {
    self.init(
      year: year, before: before, after: after, change: change, afterDeadweight: change, afterAttribution: change,
      afterDisplacement: change, effect: change, investmentBeforeUplift: investment, investment: investment,
      net: net, cumulative: cumulative, presentValue: presentValue)
  }
}

/// The results for one perspective (an actor, `offentlig_sektor` or `samhallet`).
public struct PerspectiveResult: Sendable {
  public var perspective: Perspective
  public var years: [YearFigures]
  /// Net present value of (change − investment), in kronor.
  public var npv: Double
  public var payback: Payback
  /// The simple NyttoSam figure: the whole investment divided by the net effect of the twelve
  /// months after exit (``effectFirstYearAfterExit``), in years; `nil` when that effect is not
  /// positive or there is no investment.
  public var simplePaybackYears: Double?
  /// Monthly net (effect − investment) over the horizon, for payback curves.
  public var monthlyNet: [Money]
  /// Present value of the net effects, Σ E(t) / (1 + r)^t, in kronor.
  public var presentValueOfEffects: Double
  /// Present value of the investment, Σ I(t) / (1 + r)^t, in kronor.
  public var presentValueOfInvestment: Double
  /// The net effect E in the twelve months after exit: for each outcome, the first twelve
  /// months from its effect start (those within the horizon), summed over the outcomes. The
  /// post-measure yearly effect of NyttoSam's simple payback and verkningsgrad.
  public var effectFirstYearAfterExit: Money
  /// The comparison basis's net over the same months: what the participants' situation without
  /// the measure gives this perspective in the year after exit (for society: production less the
  /// resources it uses), the starting point of verkningsgrad's potential.
  public var beforeFirstYearAfterExit: Money

  public init(
    perspective: Perspective, years: [YearFigures], npv: Double, payback: Payback, simplePaybackYears: Double?,
    monthlyNet: [Money], presentValueOfEffects: Double = 0, presentValueOfInvestment: Double = 0,
    effectFirstYearAfterExit: Money = .zero, beforeFirstYearAfterExit: Money = .zero
  ) {
    self.effectFirstYearAfterExit = effectFirstYearAfterExit
    self.beforeFirstYearAfterExit = beforeFirstYearAfterExit
    self.perspective = perspective
    self.years = years
    self.npv = npv
    self.payback = payback
    self.simplePaybackYears = simplePaybackYears
    self.monthlyNet = monthlyNet
    self.presentValueOfEffects = presentValueOfEffects
    self.presentValueOfInvestment = presentValueOfInvestment
  }

  /// Benefit-cost ratio PV(effects) / PV(investment); `nil` when the actor invests nothing.
  public var benefitCostRatio: Double? {
    presentValueOfInvestment > 0 ? presentValueOfEffects / presentValueOfInvestment : nil
  }

  /// Return on investment (PV(effects) − PV(investment)) / PV(investment); `nil` without investment.
  public var returnOnInvestment: Double? {
    presentValueOfInvestment > 0 ? (presentValueOfEffects - presentValueOfInvestment) / presentValueOfInvestment : nil
  }

  /// Σ net effect over the horizon.
  public var totalEffect: Money { years.reduce(.zero) { $0 + $1.effect } }

  public var totalBefore: Money { years.reduce(.zero) { $0 + $1.before } }
  public var totalAfter: Money { years.reduce(.zero) { $0 + $1.after } }
  public var totalChange: Money { years.reduce(.zero) { $0 + $1.change } }
  public var totalInvestment: Money { years.reduce(.zero) { $0 + $1.investment } }
  public var totalNet: Money { years.reduce(.zero) { $0 + $1.net } }

  /// Whether payback falls inside the mandate period (`years × 12` months).
  public func paysBackWithin(years: Int) -> Bool {
    guard let month = payback.month else { return false }
    return month <= years * 12
  }
}

/// A rate the calculation used, with where it came from.
public struct UsedRate: Hashable, Sendable {
  public var resolved: ResolvedRate
  /// The file the value was read from (the scenario file for scenario values).
  public var file: String

  public init(resolved: ResolvedRate, file: String) {
    self.resolved = resolved
    self.file = file
  }

  public var key: RateKey { resolved.value.key }
}

/// The three ledgers of a run.
public enum LedgerArm: String, CaseIterable, Hashable, Sendable {
  /// The comparison basis (before-persists).
  case basis
  /// The after situation: each outcome group's path.
  case after
  /// The measure's own costs (the investment).
  case measure
}

/// Everything a run computed: per-perspective results, the ledgers, the rates used and warnings.
public struct ScenarioResult: Sendable {
  public var scenario: Scenario
  public var municipality: MunicipalTaxRates
  public var discountRate: Double
  /// Results for every perspective, in ``Perspective/all`` order.
  public var perspectives: [PerspectiveResult]
  public var ledgers: [LedgerArm: Ledger]
  /// Every rate the run looked up, sorted by key.
  public var ratesUsed: [UsedRate]
  /// Files the rates came from, with their SHA-256.
  public var rateFiles: [RateFile]
  public var warnings: [Diagnostic]
  /// Per-person income tax for each outcome group (and the basis) and year, for reports.
  public var taxes: [TaxRecord]
  /// Results for each subgroup (by sex and age band) that the scenario names, sorted.
  public var subgroups: [SubgroupResult]
  /// Realised against potential yearly effect for society, when the scenario gives a potential wage.
  public var verkningsgrad: Verkningsgrad?
  /// The break-even success rate per perspective, when the scenario asks for it.
  public var breakEven: BreakEvenAnalysis?

  public init(
    scenario: Scenario, municipality: MunicipalTaxRates, discountRate: Double, perspectives: [PerspectiveResult],
    ledgers: [LedgerArm: Ledger], ratesUsed: [UsedRate], rateFiles: [RateFile], warnings: [Diagnostic],
    taxes: [TaxRecord], subgroups: [SubgroupResult] = [], verkningsgrad: Verkningsgrad? = nil,
    breakEven: BreakEvenAnalysis? = nil
  ) {
    self.subgroups = subgroups
    self.verkningsgrad = verkningsgrad
    self.breakEven = breakEven
    self.scenario = scenario
    self.municipality = municipality
    self.discountRate = discountRate
    self.perspectives = perspectives
    self.ledgers = ledgers
    self.ratesUsed = ratesUsed
    self.rateFiles = rateFiles
    self.warnings = warnings
    self.taxes = taxes
  }

  public func result(for perspective: Perspective) -> PerspectiveResult {
    perspectives.first { $0.perspective == perspective }!
  }

  public var participants: Int { scenario.measure.participants }
}

/// The income tax of one person in one group and year.
public struct TaxRecord: Hashable, Sendable {
  public var arm: LedgerArm
  /// The group's id (outcome, branch path such as `subventionerat_arbete/behaller`, or `basis`).
  public var group: String
  public var year: Int
  public var persons: Double
  public var breakdown: TaxBreakdown

  public init(arm: LedgerArm, group: String, year: Int, persons: Double, breakdown: TaxBreakdown) {
    self.arm = arm
    self.group = group
    self.year = year
    self.persons = persons
    self.breakdown = breakdown
  }
}

/// The results restricted to one subgroup of participants (e.g. women, or men aged 18–29).
///
/// The subgroup's comparison basis is its own persons in the before situation (or its share of
/// the comparison alternative); the measure's cost is allocated by its share of the participants.
public struct SubgroupResult: Sendable {
  public var subgroup: Subgroup
  public var participants: Double
  public var perspectives: [PerspectiveResult]

  public init(subgroup: Subgroup, participants: Double, perspectives: [PerspectiveResult]) {
    self.subgroup = subgroup
    self.participants = participants
    self.perspectives = perspectives
  }

  public func result(for perspective: Perspective) -> PerspectiveResult {
    perspectives.first { $0.perspective == perspective }!
  }
}

/// Verkningsgrad as NyttoSam defines it: the realised yearly effect for society against the
/// potential, the effect if every participant had moved from the situation without the measure
/// (its real resource use included) to unsubsidised full-time work.
///
/// realised = society's net effect E in the twelve months after exit (the post-measure yearly
/// effect, ``PerspectiveResult/effectFirstYearAfterExit``);
/// potential = participants × 12 × wage × (1 + arbetsgivaravgift) × productivity share (the
/// production of full-time work) − society's net in the comparison basis over the same months
/// (production less the resources the participants use without the measure: health care, social
/// services, programmes); transfers cancel for society.
public struct Verkningsgrad: Hashable, Sendable {
  public var realisedPerYear: Double
  public var potentialPerYear: Double
  public var potentialWage: Double
  /// The production part of the potential: participants × 12 × wage × (1 + arbetsgivaravgift)
  /// × productivity share.
  public var potentialProductionPerYear: Double
  /// The resource part of the potential: the resources society uses on the participants in the
  /// comparison basis in the year after exit, net of any production there (a positive amount
  /// adds to the potential).
  public var potentialResourceUsePerYear: Double

  public init(
    realisedPerYear: Double, potentialPerYear: Double, potentialWage: Double, potentialProductionPerYear: Double = 0,
    potentialResourceUsePerYear: Double = 0
  ) {
    self.realisedPerYear = realisedPerYear
    self.potentialPerYear = potentialPerYear
    self.potentialWage = potentialWage
    self.potentialProductionPerYear = potentialProductionPerYear
    self.potentialResourceUsePerYear = potentialResourceUsePerYear
  }

  public var ratio: Double { potentialPerYear > 0 ? realisedPerYear / potentialPerYear : 0 }
}

/// The smallest share of participants reaching the positive outcome for which NPV ≥ 0.
public enum BreakEvenShare: Hashable, Sendable, CustomStringConvertible {
  /// NPV ≥ 0 from this share on (0–1).
  case share(Double)
  /// The perspective bears no investment and gains from success: any share will do.
  case noInvestment
  /// Even with every participant succeeding NPV stays below zero (the share would exceed 100 %).
  case notReachable(Double)
  /// Success brings the perspective no positive effect, so no share pays back its investment.
  case never

  public var description: String {
    switch self {
    case .share(let value): DecimalText.format(value, decimals: 6)
    case .noInvestment: "no-investment"
    case .notReachable: "not-reachable"
    case .never: "never"
    }
  }
}

/// The break-even analysis: in a model where each participant either follows the positive
/// outcome's path or stays in the comparison basis, NPV is linear in the share p that succeeds,
/// NPV(p) = p × S − PV(I), so the exact break-even share is p* = PV(I) / S.
public struct BreakEvenAnalysis: Sendable {
  public var outcome: String
  public var years: Int
  public var shares: [Perspective: BreakEvenShare]
  /// S: PV of net effects within `years` if every participant succeeded, per perspective.
  public var successValue: [Perspective: Double]
  /// PV(I) within `years`, per perspective.
  public var investmentValue: [Perspective: Double]

  public init(
    outcome: String, years: Int, shares: [Perspective: BreakEvenShare], successValue: [Perspective: Double],
    investmentValue: [Perspective: Double]
  ) {
    self.outcome = outcome
    self.years = years
    self.shares = shares
    self.successValue = successValue
    self.investmentValue = investmentValue
  }
}

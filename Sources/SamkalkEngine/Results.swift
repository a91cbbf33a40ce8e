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
    if lastNegative == monthlyNets.count && lastNegative > 0 { return .notWithinHorizon }
    return .month(lastNegative == 0 ? 0 : lastNegative + 1)
  }
}

/// One year of one perspective's results (DOMAIN.md §8), in öre.
public struct YearFigures: Hashable, Sendable {
  /// 1 for the first twelve months from the start.
  public var year: Int
  /// Net (received − paid) in the comparison basis.
  public var before: Money
  /// Net in the after situation (outcome paths), without the measure's cost.
  public var after: Money
  /// after − before: the effect of the measure.
  public var change: Money
  /// The perspective's share of the measure's cost spent this year (a positive number is a cost).
  public var investment: Money
  /// change − investment.
  public var net: Money
  /// Σ of `net` from year 1 through this year.
  public var cumulative: Money
  /// net / (1 + r)^year, in kronor.
  public var presentValue: Double

  public init(
    year: Int, before: Money, after: Money, change: Money, investment: Money, net: Money, cumulative: Money,
    presentValue: Double
  ) {
    self.year = year
    self.before = before
    self.after = after
    self.change = change
    self.investment = investment
    self.net = net
    self.cumulative = cumulative
    self.presentValue = presentValue
  }
}

/// The results for one perspective (an actor, `offentlig_sektor` or `samhallet`).
public struct PerspectiveResult: Sendable {
  public var perspective: Perspective
  public var years: [YearFigures]
  /// Net present value of (change − investment), in kronor.
  public var npv: Double
  public var payback: Payback
  /// The simple NyttoSam figure: investment / change in year 1, in years; `nil` when the
  /// year-1 change is not positive or there is no investment.
  public var simplePaybackYears: Double?
  /// Monthly net (change − investment) over the horizon, for payback curves.
  public var monthlyNet: [Money]

  public init(
    perspective: Perspective, years: [YearFigures], npv: Double, payback: Payback, simplePaybackYears: Double?,
    monthlyNet: [Money]
  ) {
    self.perspective = perspective
    self.years = years
    self.npv = npv
    self.payback = payback
    self.simplePaybackYears = simplePaybackYears
    self.monthlyNet = monthlyNet
  }

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

  public init(
    scenario: Scenario, municipality: MunicipalTaxRates, discountRate: Double, perspectives: [PerspectiveResult],
    ledgers: [LedgerArm: Ledger], ratesUsed: [UsedRate], rateFiles: [RateFile], warnings: [Diagnostic],
    taxes: [TaxRecord]
  ) {
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
  /// The outcome id, or `basis` for the comparison basis.
  public var group: String
  public var year: Int
  public var persons: Int
  public var breakdown: TaxBreakdown

  public init(arm: LedgerArm, group: String, year: Int, persons: Int, breakdown: TaxBreakdown) {
    self.arm = arm
    self.group = group
    self.year = year
    self.persons = persons
    self.breakdown = breakdown
  }
}

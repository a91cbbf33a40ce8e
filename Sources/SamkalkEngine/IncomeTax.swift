import SamkalkCore
import SamkalkRates

/// One person's income in one income year, as the tax step needs it.
public struct PersonYearIncome: Hashable, Sendable {
  /// All taxable income (wages and taxable benefits), kronor for the year.
  public var taxable: Money
  /// The part that is arbetsinkomst (wages), the base of the jobbskatteavdrag.
  public var earned: Money
  /// The part on which allmän pensionsavgift is charged (wages and taxable benefits).
  public var pensionable: Money
  /// The person's age at the start of the income year ("vid beskattningsårets ingång har fyllt"):
  /// the income year − 1 − the birth year. `nil` when not given: the person is then below every
  /// age threshold of the tax (förhöjt grundavdrag, the older's jobbskatteavdrag).
  public var ageAtStartOfYear: Int?

  public init(taxable: Money, earned: Money, pensionable: Money, ageAtStartOfYear: Int? = nil) {
    self.taxable = taxable
    self.earned = earned
    self.pensionable = pensionable
    self.ageAtStartOfYear = ageAtStartOfYear
  }

  /// The age at the start of `incomeYear` of a person born in `birthYear` (`nil` when not given).
  public static func age(bornIn birthYear: Int?, atStartOf incomeYear: Int) -> Int? {
    birthYear.map { incomeYear - 1 - $0 }
  }
}

/// Every component of one person-year's income tax, in whole kronor (as öre amounts).
///
/// Who receives and bears each part (docs/METHODS.md, "Income tax"): `kommun` receives ``kommunalskatt``,
/// `region` ``regionskatt``; `staten` receives ``statligSkatt``, ``pensionsavgift`` and
/// ``publicServiceAvgift`` and bears every reduction.
public struct TaxBreakdown: Hashable, Sendable {
  public var faststalldForvarvsinkomst: Money = .zero
  public var grundavdrag: Money = .zero
  public var beskattningsbarInkomst: Money = .zero
  public var kommunalskatt: Money = .zero
  public var regionskatt: Money = .zero
  public var statligSkatt: Money = .zero
  public var pensionsavgift: Money = .zero
  public var publicServiceAvgift: Money = .zero
  /// Skattereduktion för allmän pensionsavgift (as much of the fee as the tax allows).
  public var pensionsavgiftReduktion: Money = .zero
  public var jobbskatteavdrag: Money = .zero
  public var skattereduktionForvarvsinkomst: Money = .zero
  public var regionalSkattereduktion: Money = .zero

  public init() {}

  /// Every reduction the state bears.
  public var reductions: Money {
    pensionsavgiftReduktion + jobbskatteavdrag + skattereduktionForvarvsinkomst + regionalSkattereduktion
  }

  /// The final tax: taxes and fees less reductions.
  public var slutligSkatt: Money {
    kommunalskatt + regionskatt + statligSkatt + pensionsavgift + publicServiceAvgift - reductions
  }
}

extension TaxBreakdown {
  /// Who pays whom each part of the tax and under which item, in the order the ledger books
  /// them (docs/METHODS.md, "Income tax"): the one table ``TaxBooking`` and the fast evaluation both book from.
  static let flows: [(payer: Actor, payee: Actor, item: String)] = [
    (.individ, .kommun, "kommunalskatt"), (.individ, .region, "regionskatt"),
    (.individ, .staten, "statlig_skatt"), (.individ, .staten, "allman_pensionsavgift"),
    (.individ, .staten, "public_service_avgift"), (.staten, .individ, "skattereduktion_pensionsavgift"),
    (.staten, .individ, "jobbskatteavdrag"), (.staten, .individ, "skattereduktion_forvarvsinkomst"),
    (.staten, .individ, "regional_skattereduktion"),
  ]

  /// The per-person amount of ``flows``[`index`].
  func amount(ofFlow index: Int) -> Money {
    switch index {
    case 0: kommunalskatt
    case 1: regionskatt
    case 2: statligSkatt
    case 3: pensionsavgift
    case 4: publicServiceAvgift
    case 5: pensionsavgiftReduktion
    case 6: jobbskatteavdrag
    case 7: skattereduktionForvarvsinkomst
    default: regionalSkattereduktion
    }
  }
}

/// The municipal rates and parameters a tax method needs for one year.
public struct TaxContext {
  public var municipality: MunicipalTaxRates
  /// Looks up a numeric parameter by key (the engine records every use for the report).
  public var number: (RateKey) throws(RateLookupError) -> Double
  /// Whether the municipality is on a dated list, e.g. `skatt.regional_skattereduktion.kommuner`.
  public var listed: (RateKey) throws(RateLookupError) -> Bool

  public init(
    municipality: MunicipalTaxRates, number: @escaping (RateKey) throws(RateLookupError) -> Double,
    listed: @escaping (RateKey) throws(RateLookupError) -> Bool
  ) {
    self.municipality = municipality
    self.number = number
    self.listed = listed
  }
}

/// The interface behind which the income tax is computed, so that the method can be completed
/// or replaced without touching the engine.
public protocol IncomeTaxMethod: Sendable {
  func tax(_ income: PersonYearIncome, in context: TaxContext) throws(RateLookupError) -> TaxBreakdown

  /// The method bound to one context, for computing many incomes with the same parameters (a
  /// Monte Carlo draw); a method may look its parameters up once here instead of per income.
  func prepared(for context: TaxContext) -> PreparedIncomeTax

  /// Every numeric rate key the method may read, so that a Monte Carlo draw that replaces none
  /// of them can keep the method prepared with the base values; `nil` (the default) when the
  /// method does not say, and every draw with replaced rates prepares it afresh.
  var parameterKeys: Set<RateKey>? { get }
}

extension IncomeTaxMethod {
  public var parameterKeys: Set<RateKey>? { nil }

  public func prepared(for context: TaxContext) -> PreparedIncomeTax {
    PreparedIncomeTax(municipality: context.municipality) { income, municipality throws(RateLookupError) in
      var context = context
      context.municipality = municipality
      return try self.tax(income, in: context)
    }
  }
}

/// An income tax method bound to its parameters: income in, every tax component out.
///
/// The municipality's rates are kept apart from the other parameters, so that draws that vary
/// only the kommunalskatt share one prepared method (``setRates(kommunal:regional:)``).
public struct PreparedIncomeTax {
  public private(set) var municipality: MunicipalTaxRates
  private let compute: (PersonYearIncome, MunicipalTaxRates) throws(RateLookupError) -> TaxBreakdown

  public init(
    municipality: MunicipalTaxRates,
    _ compute: @escaping (PersonYearIncome, MunicipalTaxRates) throws(RateLookupError) -> TaxBreakdown
  ) {
    self.municipality = municipality
    self.compute = compute
  }

  public func tax(_ income: PersonYearIncome) throws(RateLookupError) -> TaxBreakdown {
    try compute(income, municipality)
  }

  /// Sets another municipal and regional tax rate in place (the same municipality, so the same
  /// dated lists): the Monte Carlo evaluation keeps one prepared method through its draws.
  public mutating func setRates(kommunal: Double, regional: Double) {
    municipality.kommunal = kommunal
    municipality.regional = regional
  }
}

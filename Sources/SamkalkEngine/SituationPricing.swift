import SamkalkCore
import SamkalkRates

/// What one person's month in a given mix of situations is worth to each actor, and the income
/// tax on a year of such months: the engine's valuation, for callers that build their own
/// populations (person-level follow-up data) instead of a scenario's groups.
///
/// ```swift
/// let pricing = try SituationPricing(rates: book, date: Day(year: 2025, month: 1, day: 1), municipality: "1780")
/// let month = try pricing.month(Phase(situations: [SituationShare(situation: .aktivitetsstod)]))
/// month.net[.arbetsformedlingen]  // −4 831.67 kr: 223 kr/dag × 52 × 5 / 12
/// ```
public final class SituationPricing {
  /// One person's month: the flows and each actor's net, plus the incomes the tax step needs.
  public struct Month: Sendable {
    public var flows: [Flow]
    /// Received − paid per actor, in öre (all seven actors present).
    public var net: [Actor: Money]
    public var taxable: Money
    public var earned: Money
    public var pensionable: Money
  }

  private let reader: RateReader
  private let flows: SituationFlows
  private let method: any IncomeTaxMethod
  public let municipality: MunicipalTaxRates

  public init(
    rates: RateBook, date: Day, municipality codeOrName: String, method: any IncomeTaxMethod = SKV433Method()
  ) throws(DiagnosticError) {
    let location = SourceLocation(file: "rates")
    do {
      self.municipality = try rates.municipality(codeOrName, year: date.year)
    } catch {
      throw DiagnosticError(.error(error.description, at: location))
    }
    reader = RateReader(book: rates, date: date)
    do {
      flows = try SituationFlows(rates: reader)
    } catch {
      throw DiagnosticError(.error(error.description, at: location))
    }
    self.method = method
  }

  /// The month of one person in `phase` (situations at their extents, and service use).
  public func month(_ phase: Phase) throws(DiagnosticError) -> Month {
    let profile: PersonMonth
    do {
      profile = try flows.profile(of: phase)
    } catch {
      throw DiagnosticError(.error(error.description, at: SourceLocation(file: "rates")))
    }
    var net = Dictionary(uniqueKeysWithValues: Actor.allCases.map { ($0, Money.zero) })
    for entry in profile.entries {
      if case .actor(let payer) = entry.payer { net[payer]! -= entry.amount }
      if case .actor(let payee) = entry.payee { net[payee]! += entry.amount }
    }
    return Month(
      flows: profile.entries.map {
        Flow(month: 0, payer: $0.payer, payee: $0.payee, item: $0.item, amount: $0.amount, kind: $0.kind)
      }, net: net, taxable: profile.taxable, earned: profile.earned, pensionable: profile.pensionable)
  }

  /// One person's income tax for a year of income, with who receives and bears each part.
  public func tax(_ income: PersonYearIncome) throws(DiagnosticError) -> TaxBreakdown {
    do {
      return try method.tax(income, in: reader.taxContext(for: municipality))
    } catch {
      throw DiagnosticError(.error(error.description, at: SourceLocation(file: "rates")))
    }
  }

  /// Each actor's net from a tax breakdown (kommun, region and staten receive; staten bears reductions).
  public static func net(of tax: TaxBreakdown) -> [Actor: Money] {
    var net = Dictionary(uniqueKeysWithValues: Actor.allCases.map { ($0, Money.zero) })
    net[.kommun] = tax.kommunalskatt
    net[.region] = tax.regionskatt
    net[.staten] = tax.statligSkatt + tax.pensionsavgift + tax.publicServiceAvgift - tax.reductions
    net[.individ] = -tax.slutligSkatt
    return net
  }

  /// Every rate used so far, sorted by key, for the report's provenance.
  public var ratesUsed: [UsedRate] {
    reader.used.values.sorted { $0.value.key < $1.value.key }.map {
      UsedRate(resolved: $0, file: $0.value.origin.location.file)
    }
  }
}

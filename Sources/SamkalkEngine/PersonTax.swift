import SamkalkCore
import SamkalkRates

/// One person's income tax for a calendar year, straight from the rate tables: what
/// `samkalk tax` prints and what finance officers check against Skatteverket's tables.
public struct PersonTax: Sendable {
  public var year: Int
  public var municipality: MunicipalTaxRates
  public var income: PersonYearIncome
  /// The birth year given, if any (the age at the start of the year is in ``income``).
  public var birthYear: Int?
  public var breakdown: TaxBreakdown
  /// Every rate the computation used.
  public var ratesUsed: [ResolvedRate]

  /// Income after tax: wages and taxable benefits less the final tax.
  public var nettoinkomst: Money { income.taxable - breakdown.slutligSkatt }

  /// Computes the tax on a year's wage (arbetsinkomst) and taxable benefits (not arbetsinkomst,
  /// e.g. aktivitetsstöd or sjukersättning), with the parameters in force on 1 January, for a
  /// person born in `birthYear` (`nil`: below every age threshold, as the engine assumes for a
  /// group without one).
  public static func compute(
    rates: RateBook, year: Int, municipality codeOrName: String, wage: Money, benefits: Money,
    birthYear: Int? = nil, method: any IncomeTaxMethod = SKV433Method()
  ) throws(DiagnosticError) -> PersonTax {
    let location = SourceLocation(file: "samkalk tax")
    let date = Day(year: year, month: 1, day: 1)
    let municipality: MunicipalTaxRates
    do {
      municipality = try rates.municipality(codeOrName, year: year)
    } catch {
      throw DiagnosticError(.error(error.description, at: location))
    }
    let reader = RateReader(book: rates, date: date)
    let context = reader.taxContext(for: municipality)
    let income = PersonYearIncome(
      taxable: wage + benefits, earned: wage, pensionable: wage + benefits,
      ageAtStartOfYear: PersonYearIncome.age(bornIn: birthYear, atStartOf: year))
    do {
      let breakdown = try method.tax(income, in: context)
      return PersonTax(
        year: year, municipality: municipality, income: income, birthYear: birthYear, breakdown: breakdown,
        ratesUsed: reader.used.values.sorted { $0.value.key < $1.value.key })
    } catch {
      throw DiagnosticError(.error(error.description, at: location))
    }
  }
}

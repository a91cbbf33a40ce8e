import SamkalkCore
import SamkalkRates

/// One person's income tax for a calendar year, straight from the rate tables: what
/// `samkalk tax` prints and what finance officers check against Skatteverket's tables.
public struct PersonTax: Sendable {
  public var year: Int
  public var municipality: MunicipalTaxRates
  public var income: PersonYearIncome
  public var breakdown: TaxBreakdown
  /// Every rate the computation used.
  public var ratesUsed: [ResolvedRate]

  /// Income after tax: wages and taxable benefits less the final tax.
  public var nettoinkomst: Money { income.taxable - breakdown.slutligSkatt }

  /// Computes the tax on a year's wage (arbetsinkomst) and taxable benefits (not arbetsinkomst,
  /// e.g. aktivitetsstöd or sjukersättning), with the parameters in force on 1 January.
  public static func compute(
    rates: RateBook, year: Int, municipality codeOrName: String, wage: Money, benefits: Money,
    method: any IncomeTaxMethod = SKV433Method()
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
    let income = PersonYearIncome(taxable: wage + benefits, earned: wage, pensionable: wage + benefits)
    do {
      let breakdown = try method.tax(income, in: context)
      return PersonTax(
        year: year, municipality: municipality, income: income, breakdown: breakdown,
        ratesUsed: reader.used.values.sorted { $0.value.key < $1.value.key })
    } catch {
      throw DiagnosticError(.error(error.description, at: location))
    }
  }
}

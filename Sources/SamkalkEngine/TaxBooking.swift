import SamkalkCore
import SamkalkRates

/// Computes one person's income tax for an analysis year and books it for a whole group.
///
/// The tax is computed per person (everyone in a group has the same path), then each
/// component × persons is booked in the year's months in proportion to each month's taxable
/// income, split to the öre so that the year's total is exact.
struct TaxBooking {
  let method: any IncomeTaxMethod
  let municipality: MunicipalTaxRates
  let rates: RateReader
  /// Taxes already computed in this run, by income: the same income gives the same tax (one
  /// municipality, one rates date), and groups, subgroups and the break-even arm repeat incomes.
  private let computed = TaxCache()

  init(method: any IncomeTaxMethod, municipality: MunicipalTaxRates, rates: RateReader) {
    self.method = method
    self.municipality = municipality
    self.rates = rates
  }

  /// Books one analysis year of a group whose persons are `ageAtStartOfYear` at the start of its
  /// income year (``PopulationGroup/ageAtStartOfIncomeYear(beginningIn:start:)``).
  func book(
    year: [PersonMonth], firstMonth: Int, persons: Double, ageAtStartOfYear: Int?, into ledger: inout Ledger
  ) throws -> TaxBreakdown {
    let income = PersonYearIncome(
      taxable: year.reduce(.zero) { $0 + $1.taxable },
      earned: year.reduce(.zero) { $0 + $1.earned },
      pensionable: year.reduce(.zero) { $0 + $1.pensionable }, ageAtStartOfYear: ageAtStartOfYear)
    guard income.taxable > .zero || income.pensionable > .zero else { return TaxBreakdown() }
    let tax: TaxBreakdown
    if let known = computed.taxes[income] {
      tax = known
    } else {
      tax = try method.tax(income, in: rates.taxContext(for: municipality))
      computed.taxes[income] = tax
    }
    let weights = year.map { Double($0.taxable.ore) }
    for (index, flow) in TaxBreakdown.flows.enumerated() {
      let perPerson = tax.amount(ofFlow: index)
      guard perPerson != .zero else { continue }
      for (offset, part) in perPerson.scaled(by: persons).split(proportionalTo: weights).enumerated() {
        ledger.record(
          month: firstMonth + offset, from: .actor(flow.payer), to: .actor(flow.payee), item: flow.item, amount: part,
          kind: .transfer)
      }
    }
    return tax
  }
}

/// The memo of ``TaxBooking``: a reference, so that copies of the booking share it.
final class TaxCache {
  var taxes: [PersonYearIncome: TaxBreakdown] = [:]
}

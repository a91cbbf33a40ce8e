import SamkalkCore

/// What one person in one phase generates in one month: flows in öre and the incomes the tax
/// step needs. A phase's profile is the same every month (rates are fixed for the run), so the
/// engine computes it once and multiplies by the number of persons.
struct PersonMonth {
  struct Entry {
    var payer: Party
    var payee: Party
    var item: String
    var amount: Money
    var kind: FlowKind
  }

  var entries: [Entry] = []
  /// Taxable income this month (wages and taxable benefits).
  var taxable = Money.zero
  /// Arbetsinkomst this month (wages).
  var earned = Money.zero
  /// Income on which allmän pensionsavgift is charged.
  var pensionable = Money.zero

  mutating func add(_ payer: Party, _ payee: Party, _ item: String, _ amount: Money, _ kind: FlowKind) {
    entries.append(Entry(payer: payer, payee: payee, item: item, amount: amount, kind: kind))
  }
}

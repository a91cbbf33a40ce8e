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
    /// For production: the entries (index, +1 or −1) whose group amounts it is the share of,
    /// so that a group's production is computed from the group's rounded wage cost and the
    /// employer's net stays exact whatever the number of persons.
    var derivedFrom: [(index: Int, sign: Int64)] = []
    var derivedShare: Double = 1

    /// The amount for `persons` persons, given the group amounts of the entries before it.
    func amount(forPersons persons: Double, earlier: [Money]) -> Money {
      guard !derivedFrom.isEmpty else { return amount.scaled(by: persons) }
      var basis = Money.zero
      for term in derivedFrom { basis += term.sign > 0 ? earlier[term.index] : -earlier[term.index] }
      return basis.scaled(by: derivedShare)
    }
  }

  var entries: [Entry] = []
  /// Taxable income this month (wages and taxable benefits).
  var taxable = Money.zero
  /// Arbetsinkomst this month (wages).
  var earned = Money.zero
  /// Income on which allmän pensionsavgift is charged.
  var pensionable = Money.zero

  /// Whether `other` is a copy of this profile (the memo hands out one profile to every phase
  /// with the same situations): the same entries storage and incomes. A profile equal in value
  /// but computed apart is not a copy; callers only lose a shortcut then.
  func isCopy(of other: PersonMonth) -> Bool {
    guard taxable == other.taxable, earned == other.earned, pensionable == other.pensionable,
      entries.count == other.entries.count
    else { return false }
    return entries.withUnsafeBufferPointer { mine in
      other.entries.withUnsafeBufferPointer { theirs in mine.baseAddress == theirs.baseAddress }
    }
  }

  /// Adds a flow and returns its index.
  @discardableResult
  mutating func add(_ payer: Party, _ payee: Party, _ item: String, _ amount: Money, _ kind: FlowKind) -> Int {
    entries.append(Entry(payer: payer, payee: payee, item: item, amount: amount, kind: kind))
    return entries.count - 1
  }

  /// The entries' amounts for a group of `persons` persons.
  func groupAmounts(persons: Double) -> [Money] {
    var amounts: [Money] = []
    groupAmounts(persons: persons, into: &amounts)
    return amounts
  }

  /// The same amounts written into a buffer the caller reuses (no allocation once it has grown).
  func groupAmounts(persons: Double, into amounts: inout [Money]) {
    amounts.removeAll(keepingCapacity: true)
    amounts.reserveCapacity(entries.count)
    // By index: an entry copied out of the array would retain its item and derivation.
    entries.withUnsafeBufferPointer { entries in
      for index in entries.indices {
        amounts.append(
          entries[index].derivedFrom.isEmpty
            ? entries[index].amount.scaled(by: persons) : entries[index].amount(forPersons: persons, earlier: amounts))
      }
    }
  }
}

import SamkalkCore
import SamkalkEngine
import Testing

@Suite struct PaybackTests {
  private func kr(_ values: [Int64]) -> [Money] { values.map { Money(kronor: $0) } }

  @Test func findsTheFirstMonthFromWhichCumulativeStaysNonNegative() {
    // cumulative −100, −70, −40, −10, 20 → paid back in month 5
    #expect(Payback.of(monthlyNets: kr([-100, 30, 30, 30, 30])) == .month(5))
    // cumulative 10, −10, 20: positive in month 1 but negative again in month 2 → month 3
    #expect(Payback.of(monthlyNets: kr([10, -20, 30])) == .month(3))
    // never negative → month 0 (the actor never carries a net cost)
    #expect(Payback.of(monthlyNets: kr([5, 5])) == .month(0))
    // still −40 at the end → no payback
    #expect(Payback.of(monthlyNets: kr([-100, 30, 30])) == .notWithinHorizon)
    // exactly zero counts as paid back
    #expect(Payback.of(monthlyNets: kr([-60, 30, 30])) == .month(3))
    #expect(Payback.notWithinHorizon.description == "not-within-horizon")
  }

  @Test func propertyZeroEffectNeverPaysBackAPositiveInvestment() {
    var generator = Generator(seed: 7)
    for _ in 0..<300 {
      let months = Int(generator.next() % 120) + 1
      var nets = Array(repeating: Money.zero, count: months)
      let spendMonths = Int(generator.next() % UInt64(months)) + 1
      for month in 0..<spendMonths { nets[month] = Money(ore: -Int64(generator.next() % 1_000_000) - 1) }
      #expect(Payback.of(monthlyNets: nets) == .notWithinHorizon)
    }
  }
}

/// The property tests' generator: SamkalkCore's SplitMix64.
typealias Generator = SplitMix64

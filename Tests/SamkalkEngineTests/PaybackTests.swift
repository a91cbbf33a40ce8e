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

/// SplitMix64, a small deterministic generator for property tests.
struct Generator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

import SamkalkCore
import Testing

@testable import SamkalkEngine

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

  /// The fast evaluation takes a segment of equal monthly nets at once; the worked cases of
  /// its doc comment, and generated segments against month-by-month accumulation.
  @Test func aSegmentsLastNegativeMonthIsTheOneMonthByMonthAccumulationFinds() {
    #expect(DrawWorkspace.lastNegative(from: -10, adding: 4, months: 0..<5) == 2)
    #expect(DrawWorkspace.lastNegative(from: -10, adding: 5, months: 0..<5) == 1)
    #expect(DrawWorkspace.lastNegative(from: -10, adding: 0, months: 3..<5) == 5)
    #expect(DrawWorkspace.lastNegative(from: 5, adding: -2, months: 0..<3) == 3)
    #expect(DrawWorkspace.lastNegative(from: 5, adding: -1, months: 0..<3) == nil)
    #expect(DrawWorkspace.lastNegative(from: 0, adding: 0, months: 0..<3) == nil)
    // Rising but still negative at the end: every month.
    #expect(DrawWorkspace.lastNegative(from: -10, adding: 1, months: 0..<5) == 5)
    var generator = Generator(seed: 11)
    for _ in 0..<2_000 {
      let start = Int64(generator.next() % 2_001) - 1_000
      let net = Int64(generator.next() % 201) - 100
      let first = Int(generator.next() % 50)
      let months = first..<(first + Int(generator.next() % 30) + 1)
      var cumulative = start
      var expected: Int?
      for month in months {
        cumulative += net
        if cumulative < 0 { expected = month + 1 }
      }
      #expect(
        DrawWorkspace.lastNegative(from: start, adding: net, months: months) == expected, "\(start) \(net) \(months)")
    }
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

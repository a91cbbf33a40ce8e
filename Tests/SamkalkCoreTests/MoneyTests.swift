import SamkalkCore
import Testing

@Suite struct MoneyTests {
  @Test func roundsHalfAwayFromZeroToOre() {
    #expect(Money.rounding(kronor: 1234.5)?.ore == 123_450)
    #expect(Money.rounding(kronor: 0.005)?.ore == 1)
    #expect(Money.rounding(kronor: -0.005)?.ore == -1)
    // 223 kr/dag × 52 × 5 / 12 = 4 831.666… kr → 4 831.67 kr
    #expect(Money.rounding(kronor: 223.0 * 52 * 5 / 12)?.ore == 483_167)
    #expect(Money.rounding(kronor: .infinity) == nil)
    #expect(Money.rounding(kronor: 1e300) == nil)
  }

  @Test func describesWithTwoDecimals() {
    #expect(Money(ore: 123_405).description == "1234.05")
    #expect(Money(ore: -5).description == "-0.05")
    #expect(Money(ore: 0).description == "0.00")
  }

  @Test func splitsEvenlyAndExactly() {
    #expect(Money(ore: 100).split(into: 3).map(\.ore) == [34, 33, 33])
    #expect(Money(ore: -100).split(into: 3).map(\.ore) == [-34, -33, -33])
    // 9 000 000 kr over 36 months = 250 000 kr a month exactly.
    #expect(Money(kronor: 9_000_000).split(into: 36).allSatisfy { $0 == Money(kronor: 250_000) })
  }

  @Test func splitsProportionallyByLargestRemainder() {
    // 10 öre by weights 1:1:1 → 3.33 each; the one extra öre goes to the first part.
    #expect(Money(ore: 10).split(proportionalTo: [1, 1, 1]).map(\.ore) == [4, 3, 3])
    // 1 000 öre by 0.5/0.25/0.25 (Finsam shares) → 500/250/250.
    #expect(Money(ore: 1000).split(proportionalTo: [0.5, 0.25, 0.25]).map(\.ore) == [500, 250, 250])
    #expect(Money(ore: 7).split(proportionalTo: [0, 0]).map(\.ore) == [4, 3])
  }

  @Test(arguments: [1, 2, 3, 7, 12, 13, 100])
  func splitAlwaysAddsUp(parts: Int) {
    var generator = SplitMix64(seed: UInt64(parts))
    for _ in 0..<200 {
      let amount = Money(ore: Int64(generator.next() % 2_000_000_000) - 1_000_000_000)
      let even = amount.split(into: parts)
      #expect(even.reduce(.zero, +) == amount)
      #expect(even.map(\.ore).max()! - even.map(\.ore).min()! <= 1)
      let weights = (0..<parts).map { _ in Double(generator.next() % 1000) }
      #expect(amount.split(proportionalTo: weights).reduce(.zero, +) == amount)
    }
  }
}

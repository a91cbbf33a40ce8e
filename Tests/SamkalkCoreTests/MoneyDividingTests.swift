import Testing

@testable import SamkalkCore

/// `Money.dividing` divides by twelve as a constant and by anything else as a variable; both
/// must give Swift's truncating quotient and remainder.
@Suite struct MoneyDividingTests {
  @Test func givesTheWorkedCasesOfItsDocumentation() {
    #expect(Money.dividing(25, into: 12) == (2, 1))
    #expect(Money.dividing(25, into: 7) == (3, 4))
    #expect(Money.dividing(-25, into: 12) == (-2, -1))
  }

  @Test func agreesWithDivisionOnGeneratedValues() {
    var state: UInt64 = 12
    for _ in 0..<20_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let value = Int64(bitPattern: state) >> Int64(state % 40)
      let count = Int64(1 + (state >> 59) % 24)
      let result = Money.dividing(value, into: count)
      #expect(result.quotient == value / count && result.remainder == value % count)
    }
  }
}

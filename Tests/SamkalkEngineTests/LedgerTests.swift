import SamkalkCore
import SamkalkEngine
import Testing

@Suite struct LedgerTests {
  @Test func netsAndTotalsReconcile() throws {
    var ledger = Ledger(months: 2)
    ledger.record(
      month: 0, from: .actor(.kommun), to: .actor(.individ), item: "forsorjningsstod", amount: Money(kronor: 10_000),
      kind: .transfer)
    ledger.record(
      month: 1, from: .actor(.arbetsgivare), to: .actor(.individ), item: "lon", amount: Money(kronor: 25_000),
      kind: .transfer)
    ledger.record(
      month: 1, from: .outside, to: .actor(.arbetsgivare), item: "produktion", amount: Money(kronor: 32_855),
      kind: .production)
    ledger.record(
      month: 1, from: .actor(.region), to: .outside, item: "vard", amount: Money(kronor: 2_093), kind: .resource)
    try ledger.checkInvariant()
    #expect(ledger.yearlyNet(of: .individ) == [Money(kronor: 35_000)])
    #expect(ledger.yearlyNet(of: .kommun) == [Money(kronor: -10_000)])
    #expect(ledger.yearlyNet(of: .arbetsgivare) == [Money(kronor: 7_855)])
    let totals = ledger.totals
    #expect(totals.production == Money(kronor: 32_855))
    #expect(totals.resources == Money(kronor: 2_093))
    #expect(totals.transferBalance == .zero)
    // Σ nets = 35 000 − 10 000 + 7 855 − 2 093 = 30 762 = 32 855 − 2 093
    let sum = Actor.allCases.map { ledger.netFromFlows(of: $0) }.reduce(.zero, +)
    #expect(sum == Money(kronor: 30_762))
  }

  @Test func propertyInvariantHoldsForRandomFlows() throws {
    var generator = Generator(seed: 42)
    let parties: [Party] = Actor.allCases.map { .actor($0) }
    for _ in 0..<100 {
      let months = Int(generator.next() % 36) + 1
      var ledger = Ledger(months: months)
      for _ in 0..<200 {
        let month = Int(generator.next() % UInt64(months))
        let amount = Money(ore: Int64(generator.next() % 10_000_000))
        let a = parties[Int(generator.next() % 7)]
        var b = parties[Int(generator.next() % 7)]
        if a == b { b = a == .actor(.staten) ? .actor(.kommun) : .actor(.staten) }
        switch generator.next() % 3 {
        case 0: ledger.record(month: month, from: a, to: b, item: "t", amount: amount, kind: .transfer)
        case 1: ledger.record(month: month, from: a, to: .outside, item: "r", amount: amount, kind: .resource)
        default: ledger.record(month: month, from: .outside, to: b, item: "p", amount: amount, kind: .production)
        }
      }
      try ledger.checkInvariant()
      let totals = ledger.totals
      let sum = Actor.allCases.flatMap { ledger.yearlyNet(of: $0) }.reduce(.zero, +)
      #expect(sum == totals.production - totals.resources)
    }
  }
}

import SamkalkCore
import SamkalkEngine
import SamkalkRates
import Testing

/// Hand-computed tax cases; the arithmetic is written out next to each expectation.
@Suite struct SKV433MethodTests {
  static let rates = Result { try RateBook.shipped() }

  private func tax(
    taxable: Int64, earned: Int64, municipality: String, on date: String
  ) throws -> TaxBreakdown {
    let book = try Self.rates.get()
    let day = try #require(Day(date))
    let context = TaxContext(municipality: try book.municipality(municipality, year: day.year)) {
      key throws(RateLookupError) in
      try book.resolve(key, at: day).number!
    }
    return try SKV433Method().tax(
      PersonYearIncome(
        taxable: Money(kronor: taxable), earned: Money(kronor: earned), pensionable: Money(kronor: taxable)),
      in: context)
  }

  @Test func wageOf300000InKarlstad2025() throws {
    let result = try tax(taxable: 300_000, earned: 300_000, municipality: "1780", on: "2025-01-01")
    // PBB 58 800; FFI 300 000 = 5.10 PBB → GA = 1.081 × 58 800 − 0.1 × 300 000 = 33 562.8 → 33 600
    #expect(result.grundavdrag == Money(kronor: 33_600))
    #expect(result.beskattningsbarInkomst == Money(kronor: 266_400))
    // 266 400 × 21.27 % = 56 663.28 → 56 663; × 12.28 % = 32 713.92 → 32 713
    #expect(result.kommunalskatt == Money(kronor: 56_663))
    #expect(result.regionskatt == Money(kronor: 32_713))
    #expect(result.statligSkatt == .zero)
    // 7 % × 300 000 = 21 000, credited in full
    #expect(result.pensionsavgift == Money(kronor: 21_000))
    #expect(result.pensionsavgiftReduktion == Money(kronor: 21_000))
    // JSA: 1.813 × 58 800 + 0.199 × (300 000 − 3.24 × 58 800) = 128 392.51; − 33 600 = 94 792.51;
    // × 33.55 % = 31 802.89 → 31 802
    #expect(result.jobbskatteavdrag == Money(kronor: 31_802))
    // (240 000 − 40 000) × 0.75 % = 1 500 (the maximum)
    #expect(result.skattereduktionFörvärvsinkomst == Money(kronor: 1_500))
    // public service 1 % × 266 400 = 2 664, capped at 1 249
    #expect(result.publicServiceAvgift == Money(kronor: 1_249))
    // 56 663 + 32 713 + 21 000 + 1 249 − 21 000 − 31 802 − 1 500 = 57 323
    #expect(result.slutligSkatt == Money(kronor: 57_323))
  }

  @Test func aktivitetsstodGetsNoJobbskatteavdrag() throws {
    let result = try tax(taxable: 60_000, earned: 0, municipality: "1780", on: "2025-01-01")
    // FFI 60 000 = 1.02 PBB → GA = 0.225 × 58 800 + 0.2 × 60 000 = 25 230 → 25 300; BFI 34 700
    #expect(result.grundavdrag == Money(kronor: 25_300))
    // 34 700 × 21.27 % = 7 380.69 → 7 380; × 12.28 % = 4 261.16 → 4 261
    #expect(result.kommunalskatt == Money(kronor: 7_380))
    #expect(result.regionskatt == Money(kronor: 4_261))
    #expect(result.jobbskatteavdrag == .zero)
    // (60 000 − 40 000) × 0.75 % = 150
    #expect(result.skattereduktionFörvärvsinkomst == Money(kronor: 150))
    // 7 380 + 4 261 + 4 200 + 347 − 4 200 − 150 = 11 838
    #expect(result.slutligSkatt == Money(kronor: 11_838))
  }

  @Test func lowIncomeBelow099PBBPaysNoTax() throws {
    let result = try tax(taxable: 20_000, earned: 20_000, municipality: "1780", on: "2025-01-01")
    // 0.423 × 58 800 = 24 872.4 → 24 900, but never above FFI → 20 000; BFI 0
    #expect(result.grundavdrag == Money(kronor: 20_000))
    #expect(result.beskattningsbarInkomst == .zero)
    #expect(result.kommunalskatt == .zero)
    // 20 000 is below 42.3 % of PBB (24 872.4): no allmän pensionsavgift at all
    #expect(result.pensionsavgift == .zero)
    #expect(result.slutligSkatt == .zero)
  }
}

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
    let rates = try book.municipality(municipality, year: day.year)
    let context = TaxContext(
      municipality: rates,
      number: { key throws(RateLookupError) in try book.resolve(key, at: day).number! },
      listed: { key throws(RateLookupError) in try book.municipalityList(key, at: day).contains(rates.code) })
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
    #expect(result.skattereduktionForvarvsinkomst == Money(kronor: 1_500))
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
    #expect(result.skattereduktionForvarvsinkomst == Money(kronor: 150))
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

  @Test func regionalReductionInKiruna2025() throws {
    let result = try tax(taxable: 300_000, earned: 300_000, municipality: "Kiruna", on: "2025-01-01")
    // Kiruna (2584) is in IL bilaga 67. GA 33 600, BFI 266 400 as in Karlstad;
    // 266 400 × 23.05 % = 61 405.2 → 61 405; × 11.34 % = 30 209.76 → 30 209
    #expect(result.kommunalskatt == Money(kronor: 61_405))
    #expect(result.regionskatt == Money(kronor: 30_209))
    // JSA 94 792.51 × 34.39 % = 32 599.14 → 32 599
    #expect(result.jobbskatteavdrag == Money(kronor: 32_599))
    #expect(result.regionalSkattereduktion == Money(kronor: 1_675))
    // 61 405 + 30 209 + 21 000 + 1 249 − 21 000 − 32 599 − 1 500 − 1 675 = 57 089
    #expect(result.slutligSkatt == Money(kronor: 57_089))
    // Karlstad is not in the list.
    let karlstad = try tax(taxable: 300_000, earned: 300_000, municipality: "1780", on: "2025-01-01")
    #expect(karlstad.regionalSkattereduktion == .zero)
  }

  @Test func aboveTheSkiktgransInStockholm2026() throws {
    let result = try tax(taxable: 800_000, earned: 800_000, municipality: "0180", on: "2026-01-01")
    // PBB 59 200: FFI 800 000 = 13.5 PBB > 7.88 → GA = 0.293 × 59 200 = 17 345.6 → 17 400; BFI 782 600
    #expect(result.grundavdrag == Money(kronor: 17_400))
    // Stockholm 2026: 18.22 % → 142 589.72 → 142 589; region 12.33 % → 96 494.58 → 96 494
    #expect(result.kommunalskatt == Money(kronor: 142_589))
    #expect(result.regionskatt == Money(kronor: 96_494))
    // 20 % × (782 600 − 643 000) = 27 920
    #expect(result.statligSkatt == Money(kronor: 27_920))
    // 7 % × min(800 000, 8.07 × IBB 83 400 = 673 038) = 47 112.66 → 47 100
    #expect(result.pensionsavgift == Money(kronor: 47_100))
    // AI > 8.08 PBB: (3.027 × 59 200 − 17 400) × 30.55 % = 161 798.4 × 0.3055 = 49 429.41 → 49 429
    #expect(result.jobbskatteavdrag == Money(kronor: 49_429))
    // 142 589 + 96 494 + 27 920 + 47 100 + 1 257 (public service, the 2025 cap 1 249 indexed by
    // PBB 59 200 / 58 800) − 47 100 − 49 429 − 1 500 = 217 331
    #expect(result.publicServiceAvgift == Money(kronor: 1_257))
    #expect(result.slutligSkatt == Money(kronor: 217_331))
  }

  @Test func jobbskatteavdragPhasesOutIn2024() throws {
    let result = try tax(taxable: 900_000, earned: 900_000, municipality: "1780", on: "2024-01-01")
    // PBB 57 300: GA = 0.293 × 57 300 = 16 788.9 → 16 800; BFI 883 200
    #expect(result.beskattningsbarInkomst == Money(kronor: 883_200))
    // Karlstad 2024: 21.27 % → 187 856.64 → 187 856; region Värmland 11.68 % → 103 157.76 → 103 157
    #expect(result.kommunalskatt == Money(kronor: 187_856))
    #expect(result.regionskatt == Money(kronor: 103_157))
    // 20 % × (883 200 − 598 500) = 56 940
    #expect(result.statligSkatt == Money(kronor: 56_940))
    // (2.608 × 57 300 − 16 800) × 32.95 % = 43 704.35, less 3 % × (900 000 − 13.54 × 57 300) = 3 724.74
    // → 39 979.61 → 39 979
    #expect(result.jobbskatteavdrag == Money(kronor: 39_979))
    #expect(result.slutligSkatt == Money(kronor: 307_723))
  }

  @Test(arguments: [
    // 2024, PBB 57 300; FFI → GA (rounded up to 100):
    (50_000, 24_300),  // ≤ 0.99 PBB: 0.423 × 57 300 = 24 237.9
    (100_000, 32_900),  // 0.99–2.72: 0.225 × 57 300 + 0.2 × 100 000 = 32 892.5
    (170_000, 44_200),  // 2.72–3.11: 0.77 × 57 300 = 44 121
    (400_000, 22_000),  // 3.11–7.88: 1.081 × 57 300 − 0.1 × 400 000 = 21 941.3
    (500_000, 16_800),  // > 7.88: 0.293 × 57 300 = 16 788.9
  ])
  func grundavdragInEachBand(ffi: Int, expected: Int) throws {
    let book = try Self.rates.get()
    let day = try #require(Day("2024-01-01"))
    let value = try SKV433Method.grundavdrag(ffi: Double(ffi), pbb: 57_300) { parameter throws(RateLookupError) in
      try book.resolve(RateKey(parameter.rawValue), at: day).number!
    }
    #expect(value == Double(expected))
  }
}

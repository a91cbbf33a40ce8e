import SamkalkCore
import SamkalkEngine
import SamkalkRates
import Testing

/// Hand-computed tax cases; the arithmetic is written out next to each expectation.
@Suite struct SKV433MethodTests {
  static let rates = Result { try RateBook.shipped() }

  private func tax(
    taxable: Int64, earned: Int64, municipality: String, on date: String, age: Int? = nil
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
        taxable: Money(kronor: taxable), earned: Money(kronor: earned), pensionable: Money(kronor: taxable),
        ageAtStartOfYear: age),
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
    // BFI 34 700 ≤ 40 000: no skattereduktion för förvärvsinkomst (IL 67 kap. 46 §; issue 19's
    // `--wage 0 --benefits 60000`, which gave 150 on the income before grundavdrag)
    #expect(result.skattereduktionForvarvsinkomst == .zero)
    // 7 380 + 4 261 + 4 200 + 347 − 4 200 = 11 988
    #expect(result.slutligSkatt == Money(kronor: 11_988))
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
    // 7 % × min(800 000, 8.07 × IBB 83 400 = 673 038 → 673 000) = 47 110 → nearest 100: 47 100
    #expect(result.pensionsavgift == Money(kronor: 47_100))
    // AI > 8.08 PBB: (3.027 × 59 200 − 17 400) × 30.55 % = 161 798.4 × 0.3055 = 49 429.41 → 49 429
    #expect(result.jobbskatteavdrag == Money(kronor: 49_429))
    // 142 589 + 96 494 + 27 920 + 47 100 + 1 184 (public service: Skatteverket's 2026 maximum, no
    // longer the 2025 cap indexed by PBB, 1 257) − 47 100 − 49 429 − 1 500 = 217 258
    #expect(result.publicServiceAvgift == Money(kronor: 1_184))
    #expect(result.slutligSkatt == Money(kronor: 217_258))
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
    // 187 856 + 103 157 + 56 940 + 43 000 (7 % × 614 900, 8.07 IBB) + 1 219 (the 2024 public service
    // cap, UNCONFIRMED) − 43 000 − 39 979 − 1 500 = 307 693
    #expect(result.publicServiceAvgift == Money(kronor: 1_219))
    #expect(result.slutligSkatt == Money(kronor: 307_693))
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

  @Test func issue19ReductionForForvarvsinkomstOnTheTaxableIncome() throws {
    let result = try tax(taxable: 150_000, earned: 150_000, municipality: "1380", on: "2025-01-01")
    // Halmstad 2025. FFI 150 000 = 2.55 PBB → GA = 0.225 × 58 800 + 0.2 × 150 000 = 43 230 → 43 300;
    // BFI 106 700; (106 700 − 40 000) × 0.75 % = 500.25 → 500 (the income before grundavdrag gave 825)
    #expect(result.beskattningsbarInkomst == Money(kronor: 106_700))
    #expect(result.skattereduktionForvarvsinkomst == Money(kronor: 500))
  }

  @Test func reductionForForvarvsinkomstInEachBand() throws {
    let book = try Self.rates.get()
    let day = try #require(Day("2025-01-01"))
    let number = { (parameter: SKV433Method.Parameter) throws(RateLookupError) -> Double in
      try book.resolve(RateKey(parameter.rawValue), at: day).number!
    }
    // IL 67 kap. 46–47 §§: nothing at ≤ 40 000; 0.75 % of the excess up to 240 000; 1 500 above.
    #expect(try SKV433Method.skattereduktionForvarvsinkomst(bfi: 40_000, number: number) == 0)
    #expect(try SKV433Method.skattereduktionForvarvsinkomst(bfi: 40_100, number: number) == 0)  // 0.75
    // SKV 433's example: BFI 200 000 → 0.75 % × 160 000 = 1 200
    #expect(try SKV433Method.skattereduktionForvarvsinkomst(bfi: 200_000, number: number) == 1_200)
    #expect(try SKV433Method.skattereduktionForvarvsinkomst(bfi: 240_000, number: number) == 1_500)
    #expect(try SKV433Method.skattereduktionForvarvsinkomst(bfi: 900_000, number: number) == 1_500)
  }

  @Test(arguments: [
    // (pensionable income, fee): lag 1994:1744 3 §: income rounded down to 100, 7 %, the fee to
    // the nearest 100 kr, exactly 50 down.
    (181_200, 12_700),  // SKV 433 (2026): 12 684 → 12 700
    (25_242, 1_800),  // issue 19: 25 200 × 7 % = 1 764 → 1 800 (always rounding down gave 1 700)
    (35_000, 2_400),  // 2 450: exactly 50, rounded down
    (35_100, 2_500),  // 2 457 → 2 500
    (25_000, 0),  // below 42.3 % of PBB 59 200 = 25 041.60: no fee
    (800_000, 47_100),  // 8.07 × IBB 83 400 = 673 038 → 673 000 × 7 % = 47 110 → 47 100
  ])
  func pensionsavgiftRoundsToTheNearestHundred(pensionable: Int, expected: Int) throws {
    let book = try Self.rates.get()
    let day = try #require(Day("2026-01-01"))
    let fee = try SKV433Method.pensionsavgift(pensionable: Double(pensionable), pbb: 59_200, ibb: 83_400) {
      parameter throws(RateLookupError) in try book.resolve(RateKey(parameter.rawValue), at: day).number!
    }
    #expect(fee == Double(expected))
  }

  @Test func issue19PensionFeeInDegerfors2026() throws {
    let result = try tax(taxable: 25_242, earned: 25_242, municipality: "1862", on: "2026-01-01")
    // FFI 25 200 ≤ 0.99 PBB → GA 0.423 × 59 200 = 25 041.6 → 25 100; BFI 100
    #expect(result.beskattningsbarInkomst == Money(kronor: 100))
    #expect(result.pensionsavgift == Money(kronor: 1_800))
    // 100 × 23.00 % = 23 and × 12.30 % = 12: the credit is as much of the fee as the tax allows
    #expect(result.pensionsavgiftReduktion == Money(kronor: 35))
    // 23 + 12 + 1 800 + 1 (public service 1 % of 100) − 35 = 1 801
    #expect(result.slutligSkatt == Money(kronor: 1_801))
  }

  @Test func publicServiceMaximumPerYear() throws {
    // The cap as Skatteverket publishes it, never extrapolated: 1 249 kr in 2025, 1 184 kr in 2026.
    let y2025 = try tax(taxable: 300_000, earned: 300_000, municipality: "1380", on: "2025-01-01")
    #expect(y2025.publicServiceAvgift == Money(kronor: 1_249))
    let y2026 = try tax(taxable: 300_000, earned: 300_000, municipality: "1380", on: "2026-01-01")
    #expect(y2026.publicServiceAvgift == Money(kronor: 1_184))
  }

  private func number(on date: String) throws -> (SKV433Method.Parameter) throws(RateLookupError) -> Double {
    let book = try Self.rates.get()
    let day = try #require(Day(date))
    return { parameter throws(RateLookupError) in try book.resolve(RateKey(parameter.rawValue), at: day).number! }
  }

  @Test(arguments: [
    // 2026, PBB 59 200: SKV 433 (2026)'s examples of the förhöjt grundavdrag (IL 63 kap. 3 a §)
    (90_000, 72_000),  // GA 0.225 PBB + 0.2 FFI = 31 320; band 3: 0.600 PBB + 5.7 % = 40 650; 71 970
    (200_000, 110_900),  // GA 1.081 PBB − 0.1 FFI = 43 995.2; band 7: 35.6 % − 0.073 PBB = 66 878.4
    (390_000, 157_900),  // GA 24 995.2; band 8: 0.017 PBB + 33.8 % = 132 826.4; 157 821.6
    // Skatteverket, Belopp och procent 2026: 65 800 at low incomes, at most 179 100, at least 117 500
    (20_000, 20_000),  // (0.423 + 0.687) × 59 200 = 65 712, never above FFI
    (100_000, 74_600),  // GA 33 320; band 3: 35 520 + 5 700 = 41 220; 74 540 → 74 600
    (478_300, 179_100),  // band 9: 0.703 PBB + 25.1 % = 161 670.9; GA 17 345.6; 179 016.5
    (800_000, 117_500),  // band 12: 1.691 PBB = 100 107.2; GA 17 345.6; 117 452.8
  ])
  func forhojtGrundavdrag2026(ffi: Int, expected: Int) throws {
    let value = try SKV433Method.grundavdrag(
      ffi: Double(ffi), pbb: 59_200, older: true, number: number(on: "2026-01-01"))
    #expect(value == Double(expected))
  }

  @Test func forhojtGrundavdragFloor2025() throws {
    // 2025, PBB 58 800, FFI above 12.47 PBB: (0.293 + 1.532) × 58 800 = 107 310 → 107 400; with the
    // skiktgräns 625 800 this is Skatteverket's 2025 brytpunkt for those 66+, 733 200.
    let value = try SKV433Method.grundavdrag(ffi: 800_000, pbb: 58_800, older: true, number: number(on: "2025-01-01"))
    #expect(value == 107_400)
  }

  @Test(arguments: [
    // 2026, PBB 59 200, IL 67 kap. 8 §: not multiplied by the municipal rate
    (90_000, 19_800),  // ≤ 1.75 PBB (103 600): 22 % × 90 000
    (200_000, 29_599.2),  // 0.2635 × 59 200 + 7 % × 200 000 = 15 599.2 + 14 000
    (400_000, 37_254.56),  // > 5.24 PBB (310 208): 0.6293 × 59 200
  ])
  func olderJobbskatteavdrag2026(earned: Int, expected: Double) throws {
    let value = try SKV433Method.jobbskatteavdragAldre(
      earned: Double(earned), pbb: 59_200, number: number(on: "2026-01-01"))
    #expect(abs(value - expected) < 1e-6)
  }

  @Test func olderWorkerInStockholm2026() throws {
    let result = try tax(taxable: 300_000, earned: 300_000, municipality: "0180", on: "2026-01-01", age: 66)
    // GA 1.081 × 59 200 − 0.1 × 300 000 = 33 995.2; band 8: 0.017 × 59 200 + 33.8 % × 300 000 =
    // 102 406.4; 136 401.6 → 136 500; BFI 163 500
    #expect(result.grundavdrag == Money(kronor: 136_500))
    // 163 500 × 18.22 % = 29 789.7 → 29 789; × 12.33 % = 20 159.55 → 20 159
    #expect(result.kommunalskatt == Money(kronor: 29_789))
    #expect(result.regionskatt == Money(kronor: 20_159))
    #expect(result.pensionsavgiftReduktion == Money(kronor: 21_000))
    // 8 §: 15 599.2 + 21 000 = 36 599.2 → 36 599, but only 49 948 − 21 000 = 28 948 kommunal left
    #expect(result.jobbskatteavdrag == Money(kronor: 28_948))
    // Nothing left of the kommunal inkomstskatt for the reduction för förvärvsinkomst (926)
    #expect(result.skattereduktionForvarvsinkomst == .zero)
    // 29 789 + 20 159 + 21 000 + 1 184 − 21 000 − 28 948 = 22 184
    #expect(result.slutligSkatt == Money(kronor: 22_184))
    // At 65 at the start of the year: the ordinary rules, the same as with no age at all.
    let younger = try tax(taxable: 300_000, earned: 300_000, municipality: "0180", on: "2026-01-01", age: 65)
    let unknown = try tax(taxable: 300_000, earned: 300_000, municipality: "0180", on: "2026-01-01")
    #expect(younger == unknown)
    #expect(younger.grundavdrag == Money(kronor: 34_000))
  }

  @Test func olderIn2024ReachTheStatligSkattAtSkatteverketsBrytpunkt() throws {
    // 2024 (UNCONFIRMED bands), PBB 57 300: FFI 697 300 = 12.17 PBB, band 12: 1.43 × 57 300 = 81 939;
    // grundavdrag 0.293 × 57 300 = 16 788.9; 98 727.9 → 98 800; BFI 598 500 = the skiktgräns, so
    // Skatteverket's 2024 brytpunkt for those 66+ (697 300) pays no statlig skatt, 100 kr more does.
    let at = try tax(taxable: 697_300, earned: 0, municipality: "1780", on: "2024-01-01", age: 70)
    #expect(at.grundavdrag == Money(kronor: 98_800))
    #expect(at.beskattningsbarInkomst == Money(kronor: 598_500))
    #expect(at.statligSkatt == .zero)
    let above = try tax(taxable: 697_400, earned: 0, municipality: "1780", on: "2024-01-01", age: 70)
    #expect(above.statligSkatt == Money(kronor: 20))
  }

  @Test func olderJobbskatteavdragPhasesOutIn2024() throws {
    // 2024: 0.6293 × 57 300 = 36 058.89, less 3 % × (700 000 − 10.48 × 57 300 = 600 504) = 2 984.88
    let value = try SKV433Method.jobbskatteavdragAldre(earned: 700_000, pbb: 57_300, number: number(on: "2024-01-01"))
    #expect(abs(value - 33_074.01) < 1e-6)
    // 2025: no phase-out
    let y2025 = try SKV433Method.jobbskatteavdragAldre(earned: 700_000, pbb: 58_800, number: number(on: "2025-01-01"))
    #expect(abs(y2025 - 0.6293 * 58_800) < 1e-6)
  }
}

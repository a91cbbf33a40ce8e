import SamkalkCore
import SamkalkRates

/// Swedish income tax for a person of any age, after Skatteverket's SKV 433
/// ("Teknisk beskrivning för skatteberäkning"), with every parameter from the rate tables.
///
/// Steps, each rounded as Skatteverket rounds:
/// 1. fastställd förvärvsinkomst (FFI) = taxable income rounded down to 100 kr;
/// 2. grundavdrag (GA), piecewise in prisbasbelopp (PBB), rounded up to 100 kr, never above FFI:
///
///    | FFI in PBB   | GA                      |
///    |--------------|-------------------------|
///    | ≤ 0.99       | 0.423 PBB               |
///    | 0.99–2.72    | 0.225 PBB + 0.2 × FFI   |
///    | 2.72–3.11    | 0.77 PBB                |
///    | 3.11–7.88    | 1.081 PBB − 0.1 × FFI   |
///    | > 7.88       | 0.293 PBB               |
///
///    for those who at the start of the year have turned the age of IL 63 kap. 3 a § (66 in
///    2024–2026), GA also has the särskilt belopp of its twelve bands, added before rounding;
/// 3. beskattningsbar förvärvsinkomst (BFI) = FFI − GA;
/// 4. kommunalskatt and regionskatt = BFI × the municipality's rates, statlig skatt =
///    20 % of BFI above the skiktgräns, each rounded down to whole kronor;
/// 5. allmän pensionsavgift = 7 % of pensionable income (rounded down to 100 kr) up to 8.07 IBB,
///    rounded to the nearest 100 kr (exactly 50 down), and none when that income is below 42.3 %
///    of PBB; public service-avgift = 1 % of BFI up to its maximum;
/// 6. reductions in the order of IL 67 kap. 2 §: the pension-fee credit (against all income
///    taxes, kommunal first), then, each only against what is left of the kommunal inkomstskatt,
///    the jobbskatteavdrag (on arbetsinkomst only), the skattereduktion för förvärvsinkomst (on
///    the beskattningsbar förvärvsinkomst) and the regional skattereduktion (1 675 kr) for
///    residents of the municipalities in IL bilaga 67.
///
/// Example, 2025, Karlstad (kommunal 21.27 % + region 12.28 %), wage 300 000 kr:
/// FFI 300 000 = 5.10 PBB, GA = 1.081 × 58 800 − 0.1 × 300 000 = 33 562.8 → 33 600,
/// BFI 266 400, kommunalskatt 56 663, regionskatt 32 713 (each rounded down).
public struct SKV433Method: IncomeTaxMethod {
  public init() {}

  public func tax(_ income: PersonYearIncome, in context: TaxContext) throws(RateLookupError) -> TaxBreakdown {
    try Self.tax(income, municipality: context.municipality, parameters: Parameters(context))
  }

  public var parameterKeys: Set<RateKey>? { Self.parameterKeys }
  private static let parameterKeys = Set(Parameter.allCases.map { RateKey($0.rawValue) })

  /// One set of parameters for every income of a Monte Carlo draw: each key is looked up once,
  /// on first use (so a run records exactly the keys its incomes need), then read from memory.
  public func prepared(for context: TaxContext) -> PreparedIncomeTax {
    let parameters = Parameters(context)
    return PreparedIncomeTax(municipality: context.municipality) { income, municipality throws(RateLookupError) in
      try Self.tax(income, municipality: municipality, parameters: parameters)
    }
  }

  private static func tax(_ income: PersonYearIncome, municipality: MunicipalTaxRates, parameters: Parameters)
    throws(RateLookupError) -> TaxBreakdown
  {
    let number = parameters.number
    let pbb = try number(.basbeloppPrisbasbelopp)
    let ibb = try number(.basbeloppInkomstbasbelopp)
    var result = TaxBreakdown()
    let taxable = max(0, income.taxable.kronor)
    let ffi = (taxable / 100).rounded(.down) * 100
    // The age rules (förhöjt grundavdrag, the older's jobbskatteavdrag) read their thresholds only
    // for a person whose age is given: without one, the person is below every threshold.
    let age = income.ageAtStartOfYear
    let older = try Self.hasTurned(.grundavdragForhojtAlder, age: age, number: number)
    let ga = try Self.grundavdrag(ffi: ffi, pbb: pbb, older: older, number: number)
    let bfi = max(0, ffi - ga)
    result.faststalldForvarvsinkomst = kronor(ffi)
    result.grundavdrag = kronor(ga)
    result.beskattningsbarInkomst = kronor(bfi)

    let municipalTax = (bfi * municipality.kommunal).rounded(.down)
    let regionalTax = (bfi * municipality.regional).rounded(.down)
    let threshold = try number(.statligSkiktgrans)
    let stateTax = (max(0, bfi - threshold) * (try number(.statligSkattesats))).rounded(.down)
    result.kommunalskatt = kronor(municipalTax)
    result.regionskatt = kronor(regionalTax)
    result.statligSkatt = kronor(stateTax)

    let pensionFee = try Self.pensionsavgift(
      pensionable: max(0, income.pensionable.kronor), pbb: pbb, ibb: ibb, number: number)
    result.pensionsavgift = kronor(pensionFee)
    let publicService = min(
      (bfi * (try number(.publicServiceAndel))).rounded(.down), try number(.publicServiceMax))
    result.publicServiceAvgift = kronor(publicService)

    // IL 67 kap. 2 §: every reduction is set off against kommunal (incl. region) and statlig
    // inkomstskatt, in the law's order; the jobbskatteavdrag, the reduction for förvärvsinkomst and
    // the regional reduction only against what is left of the kommunal inkomstskatt. The pension-fee
    // credit is set off against the kommunal inkomstskatt first, as SKV 433 does (example 2).
    var municipalLeft = municipalTax + regionalTax
    var stateLeft = stateTax
    let pensionCredit = min(pensionFee, municipalLeft + stateLeft)
    let pensionFromMunicipal = min(pensionCredit, municipalLeft)
    municipalLeft -= pensionFromMunicipal
    stateLeft -= pensionCredit - pensionFromMunicipal
    result.pensionsavgiftReduktion = kronor(pensionCredit)

    let municipalRate = municipality.kommunal + municipality.regional
    // The arbetsinkomst is rounded down to 100 kr (IL 67 kap. 6 § fourth paragraph).
    let arbetsinkomst = (max(0, income.earned.kronor) / 100).rounded(.down) * 100
    let jsa =
      try Self.hasTurned(.jobbskatteavdragAldreAlder, age: age, number: number)
      ? try Self.jobbskatteavdragAldre(earned: arbetsinkomst, pbb: pbb, number: number)
      : try Self.jobbskatteavdrag(
        earned: arbetsinkomst, grundavdrag: ga, municipalRate: municipalRate, pbb: pbb, number: number)
    let jsaGranted = min(jsa.rounded(.down), municipalLeft)
    municipalLeft -= jsaGranted
    result.jobbskatteavdrag = kronor(jsaGranted)

    let reductionGranted = min(try Self.skattereduktionForvarvsinkomst(bfi: bfi, number: number), municipalLeft)
    municipalLeft -= reductionGranted
    result.skattereduktionForvarvsinkomst = kronor(reductionGranted)

    if try parameters.listed(Self.regionalReductionList) {
      let regional = min(try number(.regionalSkattereduktionBelopp), municipalLeft)
      result.regionalSkattereduktion = kronor(regional)
    }
    return result
  }

  /// Allmän pensionsavgift (lag 1994:1744 2–4 §§): 7 % of the pensionable income rounded down to
  /// 100 kr, the income counted up to 8.07 IBB; the fee rounded to the nearest 100 kr, one ending in
  /// exactly 50 kr down (3 § fourth paragraph); none when the income is below 42.3 % of PBB.
  ///
  /// Example (SKV 433, 2026): 181 200 kr → 12 684 → 12 700 kr.
  public static func pensionsavgift(
    pensionable: Double, pbb: Double, ibb: Double, number: (Parameter) throws(RateLookupError) -> Double
  ) throws(RateLookupError) -> Double {
    guard pensionable >= (try number(.pensionsavgiftNedreGrans)) * pbb else { return 0 }
    let base = (min(pensionable, (try number(.pensionsavgiftTakIbb)) * ibb) / 100).rounded(.down) * 100
    // Whole kronor first (7 % of whole hundreds is whole kronor; this drops binary noise).
    let fee = (base * (try number(.pensionsavgiftAndel))).rounded()
    let hundreds = (fee / 100).rounded(.down)
    return (fee - hundreds * 100 > 50 ? hundreds + 1 : hundreds) * 100
  }

  /// Skattereduktion för förvärvsinkomst (IL 67 kap. 46–47 §§): none when the beskattningsbar
  /// förvärvsinkomst is at most 40 000 kr; 0.75 % of what it exceeds 40 000 kr by, up to 240 000 kr;
  /// 1 500 kr above. Whole kronor, öre dropped (67 kap. 1 §).
  ///
  /// Examples: BFI 200 000 → 1 200 kr (SKV 433); BFI 106 700 → 500 kr.
  public static func skattereduktionForvarvsinkomst(
    bfi: Double, number: (Parameter) throws(RateLookupError) -> Double
  ) throws(RateLookupError) -> Double {
    let lower = try number(.skattereduktionForvarvsinkomstNedreGrans)
    guard bfi > lower else { return 0 }
    let upper = try number(.skattereduktionForvarvsinkomstOvreGrans)
    let share = try number(.skattereduktionForvarvsinkomstAndel)
    let maximum = try number(.skattereduktionForvarvsinkomstMax)
    return min((min(bfi, upper) - lower) * share, maximum).rounded(.down)
  }

  private static func kronor(_ value: Double) -> Money { Money(kronor: Int64(value)) }

  /// The municipalities with the regional tax reduction, as a key built once (every tax of
  /// every Monte Carlo draw asks).
  private static let regionalReductionList: RateKey = "skatt.regional_skattereduktion.kommuner"

  /// Whether a person of `age` at the start of the income year has turned the threshold in
  /// `parameter` ("vid beskattningsårets ingång har fyllt … år"); `nil` (no age given) never has.
  static func hasTurned(_ parameter: Parameter, age: Int?, number: (Parameter) throws(RateLookupError) -> Double)
    throws(RateLookupError) -> Bool
  {
    guard let age else { return false }
    return Double(age) >= (try number(parameter))
  }

  /// The grundavdrag for a fastställd förvärvsinkomst, rounded up to 100 kr, never above FFI
  /// (IL 63 kap. 2–3 §§); for those past the age of 63 kap. 3 a § (`older`), with the särskilt
  /// belopp added before the rounding.
  public static func grundavdrag(
    ffi: Double, pbb: Double, older: Bool = false, number: (Parameter) throws(RateLookupError) -> Double
  ) throws(RateLookupError) -> Double {
    let x = ffi / pbb
    let raw: Double
    if x <= (try number(.grundavdragGrans1)) {
      raw = (try number(.grundavdragNiva1)) * pbb
    } else if x <= (try number(.grundavdragGrans2)) {
      raw = (try number(.grundavdragNiva2Bas)) * pbb + (try number(.grundavdragNiva2Lutning)) * ffi
    } else if x <= (try number(.grundavdragGrans3)) {
      raw = (try number(.grundavdragNiva3)) * pbb
    } else if x <= (try number(.grundavdragGrans4)) {
      raw = (try number(.grundavdragNiva4Bas)) * pbb - (try number(.grundavdragNiva4Lutning)) * ffi
    } else {
      raw = (try number(.grundavdragNiva5)) * pbb
    }
    let special = older ? try Self.forhojtSarskiltBelopp(ffi: ffi, pbb: pbb, number: number) : 0
    return min(((raw + special) / 100).rounded(.up) * 100, ffi)
  }

  /// The särskilt belopp of the förhöjt grundavdrag (IL 63 kap. 3 a §): in the band of FFI / PBB
  /// ("överstiger grans_{n−1} men inte grans_n"), pbb_n × PBB + andel_n × FFI, either term negative
  /// where the law subtracts it. The year's table has `antal_band` bands (14 in 2024, 12 since).
  ///
  /// Example (SKV 433, 2026): FFI 200 000 is 3.38 PBB, band 7: 0.356 × 200 000 − 0.073 × 59 200 =
  /// 66 878.4; with the grundavdrag 43 995.2, 110 873.6 → 110 900.
  public static func forhojtSarskiltBelopp(
    ffi: Double, pbb: Double, number: (Parameter) throws(RateLookupError) -> Double
  ) throws(RateLookupError) -> Double {
    let x = ffi / pbb
    let count = try number(.grundavdragForhojtAntalBand)
    guard count >= 1, count <= Double(forhojtTerms.count), count.rounded() == count else {
      throw RateLookupError(
        key: Parameter.grundavdragForhojtAntalBand.rawValue, date: nil,
        message: "the förhöjt grundavdrag has 1 to \(forhojtTerms.count) bands, not \(count)")
    }
    var band = Int(count) - 1
    for index in 0..<band where x <= (try number(forhojtLimits[index])) {
      band = index
      break
    }
    return (try number(forhojtTerms[band].pbb)) * pbb + (try number(forhojtTerms[band].andel)) * ffi
  }

  /// The upper bounds of the förhöjt grundavdrag's bands but the last (open) one.
  private static let forhojtLimits: [Parameter] = [
    .grundavdragForhojtGrans1, .grundavdragForhojtGrans2, .grundavdragForhojtGrans3, .grundavdragForhojtGrans4,
    .grundavdragForhojtGrans5, .grundavdragForhojtGrans6, .grundavdragForhojtGrans7, .grundavdragForhojtGrans8,
    .grundavdragForhojtGrans9, .grundavdragForhojtGrans10, .grundavdragForhojtGrans11, .grundavdragForhojtGrans12,
    .grundavdragForhojtGrans13,
  ]

  /// Each band's PBB term and share of the FFI.
  private static let forhojtTerms: [(pbb: Parameter, andel: Parameter)] = [
    (.grundavdragForhojtPbb1, .grundavdragForhojtAndel1), (.grundavdragForhojtPbb2, .grundavdragForhojtAndel2),
    (.grundavdragForhojtPbb3, .grundavdragForhojtAndel3), (.grundavdragForhojtPbb4, .grundavdragForhojtAndel4),
    (.grundavdragForhojtPbb5, .grundavdragForhojtAndel5), (.grundavdragForhojtPbb6, .grundavdragForhojtAndel6),
    (.grundavdragForhojtPbb7, .grundavdragForhojtAndel7), (.grundavdragForhojtPbb8, .grundavdragForhojtAndel8),
    (.grundavdragForhojtPbb9, .grundavdragForhojtAndel9), (.grundavdragForhojtPbb10, .grundavdragForhojtAndel10),
    (.grundavdragForhojtPbb11, .grundavdragForhojtAndel11), (.grundavdragForhojtPbb12, .grundavdragForhojtAndel12),
    (.grundavdragForhojtPbb13, .grundavdragForhojtAndel13), (.grundavdragForhojtPbb14, .grundavdragForhojtAndel14),
  ]

  /// The jobbskatteavdrag before capping for those past the age of IL 67 kap. 8 §: a share of
  /// the arbetsinkomst up to 1.75 PBB, 0.2635 PBB + 7 % of it up to 5.24 PBB, then 0.6293 PBB;
  /// neither the grundavdrag nor the municipal rate enters (unlike 7 §). In 2024 less 3 % of the
  /// arbetsinkomst above 10.48 PBB, never below 0.
  public static func jobbskatteavdragAldre(
    earned: Double, pbb: Double, number: (Parameter) throws(RateLookupError) -> Double
  ) throws(RateLookupError) -> Double {
    guard earned > 0 else { return 0 }
    if earned <= (try number(.jobbskatteavdragAldreGrans1)) * pbb {
      return (try number(.jobbskatteavdragAldreAndel1)) * earned
    }
    if earned <= (try number(.jobbskatteavdragAldreGrans2)) * pbb {
      return (try number(.jobbskatteavdragAldreBas2)) * pbb + (try number(.jobbskatteavdragAldreAndel2)) * earned
    }
    let amount = (try number(.jobbskatteavdragAldreTak)) * pbb
    let phaseOut = try number(.jobbskatteavdragAldreAvtrappningAndel)
    guard phaseOut > 0 else { return amount }
    let limit = (try number(.jobbskatteavdragAldreAvtrappningGrans)) * pbb
    return max(0, amount - phaseOut * max(0, earned - limit))
  }

  /// The jobbskatteavdrag before capping, for arbetsinkomst `earned` (kronor per year).
  ///
  /// JSA = (band value − GA) × total municipal rate, never negative; the band value is
  /// AI up to 0.91 PBB, 0.91 PBB + 0.3874 × (AI − 0.91 PBB) up to 3.24 PBB,
  /// 1.813 PBB + slope × (AI − 3.24 PBB) up to 8.08 PBB, then the cap × PBB; less the
  /// phase-out share of AI above 13.54 PBB where the year has one (2024).
  public static func jobbskatteavdrag(
    earned: Double, grundavdrag: Double, municipalRate: Double, pbb: Double,
    number: (Parameter) throws(RateLookupError) -> Double
  ) throws(RateLookupError) -> Double {
    guard earned > 0 else { return 0 }
    let limit1 = (try number(.jobbskatteavdragGrans1)) * pbb
    let limit2 = (try number(.jobbskatteavdragGrans2)) * pbb
    let limit3 = (try number(.jobbskatteavdragGrans3)) * pbb
    let band: Double
    if earned <= limit1 {
      band = earned
    } else if earned <= limit2 {
      band = limit1 + (try number(.jobbskatteavdragLutning2)) * (earned - limit1)
    } else if earned <= limit3 {
      band =
        (try number(.jobbskatteavdragBas3)) * pbb + (try number(.jobbskatteavdragLutning3))
        * (earned - limit2)
    } else {
      band = (try number(.jobbskatteavdragTak)) * pbb
    }
    var credit = max(0, (band - grundavdrag) * municipalRate)
    let phaseOutLimit = (try number(.jobbskatteavdragAvtrappningGrans)) * pbb
    if earned > phaseOutLimit {
      credit = max(0, credit - (try number(.jobbskatteavdragAvtrappningAndel)) * (earned - phaseOutLimit))
    }
    return credit
  }

  /// Every rate key the method reads, so that a prepared method keeps its values in an array
  /// indexed by parameter instead of hashing key strings for every income.
  public enum Parameter: String, CaseIterable, Sendable {
    case basbeloppInkomstbasbelopp = "basbelopp.inkomstbasbelopp"
    case basbeloppPrisbasbelopp = "basbelopp.prisbasbelopp"
    case grundavdragGrans1 = "skatt.grundavdrag.grans_1"
    case grundavdragGrans2 = "skatt.grundavdrag.grans_2"
    case grundavdragGrans3 = "skatt.grundavdrag.grans_3"
    case grundavdragGrans4 = "skatt.grundavdrag.grans_4"
    case grundavdragNiva1 = "skatt.grundavdrag.niva_1"
    case grundavdragNiva2Bas = "skatt.grundavdrag.niva_2_bas"
    case grundavdragNiva2Lutning = "skatt.grundavdrag.niva_2_lutning"
    case grundavdragNiva3 = "skatt.grundavdrag.niva_3"
    case grundavdragNiva4Bas = "skatt.grundavdrag.niva_4_bas"
    case grundavdragNiva4Lutning = "skatt.grundavdrag.niva_4_lutning"
    case grundavdragNiva5 = "skatt.grundavdrag.niva_5"
    case jobbskatteavdragAvtrappningAndel = "skatt.jobbskatteavdrag.avtrappning.andel"
    case jobbskatteavdragAvtrappningGrans = "skatt.jobbskatteavdrag.avtrappning.grans"
    case jobbskatteavdragBas3 = "skatt.jobbskatteavdrag.bas_3"
    case jobbskatteavdragGrans1 = "skatt.jobbskatteavdrag.grans_1"
    case jobbskatteavdragGrans2 = "skatt.jobbskatteavdrag.grans_2"
    case jobbskatteavdragGrans3 = "skatt.jobbskatteavdrag.grans_3"
    case jobbskatteavdragLutning2 = "skatt.jobbskatteavdrag.lutning_2"
    case jobbskatteavdragLutning3 = "skatt.jobbskatteavdrag.lutning_3"
    case jobbskatteavdragTak = "skatt.jobbskatteavdrag.tak"
    case pensionsavgiftAndel = "skatt.pensionsavgift.andel"
    case pensionsavgiftNedreGrans = "skatt.pensionsavgift.nedre_grans"
    case pensionsavgiftTakIbb = "skatt.pensionsavgift.tak_ibb"
    case publicServiceAndel = "skatt.public_service.andel"
    case publicServiceMax = "skatt.public_service.max"
    case regionalSkattereduktionBelopp = "skatt.regional_skattereduktion.belopp"
    case skattereduktionForvarvsinkomstAndel = "skatt.skattereduktion_forvarvsinkomst.andel"
    case skattereduktionForvarvsinkomstMax = "skatt.skattereduktion_forvarvsinkomst.max"
    case skattereduktionForvarvsinkomstNedreGrans = "skatt.skattereduktion_forvarvsinkomst.nedre_grans"
    case skattereduktionForvarvsinkomstOvreGrans = "skatt.skattereduktion_forvarvsinkomst.ovre_grans"
    case statligSkattesats = "skatt.statlig.skattesats"
    case statligSkiktgrans = "skatt.statlig.skiktgrans"
    case grundavdragForhojtAlder = "skatt.grundavdrag.forhojt.alder"
    case grundavdragForhojtGrans1 = "skatt.grundavdrag.forhojt.grans_1"
    case grundavdragForhojtGrans2 = "skatt.grundavdrag.forhojt.grans_2"
    case grundavdragForhojtGrans3 = "skatt.grundavdrag.forhojt.grans_3"
    case grundavdragForhojtGrans4 = "skatt.grundavdrag.forhojt.grans_4"
    case grundavdragForhojtGrans5 = "skatt.grundavdrag.forhojt.grans_5"
    case grundavdragForhojtGrans6 = "skatt.grundavdrag.forhojt.grans_6"
    case grundavdragForhojtGrans7 = "skatt.grundavdrag.forhojt.grans_7"
    case grundavdragForhojtGrans8 = "skatt.grundavdrag.forhojt.grans_8"
    case grundavdragForhojtGrans9 = "skatt.grundavdrag.forhojt.grans_9"
    case grundavdragForhojtGrans10 = "skatt.grundavdrag.forhojt.grans_10"
    case grundavdragForhojtGrans11 = "skatt.grundavdrag.forhojt.grans_11"
    case grundavdragForhojtPbb1 = "skatt.grundavdrag.forhojt.pbb_1"
    case grundavdragForhojtPbb2 = "skatt.grundavdrag.forhojt.pbb_2"
    case grundavdragForhojtPbb3 = "skatt.grundavdrag.forhojt.pbb_3"
    case grundavdragForhojtPbb4 = "skatt.grundavdrag.forhojt.pbb_4"
    case grundavdragForhojtPbb5 = "skatt.grundavdrag.forhojt.pbb_5"
    case grundavdragForhojtPbb6 = "skatt.grundavdrag.forhojt.pbb_6"
    case grundavdragForhojtPbb7 = "skatt.grundavdrag.forhojt.pbb_7"
    case grundavdragForhojtPbb8 = "skatt.grundavdrag.forhojt.pbb_8"
    case grundavdragForhojtPbb9 = "skatt.grundavdrag.forhojt.pbb_9"
    case grundavdragForhojtPbb10 = "skatt.grundavdrag.forhojt.pbb_10"
    case grundavdragForhojtPbb11 = "skatt.grundavdrag.forhojt.pbb_11"
    case grundavdragForhojtPbb12 = "skatt.grundavdrag.forhojt.pbb_12"
    case grundavdragForhojtAndel1 = "skatt.grundavdrag.forhojt.andel_1"
    case grundavdragForhojtAndel2 = "skatt.grundavdrag.forhojt.andel_2"
    case grundavdragForhojtAndel3 = "skatt.grundavdrag.forhojt.andel_3"
    case grundavdragForhojtAndel4 = "skatt.grundavdrag.forhojt.andel_4"
    case grundavdragForhojtAndel5 = "skatt.grundavdrag.forhojt.andel_5"
    case grundavdragForhojtAndel6 = "skatt.grundavdrag.forhojt.andel_6"
    case grundavdragForhojtAndel7 = "skatt.grundavdrag.forhojt.andel_7"
    case grundavdragForhojtAndel8 = "skatt.grundavdrag.forhojt.andel_8"
    case grundavdragForhojtAndel9 = "skatt.grundavdrag.forhojt.andel_9"
    case grundavdragForhojtAndel10 = "skatt.grundavdrag.forhojt.andel_10"
    case grundavdragForhojtAndel11 = "skatt.grundavdrag.forhojt.andel_11"
    case grundavdragForhojtAndel12 = "skatt.grundavdrag.forhojt.andel_12"
    case jobbskatteavdragAldreAlder = "skatt.jobbskatteavdrag.aldre.alder"
    case jobbskatteavdragAldreGrans1 = "skatt.jobbskatteavdrag.aldre.grans_1"
    case jobbskatteavdragAldreGrans2 = "skatt.jobbskatteavdrag.aldre.grans_2"
    case jobbskatteavdragAldreAndel1 = "skatt.jobbskatteavdrag.aldre.andel_1"
    case jobbskatteavdragAldreBas2 = "skatt.jobbskatteavdrag.aldre.bas_2"
    case jobbskatteavdragAldreAndel2 = "skatt.jobbskatteavdrag.aldre.andel_2"
    case jobbskatteavdragAldreTak = "skatt.jobbskatteavdrag.aldre.tak"
    case grundavdragForhojtAntalBand = "skatt.grundavdrag.forhojt.antal_band"
    case grundavdragForhojtGrans12 = "skatt.grundavdrag.forhojt.grans_12"
    case grundavdragForhojtGrans13 = "skatt.grundavdrag.forhojt.grans_13"
    case grundavdragForhojtPbb13 = "skatt.grundavdrag.forhojt.pbb_13"
    case grundavdragForhojtPbb14 = "skatt.grundavdrag.forhojt.pbb_14"
    case grundavdragForhojtAndel13 = "skatt.grundavdrag.forhojt.andel_13"
    case grundavdragForhojtAndel14 = "skatt.grundavdrag.forhojt.andel_14"
    case jobbskatteavdragAldreAvtrappningAndel = "skatt.jobbskatteavdrag.aldre.avtrappning.andel"
    case jobbskatteavdragAldreAvtrappningGrans = "skatt.jobbskatteavdrag.aldre.avtrappning.grans"

    /// The position in ``allCases``.
    var index: Int {
      switch self {
      case .basbeloppInkomstbasbelopp: 0
      case .basbeloppPrisbasbelopp: 1
      case .grundavdragGrans1: 2
      case .grundavdragGrans2: 3
      case .grundavdragGrans3: 4
      case .grundavdragGrans4: 5
      case .grundavdragNiva1: 6
      case .grundavdragNiva2Bas: 7
      case .grundavdragNiva2Lutning: 8
      case .grundavdragNiva3: 9
      case .grundavdragNiva4Bas: 10
      case .grundavdragNiva4Lutning: 11
      case .grundavdragNiva5: 12
      case .jobbskatteavdragAvtrappningAndel: 13
      case .jobbskatteavdragAvtrappningGrans: 14
      case .jobbskatteavdragBas3: 15
      case .jobbskatteavdragGrans1: 16
      case .jobbskatteavdragGrans2: 17
      case .jobbskatteavdragGrans3: 18
      case .jobbskatteavdragLutning2: 19
      case .jobbskatteavdragLutning3: 20
      case .jobbskatteavdragTak: 21
      case .pensionsavgiftAndel: 22
      case .pensionsavgiftNedreGrans: 23
      case .pensionsavgiftTakIbb: 24
      case .publicServiceAndel: 25
      case .publicServiceMax: 26
      case .regionalSkattereduktionBelopp: 27
      case .skattereduktionForvarvsinkomstAndel: 28
      case .skattereduktionForvarvsinkomstMax: 29
      case .skattereduktionForvarvsinkomstNedreGrans: 30
      case .skattereduktionForvarvsinkomstOvreGrans: 31
      case .statligSkattesats: 32
      case .statligSkiktgrans: 33
      case .grundavdragForhojtAlder: 34
      case .grundavdragForhojtGrans1: 35
      case .grundavdragForhojtGrans2: 36
      case .grundavdragForhojtGrans3: 37
      case .grundavdragForhojtGrans4: 38
      case .grundavdragForhojtGrans5: 39
      case .grundavdragForhojtGrans6: 40
      case .grundavdragForhojtGrans7: 41
      case .grundavdragForhojtGrans8: 42
      case .grundavdragForhojtGrans9: 43
      case .grundavdragForhojtGrans10: 44
      case .grundavdragForhojtGrans11: 45
      case .grundavdragForhojtPbb1: 46
      case .grundavdragForhojtPbb2: 47
      case .grundavdragForhojtPbb3: 48
      case .grundavdragForhojtPbb4: 49
      case .grundavdragForhojtPbb5: 50
      case .grundavdragForhojtPbb6: 51
      case .grundavdragForhojtPbb7: 52
      case .grundavdragForhojtPbb8: 53
      case .grundavdragForhojtPbb9: 54
      case .grundavdragForhojtPbb10: 55
      case .grundavdragForhojtPbb11: 56
      case .grundavdragForhojtPbb12: 57
      case .grundavdragForhojtAndel1: 58
      case .grundavdragForhojtAndel2: 59
      case .grundavdragForhojtAndel3: 60
      case .grundavdragForhojtAndel4: 61
      case .grundavdragForhojtAndel5: 62
      case .grundavdragForhojtAndel6: 63
      case .grundavdragForhojtAndel7: 64
      case .grundavdragForhojtAndel8: 65
      case .grundavdragForhojtAndel9: 66
      case .grundavdragForhojtAndel10: 67
      case .grundavdragForhojtAndel11: 68
      case .grundavdragForhojtAndel12: 69
      case .jobbskatteavdragAldreAlder: 70
      case .jobbskatteavdragAldreGrans1: 71
      case .jobbskatteavdragAldreGrans2: 72
      case .jobbskatteavdragAldreAndel1: 73
      case .jobbskatteavdragAldreBas2: 74
      case .jobbskatteavdragAldreAndel2: 75
      case .jobbskatteavdragAldreTak: 76
      case .grundavdragForhojtAntalBand: 77
      case .grundavdragForhojtGrans12: 78
      case .grundavdragForhojtGrans13: 79
      case .grundavdragForhojtPbb13: 80
      case .grundavdragForhojtPbb14: 81
      case .grundavdragForhojtAndel13: 82
      case .grundavdragForhojtAndel14: 83
      case .jobbskatteavdragAldreAvtrappningAndel: 84
      case .jobbskatteavdragAldreAvtrappningGrans: 85
      }
    }
  }

  /// The tax parameters of one context, each looked up on first use and then kept.
  ///
  /// A reference type so that one instance serves every income of a draw; not shared between
  /// threads (each Monte Carlo worker prepares its own).
  final class Parameters {
    private let context: TaxContext
    /// Values by ``Parameter/index``; NaN until first use. Memory of its own rather than an
    /// array property: a draw reads a parameter a hundred times, and every access to a class's
    /// stored property would be checked for exclusivity at run time.
    private let numbers: UnsafeMutableBufferPointer<Double>
    /// The lists looked up, by key: one or two, compared faster than hashed.
    private var lists: [(key: RateKey, listed: Bool)] = []

    init(_ context: TaxContext) {
      self.context = context
      numbers = .allocate(capacity: Parameter.allCases.count)
      numbers.initialize(repeating: .nan)
    }

    deinit { numbers.deallocate() }

    func number(_ parameter: Parameter) throws(RateLookupError) -> Double {
      let index = parameter.index
      if !numbers[index].isNaN { return numbers[index] }
      let value = try context.number(RateKey(parameter.rawValue))
      numbers[index] = value
      return value
    }

    func listed(_ key: RateKey) throws(RateLookupError) -> Bool {
      for known in lists where known.key == key { return known.listed }
      let value = try context.listed(key)
      lists.append((key, value))
      return value
    }
  }
}

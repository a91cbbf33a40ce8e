import SamkalkCore
import SamkalkRates

/// Swedish income tax for a person under 66, after Skatteverket's SKV 433
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
/// 3. beskattningsbar förvärvsinkomst (BFI) = FFI − GA;
/// 4. kommunalskatt and regionskatt = BFI × the municipality's rates, statlig skatt =
///    20 % of BFI above the skiktgräns, each rounded down to whole kronor;
/// 5. allmän pensionsavgift = 7 % of pensionable income up to 8.07 IBB, rounded down to
///    100 kr, and none when that income is below 42.3 % of PBB; public service-avgift = 1 % of BFI up to its maximum;
/// 6. reductions in the order of IL 67 kap.: the pension-fee credit, the jobbskatteavdrag
///    (on arbetsinkomst only, capped by the municipal tax), the skattereduktion för
///    förvärvsinkomst, and the regional skattereduktion (1 675 kr) for residents of the
///    municipalities in IL bilaga 67; together never more than the income taxes.
///
/// Example, 2025, Karlstad (kommunal 21.27 % + region 12.28 %), wage 300 000 kr:
/// FFI 300 000 = 5.10 PBB, GA = 1.081 × 58 800 − 0.1 × 300 000 = 33 562.8 → 33 600,
/// BFI 266 400, kommunalskatt 56 663, regionskatt 32 713 (each rounded down).
public struct SKV433Method: IncomeTaxMethod {
  public init() {}

  public func tax(_ income: PersonYearIncome, in context: TaxContext) throws(RateLookupError) -> TaxBreakdown {
    let number = context.number
    let pbb = try number("basbelopp.prisbasbelopp")
    let ibb = try number("basbelopp.inkomstbasbelopp")
    var result = TaxBreakdown()
    let taxable = max(0, income.taxable.kronor)
    let ffi = (taxable / 100).rounded(.down) * 100
    let ga = try Self.grundavdrag(ffi: ffi, pbb: pbb, number: number)
    let bfi = max(0, ffi - ga)
    result.faststalldForvarvsinkomst = kronor(ffi)
    result.grundavdrag = kronor(ga)
    result.beskattningsbarInkomst = kronor(bfi)

    let municipalTax = (bfi * context.municipality.kommunal).rounded(.down)
    let regionalTax = (bfi * context.municipality.regional).rounded(.down)
    let threshold = try number("skatt.statlig.skiktgrans")
    let stateTax = (max(0, bfi - threshold) * (try number("skatt.statlig.skattesats"))).rounded(.down)
    result.kommunalskatt = kronor(municipalTax)
    result.regionskatt = kronor(regionalTax)
    result.statligSkatt = kronor(stateTax)

    let pensionable = max(0, income.pensionable.kronor)
    let pensionBase =
      pensionable < (try number("skatt.pensionsavgift.nedre_grans")) * pbb
      ? 0 : min(pensionable, (try number("skatt.pensionsavgift.tak_ibb")) * ibb)
    let pensionFee = (pensionBase * (try number("skatt.pensionsavgift.andel")) / 100).rounded(.down) * 100
    result.pensionsavgift = kronor(pensionFee)
    let publicService = min(
      (bfi * (try number("skatt.public_service.andel"))).rounded(.down), try number("skatt.public_service.max"))
    result.publicServiceAvgift = kronor(publicService)

    var available = municipalTax + regionalTax + stateTax
    let pensionCredit = min(pensionFee, available)
    available -= pensionCredit
    result.pensionsavgiftReduktion = kronor(pensionCredit)

    let municipalRate = context.municipality.kommunal + context.municipality.regional
    let jsa = try Self.jobbskatteavdrag(
      earned: max(0, income.earned.kronor), grundavdrag: ga, municipalRate: municipalRate, pbb: pbb, number: number)
    let jsaGranted = min(jsa.rounded(.down), municipalTax + regionalTax, available)
    available -= jsaGranted
    result.jobbskatteavdrag = kronor(jsaGranted)

    let lower = try number("skatt.skattereduktion_forvarvsinkomst.nedre_grans")
    let upper = try number("skatt.skattereduktion_forvarvsinkomst.ovre_grans")
    let share = try number("skatt.skattereduktion_forvarvsinkomst.andel")
    let maximum = try number("skatt.skattereduktion_forvarvsinkomst.max")
    let earnedIncomeReduction = min(max(0, (min(ffi, upper) - lower) * share), maximum).rounded(.down)
    let reductionGranted = min(earnedIncomeReduction, available)
    available -= reductionGranted
    result.skattereduktionForvarvsinkomst = kronor(reductionGranted)

    if try context.listed("skatt.regional_skattereduktion.kommuner") {
      let regional = min(try number("skatt.regional_skattereduktion.belopp"), available)
      result.regionalSkattereduktion = kronor(regional)
    }
    return result
  }

  private func kronor(_ value: Double) -> Money { Money(kronor: Int64(value)) }

  /// The grundavdrag for a fastställd förvärvsinkomst, rounded up to 100 kr, never above FFI.
  public static func grundavdrag(ffi: Double, pbb: Double, number: (RateKey) throws(RateLookupError) -> Double)
    throws(RateLookupError) -> Double
  {
    let x = ffi / pbb
    let raw: Double
    if x <= (try number("skatt.grundavdrag.grans_1")) {
      raw = (try number("skatt.grundavdrag.niva_1")) * pbb
    } else if x <= (try number("skatt.grundavdrag.grans_2")) {
      raw = (try number("skatt.grundavdrag.niva_2_bas")) * pbb + (try number("skatt.grundavdrag.niva_2_lutning")) * ffi
    } else if x <= (try number("skatt.grundavdrag.grans_3")) {
      raw = (try number("skatt.grundavdrag.niva_3")) * pbb
    } else if x <= (try number("skatt.grundavdrag.grans_4")) {
      raw = (try number("skatt.grundavdrag.niva_4_bas")) * pbb - (try number("skatt.grundavdrag.niva_4_lutning")) * ffi
    } else {
      raw = (try number("skatt.grundavdrag.niva_5")) * pbb
    }
    return min((raw / 100).rounded(.up) * 100, ffi)
  }

  /// The jobbskatteavdrag before capping, for arbetsinkomst `earned` (kronor per year).
  ///
  /// JSA = (band value − GA) × total municipal rate, never negative; the band value is
  /// AI up to 0.91 PBB, 0.91 PBB + 0.3874 × (AI − 0.91 PBB) up to 3.24 PBB,
  /// 1.813 PBB + slope × (AI − 3.24 PBB) up to 8.08 PBB, then the cap × PBB; less the
  /// phase-out share of AI above 13.54 PBB where the year has one (2024).
  public static func jobbskatteavdrag(
    earned: Double, grundavdrag: Double, municipalRate: Double, pbb: Double,
    number: (RateKey) throws(RateLookupError) -> Double
  ) throws(RateLookupError) -> Double {
    guard earned > 0 else { return 0 }
    let limit1 = (try number("skatt.jobbskatteavdrag.grans_1")) * pbb
    let limit2 = (try number("skatt.jobbskatteavdrag.grans_2")) * pbb
    let limit3 = (try number("skatt.jobbskatteavdrag.grans_3")) * pbb
    let band: Double
    if earned <= limit1 {
      band = earned
    } else if earned <= limit2 {
      band = limit1 + (try number("skatt.jobbskatteavdrag.lutning_2")) * (earned - limit1)
    } else if earned <= limit3 {
      band =
        (try number("skatt.jobbskatteavdrag.bas_3")) * pbb + (try number("skatt.jobbskatteavdrag.lutning_3"))
        * (earned - limit2)
    } else {
      band = (try number("skatt.jobbskatteavdrag.tak")) * pbb
    }
    var credit = max(0, (band - grundavdrag) * municipalRate)
    let phaseOutLimit = (try number("skatt.jobbskatteavdrag.avtrappning.grans")) * pbb
    if earned > phaseOutLimit {
      credit = max(0, credit - (try number("skatt.jobbskatteavdrag.avtrappning.andel")) * (earned - phaseOutLimit))
    }
    return credit
  }
}

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
    let ga = try Self.grundavdrag(ffi: ffi, pbb: pbb, number: number)
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

    let pensionable = max(0, income.pensionable.kronor)
    let pensionBase =
      pensionable < (try number(.pensionsavgiftNedreGrans)) * pbb
      ? 0 : min(pensionable, (try number(.pensionsavgiftTakIbb)) * ibb)
    let pensionFee = (pensionBase * (try number(.pensionsavgiftAndel)) / 100).rounded(.down) * 100
    result.pensionsavgift = kronor(pensionFee)
    let publicService = min(
      (bfi * (try number(.publicServiceAndel))).rounded(.down), try number(.publicServiceMax))
    result.publicServiceAvgift = kronor(publicService)

    var available = municipalTax + regionalTax + stateTax
    let pensionCredit = min(pensionFee, available)
    available -= pensionCredit
    result.pensionsavgiftReduktion = kronor(pensionCredit)

    let municipalRate = municipality.kommunal + municipality.regional
    let jsa = try Self.jobbskatteavdrag(
      earned: max(0, income.earned.kronor), grundavdrag: ga, municipalRate: municipalRate, pbb: pbb, number: number)
    let jsaGranted = min(jsa.rounded(.down), municipalTax + regionalTax, available)
    available -= jsaGranted
    result.jobbskatteavdrag = kronor(jsaGranted)

    let lower = try number(.skattereduktionForvarvsinkomstNedreGrans)
    let upper = try number(.skattereduktionForvarvsinkomstOvreGrans)
    let share = try number(.skattereduktionForvarvsinkomstAndel)
    let maximum = try number(.skattereduktionForvarvsinkomstMax)
    let earnedIncomeReduction = min(max(0, (min(ffi, upper) - lower) * share), maximum).rounded(.down)
    let reductionGranted = min(earnedIncomeReduction, available)
    available -= reductionGranted
    result.skattereduktionForvarvsinkomst = kronor(reductionGranted)

    if try parameters.listed(Self.regionalReductionList) {
      let regional = min(try number(.regionalSkattereduktionBelopp), available)
      result.regionalSkattereduktion = kronor(regional)
    }
    return result
  }

  private static func kronor(_ value: Double) -> Money { Money(kronor: Int64(value)) }

  /// The municipalities with the regional tax reduction, as a key built once (every tax of
  /// every Monte Carlo draw asks).
  private static let regionalReductionList: RateKey = "skatt.regional_skattereduktion.kommuner"

  /// The grundavdrag for a fastställd förvärvsinkomst, rounded up to 100 kr, never above FFI.
  public static func grundavdrag(ffi: Double, pbb: Double, number: (Parameter) throws(RateLookupError) -> Double)
    throws(RateLookupError) -> Double
  {
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

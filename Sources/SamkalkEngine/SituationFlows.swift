import SamkalkCore
import SamkalkRates

/// Turns a phase (situations and service use) into one person's flows for one month.
///
/// The table of DOMAIN.md §4, as code. Every amount is a rate or a scenario input; the
/// payer of each benefit is the rate `betalare.<benefit>`.
///
/// | situation                      | payer → individ        | taxable | arbetsinkomst |
/// |--------------------------------|------------------------|---------|---------------|
/// | forsorjningsstod               | betalare.forsorjningsstod | no   | no            |
/// | etableringsersattning          | betalare.etableringsersattning | no | no       |
/// | aktivitetsstod, praktik, arbetstraning | betalare.aktivitetsstod | yes | no      |
/// | utvecklingsersattning          | betalare.utvecklingsersattning | no | no        |
/// | a_kassa                        | betalare.a_kassa       | yes     | no            |
/// | sjukpenning, sjukersattning, aktivitetsersattning | betalare.… | yes | no        |
/// | studier (studiebidrag)         | betalare.studiebidrag  | no      | no            |
/// | arbete and subsidised work     | arbetsgivare (wage)    | yes     | yes           |
struct SituationFlows {
  let rates: RateReader
  let periods: PeriodConversion

  init(rates: RateReader) throws(EngineError) {
    self.rates = rates
    self.periods = try PeriodConversion(rates: rates)
  }

  func profile(of phase: Phase) throws(EngineError) -> PersonMonth {
    var month = PersonMonth()
    // At most four entries a situation (work: wage, contributions, subsidy, production) and one
    // a service: one allocation instead of one each time the array doubles (every draw).
    month.entries.reserveCapacity(4 * phase.situations.count + phase.services.count)
    for share in phase.situations {
      try add(share, to: &month)
    }
    for service in phase.services {
      let unitCost = try rates.number(service.item)
      let (payer, item) = try rates.unitCost(service.item, item: Self.ledgerItem)
      month.add(.actor(payer), .outside, item, try money(unitCost * service.perMonth, service.item.rawValue), .resource)
    }
    return month
  }

  /// A service's ledger item: its unit-cost key without `tjanster.` (`primarvard_lakarbesok`).
  private static func ledgerItem(of key: RateKey) -> String {
    key.rawValue.hasPrefix("tjanster.") ? String(key.rawValue.dropFirst("tjanster.".count)) : key.rawValue
  }

  private func money(_ kronor: Double, _ what: String) throws(EngineError) -> Money {
    guard let amount = Money.rounding(kronor: kronor) else {
      throw EngineError("amount for \(what) is not a finite number of kronor")
    }
    return amount
  }

  /// A benefit paid to the individual: the scenario's monthly amount if stated, else the rate.
  private func benefit(
    _ share: SituationShare, item: String, payerKey: RateKey, monthlyFromRates: () throws(EngineError) -> Double,
    taxable: Bool, to month: inout PersonMonth
  ) throws(EngineError) {
    let perMonth: Double
    if let stated = share.monthlyAmount { perMonth = stated } else { perMonth = try monthlyFromRates() }
    let amount = try money(perMonth * share.extent, item)
    month.add(.actor(try rates.actor(payerKey)), .actor(.individ), item, amount, .transfer)
    if taxable {
      month.taxable += amount
      month.pensionable += amount
    }
  }

  private func add(_ share: SituationShare, to month: inout PersonMonth) throws(EngineError) {
    let periods = self.periods
    let rates = self.rates
    switch share.situation {
    case .forsorjningsstod:
      try benefit(
        share, item: "forsorjningsstod", payerKey: Key.betalareForsorjningsstod,
        monthlyFromRates: { () throws(EngineError) in
          try rates.number(Key.formanerForsorjningsstodPerHushallsmanad, unit: .krPerManad)
        }, taxable: false, to: &month)
    case .etableringsersattning:
      try benefit(
        share, item: "etableringsersattning", payerKey: Key.betalareEtableringsersattning,
        monthlyFromRates: { () throws(EngineError) in
          periods.monthly(perWeekday: try rates.number(Key.formanerEtableringsersattningDag, unit: .krPerDag))
        }, taxable: false, to: &month)
    case .aktivitetsstod, .praktik, .arbetstraning:
      try benefit(
        share, item: "aktivitetsstod", payerKey: Key.betalareAktivitetsstod,
        monthlyFromRates: { () throws(EngineError) in
          periods.monthly(perWeekday: try rates.number(Key.formanerAktivitetsstodDag, unit: .krPerDag))
        }, taxable: true, to: &month)
    case .utvecklingsersattning:
      try benefit(
        share, item: "utvecklingsersattning", payerKey: Key.betalareUtvecklingsersattning,
        monthlyFromRates: { () throws(EngineError) in
          periods.monthly(perWeekday: try rates.number(Key.formanerUtvecklingsersattningDag, unit: .krPerDag))
        }, taxable: false, to: &month)
    case .aKassa:
      try benefit(
        share, item: "a_kassa", payerKey: Key.betalareAKassa,
        monthlyFromRates: { () throws(EngineError) in
          periods.monthly(perWeekday: try rates.number(Key.formanerAKassaGrundbeloppDag, unit: .krPerDag))
        }, taxable: true, to: &month)
    case .sjukpenning:
      try benefit(
        share, item: "sjukpenning", payerKey: Key.betalareSjukpenning,
        monthlyFromRates: { () throws(EngineError) in
          guard let income = share.annualIncome else {
            throw EngineError("sjukpenning needs the sjukpenninggrundande inkomst (annualIncome)")
          }
          let daily =
            income * (try rates.number(Key.formanerSjukpenningSgiFaktor, unit: .andel))
            * (try rates.number(Key.formanerSjukpenningErsattningsniva, unit: .andel)) / periods.daysPerYear
          let cap = try rates.number(Key.formanerSjukpenningMaxKalenderdag, unit: .krPerKalenderdag)
          return periods.monthly(perCalendarDay: min(daily, cap))
        }, taxable: true, to: &month)
    case .sjukersattning:
      try benefit(
        share, item: "sjukersattning", payerKey: Key.betalareSjukersattning,
        monthlyFromRates: { () throws(EngineError) in
          try rates.number(Key.formanerSjukersattningGarantiManad, unit: .krPerManad)
        }, taxable: true, to: &month)
    case .aktivitetsersattning:
      try benefit(
        share, item: "aktivitetsersattning", payerKey: Key.betalareAktivitetsersattning,
        monthlyFromRates: { () throws(EngineError) in
          try rates.number(Key.formanerAktivitetsersattningGarantiManad, unit: .krPerManad)
        }, taxable: true, to: &month)
    case .studier:
      try benefit(
        share, item: "studiebidrag", payerKey: Key.betalareStudiebidrag,
        monthlyFromRates: { () throws(EngineError) in
          try rates.number(Key.formanerStudiebidragManad, unit: .krPerManad)
        }, taxable: false, to: &month)
    case .arbete, .nystartsjobb, .introduktionsjobb, .lonebidrag, .skyddatArbeteOffentligt, .samhall:
      try addWork(share, to: &month)
    case .ingenErsattning:
      break
    }
  }

  /// The ledger item of each situation's wage subsidy (`lonesubvention_lonebidrag`), built
  /// once rather than for each profile of each draw.
  private static let subsidyItems: [Situation: String] = Dictionary(
    uniqueKeysWithValues: Situation.allCases.map { ($0, "lonesubvention_\($0.rawValue)") })

  /// Wage, employer contributions, wage subsidy and production for one month of work.
  ///
  /// Production is the productivity share × (wage cost − subsidy): for unsubsidised work the
  /// employer's whole wage cost, for subsidised work the part the employer pays itself
  /// (DOMAIN.md §3).
  private func addWork(_ share: SituationShare, to month: inout PersonMonth) throws(EngineError) {
    let situation = share.situation
    guard let fullTimeWage = share.monthlyWage else {
      throw EngineError("\(situation.rawValue) needs a monthly wage")
    }
    let wage = fullTimeWage * share.extent
    let contributionRate = try rates.number(Key.arbetsgivaravgiftFull, unit: .andel)
    var subsidy = 0.0
    switch situation {
    case .arbete:
      break
    case .nystartsjobb:
      guard let factor = share.subsidyFactor else { throw EngineError("nystartsjobb needs a subsidyFactor") }
      let cap = try rates.number(Key.subventionNystartsjobbLonetak, unit: .krPerManad) * share.extent
      subsidy = factor * contributionRate * min(wage, cap)
    case .introduktionsjobb:
      guard let subsidyShare = share.subsidyShare else {
        throw EngineError("introduktionsjobb needs a subsidyShare")
      }
      let maxShare = try rates.number(Key.subventionIntroduktionsjobbAndel, unit: .andel)
      guard subsidyShare <= maxShare else {
        throw EngineError("introduktionsjobb subsidyShare \(subsidyShare) is above the maximum \(maxShare)")
      }
      let cap = try rates.number(Key.subventionIntroduktionsjobbLonetak, unit: .krPerManad) * share.extent
      subsidy = subsidyShare * min(wage, cap) * (1 + contributionRate)
    case .lonebidrag, .skyddatArbeteOffentligt, .samhall:
      guard let subsidyShare = share.subsidyShare else {
        throw EngineError("\(situation.rawValue) needs a subsidyShare")
      }
      let cap = try rates.number(Key.subventionLonebidragLonetak, unit: .krPerManad) * share.extent
      subsidy = subsidyShare * min(wage, cap) * (1 + contributionRate)
    default:
      preconditionFailure("addWork called for \(situation)")
    }
    let productivity = try rates.number(Key.produktionAndelAvLonekostnad, unit: .andel)
    let wageAmount = try money(wage, "lon")
    let contributions = try money(wage * contributionRate, "avgifter")
    let subsidyAmount = try money(subsidy, "subvention")
    let wageIndex = month.add(.actor(.arbetsgivare), .actor(.individ), "lon", wageAmount, .transfer)
    let contributionIndex = month.add(
      .actor(.arbetsgivare), .actor(.staten), "arbetsgivaravgifter", contributions, .transfer)
    var terms: [(index: Int, sign: Int64)] = [(wageIndex, 1), (contributionIndex, 1)]
    if subsidyAmount > .zero {
      let subsidyIndex = month.add(
        .actor(try rates.actor(Key.betalareLonesubvention)), .actor(.arbetsgivare),
        Self.subsidyItems[situation] ?? "lonesubvention_\(situation.rawValue)", subsidyAmount, .transfer)
      terms.append((subsidyIndex, -1))
    }
    // From the rounded amounts, so that at productivity 1 the employer nets exactly zero.
    let production = (wageAmount + contributions - subsidyAmount).scaled(by: productivity)
    let productionIndex = month.add(.outside, .actor(.arbetsgivare), "produktion", production, .production)
    month.entries[productionIndex].derivedFrom = terms
    month.entries[productionIndex].derivedShare = productivity
    month.taxable += wageAmount
    month.earned += wageAmount
    month.pensionable += wageAmount
  }
}

/// The rate keys the flows read, built once: a key built from a literal computes its code at
/// every lookup, and the profiles of every Monte Carlo draw look these up.
private enum Key {
  static let betalareForsorjningsstod: RateKey = "betalare.forsorjningsstod"
  static let formanerForsorjningsstodPerHushallsmanad: RateKey = "formaner.forsorjningsstod.per_hushallsmanad"
  static let betalareEtableringsersattning: RateKey = "betalare.etableringsersattning"
  static let formanerEtableringsersattningDag: RateKey = "formaner.etableringsersattning.dag"
  static let betalareAktivitetsstod: RateKey = "betalare.aktivitetsstod"
  static let formanerAktivitetsstodDag: RateKey = "formaner.aktivitetsstod.dag"
  static let betalareUtvecklingsersattning: RateKey = "betalare.utvecklingsersattning"
  static let formanerUtvecklingsersattningDag: RateKey = "formaner.utvecklingsersattning.dag"
  static let betalareAKassa: RateKey = "betalare.a_kassa"
  static let formanerAKassaGrundbeloppDag: RateKey = "formaner.a_kassa.grundbelopp_dag"
  static let betalareSjukpenning: RateKey = "betalare.sjukpenning"
  static let formanerSjukpenningSgiFaktor: RateKey = "formaner.sjukpenning.sgi_faktor"
  static let formanerSjukpenningErsattningsniva: RateKey = "formaner.sjukpenning.ersattningsniva"
  static let formanerSjukpenningMaxKalenderdag: RateKey = "formaner.sjukpenning.max_kalenderdag"
  static let betalareSjukersattning: RateKey = "betalare.sjukersattning"
  static let formanerSjukersattningGarantiManad: RateKey = "formaner.sjukersattning.garanti_manad"
  static let betalareAktivitetsersattning: RateKey = "betalare.aktivitetsersattning"
  static let formanerAktivitetsersattningGarantiManad: RateKey = "formaner.aktivitetsersattning.garanti_manad"
  static let betalareStudiebidrag: RateKey = "betalare.studiebidrag"
  static let formanerStudiebidragManad: RateKey = "formaner.studiebidrag.manad"
  static let arbetsgivaravgiftFull: RateKey = "arbetsgivaravgift.full"
  static let subventionNystartsjobbLonetak: RateKey = "subvention.nystartsjobb.lonetak"
  static let subventionIntroduktionsjobbAndel: RateKey = "subvention.introduktionsjobb.andel"
  static let subventionIntroduktionsjobbLonetak: RateKey = "subvention.introduktionsjobb.lonetak"
  static let subventionLonebidragLonetak: RateKey = "subvention.lonebidrag.lonetak"
  static let produktionAndelAvLonekostnad: RateKey = "produktion.andel_av_lonekostnad"
  static let betalareLonesubvention: RateKey = "betalare.lonesubvention"
}

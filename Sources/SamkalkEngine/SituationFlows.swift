import SamkalkCore
import SamkalkRates

/// Turns a phase (situations and service use) into one person's flows for one month.
///
/// The table of docs/METHODS.md ("Situations"), as code. Every amount is a rate or a scenario input; the
/// payer of each benefit is the rate `betalare.<benefit>`.
///
/// | situation                      | payer → individ        | taxable | pension (see `Pension`) |
/// |--------------------------------|------------------------|---------|-------------------------|
/// | forsorjningsstod               | betalare.forsorjningsstod | no   | none                    |
/// | etableringsersattning          | betalare.etableringsersattning | no | none               |
/// | aktivitetsstod, praktik, arbetstraning | betalare.aktivitetsstod | yes | PGI + statlig ÅPA |
/// | utvecklingsersattning          | betalare.utvecklingsersattning | no | none               |
/// | a_kassa                        | betalare.a_kassa       | yes     | PGI + statlig ÅPA       |
/// | sjukpenning                    | betalare.sjukpenning   | yes     | PGI + statlig ÅPA       |
/// | sjukersattning, aktivitetsersattning | betalare.…       | yes     | PGB: no pensionsavgift  |
/// | studier (studiebidrag)         | betalare.studiebidrag  | no      | none                    |
/// | arbete and subsidised work     | arbetsgivare (wage)    | yes     | PGI (wage, arbetsinkomst) |
///
/// A service (`tjanster.*`) is priced by its unit (``PeriodConversion/perUse(_:unit:of:)``) and is
/// a resource of its payer, or, for a fee with a `payee`, a transfer from payer to payee.
struct SituationFlows {
  let rates: RateReader
  let periods: PeriodConversion

  init(rates: RateReader) throws(EngineError) {
    self.rates = rates
    self.periods = try PeriodConversion(rates: rates)
  }

  /// One person's month in `phase`, in the month context `context` (the arbetsgivaravgift and
  /// the age step of that month; empty for a group without a birth year).
  func profile(of phase: Phase, in context: MonthContext = MonthContext()) throws(EngineError) -> PersonMonth {
    var month = PersonMonth()
    // At most four entries a situation (work: wage, contributions, subsidy, production) and one
    // a service: one allocation instead of one each time the array doubles (every draw).
    month.entries.reserveCapacity(4 * phase.situations.count + phase.services.count)
    for share in phase.situations {
      try add(share, in: context, to: &month)
    }
    for service in phase.services {
      let cost = try rates.unitCost(service.item, item: Self.ledgerItem)
      let perUse = try periods.perUse(try rates.number(service.item), unit: cost.unit, of: service.item)
      let amount = try money(perUse * service.perMonth, service.item.rawValue)
      if let payee = cost.payee {
        month.add(.actor(cost.payer), .actor(payee), cost.item, amount, .transfer)
      } else {
        month.add(.actor(cost.payer), .outside, cost.item, amount, .resource)
      }
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

  /// How a benefit counts for tax and pension.
  private enum Pension {
    /// Not income for tax or pension (försörjningsstöd, studiebidrag, …).
    case none
    /// Taxable, but pensionsgrundande *belopp* rather than inkomst (sjuk- and
    /// aktivitetsersättning, SFB 61 kap.): no allmän pensionsavgift is charged on it (lag
    /// 1994:1744 charges the fee on pensionsgrundande inkomst only).
    case taxableOnly
    /// Taxable pensionsgrundande inkomst (SFB 59 kap.) on which allmän pensionsavgift is due,
    /// and on which staten pays statlig ålderspensionsavgift (lag 1998:676 2 §).
    case pensionableWithStateFee
  }

  /// A benefit paid to the individual: the scenario's monthly amount if stated, else the rate.
  private func benefit(
    _ share: SituationShare, item: String, payerKey: RateKey, monthlyFromRates: () throws(EngineError) -> Double,
    pension: Pension, to month: inout PersonMonth
  ) throws(EngineError) {
    let perMonth: Double
    if let stated = share.monthlyAmount { perMonth = stated } else { perMonth = try monthlyFromRates() }
    let amount = try money(perMonth * share.extent, item)
    let payer = try rates.actor(payerKey)
    month.add(.actor(payer), .actor(.individ), item, amount, .transfer)
    switch pension {
    case .none:
      break
    case .taxableOnly:
      month.taxable += amount
    case .pensionableWithStateFee:
      month.taxable += amount
      month.pensionable += amount
      try addStatePensionFee(on: amount, paidBy: payer, to: &month)
    }
  }

  /// Statlig ålderspensionsavgift (lag 1998:676 1–2 §§): 10,21 % of the benefit, paid by the
  /// state to the old-age pension system. samkalk's actor `staten` holds the pension system
  /// (the employer's ålderspensionsavgift goes there too, inside arbetsgivaravgifter), and the
  /// fee is booked on the actor that bears the benefit, as a transfer to `staten`. When that
  /// actor is `staten` itself (a-kassa) the fee moves money within one actor and is not booked.
  private func addStatePensionFee(on benefit: Money, paidBy payer: Actor, to month: inout PersonMonth)
    throws(EngineError)
  {
    let rate = try rates.number(Key.statligAlderspensionsavgift, unit: .andel)
    guard payer != .staten else { return }
    let fee = benefit.scaled(by: rate)
    guard fee != .zero else { return }
    month.add(.actor(payer), .actor(.staten), "statlig_alderspensionsavgift", fee, .transfer)
  }

  private func add(_ share: SituationShare, in context: MonthContext, to month: inout PersonMonth)
    throws(EngineError)
  {
    let periods = self.periods
    let rates = self.rates
    switch share.situation {
    case .forsorjningsstod:
      try benefit(
        share, item: "forsorjningsstod", payerKey: Key.betalareForsorjningsstod,
        monthlyFromRates: { () throws(EngineError) in
          try rates.number(Key.formanerForsorjningsstodPerHushallsmanad, unit: .krPerManad)
        }, pension: .none, to: &month)
    case .etableringsersattning:
      try benefit(
        share, item: "etableringsersattning", payerKey: Key.betalareEtableringsersattning,
        monthlyFromRates: { () throws(EngineError) in
          periods.monthly(perWeekday: try rates.number(Key.formanerEtableringsersattningDag, unit: .krPerDag))
        }, pension: .none, to: &month)
    case .aktivitetsstod, .praktik, .arbetstraning:
      try benefit(
        share, item: "aktivitetsstod", payerKey: Key.betalareAktivitetsstod,
        monthlyFromRates: { () throws(EngineError) in
          // The level paid depends on a-kassa entitlement (förordning 2017:819): the floor
          // for those entitled, the fixed amount for those not entitled (the default).
          let key =
            share.entitledToAKassa == true
            ? Key.formanerAktivitetsstodLagstaDagMedAKassa : Key.formanerAktivitetsstodDag
          return periods.monthly(perWeekday: try rates.number(key, unit: .krPerDag))
        }, pension: .pensionableWithStateFee, to: &month)
    case .utvecklingsersattning:
      try benefit(
        share, item: "utvecklingsersattning", payerKey: Key.betalareUtvecklingsersattning,
        monthlyFromRates: { () throws(EngineError) in
          // Förordning 2017:819: a fifth of the weekly studiebidrag of studiestödslagen 3 kap.
          // 12 § 1 per day (a fifth: the five weekdays of the week it is paid for); without
          // gymnasieexamen, studiehjälp's monthly studiebidrag (2 kap. 7 §) divided by 22.
          if share.hasGymnasieexamen == false {
            let monthly = try rates.number(Key.formanerStudiehjalpStudiebidragManad, unit: .krPerManad)
            let divisorKey = Key.formanerUtvecklingsersattningStudiehjalpDelningstal
            let divisor = try rates.number(divisorKey, unit: .antal)
            guard divisor > 0 else { throw EngineError("rate '\(divisorKey)' is 0") }
            return periods.monthly(perWeekday: monthly / divisor)
          }
          let weekly = try weeklyStudiebidrag(Key.formanerStudiebidragAndelPbbVecka)
          return periods.monthly(perWeekday: weekly / periods.weekdaysPerWeek)
        }, pension: .none, to: &month)
    case .aKassa:
      try benefit(
        share, item: "a_kassa", payerKey: Key.betalareAKassa,
        monthlyFromRates: { () throws(EngineError) in try aKassaPerMonth(share) },
        pension: .pensionableWithStateFee, to: &month)
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
        }, pension: .pensionableWithStateFee, to: &month)
    case .sjukersattning:
      try benefit(
        share, item: "sjukersattning", payerKey: Key.betalareSjukersattning,
        monthlyFromRates: { () throws(EngineError) in
          try rates.number(Key.formanerSjukersattningGarantiManad, unit: .krPerManad)
        }, pension: .taxableOnly, to: &month)
    case .aktivitetsersattning:
      try benefit(
        share, item: "aktivitetsersattning", payerKey: Key.betalareAktivitetsersattning,
        monthlyFromRates: { () throws(EngineError) in
          try rates.number(Self.aktivitetsersattningKey(age: context.age), unit: .krPerManad)
        }, pension: .taxableOnly, to: &month)
    case .studier:
      try benefit(
        share, item: "studiebidrag", payerKey: Key.betalareStudiebidrag,
        monthlyFromRates: { () throws(EngineError) in
          // Paid per study week (studiestödslagen 3 kap. 12–13 §§), a läsår's weeks spread
          // over the twelve months of the phase.
          let grant =
            share.studyGrant == .hogre
            ? Key.formanerStudiebidragHogreAndelPbbVecka : Key.formanerStudiebidragAndelPbbVecka
          let weekly = try weeklyStudiebidrag(grant)
          let weeks = try rates.number(Key.formanerStudiebidragVeckorPerAr, unit: .veckor)
          return weekly * weeks / periods.monthsPerYear
        }, pension: .none, to: &month)
    case .arbete, .nystartsjobb, .introduktionsjobb, .lonebidrag, .skyddatArbeteOffentligt, .samhall:
      try addWork(share, contribution: context.contribution, to: &month)
    case .ingenErsattning:
      break
    }
  }

  /// The studiebidrag for a week of full-time studies: the share `key` of prisbasbeloppet
  /// (studiestödslagen 3 kap. 12 § 1 or 13 § 1), rounded down to whole kronor as CSN pays it
  /// (2023: 52 500 × 1,74 % = 913,50 → 913 kr; 2025: 58 800 × 1,74 % = 1 023,12 → 1 023 kr).
  private func weeklyStudiebidrag(_ key: RateKey) throws(EngineError) -> Double {
    let share = try rates.number(key, unit: .andel)
    let pbb = try rates.number(Key.basbeloppPrisbasbelopp, unit: .krPerAr)
    // The product is rounded to the öre first, so that 913.5 computed as 913.4999… is 913.
    return ((share * pbb * 100).rounded() / 100).rounded(.down)
  }

  /// A-kassa for a month. Before 2025-10-01 (old rules, lag 1997:238): the grundbelopp per
  /// weekday. From 2025-10-01 (lag 2024:506, in force when `formaner.a_kassa.inkomsttak_manad`
  /// has a value): the level of the period's step × the ersättningsgrundande inkomst up to the
  /// monthly ceiling, paid per month. The scenario must give the income and the step.
  private func aKassaPerMonth(_ share: SituationShare) throws(EngineError) -> Double {
    guard let ceiling = try rates.numberIfInForce(Key.formanerAKassaInkomsttakManad, unit: .krPerManad) else {
      return periods.monthly(perWeekday: try rates.number(Key.formanerAKassaGrundbeloppDag, unit: .krPerDag))
    }
    guard let income = share.priorMonthlyIncome else {
      throw EngineError(
        "a_kassa under the rules from 2025-10-01 needs 'priorIncome' (the ersättningsgrundande inkomst, kr/månad)")
    }
    guard let step = share.benefitStep else {
      throw EngineError("a_kassa under the rules from 2025-10-01 needs 'step' (1-100, 101-200 or 201-)")
    }
    let levelKey: RateKey
    switch step {
    case .dag1_100: levelKey = Key.formanerAKassaErsattningsniva
    case .dag101_200: levelKey = Key.formanerAKassaErsattningsnivaDag101
    case .dag201: levelKey = Key.formanerAKassaErsattningsnivaDag201
    }
    return try rates.number(levelKey, unit: .andel) * min(income, ceiling)
  }

  /// The ledger item of each situation's wage subsidy (`lonesubvention_lonebidrag`), built
  /// once rather than for each profile of each draw.
  private static let subsidyItems: [Situation: String] = Dictionary(
    uniqueKeysWithValues: Situation.allCases.map { ($0, "lonesubvention_\($0.rawValue)") })

  /// Wage, employer contributions, wage subsidy and production for one month of work.
  ///
  /// Production is the productivity share × (wage cost − subsidy): for unsubsidised work the
  /// employer's whole wage cost, for subsidised work the part the employer pays itself
  /// (docs/METHODS.md, "Conventions").
  /// The employer's contributions are `contribution`'s (by age and date,
  /// ``EmployerContribution/inForce(bornIn:in:rates:)``), else the full rate; the subsidies
  /// that are expressed in the arbetsgivaravgift keep the full rate.
  private func addWork(_ share: SituationShare, contribution: EmployerContribution?, to month: inout PersonMonth)
    throws(EngineError)
  {
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
    let contributions = try money(contribution?.amount(on: wage) ?? wage * contributionRate, "avgifter")
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

extension SituationFlows {
  /// The garantinivå of aktivitetsersättning by age step (socialförsäkringsbalken 35 kap. 19 §:
  /// the steps change in the month the person turns 21, 23, 25, 27 and 29): each step's key and
  /// the age from which the next applies. samkalk knows the birth year only, and takes the age
  /// at the start of the calendar year (``PersonYearIncome/age(bornIn:atStartOf:)``), so a step
  /// starts in the January after the birthday month; without an age, the 25–26 step
  /// (`garanti_manad`).
  static let aktivitetsersattningSteps: [(below: Int, key: RateKey)] = [
    (21, "formaner.aktivitetsersattning.garanti_manad_till_20"),
    (23, "formaner.aktivitetsersattning.garanti_manad_21_22"),
    (25, "formaner.aktivitetsersattning.garanti_manad_23_24"),
    (27, "formaner.aktivitetsersattning.garanti_manad_25_26"),
    (29, "formaner.aktivitetsersattning.garanti_manad_27_28"),
    (30, "formaner.aktivitetsersattning.garanti_manad_29_30"),
  ]

  /// The rate key of the aktivitetsersättning for persons of `age` at the start of the year.
  /// Aktivitetsersättning is paid from the July of the year one turns 19 until the month
  /// before one turns 30 (SFB 33 kap.): an age at the start of the year below 18 or above 29
  /// is an error, not a step.
  static func aktivitetsersattningKey(age: Int?) throws(EngineError) -> RateKey {
    guard let age else { return Key.formanerAktivitetsersattningGarantiManad }
    guard age >= 18, let step = aktivitetsersattningSteps.first(where: { age < $0.below }) else {
      throw EngineError(
        "aktivitetsersattning is paid from 19 until 30; the persons are \(age) at the start of the year")
    }
    return step.key
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
  static let formanerAktivitetsstodLagstaDagMedAKassa: RateKey = "formaner.aktivitetsstod.lagsta_dag_med_a_kassa"
  static let betalareUtvecklingsersattning: RateKey = "betalare.utvecklingsersattning"
  static let betalareAKassa: RateKey = "betalare.a_kassa"
  static let formanerAKassaGrundbeloppDag: RateKey = "formaner.a_kassa.grundbelopp_dag"
  static let formanerAKassaInkomsttakManad: RateKey = "formaner.a_kassa.inkomsttak_manad"
  static let formanerAKassaErsattningsniva: RateKey = "formaner.a_kassa.ersattningsniva"
  static let formanerAKassaErsattningsnivaDag101: RateKey = "formaner.a_kassa.ersattningsniva_dag_101_200"
  static let formanerAKassaErsattningsnivaDag201: RateKey = "formaner.a_kassa.ersattningsniva_fran_dag_201"
  static let betalareSjukpenning: RateKey = "betalare.sjukpenning"
  static let formanerSjukpenningSgiFaktor: RateKey = "formaner.sjukpenning.sgi_faktor"
  static let formanerSjukpenningErsattningsniva: RateKey = "formaner.sjukpenning.ersattningsniva"
  static let formanerSjukpenningMaxKalenderdag: RateKey = "formaner.sjukpenning.max_kalenderdag"
  static let betalareSjukersattning: RateKey = "betalare.sjukersattning"
  static let formanerSjukersattningGarantiManad: RateKey = "formaner.sjukersattning.garanti_manad"
  static let betalareAktivitetsersattning: RateKey = "betalare.aktivitetsersattning"
  static let formanerAktivitetsersattningGarantiManad: RateKey = "formaner.aktivitetsersattning.garanti_manad"
  static let betalareStudiebidrag: RateKey = "betalare.studiebidrag"
  static let formanerStudiebidragAndelPbbVecka: RateKey = "formaner.studiebidrag.andel_pbb_vecka"
  static let formanerStudiebidragHogreAndelPbbVecka: RateKey = "formaner.studiebidrag.hogre_andel_pbb_vecka"
  static let formanerStudiebidragVeckorPerAr: RateKey = "formaner.studiebidrag.veckor_per_ar"
  static let basbeloppPrisbasbelopp: RateKey = "basbelopp.prisbasbelopp"
  static let formanerStudiehjalpStudiebidragManad: RateKey = "formaner.studiehjalp.studiebidrag_manad"
  static let formanerUtvecklingsersattningStudiehjalpDelningstal: RateKey =
    "formaner.utvecklingsersattning.studiehjalp_delningstal"
  static let arbetsgivaravgiftFull: RateKey = "arbetsgivaravgift.full"
  static let subventionNystartsjobbLonetak: RateKey = "subvention.nystartsjobb.lonetak"
  static let subventionIntroduktionsjobbAndel: RateKey = "subvention.introduktionsjobb.andel"
  static let subventionIntroduktionsjobbLonetak: RateKey = "subvention.introduktionsjobb.lonetak"
  static let subventionLonebidragLonetak: RateKey = "subvention.lonebidrag.lonetak"
  static let produktionAndelAvLonekostnad: RateKey = "produktion.andel_av_lonekostnad"
  static let betalareLonesubvention: RateKey = "betalare.lonesubvention"
  static let statligAlderspensionsavgift: RateKey = "formaner.statlig_alderspensionsavgift.andel"
}

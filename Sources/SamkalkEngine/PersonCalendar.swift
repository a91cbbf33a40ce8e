import SamkalkCore
import SamkalkRates

/// What a month's profile depends on besides the phase: the rules that follow the person's age
/// and the calendar. A group without a birth year has the empty context in every month (the
/// full arbetsgivaravgift of the rates date, aktivitetsersättning's default step), so that its
/// profiles are the ones computed before ages were known.
struct MonthContext: Hashable {
  /// The arbetsgivaravgift on the month's wages; `nil`: the full rate of the rates date.
  var contribution: EmployerContribution?
  /// The persons' age at the start of the month's calendar year (``PersonYearIncome/age(bornIn:atStartOf:)``),
  /// for the benefits paid by age step; `nil` without a birth year.
  var age: Int?

  /// The part of the context a phase's profile reads: the contribution only for a phase with
  /// work, the age only for one with aktivitetsersättning from the rates. Phases that read
  /// neither share one profile over every month, so that their runs stay whole.
  func relevant(to phase: Phase) -> MonthContext {
    let reads = Self.reads(phase)
    return MonthContext(contribution: reads.contribution ? contribution : nil, age: reads.age ? age : nil)
  }

  /// Which parts of a month context a phase's profile reads.
  struct Reads: Equatable {
    var contribution = false
    var age = false
  }

  static func reads(_ phase: Phase) -> Reads {
    var reads = Reads()
    for share in phase.situations {
      if share.situation.isWork { reads.contribution = true }
      if share.situation == .aktivitetsersattning && share.monthlyAmount == nil { reads.age = true }
    }
    return reads
  }
}

/// The arbetsgivaravgift of one month's wage (socialavgiftslagen 2000:980, lag 1994:1920 om
/// allmän löneavgift, lag 2026:100): `reducedRate` on the pay up to `ceiling` kronor a
/// calendar month and `rate` on the rest.
struct EmployerContribution: Hashable {
  var reducedRate: Double
  var ceiling: Double
  var rate: Double

  /// The contribution on a month's wage, in kronor.
  func amount(on wage: Double) -> Double {
    reducedRate * min(wage, ceiling) + rate * max(0, wage - ceiling)
  }

  /// The rule in force in `month` for persons born in `birthYear`; `nil` for the full rate
  /// (also without a birth year: the persons are then below every age limit). In the law's
  /// order:
  /// - none for those born in `fodd_1937_eller_tidigare.senaste_fodelsear` or earlier
  ///   (`fodd_1937_eller_tidigare.andel`, 0);
  /// - only the ålderspensionsavgift (`aldre.andel`) for those who at the start of the month's
  ///   year have turned `aldre.fran_alder` (66; riktåldern, 67, from 2026);
  /// - lag 2026:100: for those who at the start of the year have turned `ungdom.fran_alder` but
  ///   not `ungdom.till_alder` + 1 (18–22), `ungdom.andel` on pay up to `ungdom.lonetak` a
  ///   calendar month and the full rate on the rest, for pay given 2026-04-01 – 2027-09-30.
  ///
  /// The persons' age is the month's calendar year's, as the income tax reads it. The permanent
  /// age limits and rates are the rates date's law, as every other parameter (and as the income
  /// tax's age limits); the temporary youth rule is read on the month's first day, because the
  /// law applies it to pay given within its dates only: a month outside them (before April
  /// 2026, after September 2027, or a historical case study's calendar) pays the full rate.
  static func inForce(bornIn birthYear: Int?, in month: YearMonth, rates: RateReader) throws(EngineError)
    -> EmployerContribution?
  {
    guard let birthYear, let age = PersonYearIncome.age(bornIn: birthYear, atStartOf: month.year) else {
      return nil
    }
    if Double(birthYear) <= (try rates.number(Key.exemptBornThrough, unit: .antal)) {
      let rate = try rates.number(Key.exemptRate, unit: .andel)
      return EmployerContribution(reducedRate: rate, ceiling: 0, rate: rate)
    }
    if Double(age) >= (try rates.number(Key.olderFromAge, unit: .antal)) {
      let rate = try rates.number(Key.olderRate, unit: .andel)
      return EmployerContribution(reducedRate: rate, ceiling: 0, rate: rate)
    }
    let day = month.firstDay
    if let from = try rates.number(Key.youthFromAge, unit: .antal, ifInForceOn: day),
      let through = try rates.number(Key.youthThroughAge, unit: .antal, ifInForceOn: day),
      Double(age) >= from, Double(age) <= through
    {
      return EmployerContribution(
        reducedRate: try required(Key.youthRate, unit: .andel, on: day, rates: rates),
        ceiling: try required(Key.youthCeiling, unit: .krPerManad, on: day, rates: rates),
        rate: try rates.number(Key.full, unit: .andel))
    }
    return nil
  }

  private static func required(_ key: RateKey, unit: RateUnit, on day: Day, rates: RateReader) throws(EngineError)
    -> Double
  {
    guard let number = try rates.number(key, unit: unit, ifInForceOn: day) else {
      throw EngineError("no value for \(key) on \(day)")
    }
    return number
  }

  /// Every rate key ``inForce(bornIn:in:rates:)`` may read: a draw that replaces one of them
  /// has other month contexts than the base run.
  static let keys: Set<RateKey> = [
    Key.full, Key.exemptBornThrough, Key.exemptRate, Key.olderFromAge, Key.olderRate, Key.youthFromAge,
    Key.youthThroughAge, Key.youthRate, Key.youthCeiling,
  ]

  private enum Key {
    static let full: RateKey = "arbetsgivaravgift.full"
    static let exemptBornThrough: RateKey = "arbetsgivaravgift.fodd_1937_eller_tidigare.senaste_fodelsear"
    static let exemptRate: RateKey = "arbetsgivaravgift.fodd_1937_eller_tidigare.andel"
    static let olderFromAge: RateKey = "arbetsgivaravgift.aldre.fran_alder"
    static let olderRate: RateKey = "arbetsgivaravgift.aldre.andel"
    static let youthFromAge: RateKey = "arbetsgivaravgift.ungdom.fran_alder"
    static let youthThroughAge: RateKey = "arbetsgivaravgift.ungdom.till_alder"
    static let youthRate: RateKey = "arbetsgivaravgift.ungdom.andel"
    static let youthCeiling: RateKey = "arbetsgivaravgift.ungdom.lonetak"
  }
}

/// A group's month contexts over the horizon, as runs of months with one context each (a few:
/// a change at a new year or when a temporary rule starts or ends).
struct PersonCalendar {
  struct Segment {
    var start: Int
    var context: MonthContext
  }

  /// In order, the first starting at month 0.
  var segments: [Segment]

  /// Walks the months from `filled` to `end` in the calendar's contexts: `body(context, end of
  /// the piece)` for each piece, in order. ``GroupBuilder`` fills a phase's runs with it, and
  /// ``DrawPlan`` plans the same runs.
  func pieces(from filled: Int, to end: Int, _ body: (MonthContext, Int) throws(EngineError) -> Void)
    throws(EngineError)
  {
    var position = segments.count - 1
    while position > 0 && segments[position].start > filled { position -= 1 }
    var reached = filled
    while reached < end {
      let next = position + 1 < segments.count ? min(end, segments[position + 1].start) : end
      try body(segments[position].context, next)
      reached = max(reached, next)
      position += 1
    }
  }

  /// Every month the empty context: a group without a birth year.
  static let uniform = PersonCalendar(segments: [Segment(start: 0, context: MonthContext())])

  /// The contexts of persons born in `birthYear` over `months` months from `start`.
  static func of(bornIn birthYear: Int?, start: YearMonth, months: Int, rates: RateReader) throws(EngineError)
    -> PersonCalendar
  {
    guard birthYear != nil, months > 0 else { return .uniform }
    var segments: [Segment] = []
    for month in 0..<months {
      let date = start.adding(months: month)
      let context = MonthContext(
        contribution: try EmployerContribution.inForce(bornIn: birthYear, in: date, rates: rates),
        age: PersonYearIncome.age(bornIn: birthYear, atStartOf: date.year))
      if segments.last?.context != context { segments.append(Segment(start: month, context: context)) }
    }
    return PersonCalendar(segments: segments)
  }
}

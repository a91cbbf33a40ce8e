import SamkalkRates

/// The named conversions between benefit periods (docs/METHODS.md, "Conventions").
///
/// Benefits are paid per weekday (aktivitetsstöd, etableringsersättning: five days a week),
/// per calendar day (sjukpenning) or per month; the ledger steps in months. The constants come
/// from the rate tables (`kalender.*`), so the conventions are visible and replaceable:
///
/// | conversion                 | formula        | with 52 / 5 / 365 / 12 |
/// |----------------------------|----------------|------------------------|
/// | weekdays per month         | 52 × 5 / 12    | 21.666…                |
/// | calendar days per month    | 365 / 12       | 30.416…                |
/// | 223 kr/dag → kr/månad      | 223 × 21.666…  | 4 831.67               |
struct PeriodConversion {
  var weeksPerYear: Double
  var weekdaysPerWeek: Double
  var daysPerYear: Double
  var monthsPerYear: Double

  var weekdaysPerMonth: Double { weeksPerYear * weekdaysPerWeek / monthsPerYear }
  var calendarDaysPerMonth: Double { daysPerYear / monthsPerYear }

  func monthly(perWeekday amount: Double) -> Double { amount * weekdaysPerMonth }
  func monthly(perCalendarDay amount: Double) -> Double { amount * calendarDaysPerMonth }
  func monthly(perYear amount: Double) -> Double { amount / monthsPerYear }

  /// A unit cost as the price of one use counted by a service's `perMonth`: a price per
  /// visit, contact, day (dygn), hour or month is one use; a price per year is a place held for
  /// a year, so a month of it is a twelfth (`kalender.manader_per_ar`). Any other unit has no
  /// meaning as a count per month and is refused (the scenario reader refuses it first, with
  /// the file position).
  func perUse(_ price: Double, unit: RateUnit, of key: RateKey) throws(EngineError) -> Double {
    switch unit {
    case .krPerBesok, .krPerKontakt, .krPerDygn, .krPerTimme, .krPerManad: price
    case .krPerAr: monthly(perYear: price)
    default: throw EngineError(Self.unusableUnitMessage(key: key, unit: unit))
    }
  }

  static func unusableUnitMessage(key: RateKey, unit: RateUnit) -> String {
    ServiceUse.unusableUnitMessage(key: key, unit: unit)
  }

  init(weeksPerYear: Double, weekdaysPerWeek: Double, daysPerYear: Double, monthsPerYear: Double) {
    self.weeksPerYear = weeksPerYear
    self.weekdaysPerWeek = weekdaysPerWeek
    self.daysPerYear = daysPerYear
    self.monthsPerYear = monthsPerYear
  }

  /// The rate keys the conversions are read from, in the order of the memberwise initialiser.
  static let keys: [RateKey] = [
    "kalender.veckor_per_ar", "kalender.vardagar_per_vecka", "kalender.dagar_per_ar", "kalender.manader_per_ar",
  ]

  init(rates: RateReader) throws(EngineError) {
    self.init(
      weeksPerYear: try rates.number(Self.keys[0]), weekdaysPerWeek: try rates.number(Self.keys[1]),
      daysPerYear: try rates.number(Self.keys[2]), monthsPerYear: try rates.number(Self.keys[3]))
  }
}

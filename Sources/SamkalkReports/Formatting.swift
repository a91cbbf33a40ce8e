import SamkalkCore
import SamkalkEngine
import SamkalkRates

/// Shared text forms of the report writers. Every form is locale-free and deterministic.
enum ReportText {
  /// Decimals for kronor figures that are not ledger money (present values, per-participant).
  static let kronorDecimals = 2
  /// Decimals for shares and rates (discount rate, tax rates, financing shares, factors).
  static let rateDecimals = 6

  static func kronor(_ value: Double) -> String {
    DecimalText.format(value, decimals: kronorDecimals)
  }

  static func share(_ value: Double) -> String {
    DecimalText.format(value, decimals: rateDecimals)
  }

  /// `shipped`, `user-file-1`, `user-file-2`, …, `scenario`: a token form of a rate layer.
  static func layer(_ layer: RateLayer) -> String {
    switch layer {
    case .shipped: "shipped"
    case .userFile(let index): "user-file-\(index + 1)"
    case .scenario: "scenario"
    }
  }

  /// The first and last calendar month of horizon year `year` (1-based).
  static func months(ofYear year: Int, start: YearMonth, horizonMonths: Int) -> (
    YearMonth, YearMonth
  ) {
    let first = (year - 1) * 12
    let last = max(first, min(year * 12, horizonMonths) - 1)
    return (start.adding(months: first), start.adding(months: last))
  }

  /// Money divided by a count of participants, in kronor with two decimals.
  static func perParticipant(_ money: Money, _ participants: Int) -> String {
    kronor(money.kronor / Double(participants))
  }

  /// Money divided by a (possibly fractional) number of persons, in kronor with two decimals.
  static func perParticipant(_ money: Money, _ participants: Double) -> String {
    kronor(money.kronor / participants)
  }

  /// A number of persons (fractional for shares and typfall weights): up to six decimals,
  /// trailing zeros dropped (`4`, `2.5`, `3.333333`).
  static func persons(_ value: Double) -> String {
    DecimalText.trimmed(value)
  }

  /// A ratio (benefit-cost ratio, ROI, break-even share, verkningsgrad): six decimals.
  static func ratio(_ value: Double) -> String {
    DecimalText.format(value, decimals: rateDecimals)
  }

  /// Whole kronor, rounded half away from zero, with a space between groups of three digits:
  /// `-1 234 568` for −1 234 567.50 kr. ASCII only, for fixed-width tables.
  static func groupedKronor(_ money: Money) -> String {
    let ore = money.ore
    let magnitude = ore.magnitude
    let whole = (magnitude + 50) / 100
    let digits = Array(String(whole))
    var grouped = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(" ") }
      grouped.append(digit)
    }
    return (ore < 0 && whole != 0 ? "-" : "") + grouped
  }

  /// A Double in kronor as grouped whole kronor (present values).
  static func groupedKronor(_ kronor: Double) -> String {
    guard let money = Money.rounding(kronor: kronor) else {
      return DecimalText.format(kronor, decimals: 0)
    }
    return groupedKronor(money)
  }
}

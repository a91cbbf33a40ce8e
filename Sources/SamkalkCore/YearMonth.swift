/// A calendar month, the time step of the ledger.
///
/// `YearMonth(year: 2025, month: 1).adding(months: 13)` is 2026-02. Text form `YYYY-MM`.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  /// 1 (January) through 12 (December).
  public let month: Int

  public init(year: Int, month: Int) {
    precondition((1...12).contains(month), "month must be 1...12")
    self.year = year
    self.month = month
  }

  /// Parses `YYYY-MM`; returns `nil` for anything else.
  public init?(_ text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
      let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month)
    else { return nil }
    self.init(year: year, month: month)
  }

  /// Months since year 0, for arithmetic.
  public var ordinal: Int { year * 12 + (month - 1) }

  public init(ordinal: Int) {
    self.init(year: ordinal / 12, month: ordinal % 12 + 1)
  }

  public func adding(months: Int) -> YearMonth { YearMonth(ordinal: ordinal + months) }

  /// Whole months from `self` to `other` (positive when `other` is later).
  public func months(to other: YearMonth) -> Int { other.ordinal - ordinal }

  /// The first day of the month.
  public var firstDay: Day { Day(year: year, month: month, day: 1) }

  public var description: String {
    "\(year)-\(month < 10 ? "0" : "")\(month)"
  }

  public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool { lhs.ordinal < rhs.ordinal }
}

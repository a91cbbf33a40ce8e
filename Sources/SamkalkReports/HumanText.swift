import SamkalkCore
import SamkalkEngine

/// The language of the human-readable reports (HTML, the workbook's labels).
public enum ReportLanguage: String, CaseIterable, Sendable {
  /// Swedish, the default.
  case sv
  /// English.
  case en
}

/// Number forms for people: Swedish grouping with a no-break space and a decimal comma
/// (`1 234 567 kr`, `3,5 %`), English with `,` grouping and a decimal point (`1,234,567 kr`,
/// `3.5 %`). Machine formats (XML, CSV) never use these.
public struct HumanNumber: Sendable {
  public var language: ReportLanguage

  /// U+00A0 NO-BREAK SPACE: keeps `1 234 567` and `3,5 %` on one line.
  public static let noBreakSpace = "\u{00A0}"

  public init(_ language: ReportLanguage) { self.language = language }

  var groupSeparator: String { language == .sv ? Self.noBreakSpace : "," }
  var decimalMark: String { language == .sv ? "," : "." }

  /// Whole kronor, rounded half away from zero, grouped: `-1 234 568`.
  public func integer(_ money: Money) -> String {
    let magnitude = money.ore.magnitude
    let whole = (magnitude + 50) / 100
    return (money.ore < 0 && whole != 0 ? "-" : "") + grouped(String(whole))
  }

  /// `1 234 567 kr`.
  public func kronor(_ money: Money) -> String { integer(money) + Self.noBreakSpace + "kr" }

  /// A kronor figure that is not ledger money (present values), as whole kronor: `1 234 567 kr`.
  public func kronor(_ value: Double) -> String {
    guard let money = Money.rounding(kronor: value) else { return DecimalText.format(value, decimals: 0) }
    return kronor(money)
  }

  /// Whole kronor without the unit (table cells under a `kr` heading).
  public func integer(_ value: Double) -> String {
    guard let money = Money.rounding(kronor: value) else { return DecimalText.format(value, decimals: 0) }
    return integer(money)
  }

  /// `3,5 %` for 0.035: at most `decimals` decimals, trailing zeros dropped.
  public func percent(_ share: Double, decimals: Int = 2) -> String {
    decimal(share * 100, decimals: decimals, trim: true) + Self.noBreakSpace + "%"
  }

  /// `2,35`: a ratio with a fixed number of decimals.
  public func decimal(_ value: Double, decimals: Int = 2, trim: Bool = false) -> String {
    var text = DecimalText.format(value, decimals: decimals)
    if trim && text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    let negative = text.hasPrefix("-")
    if negative { text.removeFirst() }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    var result = grouped(String(parts[0]))
    if parts.count > 1 { result += decimalMark + parts[1] }
    return (negative ? "-" : "") + result
  }

  /// A number of persons: at most one decimal (`2,5`, `10`).
  public func persons(_ value: Double) -> String { decimal(value, decimals: 1, trim: true) }

  func grouped(_ digits: String) -> String {
    let characters = Array(digits)
    var result = ""
    for (index, digit) in characters.enumerated() {
      if index > 0 && (characters.count - index) % 3 == 0 { result += groupSeparator }
      result.append(digit)
    }
    return result
  }
}

extension HumanNumber {
  /// A parameter value for people: up to four decimals, trailing zeros dropped (`0,35`,
  /// `0,2127`), but whole numbers from 1 000 on (`25 000`, `11 288`): four decimals of kronor
  /// (`2 654 166,6667`, a triangular's mean) are noise that makes the column hard to read. The
  /// XML and CSV reports keep six decimals.
  func parameter(_ value: Double) -> String {
    abs(value) >= 1000 ? integer(value) : decimal(value, decimals: 4, trim: true)
  }
}

import Foundation
import SamkalkCore
import SamkalkRates

/// One input of the assumptions form: its field name, its label and the text the form shows.
///
/// The text is what the scenario holds, formatted for Swedish readers (decimal comma, shares in
/// per cent). A submitted text equal to it leaves the value exactly as the file has it, so an
/// untouched form reproduces the original result to the öre.
public struct AssumptionField: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// Persons (or a typfall weight), ≥ 0, fractions allowed.
    case persons
    /// A share shown in per cent, 0–100.
    case percent
    /// Whole years, 1–100.
    case years
    /// Four-digit kommunkod.
    case municipality
    /// A calendar year, 1900–2100.
    case year
  }

  public var name: String
  public var label: String
  public var kind: Kind
  public var text: String

  public init(name: String, label: String, kind: Kind, text: String) {
    self.name = name
    self.label = label
    self.kind = kind
    self.text = text
  }

  /// The unit after the input.
  public var unit: String {
    switch kind {
    case .persons: "personer"
    case .percent: "%"
    case .years: "år"
    case .municipality, .year: ""
    }
  }

  /// `33,333333` for 0.33333333: per cent with at most six decimals and a decimal comma.
  static func percentText(_ share: Double) -> String { numberText(share * 100) }

  /// `12,5`, `123`: at most six decimals, a decimal comma.
  static func numberText(_ value: Double) -> String {
    DecimalText.trimmed(value).replacingOccurrences(of: ".", with: ",")
  }

  /// Reads `12`, `12,5`, `12.5`, `1 234` as the rate tables are read (``SwedishCSV/parseNumber(_:allowComma:)``);
  /// nil for anything else (exponents, `nan`, `inf`, empty text).
  public static func number(_ text: String) -> Double? {
    SwedishCSV.parseNumber(text.trimmed, allowComma: true)
  }
}

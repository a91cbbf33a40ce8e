/// Whole kronor with thousands grouped by a space, for human-readable output.
///
/// Swedish style uses a (non-breaking) space as the thousands separator; terminal tables use
/// a plain ASCII space so that columns line up in any font:
///
/// | öre            | text          |
/// |----------------|---------------|
/// | 123 456 750    | `1 234 568`   |
/// | −50            | `-1`          |
/// | 0              | `0`           |
public enum GroupedNumber {
  /// Rounds to whole kronor (half away from zero) and groups by three digits.
  public static func kronor(_ amount: Money, separator: String = " ") -> String {
    let whole = (amount.ore.magnitude + 50) / 100
    return (amount.ore < 0 && whole > 0 ? "-" : "") + group(whole, separator: separator)
  }

  /// Groups a non-negative integer by three digits: 1234567 → `1 234 567`.
  public static func group(_ value: UInt64, separator: String = " ") -> String {
    let digits = Array(String(value))
    var text = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { text += separator }
      text.append(digit)
    }
    return text
  }
}

/// Locale-free formatting of derived (floating-point) figures for machine-readable reports.
///
/// Present values and ratios are not ledger money; reports write them rounded half away from
/// zero to a fixed number of decimals, with `.` as the decimal mark and no grouping:
///
/// | value       | decimals | text        |
/// |-------------|----------|-------------|
/// | 1234.5678   | 2        | `1234.57`   |
/// | -0.004      | 2        | `0.00`      |
/// | 0.035       | 4        | `0.0350`    |
public enum DecimalText {
  public static func format(_ value: Double, decimals: Int) -> String {
    precondition(decimals >= 0 && decimals <= 9, "decimals must be 0...9")
    var scale: Double = 1
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled.isFinite, abs(scaled) < 9.0e18 else { return value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf") }
    var integer = Int64(scaled)
    let negative = integer < 0
    integer = abs(integer)
    var pow: Int64 = 1
    for _ in 0..<decimals { pow *= 10 }
    let whole = integer / pow
    var text = (negative ? "-" : "") + String(whole)
    if decimals > 0 {
      let fraction = String(integer % pow)
      text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
    return text
  }
}

extension DecimalText {
  /// Up to six decimals without trailing zeros, for listing rates: 0.3142 → `0.3142`,
  /// 58 800 → `58800`, 1/3 → `0.333333`.
  public static func trimmed(_ value: Double) -> String {
    var text = format(value, decimals: 6)
    guard text.contains(".") else { return text }
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}

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
/// | 1e20        | 2        | `100000000000000000000.00` |
public enum DecimalText {
  public static func format(_ value: Double, decimals: Int) -> String {
    precondition(decimals >= 0 && decimals <= 9, "decimals must be 0...9")
    guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf") }
    var scale: Double = 1
    var pow: Int64 = 1
    for _ in 0..<decimals {
      scale *= 10
      pow *= 10
    }
    let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
    let (whole, fraction): (String, Int64)
    // Below 2^53 the scaled value is an exact whole number of the last decimal; above it the
    // product has lost digits (and beyond 9.2e18 does not fit an Int64).
    if abs(scaled) < 0x1p53 {
      let integer = abs(Int64(scaled))
      (whole, fraction) = (String(integer / pow), integer % pow)
    } else {
      // Too many digits for the product: a double this large has few bits below the point, so
      // the whole part is written exactly and the decimals are rounded apart.
      let magnitude = abs(value)
      var integral = magnitude.rounded(.towardZero)
      var decimalsPart = Int64(((magnitude - integral) * scale).rounded(.toNearestOrAwayFromZero))
      if decimalsPart == pow {
        integral += 1
        decimalsPart = 0
      }
      (whole, fraction) = (Self.digits(ofWhole: integral), decimalsPart)
    }
    let negative = scaled < 0
    var text = (negative ? "-" : "") + whole
    if decimals > 0 {
      let digits = String(fraction)
      text += "." + String(repeating: "0", count: decimals - digits.count) + digits
    }
    return text
  }

  /// The exact decimal digits of a whole, non-negative double (beyond `Int64` too): its
  /// significand doubled once for each power of two, in base-10⁹ limbs.
  static func digits(ofWhole value: Double) -> String {
    precondition(value >= 0 && value == value.rounded(.towardZero) && value.isFinite, "a whole, finite value")
    if value < 9.0e18 { return String(Int64(value)) }
    let base: UInt64 = 1_000_000_000
    // value = significand × 2^(exponent − 52), with exponent ≥ 63 here.
    var limbs: [UInt64] = []  // least significant first
    var significand = (UInt64(1) << 52) | value.significandBitPattern
    while significand > 0 {
      limbs.append(significand % base)
      significand /= base
    }
    for _ in 0..<(Int(value.exponent) - 52) {
      var carry: UInt64 = 0
      for index in limbs.indices {
        let doubled = limbs[index] * 2 + carry
        (limbs[index], carry) = (doubled % base, doubled / base)
      }
      if carry > 0 { limbs.append(carry) }
    }
    var text = String(limbs.last!)
    for limb in limbs.dropLast().reversed() {
      let part = String(limb)
      text += String(repeating: "0", count: 9 - part.count) + part
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

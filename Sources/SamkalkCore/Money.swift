/// An amount of Swedish money in whole öre.
///
/// The ledger keeps every amount as an integer number of öre so that sums reconcile exactly:
/// adding the flows of a year in any order gives the same öre. Conversions from kronor given
/// as a floating-point number round half away from zero to the nearest öre, the rule a
/// Swedish payroll or benefit system uses when it rounds a computed amount to öre.
///
/// | kronor        | öre        | `description` |
/// |---------------|------------|---------------|
/// | 1 234.5       | 123 450    | `1234.50`     |
/// | 0.005         | 1          | `0.01`        |
/// | -0.005        | -1         | `-0.01`       |
/// | 4 831.666…    | 483 167    | `4831.67`     |
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The amount in öre (1/100 krona).
  public var ore: Int64

  /// Creates an amount from whole öre.
  @inlinable public init(ore: Int64) { self.ore = ore }

  /// Creates an amount from whole kronor.
  @inlinable public init(kronor: Int64) { self.ore = kronor * 100 }

  /// Rounds an amount in kronor to the nearest öre, halves away from zero.
  ///
  /// Returns `nil` when the value is not finite or does not fit in 64-bit öre, so that a
  /// caller can report the input instead of trapping.
  public static func rounding(kronor: Double) -> Money? {
    let ore = (kronor * 100).rounded(.toNearestOrAwayFromZero)
    guard ore.isFinite, abs(ore) < 9.0e18 else { return nil }
    return Money(ore: Int64(ore))
  }

  public static let zero = Money(ore: 0)

  /// The amount in kronor as a floating-point number, for derived measures (present values,
  /// ratios). Never feed this back into the ledger.
  @inlinable public var kronor: Double { Double(ore) / 100 }

  /// Locale-free decimal text with two decimals and `.` as the decimal mark: `-1234.05`.
  public var description: String {
    let sign = ore < 0 ? "-" : ""
    let magnitude = ore.magnitude
    let whole = magnitude / 100
    let fraction = magnitude % 100
    return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
  }

  @inlinable public static func < (lhs: Money, rhs: Money) -> Bool { lhs.ore < rhs.ore }
  @inlinable public static func + (lhs: Money, rhs: Money) -> Money { Money(ore: lhs.ore + rhs.ore) }
  @inlinable public static func - (lhs: Money, rhs: Money) -> Money { Money(ore: lhs.ore - rhs.ore) }
  @inlinable public static prefix func - (value: Money) -> Money { Money(ore: -value.ore) }
  @inlinable public static func += (lhs: inout Money, rhs: Money) { lhs.ore += rhs.ore }
  @inlinable public static func -= (lhs: inout Money, rhs: Money) { lhs.ore -= rhs.ore }
  /// Multiplies by a whole count, e.g. a per-person amount by the number of persons.
  @inlinable public static func * (lhs: Money, rhs: Int64) -> Money { Money(ore: lhs.ore * rhs) }
}

extension Money {
  /// Splits the amount into `parts` whole-öre pieces that add up exactly to the amount.
  ///
  /// The first `ore % parts` pieces get one öre more, so the split is deterministic:
  /// 100 öre in 3 parts gives 34, 33, 33.
  public func split(into parts: Int) -> [Money] {
    precondition(parts > 0, "split needs at least one part")
    let even = evenParts(parts)
    return (0..<parts).map { Money(ore: even.each + ($0 < even.extraParts ? even.extra : 0)) }
  }

  /// ``split(into:)`` without the array: every part is `each` öre, and the first `extraParts`
  /// parts `extra` (one öre, with the amount's sign) more.
  @inlinable public func evenParts(_ parts: Int) -> (each: Int64, extraParts: Int, extra: Int64) {
    let base = ore / Int64(parts)
    let remainder = ore - base * Int64(parts)
    return (base, Int(remainder.magnitude), remainder < 0 ? -1 : 1)
  }

  /// Splits the amount in proportion to non-negative weights, in whole öre, exactly.
  ///
  /// Uses the largest-remainder method: each part gets the floor of its share and the öre
  /// left over go to the parts with the largest remainders (ties to the earlier part). When
  /// every weight is zero the amount is split evenly.
  public func split(proportionalTo weights: [Double]) -> [Money] {
    precondition(!weights.isEmpty, "split needs at least one weight")
    var parts = [Int64](repeating: 0, count: weights.count)
    weights.withUnsafeBufferPointer { weights in
      parts.withUnsafeMutableBufferPointer { parts in split(proportionalTo: weights, into: parts) }
    }
    return parts.map { Money(ore: $0) }
  }

  /// The split by `count` equal weights (each `weight`, adding up to `total` as summed in
  /// order), as ``split(proportionalTo:)`` makes it: every part gets `each`, and the first
  /// `extraParts` parts `extra` (one öre, with the amount's sign) more. Every remainder is the
  /// same, so the öre left over go to the first parts in order.
  ///
  /// | amount | count | each | extraParts | extra |
  /// |--------|-------|------|------------|-------|
  /// | 100    | 3     | 33   | 1          | 1     |
  /// | −100   | 3     | −33  | 1          | −1    |
  /// | 24     | 12    | 2    | 0          | 1     |
  @inlinable
  public func evenSplit(weight: Double, total: Double, count: Int) -> (each: Int64, extraParts: Int, extra: Int64) {
    guard total > 0 else { return evenParts(count) }  // every weight zero: evenly, as split(into:)
    let sign: Int64 = ore < 0 ? -1 : 1
    let magnitude = Int64(ore.magnitude)
    let exact = Double(magnitude) * (weight / total)
    let floor = Int64(exact)  // exact ≥ 0, so truncation is the floor
    let left = magnitude - floor * Int64(count)
    let (rounds, rest) = Self.dividing(left, into: Int64(count))
    return (sign * (floor + rounds), Int(rest), sign)
  }

  /// The same split as ``split(proportionalTo:)``, written into `parts` (öre) without
  /// allocating, for the Monte Carlo evaluation that splits taxes and costs millions of times.
  ///
  /// Equal weights (the common case: a year with the same income every month) take a shortcut
  /// that gives exactly what the general method gives: every remainder is then the same, so the
  /// öre left over go to the first parts in order.
  public func split(proportionalTo weights: UnsafeBufferPointer<Double>, into parts: UnsafeMutableBufferPointer<Int64>)
  {
    precondition(!weights.isEmpty && parts.count == weights.count, "split needs one part per weight")
    let count = weights.count
    var total = 0.0
    var uniform = true
    var second: Double?
    var twoValued = true
    for weight in weights {
      total += weight
      if weight != weights[0] {
        uniform = false
        if second == nil { second = weight } else if weight != second { twoValued = false }
      }
    }
    let sign: Int64 = ore < 0 ? -1 : 1
    let magnitude = Int64(ore.magnitude)
    if uniform || total <= 0 {
      let even = evenSplit(weight: weights[0], total: total, count: count)
      for index in 0..<count { parts[index] = even.each + (index < even.extraParts ? even.extra : 0) }
      return
    }
    if twoValued, let second {
      splitTwoValued(weights, first: weights[0], second: second, total: total, magnitude: magnitude, into: parts)
      for index in 0..<count { parts[index] *= sign }
      return
    }
    var assigned: Int64 = 0
    withUnsafeTemporaryAllocation(of: (Double, Int).self, capacity: count) { remainders in
      for index in 0..<count {
        let exact = Double(magnitude) * (weights[index] / total)
        let floor = Int64(exact)  // exact ≥ 0, so truncation is the floor (without a libm call)
        parts[index] = floor
        assigned += floor
        remainders[index] = (exact - Double(floor), index)
      }
      // Insertion sort by remainder (largest first), ties to the earlier part: the order is
      // total, so any correct sort gives the same result, and this one never allocates.
      for index in 1..<max(count, 1) {
        let item = remainders[index]
        var position = index
        while position > 0, remainders[position - 1].0 < item.0 {
          remainders[position] = remainders[position - 1]
          position -= 1
        }
        remainders[position] = item
      }
      var left = magnitude - assigned
      var cursor = 0
      while left > 0 {
        parts[remainders[cursor % count].1] += 1
        left -= 1
        cursor += 1
      }
    }
    for index in 0..<count { parts[index] *= sign }
  }

  /// The largest-remainder split when the weights take two values (a year whose phase changes
  /// once): every part of one value has the same remainder, so the order the general method
  /// sorts into is known without sorting (``twoValuedParts``), each value's parts in index order.
  /// The öre left over go to the first parts of that order, round after round, as the general
  /// method hands them out.
  private func splitTwoValued(
    _ weights: UnsafeBufferPointer<Double>, first: Double, second: Double, total: Double, magnitude: Int64,
    into parts: UnsafeMutableBufferPointer<Int64>
  ) {
    let count = weights.count
    var firstCount = 0
    for weight in weights where weight == first { firstCount += 1 }
    let split = Self.twoValuedParts(
      magnitude: magnitude, first: first, firstCount: firstCount, second: second, secondCount: count - firstCount,
      total: total)
    var seenFirst = 0
    var seenSecond = 0
    for index in 0..<count {
      let isFirst = weights[index] == first
      let rank: Int
      switch split.order {
      case .byIndex: rank = index
      case .firstValueFirst: rank = isFirst ? seenFirst : firstCount + seenSecond
      case .secondValueFirst: rank = isFirst ? (count - firstCount) + seenFirst : seenSecond
      }
      if isFirst { seenFirst += 1 } else { seenSecond += 1 }
      parts[index] = (isFirst ? split.first : split.second) + (rank < split.extra ? 1 : 0)
    }
  }

  /// The order in which the largest-remainder method hands the öre left over to the parts of
  /// two-valued weights: by index when both values leave the same remainder, else all parts of
  /// the value with the larger remainder first.
  enum TwoValuedOrder { case byIndex, firstValueFirst, secondValueFirst }

  /// The arithmetic of a largest-remainder split of `magnitude` öre (≥ 0) over `firstCount`
  /// weights `first` and `secondCount` weights `second` adding up to `total`: each part of a
  /// value before the öre left over (`first`, `second`), how many parts get one öre more
  /// (`extra`), and in what order. Shared by ``splitTwoValued`` and ``TwoRunSplit``.
  static func twoValuedParts(
    magnitude: Int64, first: Double, firstCount: Int, second: Double, secondCount: Int, total: Double
  ) -> (first: Int64, second: Int64, extra: Int, order: TwoValuedOrder) {
    let exactFirst = Double(magnitude) * (first / total)
    let exactSecond = Double(magnitude) * (second / total)
    let floorFirst = Int64(exactFirst)  // exact ≥ 0, so truncation is the floor
    let floorSecond = Int64(exactSecond)
    let remainderFirst = exactFirst - Double(floorFirst)
    let remainderSecond = exactSecond - Double(floorSecond)
    let count = Int64(firstCount + secondCount)
    let left = magnitude - floorFirst * Int64(firstCount) - floorSecond * Int64(secondCount)
    let (rounds, rest) = dividing(left, into: count)
    let order: TwoValuedOrder =
      remainderFirst == remainderSecond
      ? .byIndex : remainderFirst > remainderSecond ? .firstValueFirst : .secondValueFirst
    return (floorFirst + rounds, floorSecond + rounds, Int(rest), order)
  }

  /// Quotient and remainder of `value` by `count`, with a year's twelve months as a constant
  /// divisor (a multiplication, where dividing by a variable takes some twenty-five cycles):
  /// the tax splits of every Monte Carlo draw divide by twelve.
  ///
  /// | value | count | result  |
  /// |-------|-------|---------|
  /// | 25    | 12    | (2, 1)  |
  /// | 25    | 7     | (3, 4)  |
  /// | −25   | 12    | (−2, −1)|
  @inlinable
  static func dividing(_ value: Int64, into count: Int64) -> (quotient: Int64, remainder: Int64) {
    count == 12 ? (value / 12, value % 12) : (value / count, value % count)
  }
}

extension Money {
  /// The amount times a factor, rounded half away from zero to the öre: a per-person amount
  /// times a fractional number of persons, or an effect times an adjustment factor.
  ///
  /// | amount     | factor | result    |
  /// |------------|--------|-----------|
  /// | 100.00     | 2.5    | 250.00    |
  /// | 0.01       | 0.5    | 0.01      |
  /// | −0.01      | 0.5    | −0.01     |
  /// | 33.33      | 0.8    | 26.66     |
  @inlinable
  public func scaled(by factor: Double) -> Money {
    // Half away from zero without a call into libm: x − trunc(x) is exact in binary floating
    // point, so comparing it with ±0.5 decides the rounding exactly as
    // `rounded(.toNearestOrAwayFromZero)` does (tested against it on generated values).
    // The two comparisons are added, not branched on: whether a fraction reaches a half is a coin
    // toss, and a mispredicted branch costs more than the whole product (Monte Carlo rounds
    // every month of every perspective of every draw).
    let product = Double(ore) * factor
    let whole = Int64(product)
    let fraction = product - Double(whole)
    let up: Int64 = fraction >= 0.5 ? 1 : 0
    let down: Int64 = fraction <= -0.5 ? 1 : 0
    return Money(ore: whole + up - down)
  }
}

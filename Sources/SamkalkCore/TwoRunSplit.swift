/// ``Money/split(proportionalTo:)`` over a run of `firstCount` equal weights followed by a run of
/// `secondCount` equal weights, described by runs instead of one part per weight: a year in
/// which a group's phase changes once (its taxable income changes from one month to the next)
/// splits each of its income taxes this way, and the Monte Carlo evaluation adds a run in two
/// steps instead of a part in every month.
///
/// Within a run every part has the same remainder, so the largest-remainder method hands its
/// extra öre to the first months of the run with the larger remainder (the first run's when the
/// remainders are equal), then to the first months of the other. Prepared once per pair of
/// runs, it splits any number of amounts (the year's tax components).
///
/// | amount | weights      | parts                      | first, second, extraFirst, extraSecond |
/// |--------|--------------|----------------------------|----------------------------------------|
/// | 1.00   | 1, 1 · 2, 2  | 0.17, 0.17, 0.33, 0.33     | 16, 33, 2, 0                           |
/// | 1.00   | 3 · 1, 1 · 2 | 0.20, 0.20, 0.20, 0.40     | 20, 40, 0, 0                           |
/// | 0.10   | 2 · 1, 1 · 1 | 0.04, 0.03, 0.03           | 3, 3, 1, 0                             |
public struct TwoRunSplit: Sendable {
  public let firstCount: Int
  public let secondCount: Int
  private let first: Double
  private let second: Double
  /// The weights summed in order, as the general split sums them.
  private let total: Double

  public init(first: Double, count firstCount: Int, second: Double, count secondCount: Int) {
    precondition(firstCount >= 0 && secondCount >= 0 && firstCount + secondCount > 0, "a split needs parts")
    self.firstCount = firstCount
    self.secondCount = secondCount
    self.first = first
    self.second = second
    var total = 0.0
    for _ in 0..<firstCount { total += first }
    for _ in 0..<secondCount { total += second }
    self.total = total
  }

  /// The split of `amount`: `first` öre in every month of the first run, `second` in every month
  /// of the second, and `extra` (one öre with the amount's sign) more in the first `extraFirst`
  /// months of the first run and the first `extraSecond` months of the second.
  public func split(_ amount: Money) -> (first: Int64, second: Int64, extraFirst: Int, extraSecond: Int, extra: Int64) {
    let count = firstCount + secondCount
    if first == second || firstCount == 0 || secondCount == 0 || total <= 0 {
      // Equal weights: the extra öre go to the first parts in order (``Money/evenSplit``).
      let even = amount.evenSplit(weight: firstCount > 0 ? first : second, total: total, count: count)
      let extraFirst = min(even.extraParts, firstCount)
      return (even.each, even.each, extraFirst, even.extraParts - extraFirst, even.extra)
    }
    let sign: Int64 = amount.ore < 0 ? -1 : 1
    let split = Money.twoValuedParts(
      magnitude: Int64(amount.ore.magnitude), first: first, firstCount: firstCount, second: second,
      secondCount: secondCount, total: total)
    // The first run precedes the second, so "by index" hands the öre out as "first value first".
    let extraSecond =
      split.order == .secondValueFirst ? min(split.extra, secondCount) : max(0, split.extra - firstCount)
    let extraFirst = split.extra - extraSecond
    return (sign * split.first, sign * split.second, extraFirst, extraSecond, sign)
  }
}

import SamkalkCore
import Testing

@Suite struct MoneyTests {
  @Test func roundsHalfAwayFromZeroToOre() {
    #expect(Money.rounding(kronor: 1234.5)?.ore == 123_450)
    #expect(Money.rounding(kronor: 0.005)?.ore == 1)
    #expect(Money.rounding(kronor: -0.005)?.ore == -1)
    // 223 kr/dag × 52 × 5 / 12 = 4 831.666… kr → 4 831.67 kr
    #expect(Money.rounding(kronor: 223.0 * 52 * 5 / 12)?.ore == 483_167)
    #expect(Money.rounding(kronor: .infinity) == nil)
    #expect(Money.rounding(kronor: 1e300) == nil)
  }

  @Test func describesWithTwoDecimals() {
    #expect(Money(ore: 123_405).description == "1234.05")
    #expect(Money(ore: -5).description == "-0.05")
    #expect(Money(ore: 0).description == "0.00")
  }

  @Test func splitsEvenlyAndExactly() {
    #expect(Money(ore: 100).split(into: 3).map(\.ore) == [34, 33, 33])
    #expect(Money(ore: -100).split(into: 3).map(\.ore) == [-34, -33, -33])
    // 9 000 000 kr over 36 months = 250 000 kr a month exactly.
    #expect(Money(kronor: 9_000_000).split(into: 36).allSatisfy { $0 == Money(kronor: 250_000) })
  }

  @Test func splitsProportionallyByLargestRemainder() {
    // 10 öre by weights 1:1:1 → 3.33 each; the one extra öre goes to the first part.
    #expect(Money(ore: 10).split(proportionalTo: [1, 1, 1]).map(\.ore) == [4, 3, 3])
    // 1 000 öre by 0.5/0.25/0.25 (Finsam shares) → 500/250/250.
    #expect(Money(ore: 1000).split(proportionalTo: [0.5, 0.25, 0.25]).map(\.ore) == [500, 250, 250])
    #expect(Money(ore: 7).split(proportionalTo: [0, 0]).map(\.ore) == [4, 3])
  }

  @Test(arguments: [1, 2, 3, 7, 12, 13, 100])
  func splitAlwaysAddsUp(parts: Int) {
    var generator = SplitMix64(seed: UInt64(parts))
    for _ in 0..<200 {
      let amount = Money(ore: Int64(generator.next() % 2_000_000_000) - 1_000_000_000)
      let even = amount.split(into: parts)
      #expect(even.reduce(.zero, +) == amount)
      #expect(even.map(\.ore).max()! - even.map(\.ore).min()! <= 1)
      let weights = (0..<parts).map { _ in Double(generator.next() % 1000) }
      #expect(amount.split(proportionalTo: weights).reduce(.zero, +) == amount)
    }
  }
}

/// The allocation-free split (and its shortcut for equal weights) against the plain
/// largest-remainder method written out here, over generated amounts and weights.
@Suite struct MoneySplitPropertyTests {
  /// The method as first written: floor of each share, öre left over to the largest remainders.
  static func reference(_ amount: Money, _ weights: [Double]) -> [Money] {
    let total = weights.reduce(0, +)
    guard total > 0 else { return amount.split(into: weights.count) }
    let sign: Int64 = amount.ore < 0 ? -1 : 1
    let magnitude = Int64(amount.ore.magnitude)
    var parts = [Int64](repeating: 0, count: weights.count)
    var remainders: [(Double, Int)] = []
    var assigned: Int64 = 0
    for (index, weight) in weights.enumerated() {
      let exact = Double(magnitude) * (weight / total)
      let floor = Int64(exact.rounded(.down))
      parts[index] = floor
      assigned += floor
      remainders.append((exact - Double(floor), index))
    }
    remainders.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
    var left = magnitude - assigned
    var cursor = 0
    while left > 0 {
      parts[remainders[cursor % remainders.count].1] += 1
      left -= 1
      cursor += 1
    }
    return parts.map { Money(ore: $0 * sign) }
  }

  @Test func matchesTheReferenceOnGeneratedInputs() {
    var random = SplitMix64(seed: 20_261_201)
    for trial in 0..<20_000 {
      let count = Int(random.next() % 13) + 1
      let amount = Money(ore: Int64(random.next() % 2_000_000_001) - 1_000_000_000)
      let weights: [Double]
      switch trial % 5 {
      case 0: weights = Array(repeating: Double(random.next() % 5_000_000), count: count)  // equal weights
      case 1: weights = (0..<count).map { _ in Double(random.next() % 3) }  // zeros and ties
      case 4:  // two values, as a year whose phase changes once
        let (a, b) = (Double(random.next() % 5_000_000), Double(random.next() % 5_000_000))
        let change = Int(random.next() % UInt64(count))
        weights = (0..<count).map { $0 < change ? a : b }
      case 2: weights = Array(repeating: 0, count: count)
      default: weights = (0..<count).map { _ in Double(random.next() % 10_000_000) / 7 }
      }
      let split = amount.split(proportionalTo: weights)
      #expect(split == Self.reference(amount, weights), "trial \(trial): \(amount) by \(weights)")
      #expect(split.reduce(.zero, +) == amount)
    }
  }

  @Test func equalWeightsGiveTheFirstPartsTheÖreLeftOver() {
    #expect(Money(ore: 100).split(proportionalTo: [5, 5, 5]) == [34, 33, 33].map { Money(ore: $0) })
    #expect(Money(ore: -100).split(proportionalTo: [1, 1, 1]) == [-34, -33, -33].map { Money(ore: $0) })
    #expect(Money(ore: 11).split(proportionalTo: [1, 2]) == [4, 7].map { Money(ore: $0) })
  }
}

/// `scaled(by:)` rounds without libm; it must agree with `rounded(.toNearestOrAwayFromZero)`.
@Suite struct MoneyScalingPropertyTests {
  @Test func agreesWithTheStandardLibrarysRoundingOnGeneratedValues() {
    var random = SplitMix64(seed: 433)
    for _ in 0..<200_000 {
      let ore = Int64(bitPattern: random.next()) % 100_000_000_000
      let factor = Double(random.next() % 4_000_001) / 1_000_000 - 2
      let expected = Int64((Double(ore) * factor).rounded(.toNearestOrAwayFromZero))
      #expect(Money(ore: ore).scaled(by: factor).ore == expected, "\(ore) × \(factor)")
    }
  }

  @Test func halvesGoAwayFromZero() {
    #expect(Money(ore: 1).scaled(by: 0.5) == Money(ore: 1))
    #expect(Money(ore: -1).scaled(by: 0.5) == Money(ore: -1))
    #expect(Money(ore: 3).scaled(by: 0.5) == Money(ore: 2))
    #expect(Money(ore: 5).scaled(by: -0.5) == Money(ore: -3))
    #expect(Money(ore: 3333).scaled(by: 0.8) == Money(ore: 2666))
  }
}

@Suite struct TwoRunSplitTests {
  /// The parts a run split describes, one per month.
  private func parts(_ split: TwoRunSplit, _ amount: Money) -> [Int64] {
    let result = split.split(amount)
    return (0..<split.firstCount).map { result.first + ($0 < result.extraFirst ? result.extra : 0) }
      + (0..<split.secondCount).map { result.second + ($0 < result.extraSecond ? result.extra : 0) }
  }

  @Test func givesTheWorkedCasesOfItsDocumentation() {
    let unequal = TwoRunSplit(first: 1, count: 2, second: 2, count: 2).split(Money(ore: 100))
    #expect(unequal.first == 16 && unequal.second == 33 && unequal.extraFirst == 2 && unequal.extraSecond == 0)
    let exact = TwoRunSplit(first: 1, count: 3, second: 2, count: 1).split(Money(ore: 100))
    #expect(exact.first == 20 && exact.second == 40 && exact.extraFirst == 0 && exact.extraSecond == 0)
    #expect(parts(TwoRunSplit(first: 1, count: 2, second: 1, count: 1), Money(ore: 10)) == [4, 3, 3])
  }

  /// The second run's remainder is the larger: its months get the öre left over first.
  @Test func givesTheLeftOverÖreToTheRunWithTheLargerRemainderFirst() {
    // 100 öre over weights 2, 2, 1: 40, 40, 20 exactly; 101 öre: 40.4, 40.4, 20.2 → 41, 40, 20.
    #expect(parts(TwoRunSplit(first: 2, count: 2, second: 1, count: 1), Money(ore: 101)) == [41, 40, 20])
    // 100 öre over weights 1, 3, 3: 14.29, 42.86, 42.86 → the two larger remainders get one each.
    #expect(parts(TwoRunSplit(first: 1, count: 1, second: 3, count: 2), Money(ore: 100)) == [14, 43, 43])
  }

  @Test func matchesTheGeneralSplitOnGeneratedInputs() {
    var random = SplitMix64(seed: 2_026_1202)
    for _ in 0..<5_000 {
      let firstCount = Int(random.next() % 13)
      let secondCount = firstCount == 0 ? Int(random.next() % 12) + 1 : Int(random.next() % UInt64(13 - firstCount))
      let levels: [Double] = [0, 1, 250_000, 1_234_567, 2_400_000, 3_000_000]
      let first = levels[Int(random.next() % UInt64(levels.count))]
      let second = random.next() % 4 == 0 ? first : levels[Int(random.next() % UInt64(levels.count))]
      let amount = Money(ore: Int64(random.next() % 40_000_000) - 20_000_000)
      let weights = Array(repeating: first, count: firstCount) + Array(repeating: second, count: secondCount)
      let expected = amount.split(proportionalTo: weights).map(\.ore)
      #expect(
        parts(TwoRunSplit(first: first, count: firstCount, second: second, count: secondCount), amount) == expected,
        "\(amount) over \(weights)")
    }
  }
}

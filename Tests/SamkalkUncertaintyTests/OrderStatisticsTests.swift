import SamkalkCore
import Testing

@testable import SamkalkUncertainty

@Suite struct OrderStatisticsTests {
  private func orderStatistics(_ values: [Double], _ ranks: [Int]) -> [Double] {
    values.withUnsafeBufferPointer { buffer in
      OrderStatistics.values(at: ranks, of: buffer, lower: values.min()!, upper: values.max()!)
    }
  }

  @Test func theDocumentedCases() {
    #expect(orderStatistics([5, 1, 4, 2, 3], [0, 2, 4]) == [1, 3, 5])
    #expect(orderStatistics([2, 2, 2, 2], [1]) == [2])
    #expect(orderStatistics([-1e300, 0, 1e300], [1]) == [0])
    // A span that overflows to infinity takes the selection among all the values.
    #expect(orderStatistics([1e308, -1e308, 0, 5], [0, 1, 2, 3]) == [-1e308, 0, 5, 1e308])
  }

  /// Generated sets — spread out, with few distinct values (many in one bucket), with one far
  /// outlier (nearly all in the first bucket) — agree with sorting at every percentile the
  /// Monte Carlo summary asks for and at random ranks, and the values are left as they were.
  @Test func agreesWithSortingOnGeneratedSets() {
    var generator = Xoshiro256StarStar(seed: 0x2545_F491_4F6C_DD1D)
    func next() -> UInt64 { generator.next() >> 33 }
    for trial in 0..<240 {
      let count = 1 + Int(next() % 20_000)
      var values: [Double]
      switch trial % 3 {
      case 0: values = (0..<count).map { _ in Double(next() % 1_000_000_000) / 7 - 5e7 }
      case 1: values = (0..<count).map { _ in Double(next() % 4) * 1e6 - 1.5e6 }
      default:
        values = (0..<count).map { _ in Double(next() % 1_000) }
        values[Int(next() % UInt64(count))] = 1e15
      }
      let sorted = values.sorted()
      let ranks =
        [5.0, 50, 95].map { max(0, Int(($0 / 100 * Double(count)).rounded(.up)) - 1) } + [
          Int(next() % UInt64(count)), 0, count - 1,
        ]
      let before = values
      #expect(orderStatistics(values, ranks) == ranks.map { sorted[$0] }, "trial \(trial), \(count) values")
      #expect(values == before)
    }
  }
}

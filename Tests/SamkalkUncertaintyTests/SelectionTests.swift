import SamkalkCore
import Testing

@testable import SamkalkUncertainty

@Suite struct SelectionTests {
  @Test func theDocumentedCases() {
    var values = [5, 1, 4, 2, 3]
    values.select(0, in: 0..<5)
    #expect(values[0] == 1)
    values = [5, 1, 4, 2, 3]
    values.select(2, in: 0..<5)
    #expect(values[2] == 3)
    #expect(values[0..<2].allSatisfy { $0 <= 3 } && values[3...].allSatisfy { $0 >= 3 })
    values = [2, 2, 2, 1, 2]
    values.select(4, in: 0..<5)
    #expect(values[4] == 2)
  }

  /// Generated arrays, with few distinct values (many ties) and with many: every position, and
  /// successive percentiles selected as the Monte Carlo summary does, agree with sorting.
  @Test func agreesWithSortingOnGeneratedArrays() {
    var generator = Xoshiro256StarStar(seed: 0x9E37_79B9_7F4A_7C15)
    func next() -> UInt64 { generator.next() >> 33 }
    for trial in 0..<300 {
      let count = 1 + Int(next() % 200)
      let distinct = trial.isMultiple(of: 2) ? 3 : 1_000_000
      let values = (0..<count).map { _ in Double(next() % UInt64(distinct)) - 7.5 }
      let sorted = values.sorted()
      let position = Int(next() % UInt64(count))
      var selected = values
      selected.select(position, in: 0..<count)
      #expect(selected[position] == sorted[position])
      #expect(selected.sorted() == sorted, "only reordered")
      var successive = values
      var searched = 0..<count
      for percent in [5.0, 50, 95] {
        let rank = max(0, Int((percent / 100 * Double(count)).rounded(.up)) - 1)
        successive.select(rank, in: searched)
        #expect(successive[rank] == sorted[rank], "percentile \(percent) of \(count)")
        searched = rank..<count
      }
    }
  }
}

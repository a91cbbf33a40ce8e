import SamkalkUncertainty
import Testing

@Suite struct HistogramTests {
  @Test func edgesDivideTheRangeEvenly() {
    let histogram = Histogram(lower: -100, upper: 100, counts: [1, 2, 3, 4])
    #expect(histogram.binWidth == 50)
    #expect(histogram.edges(of: 0) == (-100, -50))
    #expect(histogram.edges(of: 3) == (50, 100))
  }
}

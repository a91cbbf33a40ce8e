import SamkalkCore
import Testing

import SamkalkEngine
@testable import SamkalkReports

@Suite struct SummaryTableTests {
  @Test func groupedKronor() {
    #expect(ReportText.groupedKronor(Money(ore: 0)) == "0")
    #expect(ReportText.groupedKronor(Money(ore: 99_949)) == "999")
    #expect(ReportText.groupedKronor(Money(ore: 99_950)) == "1 000")
    #expect(ReportText.groupedKronor(Money(ore: -123_456_750)) == "-1 234 568")
    #expect(ReportText.groupedKronor(Money(ore: -49)) == "0")
    #expect(ReportText.groupedKronor(12_345_678.4) == "12 345 678")
  }

  @Test func percent() {
    #expect(SummaryTable.percent(0.035) == "3,5")
    #expect(SummaryTable.percent(0.04) == "4")
    #expect(SummaryTable.percent(0.0125) == "1,25")
  }

  @Test func table() {
    let text = SummaryTable.render(Fixture.result())
    let expected = """
      Porten, test
      10 deltagare, horisont 2 år, kalkylränta 3,5 %, mandatperiod 1 år, Karlstad (1780)

      Förändring per år, totalt och nuvärde (kr)
      Perspektiv            År 1    År 2  Investering  Netto totalt  Nuvärde  Återbetalning       Inom 1 år
      -----------------------------------------------------------------------------------------------------
      Individen            1 500   1 500        2 000         1 001      918  ej inom horisonten  nej
      Kommunen             3 001   3 001        2 000         4 001    3 768  direkt              ja
      Regionen             4 501   4 501        2 000         7 002    6 618  månad 14            nej
      Försäkringskassan    6 001   6 001        2 000        10 002    9 468  månad 14            nej
      Arbetsförmedlingen   7 501   7 501        2 000        13 003   12 318  månad 14            nej
      Staten (övrigt)      9 002   9 002        2 000        16 003   15 168  månad 14            nej
      Arbetsgivaren       10 502  10 502        2 000        19 004   18 018  månad 14            nej
      Offentlig sektor    12 002  12 002        2 000        22 004   20 868  månad 14            nej
      Samhället           13 502  13 502        2 000        25 005   23 718  månad 14            nej

      Varningar (1):
        Scenarios/porten-test.xml:20: warning: deltagarantalet skiljer sig från summan av utfallen

      """
    #expect(text == expected)
  }

  @Test func splitsWideTables() {
    var result = Fixture.result(warnings: [])
    result.scenario.horizonYears = 10
    result.perspectives = result.perspectives.map { perspective in
      var perspective = perspective
      perspective.years = (1...10).map { year in
        YearFigures(
          year: year, before: .zero, after: .zero, change: Money(kronor: -12_345_678),
          investment: .zero,
          net: Money(kronor: -12_345_678), cumulative: .zero, presentValue: 0)
      }
      return perspective
    }
    let lines = SummaryTable.render(result).split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.allSatisfy { $0.count <= SummaryTable.maxWidth })
    #expect(lines.contains("Förändring per år (kr)"))
    #expect(lines.contains("Totalt och nuvärde (kr)"))
    #expect(lines.contains { $0.hasPrefix("Samhället") && $0.contains("-12 345 678") })
    // Every year appears once, in order.
    let headers = lines.filter { $0.hasPrefix("Perspektiv") }.joined(separator: " ")
    let years = (1...10).map { "År \($0) " }
    #expect(years.allSatisfy { headers.contains($0) || headers.hasSuffix("År 10") })
    #expect(headers.components(separatedBy: "År ").count - 1 == 10)
    #expect(lines.contains("Inga varningar."))
  }
}

import SamkalkCore
import Testing

import SamkalkEngine
@testable import SamkalkReports

@Suite struct CSVReportTests {
  func lines(_ bytes: [UInt8]) -> [String] {
    let text = String(decoding: bytes, as: UTF8.self)
    return text.components(separatedBy: "\r\n")
  }

  @Test func headerAndRows() {
    let rows = lines(CSVReport.render(Fixture.result()))
    #expect(
      rows[0]
        == "actor,year,before,after,change,investment,net,cumulative,present_value,first_month,last_month,actor_name,"
        + "after_deadweight,after_attribution,after_displacement,effect,investment_before_uplift"
    )
    #expect(
      rows[1]
        == "individ,1,-1000.00,500.25,1500.25,2000.00,-499.75,-499.75,-482.85,2016-03,2017-02,Individen,1500.25,1500.25,1500.25,1500.25,2000.00"
    )
    #expect(
      rows[2]
        == "individ,2,-1000.00,500.25,1500.25,0.00,1500.25,1000.50,1400.50,2017-03,2018-02,Individen,1500.25,1500.25,1500.25,1500.25,0.00"
    )
    #expect(
      rows[3]
        == "kommun,1,-2000.00,1000.50,3000.50,2000.00,1000.50,1000.50,966.67,2016-03,2017-02,Kommunen,3000.50,3000.50,3000.50,3000.50,2000.00"
    )
    #expect(
      rows[11]
        == "staten,1,-6000.00,3001.50,9001.50,2000.00,7001.50,7001.50,6764.73,2016-03,2017-02,Staten (övrigt),9001.50,9001.50,9001.50,9001.50,2000.00"
    )
    // One row per year for each of the nine perspectives, in Perspective.all order, and a final CRLF.
    #expect(rows.count == 1 + 9 * 2 + 1)
    #expect(rows.last == "")
    let actors = rows.dropFirst().dropLast().map { String($0.prefix { $0 != "," }) }
    #expect(actors == Perspective.all.flatMap { [$0.id, $0.id] })
  }

  @Test func adjustmentStepsFollowTheFirstColumns() {
    let rows = lines(CSVReport.render(Fixture.richResult()))
    // Kommun, year 1: G 3000.50, E = G × 0.8 = 2400.40, I₀ 2000.00, I = 2200.00, net 200.40.
    #expect(
      rows[3]
        == "kommun,1,-2000.00,1000.50,3000.50,2200.00,200.40,200.40,193.62,2016-03,2017-02,Kommunen,"
        + "2400.40,2400.40,2400.40,2400.40,2000.00")
    #expect(CSVReport.renderSubgroups(Fixture.result()) == nil)
  }

  @Test func subgroupFile() throws {
    let rows = lines(try #require(CSVReport.renderSubgroups(Fixture.richResult())))
    #expect(rows[0] == (CSVReport.subgroupColumns).joined(separator: ","))
    #expect(rows[0].hasPrefix("subgroup,sex,age_band,participants,actor,year,before,after,change,investment,net"))
    #expect(
      rows[1]
        == "kvinna/18-29,kvinna,18-29,6,individ,1,-1000.00,500.25,1500.25,2000.00,-499.75,-499.75,-482.85,"
        + "2016-03,2017-02,Individen,1500.25,1500.25,1500.25,1500.25,2000.00")
    // Two subgroups × nine perspectives × two years, and the final CRLF.
    #expect(rows.count == 1 + 2 * 9 * 2 + 1)
    #expect(rows[19].hasPrefix("man/18-29,man,18-29,4,individ,1,"))
  }

  @Test func everyRecordEndsWithCRLF() {
    let bytes = CSVReport.render(Fixture.result())
    #expect(Array(bytes.suffix(2)) == [13, 10])
    let bareLF = zip([0] + bytes, bytes).contains { previous, byte in byte == 10 && previous != 13 }
    #expect(!bareLF)
  }

  @Test func quotesFieldsPerRFC4180() {
    #expect(CSVField.text("plain").encoded == "plain")
    #expect(CSVField.text("a,b").encoded == "\"a,b\"")
    #expect(CSVField.text("säger \"hej\"").encoded == "\"säger \"\"hej\"\"\"")
    #expect(CSVField.text("rad 1\nrad 2").encoded == "\"rad 1\nrad 2\"")
    #expect(CSVField.text("rad 1\r\nrad 2").encoded == "\"rad 1\r\nrad 2\"")
    #expect(CSVField.text("").encoded == "")
  }

  @Test func neutralisesFormulasInTextOnly() {
    #expect(CSVField.text("=SUM(A1:A9)").encoded == "'=SUM(A1:A9)")
    #expect(CSVField.text("+46 54").encoded == "'+46 54")
    #expect(CSVField.text("-x").encoded == "'-x")
    #expect(CSVField.text("@cmd").encoded == "'@cmd")
    #expect(CSVField.text("\tx").encoded == "'\tx")
    #expect(CSVField.text("=a,b").encoded == "\"'=a,b\"")
    #expect(CSVField.text("a=b").encoded == "a=b")
    // Numbers are never touched: a negative amount stays a number.
    #expect(CSVField.number("-1234.50").encoded == "-1234.50")
  }

  @Test func deterministic() {
    #expect(CSVReport.render(Fixture.result()) == CSVReport.render(Fixture.result()))
  }
}

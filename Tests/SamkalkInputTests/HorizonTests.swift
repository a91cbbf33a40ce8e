import SamkalkCore
import SamkalkEngine
import Testing

/// `Scenario.withHorizon(years:)` must give what the file would give had it said the new horizon.
@Suite struct HorizonTests {
  static func text(years: Int) -> String {
    minimalScenario().replacingOccurrences(of: #"<horizon years="3"/>"#, with: #"<horizon years="\#(years)"/>"#)
      .replacingOccurrences(
        of: #"<cost id="budget" label="Budget" amount="100000"/>"#,
        with: """
          <cost id="budget" label="Budget" amount="100000"/>
              <cost id="total" label="Stated total" kind="ongoing" amount="120000"/>
              <cost id="yearly" label="Yearly" kind="ongoing" annualAmount="65000"/>
              <cost id="staff" label="Staff" kind="ongoing" fte="0.5" annualCostPerFte="650001"/>
              <cost id="fixed" label="Fixed months" kind="ongoing" months="6" annualAmount="12000"/>
          """)
  }

  @Test(arguments: [2, 5, 8])
  func aChangedHorizonEqualsEditingTheFile(years: Int) throws {
    let short = try reader().read(bytes: Array(Self.text(years: 3).utf8), file: "t.xml").scenario
    let edited = try reader().read(bytes: Array(Self.text(years: years).utf8), file: "t.xml").scenario
    let changed = short.withHorizon(years: years)
    #expect(changed.horizonYears == years)
    #expect(changed.measure.costs == edited.measure.costs)
    // The stated total stays the total; the yearly amounts follow the months.
    let total = try #require(changed.measure.costs.first { $0.id == "total" })
    #expect(total.amount == Money(kronor: 120_000) && total.months == years * 12 - 12)
    let yearly = try #require(changed.measure.costs.first { $0.id == "yearly" })
    #expect(yearly.amount == Money.rounding(kronor: 65_000 * Double(years * 12 - 12) / 12))
    #expect(changed.measure.costs.first { $0.id == "fixed" }?.months == 6)
  }
}
